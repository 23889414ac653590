import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import { z } from 'zod';
import type { AppliedOp, PresenceState } from '../../lib/protocol/messages.ts';
import type { DesignStore } from '../design-store.ts';
import type { Logger } from '../logger.ts';
import type { RoomHub } from '../rooms/room-hub.ts';

/** The server-to-server event that tells other instances of an op accepted here. */
const OP_EVENT = 'multihead:op-accepted';
/**
 * How often who is in each design is read again, so people of an instance that died are seen to
 * leave, and each open room compares its version with the database's (an op announcement lost).
 */
export const PRESENCE_SWEEP_MS = 5_000;
const DESIGN_ROOM = /^design:/;

const RemoteOp = z.object({
  designId: z.string().min(1),
  version: z.int().min(1),
  op: z.unknown(),
  author: z.object({ id: z.string(), name: z.string() }),
  clientOpId: z.string().min(1).max(64).optional(),
});

/** What the cluster needs to read from a connection's socket.data (local or on another instance). */
interface PresenceData {
  person?: { id: string; name: string; colour: string };
  selection?: string[];
  viewport?: PresenceState['viewport'];
}

// The server's own event maps are narrower; the cluster only uses server-side events and room reads.
type AnyServer = Server;

/** RESP2: what socket.io's adapter reads its pub/sub messages in. */
const redisClient = (url: string) => createClient({ url, RESP: 2 });
type RedisClient = ReturnType<typeof redisClient>;

/**
 * Several server instances serving the same designs, through one Redis:
 * - socket.io's Redis adapter carries the room broadcasts (presence, cursors, jobs) to the
 *   clients of every instance;
 * - an op accepted here is announced to the other instances (server-side emit), whose open room
 *   of that design applies it in order, or reads the database on a gap (DesignRoom.remoteApplied),
 *   and tells its own clients: ops and diagnostics go to each instance's clients from its room;
 * - every PRESENCE_SWEEP_MS each open room checks its version against the database's (sync);
 * - who is in a design is asked of the connections themselves (fetchSockets across instances),
 *   so an instance that dies takes its people with it instead of leaving stale entries behind.
 */
export class RedisCluster {
  private io: AnyServer | null = null;
  private closing = false;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  /** Per socket.io room with people here: who was in it (on any instance) at the last sweep. */
  private readonly seen = new Map<string, Set<string>>();
  /** Questions to the other instances still out: closing waits for them (the adapter publishes without catching). */
  private readonly asking = new Set<Promise<unknown>>();

  private constructor(
    private readonly pub: RedisClient,
    private readonly sub: RedisClient,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, log: Logger): Promise<RedisCluster> {
    const pub = redisClient(url);
    const sub = redisClient(url);
    for (const client of [pub, sub]) client.on('error', (err: unknown) => log.error({ err }, 'redis connection failed'));
    await Promise.all([pub.connect(), sub.connect()]);
    return new RedisCluster(pub, sub, log);
  }

  /** Installs the adapter on `io` and applies other instances' ops to the rooms open here. */
  attach(io: AnyServer, rooms: RoomHub, store: DesignStore): void {
    this.io = io;
    // A request to an instance that has just died fails after this, instead of holding up a join.
    io.adapter(createAdapter(this.pub, this.sub, { requestsTimeout: 2000 }));
    io.on(OP_EVENT, (raw: unknown) => {
      const msg = RemoteOp.safeParse(raw);
      if (!msg.success) return this.log.error({ issue: msg.error.issues[0] }, 'bad op announcement from another instance');
      const room = rooms.open(msg.data.designId);
      if (!room) return;
      room
        .then((r) => r?.remoteApplied(msg.data))
        .catch((err: unknown) => this.log.error({ err, designId: msg.data.designId }, 'applying an op from another instance failed'));
    });
    this.sweeper = setInterval(() => {
      void this.sweep(io);
      void this.syncRooms(rooms, store);
    }, PRESENCE_SWEEP_MS);
    this.sweeper.unref();
  }

  /**
   * An instance that dies says goodbye for nobody: every instance reads who is in each design
   * its own people are in, and tells them (only them) of anyone who vanished since last time.
   */
  private async sweep(io: AnyServer): Promise<void> {
    const local = [...io.of('/').adapter.rooms.keys()].filter((r) => DESIGN_ROOM.test(r));
    for (const room of this.seen.keys()) if (!local.includes(room)) this.seen.delete(room);
    for (const room of local) {
      if (this.closing) return;
      let sockets;
      try {
        sockets = await this.ask(io, room);
      } catch {
        continue; // an instance did not answer in time: judge next time
      }
      const now = new Set(sockets.flatMap((s) => ((s.data as PresenceData).person ? [(s.data as PresenceData).person!.id] : [])));
      for (const id of this.seen.get(room) ?? []) if (!now.has(id)) io.local.to(room).emit('presence:left', { id });
      this.seen.set(room, now);
    }
  }

  /** Every open room catches up when the database is ahead of it (it missed an announcement): one query for all. */
  private async syncRooms(rooms: RoomHub, store: DesignStore): Promise<void> {
    const open = await rooms.opened();
    let latest: Map<string, number>;
    try {
      latest = await store.latestVersions(open.map((r) => r.designId));
    } catch (err) {
      return this.log.error({ err }, 'reading the open designs’ versions failed');
    }
    for (const room of open) {
      if (this.closing) return;
      const version = latest.get(room.designId);
      if (version !== undefined) await room.sync(version).catch((err: unknown) => this.log.error({ err, designId: room.designId }, 'catching a room up failed'));
    }
  }

  /** Tells the other instances of an op this one accepted (after it is stored and told to this instance's clients). */
  announce(msg: AppliedOp): void {
    const { designId, version, op, author, clientOpId } = msg;
    if (!this.closing) this.io?.serverSideEmit(OP_EVENT, { designId, version, op, author: { id: author.id, name: author.name }, clientOpId });
  }

  /**
   * Everyone connected to the socket.io room on any instance, one entry per person (a person's
   * selection and viewport are those of their latest connection). Falls back to `local` when
   * an instance does not answer in time.
   */
  async participants(room: string, local: PresenceState[]): Promise<PresenceState[]> {
    if (!this.io || this.closing) return local;
    try {
      const sockets = await this.ask(this.io, room);
      const people = new Map<string, PresenceState>(local.map((p) => [p.id, p]));
      for (const s of sockets) {
        const data = s.data as PresenceData;
        if (!data.person || people.has(data.person.id)) continue;
        const { id, name, colour } = data.person;
        people.set(id, { id, name, colour, selection: data.selection ?? [], viewport: data.viewport ?? null });
      }
      return [...people.values()];
    } catch (err) {
      this.log.warn({ err }, 'another instance did not say who is in a design');
      return local;
    }
  }

  /** Whether `personId` still has a connection in the socket.io room on any instance. */
  async stillThere(room: string, personId: string): Promise<boolean> {
    if (!this.io || this.closing) return false;
    try {
      const sockets = await this.ask(this.io, room);
      return sockets.some((s) => (s.data as PresenceData).person?.id === personId);
    } catch {
      return false;
    }
  }

  private ask(io: AnyServer, room: string) {
    const question = io.in(room).fetchSockets();
    this.asking.add(question);
    void question.finally(() => this.asking.delete(question)).catch(() => undefined);
    return question;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.sweeper);
    await Promise.allSettled(this.asking);
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
