import { expect, test } from './support/test';

test('history: versions with authors, any version, restore as a new edit, fork', async ({ request }) => {
  const created = await (await request.post('/api/designs', { data: { title: 'First name' } })).json();
  const id = created.design.id as string;
  await request.patch(`/api/designs/${id}`, { data: { title: 'Second name' } });
  await request.patch(`/api/designs/${id}`, { data: { title: 'Third name' } });

  const list = await (await request.get(`/api/designs/${id}/versions`)).json();
  expect(list.current).toBe(3);
  expect(list.versions.map((v: { version: number; op: string }) => [v.version, v.op])).toEqual([
    [3, 'renameDesign'],
    [2, 'renameDesign'],
    [1, 'renameDesign'],
  ]);
  expect(list.versions[0].author.name).toMatch(/\w+ \w+/);

  const v1 = await (await request.get(`/api/designs/${id}/versions/1`)).json();
  expect(v1).toMatchObject({ ok: true, version: 1, title: 'First name', doc: { nodes: [] } });
  expect((await request.get(`/api/designs/${id}/versions/9`)).status()).toBe(404);
  expect((await request.get(`/api/designs/${id}/versions/abc`)).status()).toBe(404);

  const restored = await (await request.post(`/api/designs/${id}/restore`, { data: { version: 1 } })).json();
  expect(restored).toEqual({ ok: true, version: 4 });
  expect((await (await request.get(`/api/designs/${id}`)).json()).design.title).toBe('First name');

  const fork = await request.post(`/api/designs/${id}/fork`, { data: { version: 2 } });
  expect(fork.status()).toBe(201);
  const forked = (await fork.json()).design;
  expect(forked).toMatchObject({ title: 'Second name (fork)', version: 1 });
  expect((await (await request.get(`/api/designs/${id}`)).json()).design.version).toBe(4);

  expect((await request.post(`/api/designs/${id}/restore`, { data: { version: -1 } })).status()).toBe(400);
  expect((await request.post('/api/designs/nope/fork', { data: {} })).status()).toBe(404);
});
