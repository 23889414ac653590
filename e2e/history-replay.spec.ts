import { expect, test, type Browser, type Page } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { node, selectNode } from './support/editor';
import { joinThroughLink } from './support/sharing';

const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}

/** The name the server gave this page's person. */
async function nameOf(page: Page): Promise<string> {
  const label = await page.getByRole('list', { name: 'People here' }).getByRole('listitem', { name: /\(you\)$/ }).getAttribute('aria-label');
  return (label ?? '').replace(/ \(you\)$/, '');
}

/** A new design built in five edits through the editor: three layers, one connection, one param. */
async function buildSmallDesign(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'New design' }).click();
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  const palette = page.getByRole('complementary', { name: 'Layers' });
  await palette.getByRole('button', { name: 'Token input' }).click();
  await expect(status(page)).toContainText('1 node');
  await palette.getByRole('button', { name: 'Token embedding' }).click();
  await expect(status(page)).toContainText('2 nodes');
  await palette.getByRole('button', { name: 'Positional encoding' }).click();
  await expect(status(page)).toContainText('3 nodes');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await node(page, /^Token input/).getByLabel('output out').dragTo(node(page, /^Token embedding/).getByLabel('input in'));
  await expect(page.getByText('[8, 32]')).toBeVisible();
  await selectNode(node(page, /^Token embedding/));
  const dModel = page.getByRole('region', { name: 'Inspector' }).getByRole('spinbutton', { name: 'dModel' });
  await dModel.fill('64');
  await dModel.press('Enter');
  await expect(node(page, /^Token embedding/)).toContainText('dModel 64');
}

test('history: versions with authors and what changed, a read-only preview, replay, restore seen by everyone, fork', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const a = await newPage(browser);
  await buildSmallDesign(a);
  const me = await nameOf(a);
  expect(me).not.toBe('');

  // The list: newest first, each with its author and a sentence saying what changed.
  await a.getByRole('tab', { name: 'History' }).click();
  const history = a.getByRole('region', { name: 'History' });
  const versions = history.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('button')).toHaveText([
    new RegExp(`^v5Changed dModel to 64 on Token embedding${me}`),
    new RegExp(`^v4Connected Token input → Token embedding${me}`),
    new RegExp(`^v3Added Positional encoding${me}`),
    new RegExp(`^v2Added Token embedding${me}`),
    new RegExp(`^v1Added Token input${me}`),
    /^v0The blank canvas$/,
  ]);
  await expect(versions.getByRole('button').first()).toContainText(/just now · \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2}/);

  // Preview version 2: fewer nodes, nothing can be edited, and back to live.
  await versions.getByRole('button', { name: /^Version 2:/ }).click();
  const banner = a.getByRole('region', { name: 'Version preview' });
  await expect(banner).toContainText(`Previewing version 2 by ${me}`);
  await expect(banner).toContainText('Added Token embedding');
  await expect(status(a)).toContainText('2 nodes');
  await expect(node(a, /^Positional encoding/)).toHaveCount(0);
  const palette = a.getByRole('complementary', { name: 'Layers' });
  await expect(palette.getByRole('button', { name: 'Feed-forward' })).toBeDisabled();
  await expect(a.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // Nodes of the past take no pointer: a click lands on the canvas, and Delete deletes nothing.
  await node(a, /^Token embedding/).click({ force: true });
  await a.keyboard.press('Delete');
  await expect(status(a)).toContainText('2 nodes');
  await keepScreenshot(a, testInfo, 'history-preview');
  await banner.getByRole('button', { name: 'Back to live' }).click();
  await expect(banner).toBeHidden();
  await expect(status(a)).toContainText('3 nodes');
  await expect(palette.getByRole('button', { name: 'Feed-forward' })).toBeEnabled();

  // Replay: the scrubber shows the design as it was at each version, with what that edit did.
  await history.getByRole('button', { name: 'Replay' }).click();
  const replay = a.getByRole('region', { name: 'Replay' });
  await replay.getByRole('button', { name: 'Pause' }).click();
  const scrubber = replay.getByRole('slider', { name: 'Version' });
  await expect(scrubber).toHaveAttribute('max', '5');
  await scrubber.fill('1');
  await expect(status(a)).toContainText('1 node');
  await expect(replay.getByRole('status', { name: 'Replay step' })).toContainText('v1 Added Token input');
  await replay.getByRole('button', { name: 'Step forward' }).click();
  await expect(status(a)).toContainText('2 nodes');
  await replay.getByRole('button', { name: 'Step forward' }).click();
  await expect(status(a)).toContainText('3 nodes');
  await expect(replay.getByRole('status', { name: 'Replay step' })).toContainText('v3 Added Positional encoding');
  await a.waitForTimeout(400); // let the view settle on the grown design
  await keepScreenshot(a, testInfo, 'history-replay-midway');
  await scrubber.fill('5');
  await expect(node(a, /^Token embedding/)).toContainText('dModel 64');
  await replay.getByRole('button', { name: 'Step back' }).click();
  await expect(node(a, /^Token embedding/)).toContainText('dModel 128');
  await expect(replay.getByRole('status', { name: 'Replay step' })).toContainText('v4 Connected Token input → Token embedding');
  await scrubber.fill('0');
  await expect(status(a)).toContainText('0 nodes');
  // Playing runs to the end by itself.
  await replay.getByRole('combobox', { name: 'Speed' }).selectOption('32');
  await replay.getByRole('button', { name: 'Play' }).click();
  await expect(replay.getByText('5 / 5')).toBeVisible();
  await expect(replay.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(status(a)).toContainText('3 nodes');
  await replay.getByRole('button', { name: 'Back to live' }).click();
  await expect(replay).toBeHidden();

  // Restore version 1: a second person sees the canvas change too, and the list grows live.
  const b = await newPage(browser);
  await joinThroughLink(a, b);
  await expect(b.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await expect(status(b)).toContainText('3 nodes');
  const them = await nameOf(b);

  // While A looks at the past, B keeps editing: A's preview stays put, A's list and live design follow.
  await versions.getByRole('button', { name: /^Version 2:/ }).click();
  await b.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: 'Feed-forward' }).click();
  await expect(status(b)).toContainText('4 nodes');
  await expect(versions.getByRole('button').first()).toHaveAccessibleName(`Version 6: Added Feed-forward, by ${them}`);
  await expect(status(a)).toContainText('2 nodes');
  await banner.getByRole('button', { name: 'Back to live' }).click();
  await expect(status(a)).toContainText('4 nodes');

  await versions.getByRole('button', { name: /^Version 1:/ }).click();
  await banner.getByRole('button', { name: 'Restore this version' }).click();
  await expect(banner).toBeHidden();
  await expect(status(a)).toContainText('1 node');
  await expect(status(b)).toContainText('1 node');
  await expect(versions.getByRole('button').first()).toHaveAccessibleName(`Version 7: Restored version 1, by ${me}`);

  // Fork from version 3: a new design opens with that version's layers.
  const original = a.url();
  await versions.getByRole('button', { name: /^Version 3:/ }).click();
  await banner.getByRole('button', { name: 'Fork from here' }).click();
  await expect(a).not.toHaveURL(original);
  await expect(a).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await expect(a.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await expect(status(a)).toContainText('3 nodes');
  await expect(a.getByRole('textbox', { name: 'Design title' })).toHaveValue('Untitled design (fork)');
  await a.getByRole('tab', { name: 'History' }).click();
  await expect(a.getByRole('list', { name: 'Versions' }).getByRole('button').first()).toHaveAccessibleName(
    `Version 1: Forked from version 3 of another design, by ${me}`,
  );
  // The original is untouched by the fork.
  await expect(status(b)).toContainText('1 node');
});

test('the op log API pages the history and refuses bad pages', async ({ request }) => {
  const created = await (await request.post('/api/designs', { data: {} })).json();
  const id = created.design.id as string;
  for (const title of ['One', 'Two', 'Three']) await request.patch(`/api/designs/${id}`, { data: { title } });

  const all = await (await request.get(`/api/designs/${id}/ops`)).json();
  expect(all.current).toBe(3);
  expect(all.ops.map((o: { version: number; op: { title: string } }) => [o.version, o.op.title])).toEqual([
    [1, 'One'],
    [2, 'Two'],
    [3, 'Three'],
  ]);
  expect(all.ops[0].author.name).toMatch(/\w+ \w+/);
  expect(Date.parse(all.ops[0].createdAt)).not.toBeNaN();

  const page = await (await request.get(`/api/designs/${id}/ops?after=1&limit=1`)).json();
  expect(page.ops.map((o: { version: number }) => o.version)).toEqual([2]);
  expect((await (await request.get(`/api/designs/${id}/ops?after=3`)).json()).ops).toEqual([]);

  for (const bad of ['after=-1', 'limit=0', 'limit=5000', 'after=two', 'from=1']) {
    const res = await request.get(`/api/designs/${id}/ops?${bad}`);
    expect(res.status(), bad).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, code: 'bad-request' });
  }
  expect((await request.get('/api/designs/nope/ops')).status()).toBe(404);
});

test('a long history is listed fifty versions at a time, and follows edits made while it is open', async ({ page }) => {
  const created = await (await page.request.post('/api/designs', { data: {} })).json();
  const id = created.design.id as string;
  for (let i = 1; i <= 120; i++) {
    const res = await page.request.patch(`/api/designs/${id}`, { data: { title: `Name ${i}` } });
    expect(res.ok()).toBe(true);
  }
  await page.goto(`/d/${id}`);
  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await page.getByRole('tab', { name: 'History' }).click();
  const versions = page.getByRole('list', { name: 'Versions' }).getByRole('button');
  await expect(versions).toHaveCount(50);
  await expect(versions.first()).toHaveAccessibleName(/^Version 120: Renamed the design to “Name 120”, by \w+ \w+$/);
  await expect(versions.last()).toHaveAccessibleName(/^Version 71: /);

  await page.getByRole('button', { name: 'Show 50 older versions (70 more)' }).click();
  await expect(versions).toHaveCount(100);
  await page.getByRole('button', { name: 'Show 20 older versions (20 more)' }).click();
  // 120 edits and the blank canvas.
  await expect(versions).toHaveCount(121);
  await expect(versions.last()).toHaveAccessibleName('Version 0: the blank canvas');
  await expect(page.getByRole('button', { name: /older versions/ })).toBeHidden();

  // Someone else renames the design: the list grows at the top.
  await page.request.patch(`/api/designs/${id}`, { data: { title: 'Renamed live' } });
  await expect(versions.first()).toHaveAccessibleName(/^Version 121: Renamed the design to “Renamed live”/);
});
