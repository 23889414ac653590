import { headers } from 'next/headers';
import type { Participant } from '@/lib/protocol/messages';
import { services } from '@/server/services';

/** Who is asking, for the assignment pages (server components). */
export async function pagePerson(): Promise<Participant> {
  return services().people.personOf((await headers()).get('cookie') ?? undefined);
}
