import { Credentials } from '../../lib/protocol/http.ts';
import { readCookie } from '../identity.ts';
import { apiError, readJsonBody } from '../http.ts';
import { services } from '../services.ts';
import { SESSION_COOKIE, sessionCookie, type AccountOutcome } from './accounts.ts';

const secure = (req: Request) => new URL(req.url).protocol === 'https:';

function signedIn(req: Request, outcome: AccountOutcome, status: number): Response {
  if (!outcome.ok) return apiError(outcome.code === 'login-taken' ? 409 : 401, outcome.code, outcome.message);
  const res = Response.json({ ok: true, person: outcome.person }, { status });
  res.headers.append('Set-Cookie', sessionCookie(outcome.token, outcome.expiresAt, secure(req)));
  return res;
}

/** POST /api/auth/sign-up: a new account, signed in, owning the designs its guest made. */
export async function signUp(req: Request): Promise<Response> {
  const body = await readJsonBody(req, Credentials);
  if (!body.ok) return body.response;
  const { accounts, people } = services();
  const cookies = req.headers.get('cookie') ?? undefined;
  return signedIn(req, await accounts.signUp(body.data.login, body.data.password, people.guestOf(cookies)), 201);
}

/** POST /api/auth/sign-in */
export async function signIn(req: Request): Promise<Response> {
  const body = await readJsonBody(req, Credentials);
  if (!body.ok) return body.response;
  return signedIn(req, await services().accounts.signIn(body.data.login, body.data.password), 200);
}

/** POST /api/auth/sign-out: the session is revoked in the database, not only forgotten by the browser. */
export async function signOut(req: Request): Promise<Response> {
  const cookies = req.headers.get('cookie') ?? undefined;
  const person = await services().people.personOf(cookies);
  await services().accounts.signOut(readCookie(cookies, SESSION_COOKIE));
  // Open sockets of this session must not keep the account's identity until they happen to reconnect.
  if (person.id.startsWith('u_')) services().realtime.disconnectPerson(person.id);
  const res = Response.json({ ok: true });
  res.headers.append('Set-Cookie', sessionCookie('', new Date(0), secure(req)));
  return res;
}

/** GET /api/auth/me: who you are, and whether that is an account or a guest. */
export async function me(req: Request): Promise<Response> {
  const person = await services().people.personOf(req.headers.get('cookie') ?? undefined);
  return Response.json({ ok: true, person, account: person.id.startsWith('u_') });
}
