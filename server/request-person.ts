import type { Participant } from '../lib/protocol/messages.ts';
import { GUEST_COOKIE, readCookie } from './identity.ts';
import { services } from './services.ts';

/** Who is making an HTTP request: the guest in their cookie (the server sets one on every page load). */
export function requestPerson(req: Request): Participant {
  const { identities } = services();
  return identities.decode(readCookie(req.headers.get('cookie') ?? undefined, GUEST_COOKIE)) ?? identities.newGuest();
}
