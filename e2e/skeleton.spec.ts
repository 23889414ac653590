import { expect, test } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { joinThroughLink } from './support/sharing';

test('create a design, see it live, rename it, and the name survives a reload', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Multihead' })).toBeVisible();

  await page.getByRole('button', { name: 'New design' }).click();
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  const designUrl = page.url();

  const canvas = page.getByRole('main', { name: 'Design canvas' });
  await expect(canvas).toBeVisible();
  await expect(canvas.locator('.react-flow__pane')).toBeVisible();
  // The canvas fills the window under the bar.
  const box = await canvas.boundingBox();
  expect(box!.width).toBeGreaterThan(1200);
  expect(box!.height).toBeGreaterThan(650);

  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

  const title = page.getByRole('textbox', { name: 'Design title' });
  await expect(title).toHaveValue('Untitled design');
  await title.fill('Post-LN versus pre-LN');
  await title.press('Enter');
  await expect(page.getByText('Saved')).toBeVisible();
  await keepScreenshot(page, testInfo, 'design-page');

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Design title' })).toHaveValue('Post-LN versus pre-LN');
  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

  await page.goto('/');
  const link = page.getByRole('link', { name: /Post-LN versus pre-LN/ });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', new URL(designUrl).pathname);
  await keepScreenshot(page, testInfo, 'home-page');
});

test('a rename by one person appears on the screen of another', async ({ browser }, testInfo) => {
  const a = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await a.goto('/');
  await a.getByRole('button', { name: 'New design' }).click();
  await expect(a).toHaveURL(/\/d\//);
  await joinThroughLink(a, b);
  await expect(b.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await expect(a.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

  // Each sees the other in the list of people here (two guests, two cookies).
  await expect(a.getByRole('list', { name: 'People here' }).getByRole('listitem')).toHaveCount(2);
  await expect(b.getByRole('list', { name: 'People here' }).getByRole('listitem')).toHaveCount(2);

  await a.getByRole('textbox', { name: 'Design title' }).fill('Heads: concat or mean?');
  await a.getByRole('textbox', { name: 'Design title' }).press('Enter');
  await expect(b.getByRole('textbox', { name: 'Design title' })).toHaveValue('Heads: concat or mean?');
  await keepScreenshot(b, testInfo, 'two-people');
});

test('an unknown design is a real 404 page', async ({ page }) => {
  const response = await page.goto('/d/no-such-design');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Design not found' })).toBeVisible();
});

test('the health check reports the database', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ ok: true, db: 'ok' });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test('bad requests get a clear error and change nothing', async ({ request }) => {
  const created = await (await request.post('/api/designs', { data: { title: 'Kept' } })).json();
  const id = created.design.id as string;

  const empty = await request.patch(`/api/designs/${id}`, { data: { title: '   ' } });
  expect(empty.status()).toBe(400);
  expect(await empty.json()).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringContaining('empty') });

  const notJson = await request.patch(`/api/designs/${id}`, { data: 'not json', headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);

  const extra = await request.patch(`/api/designs/${id}`, { data: { title: 'x', admin: true } });
  expect(extra.status()).toBe(400);

  const missing = await request.patch('/api/designs/nope', { data: { title: 'x' } });
  expect(missing.status()).toBe(404);

  const after = await (await request.get(`/api/designs/${id}`)).json();
  expect(after.design).toMatchObject({ title: 'Kept', version: 1 });
});
