import { authorCommentOp, RemovedComments } from '../../lib/design/comment-authorship.ts';
import { applyLoggedOp, parseLoggedOp, type DesignState, type LoggedOp } from '../../lib/design/design-state.ts';
import type { OpRefusal } from '../../lib/design/ops/index.ts';
import { validateDesign } from '../../lib/design/validate.ts';
import { participantColour } from '../../lib/protocol/participant.ts';
import type {
  AppliedOp,
  CatchUp,
  DiagnosticsMessage,
  Participant,
  PresenceState,
  SubmitAnswer,
} from '../../lib/protocol/messages.ts';
import { DuplicateClientOp, VersionConflict, type DesignStore, type StoredOp } from '../design-store.ts';

/** A reconnecting client further behind than this gets a snapshot instead of the ops. */
export const MAX_CATCH_UP_OPS = 500;
/** Ops a room remembers by clientOpId, so that an edit resent soon after needs no database read. */
const RECENT_CLIENT_OPS = 1000;

/** An op as stored under the clientOpId its author sent it with. */
interface KnownOp {
  version: number;
  op: LoggedOp;
  authorId: string;
}

/** Where a room's news goes (socket.io in the server, arrays in tests). */
export interface RoomSink {
  /**
   * An op for this process's own clients. Every version the room reaches passes here once, in
   * order — its own edits, ops other instances announced and ops read back from the database —
   * so the clients of each instance see one gapless sequence. `origin` is the opaque tag the
   * author's submit carried (its connection), so it can be skipped: it learns from the ack.
   */
  applied(msg: AppliedOp, origin?: string): void;
  diagnostics(msg: DiagnosticsMessage): void;
  /** An op this room accepted itself (not one read back or announced): other instances learn of it from here. */
  accepted?(msg: AppliedOp): void;
}

/** How a room shares its design with other server instances (see server/cluster/). */
export interface RoomOptions {
  /**
   * Other processes accept ops for this design too: a joining client's catch-up first reads
   * what they stored, and ops they announce are applied (and told to our clients) in order (remoteApplied).
   */
  shared?: boolean;
}

/**
 * One design being edited: the state at the latest version, who is here, and
 * the one path every edit takes — check, number, store, then announce.
 * Edits are handled one at a time, so versions are given out in order; the
 * database still has the last word when another process shares it.
 */
export class DesignRoom {
  private state: DesignState;
  private version: number;
  private lastDiagnostics: DiagnosticsMessage;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly people = new Map<string, PresenceState & { connections: number }>();
  private readonly removedComments = new RemovedComments();
  /** clientOpId → the op stored under it, the most recent ones (insertion order, oldest first). */
  private readonly recent = new Map<string, KnownOp>();

  constructor(
    readonly designId: string,
    initial: { state: DesignState; version: number },
    private readonly store: DesignStore,
    private readonly sink: RoomSink,
    private readonly options: RoomOptions = {},
  ) {
    this.state = initial.state;
    this.version = initial.version;
    this.lastDiagnostics = this.diagnose();
  }

  get current(): { version: number; state: DesignState } {
    return { version: this.version, state: this.state };
  }

  get diagnostics(): DiagnosticsMessage {
    return this.lastDiagnostics;
  }

  /**
   * Checks, stores and announces one edit; the answer goes back to its author. A `resent` edit
   * (its author never heard back) that is stored already is answered with its version instead.
   */
  submit(author: Participant, clientOpId: string, rawOp: unknown, origin?: string, resent = false): Promise<SubmitAnswer> {
    const run = this.queue.then(() => this.submitNow(author, clientOpId, rawOp, origin, resent));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async submitNow(author: Participant, clientOpId: string, rawOp: unknown, origin: string | undefined, resent: boolean): Promise<SubmitAnswer> {
    const parsed = parseLoggedOp(rawOp);
    if (!parsed.ok) return refused(clientOpId, parsed);
    // Only a resend is looked up, so that ordinary edits pay nothing; the unique (design,
    // clientOpId) in the database catches the rest.
    if (resent) {
      const known = await this.storedUnder(clientOpId);
      if (known) return answerStored(author, clientOpId, known);
    }
    const now = new Date().toISOString();
    // What prepare decided: the op to store and its state, or the answer when it stores nothing.
    const outcome: { op?: LoggedOp; next?: DesignState; answer?: SubmitAnswer } = {};
    let stored;
    try {
      stored = await this.store.appendRebased({
        designId: this.designId,
        knownVersion: this.version,
        author: { id: author.id, name: author.name },
        clientOpId,
        // Called again, with what another instance stored first, when this room was behind:
        // those ops are applied and told to our clients first, and the edit is checked again on them.
        prepare: (missed) => {
          this.applyStored(missed);
          // What was missed may hold this very edit, stored by another instance it reached first.
          const known = missed.length > 0 ? this.recent.get(clientOpId) : undefined;
          if (known) return (outcome.answer = answerStored(author, clientOpId, known)), null;
          // Who wrote a comment, and when, is the server's to say.
          const authored = authorCommentOp(this.state.doc, parsed.op, author, now, this.removedComments);
          if (!authored.ok) return (outcome.answer = refused(clientOpId, authored)), null;
          const result = applyLoggedOp(this.state, authored.op);
          if (!result.ok) return (outcome.answer = refused(clientOpId, result)), null;
          outcome.op = authored.op;
          outcome.next = result.state;
          return { op: authored.op, next: result.state };
        },
      });
    } catch (err) {
      if (err instanceof DuplicateClientOp) {
        const known = await this.storedUnder(clientOpId);
        if (known) return answerStored(author, clientOpId, known);
      }
      if (err instanceof VersionConflict) {
        return { ok: false, code: 'conflict', message: 'The design is busy: your edit was not saved, try again.', clientOpId };
      }
      throw err;
    }
    if (!stored) return outcome.answer!;
    const op = outcome.op!;
    const { version } = stored;
    this.removedComments.note(this.state.doc, op);
    this.state = outcome.next!;
    this.version = version;
    this.remember(clientOpId, { version, op, authorId: author.id });
    const applied = { designId: this.designId, version, op, author: strip(author), clientOpId };
    this.sink.applied(applied, origin);
    this.sink.accepted?.(applied);
    this.lastDiagnostics = this.diagnose();
    this.sink.diagnostics(this.lastDiagnostics);
    // The author's copy applies the op as stored, when the server filled some of it in.
    return op === parsed.op ? { ok: true, clientOpId, version } : { ok: true, clientOpId, version, op };
  }

  /**
   * Another instance accepted `msg` (announced through Redis): applied here in order and told
   * to this instance's clients. One that skips versions (an announcement lost or overtaken) is
   * read from the database instead; one already applied (read back after a lost race) is ignored,
   * so no op is missed or told twice.
   */
  remoteApplied(msg: { version: number; op: unknown; author: { id: string; name: string }; clientOpId?: string }): Promise<void> {
    const run = this.queue.then(async () => {
      if (msg.version <= this.version) return;
      const parsed = msg.version === this.version + 1 ? parseLoggedOp(msg.op) : null;
      if (parsed?.ok) {
        try {
          return this.applyStored([{ version: msg.version, op: parsed.op, author: msg.author, ...withClientOpId(msg) }]);
        } catch {
          // It does not apply here: what the database holds decides.
        }
      }
      await this.reload();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Catches up when the database holds a later version than this room (`latest`, read for every
   * open room at once): another instance stored ops this room never heard of, their announcement
   * lost on the way (Redis pub/sub delivers at most once) with no later one to reveal the gap.
   */
  sync(latest: number): Promise<void> {
    const run = this.queue.then(async () => {
      if (latest > this.version) await this.reload();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Another process wrote: catch up from the database. */
  private async reload(): Promise<void> {
    for (;;) {
      const missed = await this.store.opsSince(this.designId, this.version);
      if (missed.length === 0) return;
      this.applyStored(missed);
    }
  }

  /**
   * Ops other writers stored after this room's version, in order: applied, remembered and told
   * to this instance's clients (with the author's clientOpId, so an author whose ack was lost
   * recognises its own edit).
   */
  private applyStored(ops: Array<Omit<StoredOp, 'createdAt'>>): void {
    if (ops.length === 0) return;
    for (const entry of ops) {
      if (entry.version !== this.version + 1) throw new Error(`design ${this.designId}: stored op ${entry.version} follows version ${this.version}`);
      const result = applyLoggedOp(this.state, entry.op);
      if (!result.ok) throw new Error(`design ${this.designId}: stored op ${entry.version} does not apply: ${result.message}`);
      this.removedComments.note(this.state.doc, entry.op);
      this.state = result.state;
      this.version = entry.version;
      this.remember(entry.clientOpId, { version: entry.version, op: entry.op, authorId: entry.author.id });
      this.sink.applied({ designId: this.designId, version: entry.version, op: entry.op, author: withColour(entry.author), ...withClientOpId(entry) });
    }
    this.lastDiagnostics = this.diagnose();
    this.sink.diagnostics(this.lastDiagnostics);
  }

  /** What a client that last saw `sinceVersion` needs to be current. */
  async catchUp(sinceVersion: number | undefined): Promise<CatchUp> {
    // Wait for edits in flight, so the answer and later broadcasts line up; when other instances
    // write too, first read what they stored (their announcements may still be on the way).
    if (this.options.shared) {
      const sync = this.queue.then(() => this.reload());
      this.queue = sync.catch(() => undefined);
      await sync;
    }
    await this.queue;
    const since = sinceVersion ?? -1;
    if (since < 0 || since > this.version || this.version - since > MAX_CATCH_UP_OPS) {
      return { kind: 'snapshot', version: this.version, title: this.state.title, doc: this.state.doc };
    }
    const ops = await this.store.opsSince(this.designId, since, MAX_CATCH_UP_OPS);
    return {
      kind: 'ops',
      fromVersion: since,
      ops: ops
        .filter((o) => o.version <= this.version)
        .map((o) => ({ designId: this.designId, version: o.version, op: o.op, author: withColour(o.author), ...withClientOpId(o) })),
    };
  }

  /** The op stored under `clientOpId`: from memory when recent, else from the database. */
  private async storedUnder(clientOpId: string): Promise<KnownOp | null> {
    const recent = this.recent.get(clientOpId);
    if (recent) return recent;
    const stored = await this.store.opByClientOpId(this.designId, clientOpId);
    return stored && { version: stored.version, op: stored.op, authorId: stored.author.id };
  }

  private remember(clientOpId: string | undefined, known: KnownOp): void {
    if (clientOpId === undefined) return;
    this.recent.set(clientOpId, known);
    if (this.recent.size > RECENT_CLIENT_OPS) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Someone opened the design (a person may have several tabs). Returns true on their first. */
  arrive(person: Participant): boolean {
    const known = this.people.get(person.id);
    if (known) {
      known.connections++;
      return false;
    }
    this.people.set(person.id, { ...strip(person), selection: [], viewport: null, connections: 1 });
    return true;
  }

  /** A connection closed. Returns true when it was the person's last one here. */
  leave(personId: string): boolean {
    const known = this.people.get(personId);
    if (!known) return false;
    if (--known.connections > 0) return false;
    this.people.delete(personId);
    return true;
  }

  setSelection(personId: string, nodeIds: string[]): void {
    const p = this.people.get(personId);
    if (p) p.selection = nodeIds;
  }

  setViewport(personId: string, viewport: PresenceState['viewport']): void {
    const p = this.people.get(personId);
    if (p) p.viewport = viewport;
  }

  get participants(): PresenceState[] {
    return [...this.people.values()].map(({ connections: _, ...p }) => p);
  }

  get isEmpty(): boolean {
    return this.people.size === 0;
  }

  private diagnose(): DiagnosticsMessage {
    const v = validateDesign(this.state.doc);
    return { designId: this.designId, version: this.version, ok: v.ok, diagnostics: v.diagnostics, edges: v.edges };
  }
}

function refused(clientOpId: string, refusal: OpRefusal): SubmitAnswer {
  return { ok: false, code: 'refused-op', reason: refusal.code, message: refusal.message, clientOpId };
}

function strip(p: Participant): Participant {
  return { id: p.id, name: p.name, colour: p.colour };
}

/** A resent edit that is stored already: its version (and the op as stored), not a second copy. */
function answerStored(author: Participant, clientOpId: string, known: KnownOp): SubmitAnswer {
  if (known.authorId !== author.id) {
    return { ok: false, code: 'bad-message', message: 'This edit id belongs to someone else’s edit: reload the page.', clientOpId };
  }
  return { ok: true, clientOpId, version: known.version, op: known.op };
}

function withClientOpId(o: { clientOpId?: string }): { clientOpId?: string } {
  return o.clientOpId === undefined ? {} : { clientOpId: o.clientOpId };
}

function withColour(author: { id: string; name: string }): Participant {
  return { id: author.id, name: author.name, colour: participantColour(author.id) };
}

