import type { Participant } from '../../lib/protocol/messages.ts';
import { GUEST_COOKIE, readCookie, type GuestIdentities } from '../identity.ts';
import { SESSION_COOKIE, type Accounts } from './accounts.ts';

/**
 * Who is asking, from a request's cookies: the signed-in account when its
 * session is live, else the guest of the signed guest cookie, else a new guest.
 */
export class People {
  constructor(
    readonly identities: GuestIdentities,
    readonly accounts: Accounts,
  ) {}

  async personOf(cookieHeader: string | undefined): Promise<Participant> {
    return (await this.accounts.personOf(readCookie(cookieHeader, SESSION_COOKIE))) ?? this.guestOf(cookieHeader);
  }

  /** The guest of the cookies, even when an account is signed in (what a new account adopts). */
  guestOf(cookieHeader: string | undefined): Participant {
    return this.identities.decode(readCookie(cookieHeader, GUEST_COOKIE)) ?? this.identities.newGuest();
  }
}
