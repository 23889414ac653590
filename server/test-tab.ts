import { io as connect, type Socket } from 'socket.io-client';
import { DesignReplica, type ReplicaEvent } from '../lib/design/replica.ts';
import type { LoggedOp } from '../lib/design/design-state.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type CursorPosition,
  type JobEventMessage,
  type JoinAnswer,
  type JobsSnapshot,
  type PresenceState,
  type ServerToClientEvents,
  type SubmitAnswer,
} from '../lib/protocol/messages.ts';

export type TabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A person's tab as the editor runs it (app/d/[id]/use-design-room.ts), for tests with real
 * socket.io clients: a replica fed by the room's broadcasts (with the clientOpId an op from the
 * history carries), its own acks, and a new join (catch-up) whenever it sees a gap.
 */
export class TestTab {
  socket!: TabSocket;
  replica: DesignReplica | null = null;
  /** clientOpId → the version the server acknowledged. */
  readonly acked = new Map<string, number>();
  readonly refused: string[] = [];
  /** Every edit the tab showed as rolled back ("Your edit was undone"). */
  readonly rolledBack: string[] = [];
  /** Edits found saved in the history after their ack was lost. */
  readonly confirmed: string[] = [];
  readonly cursors: CursorPosition[] = [];
  readonly joined: PresenceState[] = [];
  readonly jobEvents: JobEventMessage[] = [];
  participants: PresenceState[] = [];
  /** The jobs the last join listed. */
  jobs: JobsSnapshot | null = null;
  private joining: Promise<JoinAnswer> | null = null;

  constructor(
    private readonly cookie: string,
    private readonly designId: string,
  ) {}

  /** Connects (again, keeping the replica and its pending edits when there is one) and joins. */
  async open(url: string): Promise<void> {
    this.socket = connect(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: this.cookie }, reconnection: false });
    this.socket.on('op:applied', (m) => this.replica && this.handle(this.replica.remote(m.version, m.op, m.clientOpId)));
    this.socket.on('presence:cursors', (m) => this.cursors.push(...m.cursors));
    this.socket.on('presence:joined', (p) => this.joined.push(p));
    this.socket.on('job:event', (e) => this.jobEvents.push(e));
    const answer = await this.join();
    if (!answer.ok) throw new Error(answer.message);
  }

  join(): Promise<JoinAnswer> {
    this.joining ??= new Promise<JoinAnswer>((resolve) =>
      this.socket.emit('design:join', { protocol: PROTOCOL_VERSION, designId: this.designId, sinceVersion: this.replica?.version }, resolve),
    ).then((answer) => {
      this.joining = null;
      if (!answer.ok) return answer;
      this.participants = answer.participants;
      this.jobs = answer.jobs;
      if (answer.catchUp.kind === 'snapshot') {
        const state = { title: answer.catchUp.title, doc: answer.catchUp.doc };
        if (this.replica) this.handle(this.replica.reset(state, answer.catchUp.version));
        else this.replica = new DesignReplica(state, answer.catchUp.version, `${answer.you.id}-${this.socket.id}`);
      } else if (this.replica) {
        for (const applied of answer.catchUp.ops) this.handle(this.replica.remote(applied.version, applied.op, applied.clientOpId));
      }
      return answer;
    });
    return this.joining;
  }

  private handle(events: ReplicaEvent[]): void {
    for (const e of events) {
      if (e.type === 'rolled-back') this.rolledBack.push(e.clientOpId);
      if (e.type === 'confirmed') this.confirmed.push(e.clientOpId);
    }
    if (events.some((e) => e.type === 'gap')) void this.join();
  }

  /** Edits through the replica and waits for the server's answer. */
  edit(op: LoggedOp): Promise<SubmitAnswer> {
    const local = this.replica!.edit(op);
    if (!local.ok) throw new Error(local.message);
    return this.send(local.clientOpId, op);
  }

  /** After a reconnect: edits sent but never answered go out again, in order, marked as resent (as the editor does). */
  resendUnconfirmed(): Promise<SubmitAnswer[]> {
    return Promise.all(this.replica!.unconfirmed.map((p) => this.send(p.clientOpId, p.op, true)));
  }

  private send(clientOpId: string, op: LoggedOp, resent = false): Promise<SubmitAnswer> {
    return new Promise<SubmitAnswer>((resolve) =>
      this.socket.emit('op:submit', { clientOpId, baseVersion: this.replica!.version, op, ...(resent && { resent }) }, (answer: SubmitAnswer) => {
        if (answer.ok) {
          this.acked.set(clientOpId, answer.version);
          this.handle(this.replica!.accepted(clientOpId, answer.version, answer.op));
        } else {
          this.refused.push(answer.message);
          this.handle(this.replica!.refused(clientOpId, answer.message));
        }
        resolve(answer);
      }),
    );
  }

  close(): void {
    this.socket?.disconnect();
  }
}
