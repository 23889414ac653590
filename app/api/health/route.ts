import { pingDb } from '@/server/db';
import { services } from '@/server/services';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: answers 503 when the database does not. */
export async function GET(): Promise<Response> {
  const { db, version } = services();
  const dbOk = await pingDb(db);
  return Response.json({ ok: dbOk, db: dbOk ? 'ok' : 'unreachable', version }, { status: dbOk ? 200 : 503 });
}
