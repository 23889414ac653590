import { expect, test, type Locator, type Page } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { newDesign, node, selectNode } from './support/editor';

/** Every layer on the canvas (node names are "Type: label"; blocks are frames around layers, left out). */
const layers = (page: Page) => page.getByRole('group', { name: /^(?!Block: )[^:]+: / });
const edges = (page: Page) => page.getByRole('group', { name: / to / });

type Box = { x: number; y: number; width: number; height: number };

async function boxesOf(list: Locator): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const item of await list.all()) {
    const box = await item.boundingBox();
    if (box) boxes.push(box);
  }
  return boxes;
}

function overlapping(boxes: Box[]): number {
  let count = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1) count++;
    }
  }
  return count;
}

/**
 * Undo takes back your last edit the server has confirmed; the page shows no
 * sign of that answer (it applies edits at once), so give it a moment.
 */
async function serverAnswered(page: Page) {
  await page.waitForTimeout(300);
}

async function addLayer(page: Page, name: string) {
  await page.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name, exact: true }).click();
}

test('a template opens arranged and readable, with its settings, and one undo takes it all back', async ({ page }, testInfo) => {
  await newDesign(page);
  const gallery = page.getByRole('region', { name: 'Start from a template' });
  // Each template has a small drawing of itself beside its sentence.
  await expect(gallery.locator('svg')).toHaveCount(12);
  await keepScreenshot(page, testInfo, 'canvas-template-gallery');
  await gallery.getByRole('button', { name: /^Tiny encoder–decoder/ }).click();
  await expect(node(page, 'Multi-head attention: decoder.crossAttn')).toBeVisible();
  await page.waitForTimeout(400); // the view glides into place

  const boxes = await boxesOf(layers(page));
  expect(boxes.length).toBeGreaterThan(10);
  expect(overlapping(boxes)).toBe(0);
  // Readable at 1280×800: a layer (180 canvas units wide) is at least 90 px on screen.
  for (const box of boxes) expect(box.width).toBeGreaterThanOrEqual(90);
  // The view starts from the inputs.
  await expect(node(page, 'Token input: Source tokens')).toBeInViewport();
  await keepScreenshot(page, testInfo, 'canvas-template-arranged');

  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.waitForTimeout(300);
  await keepScreenshot(page, testInfo, 'canvas-template-overview');

  // One undo removes the whole template: the blank canvas and its gallery come back.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeVisible();
  await expect(layers(page)).toHaveCount(0);
});

test('Arrange lays a messy design out in one edit that one undo takes back', async ({ page }, testInfo) => {
  await newDesign(page);
  await page.getByRole('button', { name: /^Tiny encoder classifier/ }).click();
  const tokens = node(page, 'Token input: Tokens');
  await expect(tokens).toBeVisible();
  await page.waitForTimeout(400);

  // Make a mess: the input dragged down and to the right, under other layers.
  const start = (await tokens.boundingBox())!;
  await tokens.hover({ position: { x: 60, y: 12 } });
  await page.mouse.down();
  await page.mouse.move(start.x + 260, start.y + 220, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await tokens.boundingBox())!.y).toBeGreaterThan(start.y + 150);
  await serverAnswered(page);
  const messy = await boxesOf(layers(page));

  const embedding = node(page, 'Token embedding: inputEmbedding');
  const tidy = async () => {
    const [t, e] = [(await tokens.boundingBox())!, (await embedding.boundingBox())!];
    // Back in line with what it feeds, to its left, and nothing overlaps.
    return Math.abs(t.y + t.height / 2 - (e.y + e.height / 2)) < 4 && t.x + t.width < e.x && overlapping(await boxesOf(layers(page))) === 0;
  };
  expect(await tidy()).toBe(false);
  await page.getByRole('button', { name: 'Arrange' }).click();
  await expect.poll(tidy).toBe(true);
  await keepScreenshot(page, testInfo, 'canvas-arranged');

  await serverAnswered(page);
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => (await boxesOf(layers(page))).map((b) => [Math.round(b.x), Math.round(b.y)])).toEqual(messy.map((b) => [Math.round(b.x), Math.round(b.y)]));

  // Shift+A arranges too.
  await page.keyboard.press('Shift+A');
  await expect.poll(tidy).toBe(true);
});

test('copy, paste and duplicate two connected layers', async ({ page }, testInfo) => {
  await newDesign(page);
  await addLayer(page, 'Layer norm');
  await addLayer(page, 'Dropout');
  const norm = node(page, /^Layer norm:/);
  const dropout = node(page, /^Dropout:/);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await norm.getByLabel('output out').dragTo(dropout.getByLabel('input in'));
  await expect(edges(page)).toHaveCount(1);

  await norm.click();
  await dropout.click({ modifiers: ['ControlOrMeta'] });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toContainText('2 nodes selected');

  const original = (await norm.boundingBox())!;
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(node(page, /^Layer norm:/)).toHaveCount(2);
  await expect(node(page, /^Dropout:/)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(2);
  // The copies do not sit exactly on the originals.
  const corners = (await boxesOf(layers(page))).map((b) => `${Math.round(b.x)},${Math.round(b.y)}`);
  expect(new Set(corners).size).toBe(4);
  // The copies are what is selected now: taking the copied layer norm out of the selection leaves the copied dropout alone.
  await expect(inspector).toContainText('2 nodes selected');
  const norms = await node(page, /^Layer norm:/).all();
  const copy = (await norms[0].boundingBox())?.x === original.x ? norms[1] : norms[0];
  expect((await copy.boundingBox())!.x).toBeGreaterThan(original.x);
  await copy.click({ modifiers: ['ControlOrMeta'] });
  await expect(inspector.getByRole('heading', { name: 'Dropout' })).toBeVisible();
  await copy.click({ modifiers: ['ControlOrMeta'] });
  await expect(inspector).toContainText('2 nodes selected');
  // Delete takes them away again (a paste must leave the canvas's keys working), and undo brings them back.
  await page.keyboard.press('Delete');
  await expect(node(page, /^Layer norm:/)).toHaveCount(1);
  expect(await norm.boundingBox()).toEqual(original);
  await serverAnswered(page);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(node(page, /^Layer norm:/)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(2);

  // Duplicate (Ctrl/Cmd+D) copies the selection, which is now the pasted pair.
  await page.keyboard.press('ControlOrMeta+d');
  await expect(node(page, /^Layer norm:/)).toHaveCount(3);
  await expect(edges(page)).toHaveCount(3);
  // And from the toolbar.
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(node(page, /^Dropout:/)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await keepScreenshot(page, testInfo, 'canvas-pasted');

  // A paste is one edit: one undo removes the last pair and its edge.
  await serverAnswered(page);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(node(page, /^Dropout:/)).toHaveCount(3);
  await expect(edges(page)).toHaveCount(3);

  // Keys typed in a field belong to the field: no paste, no duplicate, no arrange.
  const search = page.getByRole('searchbox', { name: 'Search layers' });
  await search.focus();
  await page.keyboard.press('ControlOrMeta+v');
  await page.keyboard.press('ControlOrMeta+d');
  await page.keyboard.press('Shift+A');
  // The field got the clipboard's text and the letter; the canvas got nothing.
  await expect(search).toHaveValue(/multihead\/nodes.*A$/);
  await page.waitForTimeout(300);
  await expect(node(page, /^Dropout:/)).toHaveCount(3);
});

test('layers copied in one design paste into another, through the system clipboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const first = await context.newPage();
  await newDesign(first);
  await addLayer(first, 'Layer norm');
  await selectNode(node(first, /^Layer norm:/));
  await first.keyboard.press('ControlOrMeta+c');
  await expect(first.getByRole('contentinfo', { name: 'Status' })).toContainText('Copied 1 node');

  // Another tab knows nothing of the first one's memory: the layer comes through the system clipboard.
  const second = await context.newPage();
  await newDesign(second);
  await second.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Paste' }).click();
  await expect(node(second, /^Layer norm:/)).toHaveCount(1);
  await second.keyboard.press('ControlOrMeta+v');
  await expect(node(second, /^Layer norm:/)).toHaveCount(2);
  // What is on the clipboard is checked before use: text that is not copied layers pastes nothing.
  await second.evaluate(() => navigator.clipboard.writeText('{"kind":"multihead/nodes","nodes":"no"}'));
  await second.keyboard.press('ControlOrMeta+v');
  await expect(second.getByRole('contentinfo', { name: 'Status' })).toContainText('Nothing to paste');
  await expect(node(second, /^Layer norm:/)).toHaveCount(2);
  await context.close();
});

test('group two layers into an encoder block, repeat it twice, collapse and expand it', async ({ page }, testInfo) => {
  await newDesign(page);
  await addLayer(page, 'Layer norm');
  await addLayer(page, 'Feed-forward');
  const norm = node(page, /^Layer norm:/);
  const ffn = node(page, /^Feed-forward:/);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await norm.getByLabel('output out').dragTo(ffn.getByLabel('input in'));
  await expect(edges(page)).toHaveCount(1);

  await norm.click();
  await ffn.click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Group into encoder block' }).click();
  const block = node(page, /^Block: Encoder/);
  await expect(block).toBeVisible();
  await expect(block).toContainText('Encoder ×1');

  // The new block is selected: its repeat is in the inspector.
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Block' })).toBeVisible();
  await inspector.getByRole('spinbutton', { name: 'repeat' }).fill('2');
  await inspector.getByRole('spinbutton', { name: 'repeat' }).press('Enter');
  await expect(block).toContainText('Encoder ×2');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await keepScreenshot(page, testInfo, 'canvas-block-expanded');

  await page.getByRole('button', { name: 'Collapse Encoder' }).click();
  await expect(norm).toBeHidden();
  await expect(ffn).toBeHidden();
  await expect(block).toContainText('encoder block, collapsed');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await keepScreenshot(page, testInfo, 'canvas-block-collapsed');

  await page.getByRole('button', { name: 'Expand Encoder' }).click();
  await expect(norm).toBeVisible();
  await expect(ffn).toBeVisible();
  await expect(block).toContainText('Encoder ×2');

  // Ungroup puts the layers back at the top level, still connected.
  await block.click({ position: { x: 60, y: 8 } });
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Ungroup' }).click();
  await expect(block).toBeHidden();
  await expect(norm).toBeVisible();
  await expect(edges(page)).toHaveCount(1);
});
