import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import type { Participant, Refusal } from '../../lib/protocol/messages.ts';
import {
  InstructorViewport,
  JoinWorkshop,
  RaiseHand,
  WORKSHOP_NAMESPACE,
  WorkshopControl,
  type ControlAnswer,
  type JoinWorkshopAnswer,
  type WorkshopClientEvents,
  type WorkshopLiveState,
  type WorkshopServerEvents,
} from '../../lib/protocol/workshop-messages.ts';
import { FROZEN_MESSAGE, FROZEN_REASON, mayControl, mayRaiseHand, type WorkshopRole } from '../../lib/workshop/controls.ts';
import type { People } from '../access/people.ts';
import type { Logger } from '../logger.ts';
import { RateLimit } from '../rate-limit.ts';
import type { Realtime } from '../realtime.ts';
import type { WorkshopStore } from './workshop-store.ts';
import { issueMessage } from '../../lib/protocol/issue-message.ts';

interface WorkshopSocketData {
  person: Participant;
  workshopId?: string;
  role?: WorkshopRole;
  limits: { joins: RateLimit; controls: RateLimit; hands: RateLimit; viewport: RateLimit };
}
/**
 * What one instance changed of a workshop's live state that the others keep in memory: whether its
 * groups are frozen (read again from the database, with the groups), "follow me" and the broadcast.
 */
const PeerChange = z.object({
  workshopId: z.string().min(1),
  following: z.boolean(),
  broadcast: z.object({ text: z.string(), at: z.string() }).nullable(),
});
type PeerChange = z.infer<typeof PeerChange>;
interface PeerEvents {
  'workshop:changed': (change: PeerChange) => void;
}
type WsNamespace = Namespace<WorkshopClientEvents, WorkshopServerEvents, PeerEvents, WorkshopSocketData>;
type WsSocket = Socket<WorkshopClientEvents, WorkshopServerEvents, PeerEvents, WorkshopSocketData>;

const everyone = (workshopId: string) => `workshop:${workshopId}`;
const refusal = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

/**
 * The workshop channel (socket.io namespace `/workshop`): who may join it
 * (members of the workshop only), the instructor's live controls, and the
 * state every participant sees, pushed on every change. Frozen workshops
 * hold back every edit to their group designs through Realtime's edit hold.
 */
export class WorkshopLive {
  private readonly nsp: WsNamespace;
  /** Group design → its workshop, for every frozen workshop. */
  private frozen = new Map<string, string>();
  private readonly following = new Set<string>();
  private readonly broadcasts = new Map<string, { text: string; at: string }>();

  constructor(
    private readonly realtime: Realtime,
    private readonly store: WorkshopStore,
    people: People,
    private readonly log: Logger,
    /** Several instances share the rooms (a Redis adapter): changes of the live state are told to the others. */
    private readonly shared = false,
  ) {
    this.nsp = realtime.io.of(WORKSHOP_NAMESPACE) as unknown as WsNamespace;
    if (shared) {
      this.nsp.on('workshop:changed', (raw: unknown) => {
        const change = PeerChange.safeParse(raw);
        if (!change.success) return this.log.error({ issue: change.error.issues[0] }, 'bad workshop change from another instance');
        this.applyPeerChange(change.data).catch((err: unknown) => this.log.error({ err }, 'applying a workshop change from another instance failed'));
      });
    }
    this.nsp.use((socket, next) => {
      people.personOf(socket.handshake.headers.cookie).then(
        (person) => {
          socket.data = {
            person,
            limits: { joins: new RateLimit(10, 1), controls: new RateLimit(20, 2), hands: new RateLimit(5, 0.2), viewport: new RateLimit(40, 25) },
          };
          next();
        },
        (err: unknown) => {
          log.error({ err }, 'workshop socket identity failed');
          next(new Error('The server could not tell who you are.'));
        },
      );
    });
    this.nsp.on('connection', (socket) => this.onConnection(socket));
    realtime.editHold = (designId) =>
      this.frozen.has(designId) ? { ...refusal('refused-op', FROZEN_MESSAGE), reason: FROZEN_REASON } : null;
  }

  /** Reads which workshops were frozen when the server last stopped. */
  async start(): Promise<void> {
    this.frozen = await this.store.frozenDesigns();
  }

  /** Whether edits to this design are held back now. */
  isFrozen(designId: string): boolean {
    return this.frozen.has(designId);
  }

  private onConnection(socket: WsSocket): void {
    const answerWith = <A>(handle: (raw: unknown) => Promise<A>, what: string) => (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      handle(raw).then(ack as (a: A) => void, (err: unknown) => {
        this.log.error({ err }, `${what} failed`);
        (ack as (a: Refusal) => void)(refusal('internal', 'The server could not handle this. Nothing was changed.'));
      });
    };
    socket.on('workshop:join', answerWith((raw) => this.join(socket, raw), 'workshop:join'));
    socket.on('workshop:control', answerWith((raw) => this.control(socket, raw), 'workshop:control'));
    socket.on('workshop:raise-hand', answerWith((raw) => this.raiseHand(socket, raw), 'workshop:raise-hand'));
    socket.on('workshop:viewport', (raw) => this.viewport(socket, raw));
  }

  private async join(socket: WsSocket, raw: unknown): Promise<JoinWorkshopAnswer> {
    if (!socket.data.limits.joins.take()) return refusal('rate-limited', 'Too many joins at once: wait a moment.');
    const msg = JoinWorkshop.safeParse(raw);
    if (!msg.success) return refusal('bad-message', issueMessage(msg.error));
    const workshopId = 'workshopId' in msg.data ? msg.data.workshopId : await this.store.workshopOfDesign(msg.data.designId);
    const member = workshopId ? await this.store.memberOf(workshopId, socket.data.person.id) : null;
    // Not a member looks exactly like no workshop.
    if (!workshopId || !member) return refusal('not-found', 'No workshop has this id.');
    if (socket.data.workshopId && socket.data.workshopId !== workshopId) await socket.leave(everyone(socket.data.workshopId));
    socket.data.workshopId = workshopId;
    socket.data.role = member.role;
    await socket.join(everyone(workshopId));
    const state = await this.stateFor(workshopId, member);
    if (!state) return refusal('not-found', 'No workshop has this id.');
    return { ok: true, state, you: { personId: socket.data.person.id, role: member.role, groupId: member.groupId } };
  }

  private async control(socket: WsSocket, raw: unknown): Promise<ControlAnswer> {
    const workshopId = socket.data.workshopId;
    if (!workshopId) return refusal('not-joined', 'Join the workshop first.');
    if (!mayControl(socket.data.role)) return refusal('forbidden', 'Only the instructor may do this.');
    if (!socket.data.limits.controls.take()) return refusal('rate-limited', 'Too many controls at once: wait a moment.');
    const msg = WorkshopControl.safeParse(raw);
    if (!msg.success) return refusal('bad-message', issueMessage(msg.error));
    const c = msg.data;
    switch (c.kind) {
      case 'freeze':
      case 'unfreeze':
        await this.store.setFrozen(workshopId, c.kind === 'freeze');
        await this.refreezeGroups(workshopId, c.kind === 'freeze');
        break;
      case 'follow':
        this.following.add(workshopId);
        break;
      case 'unfollow':
        this.following.delete(workshopId);
        break;
      case 'broadcast':
        this.broadcasts.set(workshopId, { text: c.text, at: new Date().toISOString() });
        break;
      case 'timer':
        await this.store.setTimer(workshopId, { endsAt: new Date(Date.now() + c.seconds * 1000), label: c.label });
        break;
      case 'timer-stop':
        await this.store.setTimer(workshopId, null);
        break;
      case 'spotlight':
      case 'spotlight-end': {
        const done = await this.store.setSpotlight(workshopId, c.kind === 'spotlight' ? c.groupId : null);
        if (!done.ok) return refusal('not-found', done.message);
        for (const designId of done.changed) await this.realtime.refreshAccess(designId);
        break;
      }
      case 'answer':
        if (!(await this.store.help.answer(workshopId, c.requestId))) return refusal('not-found', 'This request is not open.');
        break;
      case 'starter': {
        const replaced = await this.replaceStarter(workshopId, socket.data.person, c.starter);
        if (!replaced.ok) return replaced;
        break;
      }
    }
    if (c.kind === 'freeze' || c.kind === 'unfreeze' || c.kind === 'follow' || c.kind === 'unfollow' || c.kind === 'broadcast') this.tellPeers(workshopId);
    await this.publish(workshopId);
    return { ok: true };
  }

  /** The other instances take in what changed here (their rooms then hold edits back, or not, too). */
  private tellPeers(workshopId: string): void {
    if (!this.shared) return;
    const change: PeerChange = { workshopId, following: this.following.has(workshopId), broadcast: this.broadcasts.get(workshopId) ?? null };
    this.nsp.serverSideEmit('workshop:changed', change);
  }

  private async applyPeerChange(change: PeerChange): Promise<void> {
    if (change.following) this.following.add(change.workshopId);
    else this.following.delete(change.workshopId);
    if (change.broadcast) this.broadcasts.set(change.workshopId, change.broadcast);
    else this.broadcasts.delete(change.workshopId);
    await this.refreezeGroups(change.workshopId, undefined, false);
  }

  private async raiseHand(socket: WsSocket, raw: unknown): Promise<ControlAnswer> {
    const workshopId = socket.data.workshopId;
    if (!workshopId) return refusal('not-joined', 'Join the workshop first.');
    if (!socket.data.limits.hands.take()) return refusal('rate-limited', 'You raised your hand a moment ago: wait a little.');
    const msg = RaiseHand.safeParse(raw);
    if (!msg.success) return refusal('bad-message', issueMessage(msg.error));
    const member = await this.store.memberOf(workshopId, socket.data.person.id);
    if (!member?.groupId || !mayRaiseHand(member)) return refusal('forbidden', 'Only a participant in a group may raise a hand.');
    await this.store.help.raise(workshopId, { groupId: member.groupId, displayName: member.displayName }, msg.data.note);
    await this.publish(workshopId);
    return { ok: true };
  }

  /** The instructor's view, passed on to everyone while "follow me" is on. */
  private viewport(socket: WsSocket, raw: unknown): void {
    const workshopId = socket.data.workshopId;
    if (!workshopId || !mayControl(socket.data.role) || !this.following.has(workshopId)) return;
    if (!socket.data.limits.viewport.take()) return;
    const msg = InstructorViewport.safeParse(raw);
    if (msg.success) socket.volatile.to(everyone(workshopId)).emit('workshop:viewport', msg.data);
  }

  /** Tells everyone in the workshop its state now (the help queue as each may see it). */
  async publish(workshopId: string): Promise<void> {
    const sockets = await this.nsp.in(everyone(workshopId)).fetchSockets();
    const groups = await this.store.memberGroups(workshopId);
    const base = await this.stateFor(workshopId, { role: 'instructor', groupId: null });
    if (!base) return;
    for (const s of sockets) {
      const instructor = s.data.role === 'instructor';
      const groupId = groups.get(s.data.person.id) ?? null;
      s.emit('workshop:state', instructor ? base : { ...base, helpQueue: base.helpQueue.filter((h) => h.groupId === groupId) });
    }
  }

  private async stateFor(workshopId: string, member: { role: WorkshopRole; groupId: string | null }): Promise<WorkshopLiveState | null> {
    const w = await this.store.settings(workshopId);
    if (!w) return null;
    const queue = await this.store.help.open(workshopId);
    const groups = w.spotlightGroupId ? await this.store.groups(workshopId) : [];
    const spot = groups.find((g) => g.id === w.spotlightGroupId);
    return {
      workshopId,
      title: w.title,
      frozen: w.frozen,
      following: this.following.has(workshopId),
      timer: w.timerEndsAt ? { endsAt: w.timerEndsAt.toISOString(), label: w.timerLabel ?? '' } : null,
      spotlight: spot ? { groupId: spot.id, groupName: spot.name, designId: spot.designId } : null,
      broadcast: this.broadcasts.get(workshopId) ?? null,
      helpQueue: member.role === 'instructor' ? queue : queue.filter((h) => h.groupId === member.groupId),
    };
  }

  /**
   * Keeps the frozen set in step with the workshop's groups (new groups of a frozen workshop start
   * frozen), on every instance.
   */
  async refreezeGroups(workshopId: string, frozen?: boolean, tell = true): Promise<void> {
    const isFrozen = frozen ?? (await this.store.settings(workshopId))?.frozen ?? false;
    for (const g of await this.store.groups(workshopId)) {
      if (isFrozen) this.frozen.set(g.designId, workshopId);
      else this.frozen.delete(g.designId);
    }
    if (tell && frozen === undefined) this.tellPeers(workshopId);
  }

  /**
   * A new starter for every group: one restore edit in each room, through the
   * room's op pipeline (in its history, undoable), made by the instructor.
   */
  private async replaceStarter(workshopId: string, instructor: Participant, starter: Parameters<WorkshopStore['starterState']>[0]): Promise<ControlAnswer> {
    const w = await this.store.settings(workshopId);
    if (!w) return refusal('not-found', 'No workshop has this id.');
    const resolved = await this.store.starterState(starter, w.instructorId, w.title);
    if (!resolved.ok) return refusal('bad-message', resolved.message);
    for (const group of await this.store.groups(workshopId)) {
      const room = await this.realtime.rooms.room(group.designId);
      if (!room) continue;
      const op = { type: 'restoreVersion', fromVersion: -1, title: room.current.state.title, doc: resolved.state.doc };
      const answer = await room.submit(instructor, `workshop-${randomUUID()}`, op);
      if (!answer.ok) this.log.warn({ designId: group.designId, code: answer.code }, 'starter not applied');
      await this.realtime.rooms.release(group.designId);
    }
    return { ok: true };
  }
}
