import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../db.ts';
import { participantColour } from '../../lib/protocol/participant.ts';
import type { Participant } from '../../lib/protocol/messages.ts';

export const SESSION_COOKIE = 'mh_session';
const SESSION_DAYS = 30;

/** The person id of an account, beside guests' `g_…` ids. */
export const accountPersonId = (userId: string) => `u_${userId}`;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type AccountOutcome = { ok: true; person: Participant; token: string; expiresAt: Date } | { ok: false; code: string; message: string };

/**
 * Accounts and their sessions. Passwords are argon2id hashes; a session is a
 * random token in an httpOnly cookie whose SHA-256 is the row's id.
 */
export class Accounts {
  constructor(private readonly db: Db) {}

  /** A new account, signed in; the guest's designs and memberships become the account's. */
  async signUp(login: string, password: string, guest: Participant | null): Promise<AccountOutcome> {
    if (await this.db.user.findUnique({ where: { login } })) {
      return { ok: false, code: 'login-taken', message: 'An account with this email or username exists: sign in instead.' };
    }
    const user = await this.db.user.create({ data: { login, passwordHash: await hash(password) } }).catch(() => null);
    if (!user) return { ok: false, code: 'login-taken', message: 'An account with this email or username exists: sign in instead.' };
    const person = toPerson(user);
    if (guest?.id.startsWith('g_')) await this.adoptGuest(guest.id, person.id);
    return { ok: true, person, ...(await this.startSession(user.id)) };
  }

  async signIn(login: string, password: string): Promise<AccountOutcome> {
    const user = await this.db.user.findUnique({ where: { login } });
    // Verify even for an unknown login, so timing does not tell which logins exist.
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !ok) return { ok: false, code: 'bad-credentials', message: 'This email or username and password do not match.' };
    return { ok: true, person: toPerson(user), ...(await this.startSession(user.id)) };
  }

  /** The signed-in person of a session token, or null when it is unknown, expired or revoked. */
  async personOf(token: string | undefined): Promise<Participant | null> {
    if (!token || token.length > 100) return null;
    const session = await this.db.session.findUnique({ where: { id: tokenHash(token) }, include: { user: true } });
    if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
    return toPerson(session.user);
  }

  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.db.session.updateMany({ where: { id: tokenHash(token), revokedAt: null }, data: { revokedAt: new Date() } });
  }

  private async startSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
    await this.db.session.create({ data: { id: tokenHash(token), userId, expiresAt } });
    return { token, expiresAt };
  }

  private async adoptGuest(guestId: string, personId: string): Promise<void> {
    await this.db.$transaction([
      this.db.design.updateMany({ where: { ownerId: guestId }, data: { ownerId: personId } }),
      this.db.designMember.updateMany({ where: { personId: guestId }, data: { personId } }),
    ]);
  }
}

/** The Set-Cookie value for a session (empty token and a past expiry: sign out). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function toPerson(user: { id: string; login: string }): Participant {
  const id = accountPersonId(user.id);
  return { id, name: user.login.split('@')[0].slice(0, 60), colour: participantColour(id) };
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$3jGUaDjG49pwKdgfHt0olw$YDGPqITpHJ/vqKN11GY9Dv+ASW+Bfnk0c9EqiZHo5g8';
