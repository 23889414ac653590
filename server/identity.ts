import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { guestName, participantColour } from '../lib/protocol/participant.ts';
import type { Participant } from '../lib/protocol/messages.ts';

export const GUEST_COOKIE = 'mh_guest';
const MAX_AGE_S = 400 * 24 * 3600;

const GuestClaims = z.strictObject({ id: z.string().regex(/^g_[A-Za-z0-9_-]{10,40}$/), name: z.string().min(1).max(60) });

/**
 * Guest identities in an HMAC-signed cookie: who someone is, until accounts
 * exist, without a database row. A tampered or foreign cookie is ignored.
 */
export class GuestIdentities {
  constructor(private readonly secret: string) {}

  /** A fresh guest with a random id and a friendly name. */
  newGuest(): Participant {
    const id = `g_${randomBytes(12).toString('base64url')}`;
    const name = guestName(randomInt(1_000_000) / 1_000_000, randomInt(1_000_000) / 1_000_000);
    return { id, name, colour: participantColour(id) };
  }

  encode(guest: Participant): string {
    const body = Buffer.from(JSON.stringify({ id: guest.id, name: guest.name })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The guest in a cookie value, or null when it is missing, malformed or not signed by us. */
  decode(value: string | undefined): Participant | null {
    if (!value) return null;
    const [body, sig, extra] = value.split('.');
    if (!body || !sig || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = GuestClaims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      return claims.success ? { ...claims.data, colour: participantColour(claims.data.id) } : null;
    } catch {
      return null;
    }
  }

  /** The Set-Cookie header value for a guest. */
  setCookie(guest: Participant, secure: boolean): string {
    return `${GUEST_COOKIE}=${this.encode(guest)}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
