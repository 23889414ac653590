import { applyLoggedOp, type DesignState, type LoggedOp } from './design-state.ts';
import type { OpRefusal } from './ops/index.ts';

interface PendingOp {
  clientOpId: string;
  op: LoggedOp;
  /** Undo entries are made when an edit is confirmed, against the state it applied to. */
  kind: 'edit' | 'undo' | 'redo';
  /**
   * It no longer applied after a snapshot, which may already hold it (stored, its ack lost):
   * not shown and not rolled back until the server answers its resend (stored already, or refused).
   */
  held?: boolean;
}

/** What a client must do after news from the server. */
export type ReplicaEvent =
  | { type: 'rolled-back'; clientOpId: string; op: LoggedOp; message: string }
  /** A pending edit of ours turned up in the history (its ack was lost): it is saved, as if acknowledged. */
  | { type: 'confirmed'; clientOpId: string; version: number }
  | { type: 'gap'; expected: number; got: number };

/**
 * A client's copy of a design: the state the server confirmed, the edits
 * this client made that the server has not answered yet (applied on top,
 * optimistically), and this person's own undo and redo stacks. Pure; the
 * socket code feeds it the server's messages in order.
 */
export class DesignReplica {
  private confirmed: DesignState;
  private confirmedVersion: number;
  private pending: PendingOp[] = [];
  private shown: DesignState;
  private undoStack: LoggedOp[] = [];
  private redoStack: LoggedOp[] = [];
  private counter = 0;

  constructor(
    state: DesignState,
    version: number,
    private readonly clientId: string,
  ) {
    this.confirmed = state;
    this.confirmedVersion = version;
    this.shown = state;
  }

  /** What the person sees: the confirmed state plus their pending edits. */
  get state(): DesignState {
    return this.shown;
  }

  get version(): number {
    return this.confirmedVersion;
  }

  /** Edits sent but not answered, oldest first (resent after a reconnect). */
  get unconfirmed(): ReadonlyArray<{ clientOpId: string; op: LoggedOp }> {
    return this.pending;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Applies a local edit at once; returns the id to send it under, or why it cannot apply. */
  edit(op: LoggedOp): { ok: true; clientOpId: string } | OpRefusal {
    return this.push(op, 'edit');
  }

  /** Undoes this person's last confirmed edit (others' edits are never undone). */
  undo(): { ok: true; clientOpId: string } | OpRefusal | null {
    const inverse = this.undoStack.pop();
    return inverse ? this.push(inverse, 'undo') : null;
  }

  redo(): { ok: true; clientOpId: string } | OpRefusal | null {
    const op = this.redoStack.pop();
    return op ? this.push(op, 'redo') : null;
  }

  private push(op: LoggedOp, kind: PendingOp['kind']): { ok: true; clientOpId: string } | OpRefusal {
    const result = applyLoggedOp(this.shown, op);
    if (!result.ok) return result;
    const clientOpId = `${this.clientId}-${++this.counter}`;
    this.pending.push({ clientOpId, op, kind });
    this.shown = result.state;
    if (kind === 'edit') this.redoStack = [];
    return { ok: true, clientOpId };
  }

  /**
   * An accepted edit, in version order: someone else's, or one of ours whose ack never came
   * (then `clientOpId` names it, and it is confirmed exactly as `accepted` would, never resent).
   */
  remote(version: number, op: LoggedOp, clientOpId?: string): ReplicaEvent[] {
    if (clientOpId !== undefined && this.isPending(clientOpId)) {
      const events = this.accepted(clientOpId, version, op);
      return this.isPending(clientOpId) ? events : [{ type: 'confirmed', clientOpId, version }, ...events];
    }
    if (version <= this.confirmedVersion) return []; // already have it (e.g. caught up twice)
    if (version !== this.confirmedVersion + 1) return [{ type: 'gap', expected: this.confirmedVersion + 1, got: version }];
    const result = applyLoggedOp(this.confirmed, op);
    if (!result.ok) return [{ type: 'gap', expected: version, got: version }];
    this.confirmed = result.state;
    this.confirmedVersion = version;
    return this.rebase();
  }

  /** The server accepted our edit as `version`; `stored` is the op as the server stored it, when it filled parts in. */
  accepted(clientOpId: string, version: number, stored?: LoggedOp): ReplicaEvent[] {
    const index = this.pending.findIndex((p) => p.clientOpId === clientOpId);
    if (index < 0) return [];
    if (version <= this.confirmedVersion) {
      // Already in the confirmed state (a snapshot brought it): only the pending copy goes. Its undo
      // entry goes too, as the state it applied to is not known here.
      this.pending.splice(index, 1);
      return this.rebase();
    }
    if (version !== this.confirmedVersion + 1) return [{ type: 'gap', expected: this.confirmedVersion + 1, got: version }];
    const [mine] = this.pending.splice(index, 1);
    const result = applyLoggedOp(this.confirmed, stored ?? mine.op);
    const events: ReplicaEvent[] = [];
    if (result.ok) {
      this.confirmed = result.state;
      this.confirmedVersion = version;
      if (mine.kind === 'undo') this.redoStack.push(result.inverse);
      else this.undoStack.push(result.inverse);
    } else {
      return [{ type: 'gap', expected: version, got: version }];
    }
    return events.concat(this.rebase());
  }

  private isPending(clientOpId: string): boolean {
    return this.pending.some((p) => p.clientOpId === clientOpId);
  }

  /** The server refused our edit: it disappears from the screen, with the reason. */
  refused(clientOpId: string, message: string): ReplicaEvent[] {
    const index = this.pending.findIndex((p) => p.clientOpId === clientOpId);
    if (index < 0) return [];
    const [gone] = this.pending.splice(index, 1);
    return [{ type: 'rolled-back', clientOpId, op: gone.op, message }, ...this.rebase()];
  }

  /**
   * A fresh copy of the whole state (joined, or too far behind); pending edits stay to be resent.
   * One that no longer applies may be in the snapshot already: it is held for the server to judge.
   */
  reset(state: DesignState, version: number): ReplicaEvent[] {
    this.confirmed = state;
    this.confirmedVersion = version;
    return this.rebase(true);
  }

  /** Re-applies pending edits on the confirmed state; those that no longer apply are rolled back (or held, after a reset). */
  private rebase(afterReset = false): ReplicaEvent[] {
    const events: ReplicaEvent[] = [];
    let state = this.confirmed;
    this.pending = this.pending.filter((p) => {
      const result = applyLoggedOp(state, p.op);
      if (!result.ok && (afterReset || p.held)) {
        p.held = true;
        return true;
      }
      if (!result.ok) {
        events.push({ type: 'rolled-back', clientOpId: p.clientOpId, op: p.op, message: result.message });
        return false;
      }
      state = result.state;
      return true;
    });
    this.shown = state;
    return events;
  }
}
