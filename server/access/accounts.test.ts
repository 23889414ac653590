import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db.ts';
import { DesignStore } from '../design-store.ts';
import { createTestDatabase } from '../test-database.ts';
import { Accounts } from './accounts.ts';
import { DesignAccess } from './design-access.ts';

describe('Accounts: argon2id passwords, database sessions, a guest becoming an account', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let accounts: Accounts;
  beforeAll(async () => {
    ({ db, dispose } = await createTestDatabase());
    accounts = new Accounts(db);
  });
  afterAll(() => dispose());

  it('stores a hash, never the password, and signs in only with the right one', async () => {
    const up = await accounts.signUp('ada@example.org', 'correct horse', null);
    expect(up).toMatchObject({ ok: true, person: { name: 'ada' } });
    const row = await db.user.findUniqueOrThrow({ where: { login: 'ada@example.org' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('correct horse');
    expect(await accounts.signIn('ada@example.org', 'wrong horse')).toMatchObject({ ok: false, code: 'bad-credentials' });
    expect(await accounts.signIn('nobody@example.org', 'correct horse')).toMatchObject({ ok: false, code: 'bad-credentials' });
    expect(await accounts.signIn('ada@example.org', 'correct horse')).toMatchObject({ ok: true });
    expect(await accounts.signUp('ada@example.org', 'another one', null)).toMatchObject({ ok: false, code: 'login-taken' });
  });

  it('a session works until it is signed out or expires', async () => {
    const inn = await accounts.signIn('ada@example.org', 'correct horse');
    if (!inn.ok) throw new Error(inn.message);
    expect(await accounts.personOf(inn.token)).toEqual(inn.person);
    expect(await accounts.personOf('forged')).toBeNull();
    await accounts.signOut(inn.token);
    expect(await accounts.personOf(inn.token)).toBeNull();
    const again = await accounts.signIn('ada@example.org', 'correct horse');
    if (!again.ok) throw new Error(again.message);
    await db.session.updateMany({ where: { revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await accounts.personOf(again.token)).toBeNull();
  });

  it("signing up keeps the guest's designs and memberships", async () => {
    const store = new DesignStore(db);
    const access = new DesignAccess(db);
    const guest = { id: 'g_trying0000001', name: 'Quiet Otter', colour: '#000' };
    const mine = await store.create(guest, 'Tried as a guest');
    const theirs = await store.create({ id: 'g_someoneelse01', name: 'Other' });
    await access.addMember(theirs.id, guest.id, 'commenter');
    const up = await accounts.signUp('otter', 'longenough', guest);
    if (!up.ok) throw new Error(up.message);
    expect(await access.roleOf(up.person.id, mine.id)).toBe('owner');
    expect(await access.roleOf(guest.id, mine.id)).toBeNull();
    expect((await store.list(10, up.person.id)).map((d) => d.title)).toEqual(['Tried as a guest']);
    expect(await access.sharedWith(up.person.id)).toMatchObject([{ id: theirs.id, role: 'commenter' }]);
  });
});
