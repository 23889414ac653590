import { DesignId } from '../lib/protocol/messages.ts';
import type { DesignRoom } from './rooms/design-room.ts';
import { services } from './services.ts';

/** The room of a design named in a URL, or null for an id that is malformed or unknown. */
export async function roomFromUrl(id: string): Promise<DesignRoom | null> {
  if (!DesignId.safeParse(id).success) return null;
  return services().realtime.rooms.room(id);
}
