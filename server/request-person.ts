import type { Participant } from '../lib/protocol/messages.ts';
import { services } from './services.ts';

/** Who is making an HTTP request: the signed-in account, else the guest in their cookie (the server sets one on every page load). */
export function requestPerson(req: Request): Promise<Participant> {
  return services().people.personOf(req.headers.get('cookie') ?? undefined);
}
