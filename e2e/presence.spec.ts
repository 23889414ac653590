import { expect, test, type Browser, type Page } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { node, selectNode } from './support/editor';
import { joinThroughLink } from './support/sharing';


async function twoPeople(browser: Browser): Promise<[Page, Page]> {
  const a = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const bSockets: string[] = [];
  b.on('websocket', (ws) => bSockets.push(ws.url()));
  await a.goto('/');
  await a.getByRole('button', { name: 'New design' }).click();
  await expect(a).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await expect(a.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await a.getByRole('button', { name: /^Tiny encoder classifier/ }).click();
  await joinThroughLink(a, b);
  await expect(b.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await expect(node(b, 'Multi-head attention: encoder.selfAttn')).toBeVisible();
  // The socket names its design, so a load balancer can send everyone on it to one instance (README).
  const designId = new URL(b.url()).pathname.split('/').pop();
  expect(bSockets.map((u) => new URL(u).searchParams.get('design'))).toContain(designId);
  return [a, b];
}

/** The name the server gave this page's person. */
async function nameOf(page: Page): Promise<string> {
  const title = await page.getByRole('list', { name: 'People here' }).getByRole('listitem', { name: /\(you\)$/ }).getAttribute('aria-label');
  return (title ?? '').replace(/ \(you\)$/, '');
}

test('people see each other’s pointers and selections, and can follow a view', async ({ browser }, testInfo) => {
  const [a, b] = await twoPeople(browser);
  const aName = await nameOf(a);
  expect(aName).not.toBe('');
  await expect(b.getByRole('button', { name: `Follow ${aName}` })).toBeVisible();

  // A's pointer over the canvas shows on B's screen, named; leaving the canvas takes it away.
  const pane = a.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  for (let i = 0; i < 8; i++) {
    await a.mouse.move(box.x + 80 + i * 20, box.y + 60 + i * 10);
    await a.waitForTimeout(30);
  }
  const pointer = b.getByRole('img', { name: `${aName}’s pointer` });
  await expect(pointer).toBeVisible();
  await expect(pointer).toContainText(aName);
  // And never one's own.
  await expect(a.getByRole('img', { name: `${aName}’s pointer` })).toHaveCount(0);

  // A's selection is outlined in A's colour on B's screen.
  await selectNode(node(a, 'Feed-forward: encoder.ffn'));
  const ring = node(b, 'Feed-forward: encoder.ffn').getByRole('img', { name: `Selected by ${aName}` });
  await expect(ring).toBeVisible();
  await a.mouse.move(box.x + 300, box.y + 200);
  await expect(b.getByRole('img', { name: `${aName}’s pointer` })).toBeVisible();
  await b.waitForTimeout(300);
  await keepScreenshot(b, testInfo, 'presence-remote-cursor-and-selection');

  await a.mouse.move(5, 5); // over the header: off the canvas
  await expect(pointer).toHaveCount(0);

  // Following A: B's view moves with A's until B stops.
  await b.getByRole('button', { name: `Follow ${aName}` }).click();
  await expect(b.getByRole('status', { name: `Following ${aName}` })).toBeVisible();
  await a.getByRole('button', { name: 'Zoom In' }).click();
  await a.getByRole('button', { name: 'Zoom In' }).click();
  const transform = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const aView = await transform(a);
  await expect.poll(() => transform(b)).toBe(aView);
  await b.getByRole('button', { name: 'Stop following' }).click();
  await expect(b.getByRole('status', { name: `Following ${aName}` })).toBeHidden();

  // Deselecting clears the ring; leaving the room clears everything of A's.
  await a.getByRole('button', { name: 'Fit View' }).click();
  await selectNode(node(a, 'Token input: Tokens'));
  await expect(ring).toBeHidden();
  await a.context().close();
  await expect(b.getByRole('button', { name: `Follow ${aName}` })).toBeHidden();
});
