import { expect, test } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { newDesign, node, selectNode } from './support/editor';
import { joinThroughLink } from './support/sharing';


test('a tiny template on a new design shows its layers, shaped edges and totals', async ({ page }, testInfo) => {
  await newDesign(page);
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeVisible();
  await page.getByRole('button', { name: /^Tiny encoder classifier/ }).click();

  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeHidden();
  await expect(node(page, 'Multi-head attention: encoder.selfAttn')).toBeVisible();
  await expect(node(page, 'Token input: Tokens')).toBeVisible();
  await expect(node(page, 'Block: Encoder')).toBeVisible();
  // Edges carry the shape the server inferred: [batch, seq, d_model], with the template's batch size of 16.
  await expect(page.getByRole('group', { name: /^inputEmbedding\.out to inputPositions\.in \[16, 16, 32\]$/ })).toBeVisible();
  await expect(page.getByText('[16, 16, 32]').first()).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Parameters 9,122');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems');
  await keepScreenshot(page, testInfo, 'editor-template');

  await selectNode(node(page, 'Feed-forward: encoder.ffn'));
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Feed-forward' })).toBeVisible();
  await expect(inspector.getByRole('spinbutton', { name: 'dFF' })).toHaveValue('64');
  await expect(inspector.getByRole('combobox', { name: 'activation' })).toHaveValue('relu');
  await expect(inspector).toContainText('Parameters 4,192');
  await keepScreenshot(page, testInfo, 'editor-inspector');

  // The design and its layout survive a reload.
  await page.reload();
  await expect(node(page, 'Multi-head attention: encoder.selfAttn')).toBeVisible();

  // Fork: a copy of the design as it is now opens, and the original stays as it was.
  const original = page.url();
  await page.getByRole('button', { name: 'Fork', exact: true }).click();
  await expect(page).not.toHaveURL(original);
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Design title' })).toHaveValue('Untitled design (fork)');
  await expect(node(page, 'Multi-head attention: encoder.selfAttn')).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Parameters 9,122');
});

test('add layers from the palette, connect them, and see a refused connection say why', async ({ page }) => {
  await newDesign(page);
  const palette = page.getByRole('complementary', { name: 'Layers' });
  await palette.getByRole('searchbox', { name: 'Search layers' }).fill('token');
  await expect(palette.getByRole('button', { name: 'Feed-forward' })).toBeHidden();
  // Dragged from the palette onto the canvas (the palette is the canvas region's first 200 px).
  const canvas = page.getByRole('main', { name: 'Design canvas' });
  await palette.getByRole('button', { name: 'Token input' }).dragTo(canvas, { targetPosition: { x: 380, y: 250 } });
  await expect(node(page, /^Token input/)).toBeVisible();
  // And by a click, which places the layer in a free spot.
  await palette.getByRole('button', { name: 'Token embedding' }).click();
  await palette.getByRole('searchbox', { name: 'Search layers' }).fill('');
  // From the keyboard too.
  await palette.getByRole('button', { name: 'Feed-forward' }).focus();
  await page.keyboard.press('Enter');

  const tokens = node(page, /^Token input/);
  const embedding = node(page, /^Token embedding/);
  const ffn = node(page, /^Feed-forward/);
  await expect(ffn).toBeVisible();
  await page.getByRole('button', { name: 'Fit View' }).click();

  await tokens.getByLabel('output out').dragTo(embedding.getByLabel('input in'));
  await expect(page.getByText('[8, 32]')).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Parameters 128,000');

  // Token ids cannot feed a layer that takes vectors.
  await tokens.getByLabel('output out').dragTo(ffn.getByLabel('input in'));
  await expect(page.getByRole('contentinfo', { name: 'Status' }).getByRole('alert')).toContainText(/delivers tokens but .* takes sequence/);
});

test('heads that do not divide d_model are an error in the problems list until fixed', async ({ page }, testInfo) => {
  await newDesign(page);
  await page.getByRole('button', { name: /^Tiny encoder classifier/ }).click();
  const attention = node(page, 'Multi-head attention: encoder.selfAttn');
  await selectNode(attention);
  const heads = page.getByRole('region', { name: 'Inspector' }).getByRole('spinbutton', { name: 'heads' });
  await expect(heads).toHaveValue('2');
  await heads.fill('3');
  await heads.press('Enter');

  const problems = page.getByRole('region', { name: 'Problems' });
  const problem = problems.getByRole('button', { name: /Width 32 cannot be split into 3 equal heads/ });
  await expect(problem).toBeVisible();
  await expect(attention.getByRole('img', { name: /worst: error/ })).toBeVisible();

  // Choosing the problem selects its node.
  await selectNode(node(page, 'Token input: Tokens'));
  await problem.click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Multi-head attention' })).toBeVisible();
  await page.waitForTimeout(400); // the view glides to the node
  await keepScreenshot(page, testInfo, 'editor-problem');

  // Out of range is refused with the reason, and changes nothing.
  await inspector.getByRole('spinbutton', { name: 'heads' }).fill('0');
  await inspector.getByRole('spinbutton', { name: 'heads' }).press('Enter');
  await expect(inspector.getByRole('alert')).toContainText('heads');

  await inspector.getByRole('spinbutton', { name: 'heads' }).fill('4');
  await inspector.getByRole('spinbutton', { name: 'heads' }).press('Enter');
  await expect(problem).toBeHidden();
  await expect(problems).toContainText('No problems');
  await expect(attention.getByRole('img', { name: /worst: error/ })).toBeHidden();
});

test('two people see each other’s edits, and undo only undoes your own', async ({ browser }) => {
  const a = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await newDesign(a);
  await joinThroughLink(a, b);
  await expect(b.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

  await a.getByRole('button', { name: /^Tiny encoder classifier/ }).click();
  await expect(node(b, 'Multi-head attention: encoder.selfAttn')).toBeVisible();

  await b.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: 'Dropout' }).click();
  await expect(node(a, /^Dropout/)).toBeVisible();
  await expect(b.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await a.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: 'Layer norm' }).click();
  await expect(node(b, /^Layer norm/)).toBeVisible();
  await expect(a.getByRole('button', { name: 'Undo' })).toBeEnabled();

  // B's undo takes back B's dropout, not A's later layer norm.
  await b.keyboard.press('ControlOrMeta+z');
  await expect(node(a, /^Dropout/)).toBeHidden();
  await expect(node(b, /^Dropout/)).toBeHidden();
  await expect(node(b, /^Layer norm/)).toBeVisible();

  // A's undo takes back A's layer norm; the template (A's earlier edit) stays, and redo brings it back.
  await a.keyboard.press('ControlOrMeta+z');
  await expect(node(b, /^Layer norm/)).toBeHidden();
  await expect(node(b, 'Multi-head attention: encoder.selfAttn')).toBeVisible();
  await expect(a.getByRole('button', { name: 'Redo' })).toBeEnabled();
  await a.keyboard.press('ControlOrMeta+Shift+z');
  await expect(node(b, /^Layer norm/)).toBeVisible();
});
