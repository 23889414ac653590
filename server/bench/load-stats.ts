/**
 * The load benchmark's bookkeeping, pure and clock-free: which ops were sent,
 * how the server answered, and which clients received which versions when.
 * Everything is recorded as it happens and judged afterwards in `report()`,
 * because a broadcast can reach the others before its author's ack names the
 * version it got.
 */

/** What the server answered to one submit. */
export type AckOutcome = { ok: true; version: number } | { ok: false; code: string };

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (NaN when there are no values). */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const rank = (p: number) => (n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]);
  return { count: n, p50: rank(0.5), p99: rank(0.99), max: n === 0 ? NaN : sorted[n - 1] };
}

/** A time window; an op counts towards rates and latencies when it was sent inside it. */
export interface Window {
  from: number;
  to: number;
}

export interface LoadReport {
  sent: number;
  /** Sends inside the window (offered load). */
  sentInWindow: number;
  accepted: number;
  /** Refused acks by refusal code (rate-limited, refused-op, conflict…). */
  refused: Record<string, number>;
  /** Sends that never got an ack. */
  unanswered: number;
  /** Accepted ops sent inside the window (for ops/s). */
  acceptedInWindow: number;
  /** Send → ack of the author, accepted ops sent inside the window. */
  ackLatency: Percentiles;
  /** Send → receipt of `op:applied`, over every (op, other client in the room) pair sent inside the window. */
  editLatency: Percentiles;
  /** (op, receiver) pairs that should have arrived and never did: every other joined client must get every accepted version. */
  lostReceipts: number;
  /** Accepted ops that at least one other client never received. */
  lostOps: number;
  /** Arrivals of a version lower than one the client already had. */
  outOfOrder: number;
  /** Arrivals that skipped a version the client had not received yet. */
  gaps: number;
  /** The same version delivered twice to a client. */
  duplicates: number;
  /** A version no accepted ack names (its ack never came, or the server invented it). */
  unknownVersions: number;
  /** Two accepted acks naming the same version of one room. */
  conflictingAcks: number;
  /** An author receiving its own op as a broadcast (the server should leave the author out). */
  selfEchoes: number;
  /** A receipt whose author is not the client whose ack named that version. */
  misattributed: number;
}

interface Sent {
  room: number;
  sender: number;
  sentAt: number;
  ackAt: number;
  outcome: AckOutcome | null;
}

interface Receipts {
  versions: number[];
  at: number[];
  authors: number[];
}

/**
 * The ledger of one load run over `rooms` rooms. Clients are numbered within
 * their room; a client must `join` (with the version it joined at) before its
 * receipts count, and it is then owed every version accepted after that which
 * it did not author.
 */
export class LoadLedger {
  private readonly sends: Sent[] = [];
  private readonly joined: Map<number, number>[];
  private readonly receipts: Map<number, Receipts>[];
  private acceptedCount = 0;
  private receivedCount = 0;

  constructor(readonly rooms: number) {
    this.joined = Array.from({ length: rooms }, () => new Map());
    this.receipts = Array.from({ length: rooms }, () => new Map());
  }

  join(room: number, client: number, version: number): void {
    this.joined[room].set(client, version);
    this.receipts[room].set(client, { versions: [], at: [], authors: [] });
  }

  /** Records a send; returns the id to ack it with. */
  send(room: number, sender: number, at: number): number {
    this.sends.push({ room, sender, sentAt: at, ackAt: NaN, outcome: null });
    return this.sends.length - 1;
  }

  ack(id: number, outcome: AckOutcome, at: number): void {
    const s = this.sends[id];
    if (s.outcome) return;
    s.outcome = outcome;
    s.ackAt = at;
    if (outcome.ok) this.acceptedCount++;
  }

  /** `author` is the room-local number of the op's author as the message names it (-1 when unknown). */
  receive(room: number, client: number, version: number, at: number, author = -1): void {
    const r = this.receipts[room].get(client);
    if (!r) return;
    r.versions.push(version);
    r.at.push(at);
    r.authors.push(author);
    this.receivedCount++;
  }

  get sentCount(): number {
    return this.sends.length;
  }

  get accepted(): number {
    return this.acceptedCount;
  }

  /** Sends still waiting for their ack. */
  get pendingAcks(): number {
    let n = 0;
    for (const s of this.sends) if (!s.outcome) n++;
    return n;
  }

  /** Receipts still owed for the accepted ops so far, assuming all clients joined before the first op (for draining). */
  get pendingReceipts(): number {
    let owed = 0;
    for (const s of this.sends) if (s.outcome?.ok) owed += this.joined[s.room].size - (this.joined[s.room].has(s.sender) ? 1 : 0);
    return Math.max(0, owed - this.receivedCount);
  }

  report(window: Window = { from: -Infinity, to: Infinity }): LoadReport {
    const inWindow = (s: Sent) => s.sentAt >= window.from && s.sentAt <= window.to;
    const refused: Record<string, number> = {};
    let unanswered = 0;
    let acceptedInWindow = 0;
    let sentInWindow = 0;
    let conflictingAcks = 0;
    const ackMs: number[] = [];
    // room → version → send id
    const byVersion: Map<number, number>[] = Array.from({ length: this.rooms }, () => new Map());
    this.sends.forEach((s, id) => {
      if (inWindow(s)) sentInWindow++;
      if (!s.outcome) unanswered++;
      else if (!s.outcome.ok) refused[s.outcome.code] = (refused[s.outcome.code] ?? 0) + 1;
      else {
        if (byVersion[s.room].has(s.outcome.version)) conflictingAcks++;
        else byVersion[s.room].set(s.outcome.version, id);
        if (inWindow(s)) {
          acceptedInWindow++;
          ackMs.push(s.ackAt - s.sentAt);
        }
      }
    });

    const editMs: number[] = [];
    let lostReceipts = 0;
    let outOfOrder = 0;
    let gaps = 0;
    let duplicates = 0;
    let unknownVersions = 0;
    let selfEchoes = 0;
    let misattributed = 0;
    const lostOps = new Set<number>();

    for (let room = 0; room < this.rooms; room++) {
      const versions = byVersion[room];
      const ascending = [...versions.keys()].sort((a, b) => a - b);
      for (const [client, joinedAt] of this.joined[room]) {
        // What this client is owed, in order: others' versions after the one it joined at.
        const owed = ascending.filter((v) => v > joinedAt && this.sends[versions.get(v)!].sender !== client);
        const position = new Map(owed.map((v, i) => [v, i]));
        const got = new Set<number>();
        const r = this.receipts[room].get(client)!;
        let next = 0; // index in `owed` of the next version due
        let last = -Infinity;
        for (let i = 0; i < r.versions.length; i++) {
          const v = r.versions[i];
          const id = versions.get(v);
          if (id === undefined) {
            unknownVersions++;
            continue;
          }
          const s = this.sends[id];
          if (s.sender === client) {
            selfEchoes++;
            continue;
          }
          if (got.has(v)) {
            duplicates++;
            continue;
          }
          got.add(v);
          if (r.authors[i] >= 0 && r.authors[i] !== s.sender) misattributed++;
          if (inWindow(s)) editMs.push(r.at[i] - s.sentAt);
          if (v <= joinedAt) continue; // before it joined: not owed, not ordered
          if (v < last) {
            outOfOrder++;
            continue;
          }
          const at = position.get(v)!;
          if (at > next) gaps++;
          next = at + 1;
          last = v;
        }
        for (const v of owed) {
          if (!got.has(v)) {
            lostReceipts++;
            lostOps.add(versions.get(v)!);
          }
        }
      }
    }

    return {
      sent: this.sends.length,
      sentInWindow,
      accepted: this.acceptedCount,
      refused,
      unanswered,
      acceptedInWindow,
      ackLatency: percentiles(ackMs),
      editLatency: percentiles(editMs),
      lostReceipts,
      lostOps: lostOps.size,
      outOfOrder,
      gaps,
      duplicates,
      unknownVersions,
      conflictingAcks,
      selfEchoes,
      misattributed,
    };
  }
}
