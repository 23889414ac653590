import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  CursorMove,
  JoinDesign,
  SelectionChange,
  SubmitOp,
  ViewportChange,
  type ClientToServerEvents,
  type CursorPosition,
  type DiagnosticsMessage,
  type JoinAnswer,
  type StartJobAnswer,
  type CancelJobAnswer,
  type AppliedOp,
  type Participant,
  type Refusal,
  type ServerToClientEvents,
  type SubmitAnswer,
} from '../lib/protocol/messages.ts';
import { CorruptDesign } from './design-store.ts';
import { can, type Role } from '../lib/protocol/access.ts';
import type { DesignAccess } from './access/design-access.ts';
import type { People } from './access/people.ts';
import { socketAction } from './access/socket-actions.ts';
import type { Logger } from './logger.ts';
import type { DesignRoom } from './rooms/design-room.ts';
import { RoomHub } from './rooms/room-hub.ts';
import type { DesignStore } from './design-store.ts';
import type { JobRunner } from './jobs/index.ts';
import { RoomJobs } from './room-jobs.ts';
import type { RunStore } from './run-store.ts';
import { connectionLimits, MAX_SOCKET_MESSAGE_BYTES, type ConnectionLimits } from './rate-limit.ts';
import type { OriginPolicy } from './origin-check.ts';
import type { RedisCluster } from './cluster/redis-cluster.ts';
import { issueMessage } from '../lib/protocol/issue-message.ts';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
interface SocketData {
  person: Participant;
  designId?: string;
  /** The role on the joined design, kept current when access changes (refreshAccess). */
  role?: Role;
  lastCursorAt: number;
  lastViewportAt: number;
  limits: ConnectionLimits;
  /** Kept here too, so that other instances can read them (RedisCluster.participants). */
  selection?: string[];
  viewport?: { x: number; y: number; zoom: number };
}

const roomOf = (designId: string) => `design:${designId}`;
// Cursor and viewport traffic is capped per connection; extra moves are dropped, never queued.
const PRESENCE_MIN_INTERVAL_MS = 40;
const CURSOR_BATCH_MS = 100;
const DIAGNOSTICS_BATCH_MS = 100;

/** The socket.io binding: parses every message, then hands it to a design room. */
export class Realtime {
  readonly io: IoServer;
  readonly rooms: RoomHub;
  private readonly jobs: RoomJobs | null;
  private readonly cursorBatches = new Map<string, Map<string, CursorPosition>>();
  private readonly pendingDiagnostics = new Map<string, DiagnosticsMessage>();
  /** Set by whoever may hold edits back (a frozen workshop): the refusal for an edit to this design, or null. */
  editHold: ((designId: string) => Refusal | null) | null = null;

  constructor(
    http: HttpServer,
    store: DesignStore,
    private readonly people: People,
    private readonly access: Pick<DesignAccess, 'roleOf'>,
    private readonly log: Logger,
    runner: JobRunner | null = null,
    runs: RunStore | null = null,
    origins: OriginPolicy | null = null,
    private readonly cluster: RedisCluster | null = null,
  ) {
    // destroyUpgrade: false leaves other upgrades (Next's dev HMR) to Next.
    this.io = new Server(http, {
      path: '/socket.io',
      destroyUpgrade: false,
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      // A page of another site may not open a socket with its visitor's cookie (cross-site WebSocket hijacking).
      allowRequest: (req, callback) => callback(null, !origins || origins.allows(req.headers)),
    });
    this.rooms = new RoomHub(store, (designId) => ({
      // Each instance tells its own clients (the room gives every version once, in order); other
      // instances hear of an op from `accepted` and tell theirs.
      applied: (msg, origin) => this.io.local.to(roomOf(designId)).except(origin ?? []).emit('op:applied', msg),
      diagnostics: (msg) => this.queueDiagnostics(msg),
      ...(cluster && { accepted: (msg: AppliedOp) => cluster.announce(msg) }),
    }), { shared: cluster !== null });
    cluster?.attach(this.io as unknown as Server, this.rooms, store);
    this.io.use((socket, next) => {
      this.people.personOf(socket.handshake.headers.cookie).then(
        (person) => {
          socket.data = { person, lastCursorAt: 0, lastViewportAt: 0, limits: connectionLimits() };
          next();
        },
        (err: unknown) => {
          this.log.error({ err }, 'socket identity failed');
          next(new Error('The server could not tell who you are.'));
        },
      );
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.jobs = runner && new RoomJobs(runner, runs, (designId, msg) => this.io.to(roomOf(designId)).emit('job:event', msg), log);
  }

  /**
   * Diagnostics go out at most once per interval per room, the latest version only: during a
   * burst of edits nobody needs the ones already superseded (each names the version it describes).
   */
  private queueDiagnostics(msg: DiagnosticsMessage): void {
    const first = !this.pendingDiagnostics.has(msg.designId);
    this.pendingDiagnostics.set(msg.designId, msg);
    if (!first) return;
    setTimeout(() => {
      const latest = this.pendingDiagnostics.get(msg.designId);
      this.pendingDiagnostics.delete(msg.designId);
      // Every instance with people in the room diagnoses the same versions itself.
      if (latest) this.io.local.to(roomOf(msg.designId)).emit('design:diagnostics', latest);
    }, DIAGNOSTICS_BATCH_MS).unref();
  }

  private onConnection(socket: IoSocket): void {
    const dropped = (what: string) => (err: unknown) => this.log.error({ err }, `${what} failed`);
    // Every message passes the access check first, in this one place; joining checks the role itself.
    const withAck = <A>(event: 'op:submit' | 'job:start' | 'job:cancel', handle: (raw: unknown) => Promise<A>, fail: (err: unknown) => A) =>
      (socket as unknown as UntypedSocket).on(event, (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const answer = ack as (answer: A | Refusal) => void;
        const forbidden = this.forbidden(socket, event, raw);
        if (forbidden) return answer(forbidden);
        handle(raw).then(answer, (err: unknown) => answer(fail(err)));
      });
    const volatile = (event: 'presence:cursor' | 'presence:selection' | 'presence:viewport', handle: (raw: unknown) => unknown) =>
      socket.on(event, (raw: unknown) => {
        if (!this.forbidden(socket, event, raw)) void Promise.resolve(handle(raw)).catch(dropped(event));
      });

    socket.on('design:join', (raw, ack) => {
      if (typeof ack !== 'function') return;
      this.join(socket, raw).then(ack, (err: unknown) => ack(this.internal(err, 'design:join')));
    });
    withAck('op:submit', (raw) => this.submit(socket, raw), (err) => this.internal(err, 'op:submit'));
    withAck('job:start', (raw) => this.startJob(socket, raw), (err) => this.internal(err, 'job:start'));
    withAck('job:cancel', (raw) => this.cancelJob(socket, raw), (err) => this.internal(err, 'job:cancel'));
    volatile('presence:cursor', (raw) => this.cursor(socket, raw));
    volatile('presence:selection', (raw) => this.selection(socket, raw));
    volatile('presence:viewport', (raw) => this.viewport(socket, raw));
    socket.on('disconnect', () => void this.leave(socket).catch(dropped('leave')));
  }

  /** The refusal for a message the person's role on their design does not allow, or null. */
  private forbidden(socket: IoSocket, event: 'op:submit' | 'job:start' | 'job:cancel' | `presence:${string}`, raw: unknown): Refusal | null {
    // Not in a room: the handler answers "not joined".
    if (!socket.data.designId) return null;
    const role = socket.data.role ?? null;
    const action = socketAction(event as Parameters<typeof socketAction>[0], raw);
    if (can(role, action)) return null;
    const clientOpId = event === 'op:submit' && typeof raw === 'object' && raw !== null ? (raw as { clientOpId?: unknown }).clientOpId : undefined;
    return {
      ...refusal('forbidden', `You are ${role ? `a ${role}` : 'not a member'} of this design: you may not ${ACTION_WORDS[action] ?? action}.`),
      reason: 'forbidden',
      ...(typeof clientOpId === 'string' ? { clientOpId } : {}),
    };
  }

  /** Closes every connection of a person (their session was signed out): each reconnects as whoever its cookies now say. */
  disconnectPerson(personId: string): void {
    for (const socket of this.io.sockets.sockets.values()) if (socket.data.person?.id === personId) socket.disconnect(true);
  }

  /**
   * Re-reads the role of everyone connected to a design (after a link was revoked): whoever lost
   * access is told and leaves the room at once; whoever kept a weaker role is told it.
   */

  async refreshAccess(designId: string): Promise<void> {
    const here = [...this.io.sockets.sockets.values()].filter((s) => s.data.designId === designId);
    await Promise.all(
      here.map(async (socket) => {
        const role = await this.access.roleOf(socket.data.person.id, designId);
        if (role === socket.data.role) return;
        if (!role) await this.leave(socket);
        else socket.data.role = role;
        socket.emit('access:changed', { designId, role });
      }),
    );
  }

  private async join(socket: IoSocket, raw: unknown): Promise<JoinAnswer> {
    if (!socket.data.limits.joins.take()) return refusal('rate-limited', 'Too many designs opened at once: wait a moment.');
    const msg = JoinDesign.safeParse(raw);
    if (!msg.success) {
      return msg.error.issues.some((i) => i.path[0] === 'protocol')
        ? refusal('protocol-mismatch', 'This page is out of date: reload it.')
        : refusal('bad-message', issueMessage(msg.error));
    }
    const role = await this.access.roleOf(socket.data.person.id, msg.data.designId);
    const room = can(role, 'join') ? await this.rooms.room(msg.data.designId) : null;
    // No access looks exactly like no design.
    if (!room || !role) return refusal('not-found', 'No design has this id.');
    if (socket.data.designId && socket.data.designId !== room.designId) await this.leave(socket);
    const person = socket.data.person;
    const rejoining = socket.data.designId === room.designId;
    // In the room before the catch-up is read: an edit landing in between then arrives twice
    // (broadcast and catch-up), which the client ignores, rather than not at all.
    if (!rejoining) await socket.join(roomOf(room.designId));
    const catchUp = await room.catchUp(msg.data.sinceVersion);
    socket.data.role = role;
    if (!rejoining) {
      socket.data.designId = room.designId;
      if (room.arrive(person)) {
        const me = room.participants.find((p) => p.id === person.id);
        if (me) socket.to(roomOf(room.designId)).emit('presence:joined', me);
      }
    }
    const { version, state } = room.current;
    return {
      ok: true,
      designId: room.designId,
      you: person,
      role,
      version,
      title: state.title,
      catchUp,
      diagnostics: room.diagnostics,
      participants: this.cluster ? await this.cluster.participants(roomOf(room.designId), room.participants) : room.participants,
      jobs: this.jobs ? await this.jobs.snapshot(room.designId) : { active: [], latest: {} },
    };
  }

  private async startJob(socket: IoSocket, raw: unknown): Promise<StartJobAnswer> {
    const room = await this.joinedRoom(socket);
    if (!room) return refusal('not-joined', 'Join the design before running it.');
    if (!this.jobs) return refusal('job-refused', 'This server runs no jobs.');
    if (!socket.data.limits.jobs.take()) return refusal('rate-limited', 'Too many runs started or cancelled at once: wait a moment.');
    return this.jobs.start(room, socket.data.person, raw);
  }

  private async cancelJob(socket: IoSocket, raw: unknown): Promise<CancelJobAnswer> {
    const designId = socket.data.designId;
    if (!designId) return refusal('not-joined', 'Join the design before cancelling its jobs.');
    if (!this.jobs) return refusal('job-refused', 'This server runs no jobs.');
    if (!socket.data.limits.jobs.take()) return refusal('rate-limited', 'Too many runs started or cancelled at once: wait a moment.');
    return this.jobs.cancel(designId, socket.data.person, raw);
  }

  private async submit(socket: IoSocket, raw: unknown): Promise<SubmitAnswer> {
    const msg = SubmitOp.safeParse(raw);
    if (!msg.success) return refusal('bad-message', issueMessage(msg.error));
    const room = await this.joinedRoom(socket);
    if (!room) return { ...refusal('not-joined', 'Join the design before editing it.'), clientOpId: msg.data.clientOpId };
    const held = this.editHold?.(room.designId);
    if (held) return { ...held, clientOpId: msg.data.clientOpId };
    if (!socket.data.limits.ops.take()) {
      return { ...refusal('rate-limited', 'Too many edits at once: slow down a little.'), clientOpId: msg.data.clientOpId };
    }
    return room.submit(socket.data.person, msg.data.clientOpId, msg.data.op, socket.id, msg.data.resent);
  }

  private cursor(socket: IoSocket, raw: unknown): void {
    const now = Date.now();
    const designId = socket.data.designId;
    if (!socket.data.limits.presence.take()) return;
    if (now - socket.data.lastCursorAt < PRESENCE_MIN_INTERVAL_MS || !designId) return;
    const msg = CursorMove.safeParse(raw);
    if (!msg.success) return;
    socket.data.lastCursorAt = now;
    const id = socket.data.person.id;
    // Batched per room: each client gets one message per interval however many people move,
    // instead of one per mover (30 people at 10 Hz would otherwise be 300 messages a second each).
    let batch = this.cursorBatches.get(designId);
    if (!batch) {
      batch = new Map();
      this.cursorBatches.set(designId, batch);
      setTimeout(() => this.flushCursors(designId), CURSOR_BATCH_MS).unref();
    }
    batch.set(id, msg.data ? { id, ...msg.data } : { id, gone: true });
  }

  private flushCursors(designId: string): void {
    const batch = this.cursorBatches.get(designId);
    this.cursorBatches.delete(designId);
    if (batch?.size) this.io.volatile.to(roomOf(designId)).emit('presence:cursors', { cursors: [...batch.values()] });
  }

  private async selection(socket: IoSocket, raw: unknown): Promise<void> {
    if (!socket.data.limits.presence.take()) return;
    const msg = SelectionChange.safeParse(raw);
    const room = msg.success ? await this.joinedRoom(socket) : null;
    if (!room || !msg.success) return;
    room.setSelection(socket.data.person.id, msg.data.nodeIds);
    socket.data.selection = msg.data.nodeIds;
    socket.to(roomOf(room.designId)).emit('presence:selection', { id: socket.data.person.id, nodeIds: msg.data.nodeIds });
  }

  private async viewport(socket: IoSocket, raw: unknown): Promise<void> {
    const now = Date.now();
    if (!socket.data.limits.presence.take() || now - socket.data.lastViewportAt < PRESENCE_MIN_INTERVAL_MS) return;
    const msg = ViewportChange.safeParse(raw);
    const room = msg.success ? await this.joinedRoom(socket) : null;
    if (!room || !msg.success) return;
    socket.data.lastViewportAt = now;
    room.setViewport(socket.data.person.id, msg.data);
    socket.data.viewport = msg.data;
    socket.volatile.to(roomOf(room.designId)).emit('presence:viewport', { id: socket.data.person.id, ...msg.data });
  }

  private async leave(socket: IoSocket): Promise<void> {
    const designId = socket.data.designId;
    if (!designId) return;
    socket.data.designId = undefined;
    await socket.leave(roomOf(designId));
    const room = await this.rooms.room(designId).catch(() => null);
    if (room?.leave(socket.data.person.id)) {
      // With several instances the person may still be here through another one.
      if (!(await this.cluster?.stillThere(roomOf(designId), socket.data.person.id))) {
        this.io.to(roomOf(designId)).emit('presence:left', { id: socket.data.person.id });
      }
      await this.rooms.release(designId);
    }
  }

  private async joinedRoom(socket: IoSocket): Promise<DesignRoom | null> {
    return socket.data.designId ? this.rooms.room(socket.data.designId) : null;
  }

  private internal(err: unknown, what: string): Refusal {
    if (err instanceof CorruptDesign) {
      this.log.error({ err }, `${what}: corrupt design`);
      return refusal('internal', 'This design could not be read. Nothing was changed.');
    }
    this.log.error({ err }, `${what} failed`);
    return refusal('internal', 'The server could not handle this. Nothing was changed.');
  }

  async close(): Promise<void> {
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}

// The answers differ per event; the wrapper only passes them through.
type UntypedSocket = { on(event: string, listener: (raw: unknown, ack: unknown) => void): void };

const ACTION_WORDS: Partial<Record<string, string>> = {
  edit: 'edit it',
  comment: 'comment on it',
  run: 'run it',
  train: 'train it',
  cancel: 'cancel its jobs',
  presence: 'share your cursor here',
};

function refusal(code: Refusal['code'], message: string): Refusal {
  return { ok: false, code, message };
}
