import type { DesignStore } from '../design-store.ts';
import { DesignRoom, type RoomOptions, type RoomSink } from './design-room.ts';

/**
 * The open design rooms of this process: a room is loaded from the database
 * on first use (once, however many join at the same moment) and dropped when
 * its last person has left and nothing is in flight.
 */
export class RoomHub {
  private readonly rooms = new Map<string, Promise<DesignRoom | null>>();

  constructor(
    private readonly store: DesignStore,
    private readonly sinkFor: (designId: string) => RoomSink,
    private readonly options: RoomOptions = {},
  ) {}

  /** The room of a design when this process has it open (or is opening it), else null: never loads one. */
  open(designId: string): Promise<DesignRoom | null> | null {
    return this.rooms.get(designId) ?? null;
  }

  /** The rooms open now (those still loading are waited for; failed loads left out). */
  async opened(): Promise<DesignRoom[]> {
    const settled = await Promise.allSettled(this.rooms.values());
    return settled.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  }

  /** The room of a design, or null when no design has this id. */
  room(designId: string): Promise<DesignRoom | null> {
    let room = this.rooms.get(designId);
    if (!room) {
      room = this.load(designId);
      this.rooms.set(designId, room);
      // A failed or empty load is not cached: the next caller tries again.
      room.then(
        (r) => r === null && this.rooms.delete(designId),
        () => this.rooms.delete(designId),
      );
    }
    return room;
  }

  /** Forgets a room nobody is in, so the next join reads the database afresh. */
  async release(designId: string): Promise<void> {
    const room = await this.rooms.get(designId);
    if (room?.isEmpty) this.rooms.delete(designId);
  }

  private async load(designId: string): Promise<DesignRoom | null> {
    const design = await this.store.get(designId);
    if (!design) return null;
    return new DesignRoom(designId, { state: design.state, version: design.version }, this.store, this.sinkFor(designId), this.options);
  }
}
