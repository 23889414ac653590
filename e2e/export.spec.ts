import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from './support/test';
import { templateDocument } from '../lib/design/templates/index';
import { ARTIFACTS_DIR, keepScreenshot } from './support/artifacts';

function templateJson(name: string): string {
  const t = templateDocument(name);
  if (!t.ok) throw new Error(t.message);
  return JSON.stringify(t.doc, null, 2);
}

/** Drops a file on an element the way a browser does: a drop event carrying a DataTransfer. */
async function dropFile(page: Page, target: ReturnType<Page['getByRole']>, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], fileName, { type: 'application/json' }));
      return dt;
    },
    [name, text] as const,
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

async function downloadFromMenu(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu', { name: 'Export and import' }).getByRole('menuitem', { name: item }).click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('a design JSON dropped on the home page opens as a new design; a broken one is refused with its path', async ({ page }, testInfo) => {
  await page.goto('/');
  const zone = page.getByRole('region', { name: 'Import a design' });
  await expect(zone).toContainText('Drop a design JSON file here');
  await keepScreenshot(page, testInfo, 'export-home-drop-zone');

  const broken = JSON.parse(templateJson('tiny-encoder-classifier')) as { nodes: { params: Record<string, unknown> }[] };
  const index = broken.nodes.findIndex((n) => 'heads' in n.params);
  broken.nodes[index].params.heads = 0;
  await dropFile(page, zone, 'broken.json', JSON.stringify(broken));
  await expect(zone.getByRole('alert')).toContainText(`broken.json: $.nodes[${index}].params.heads:`);
  await expect(page).toHaveURL(/\/$/);

  await dropFile(page, zone, 'tiny-classifier.json', templateJson('tiny-encoder-classifier'));
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('textbox', { name: 'Design title' })).toHaveValue('tiny classifier');
  await expect(page.getByRole('group', { name: 'Block: Encoder' })).toBeVisible();
});

test('the Export menu downloads PyTorch, JSON, PNG and SVG; Import opens a file as a new design', async ({ page }, testInfo) => {
  const original = templateJson('tiny-decoder-language-model');
  const imported = await page.request.post('/api/designs/import', { data: { title: 'Tiny LM', document: JSON.parse(original) } });
  expect(imported.status()).toBe(201);
  const { design } = (await imported.json()) as { design: { id: string } };
  await page.goto(`/d/${design.id}`);
  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Block: Decoder' })).toBeVisible();

  await page.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('menu', { name: 'Export and import' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'PyTorch code and weights (.zip)',
    'Design as JSON',
    'Picture (PNG)',
    'Picture (SVG)',
    'Import JSON as a new design…',
  ]);
  await keepScreenshot(page, testInfo, 'export-menu');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  const pytorch = await downloadFromMenu(page, 'PyTorch code and weights (.zip)');
  expect(pytorch.name).toBe('tiny-lm.zip');
  const files = unzipSync(new Uint8Array(pytorch.bytes));
  expect(Object.keys(files).sort()).toEqual(['README.md', 'config.json', 'model.py', 'weights.safetensors']);
  expect(strFromU8(files['model.py'])).toContain("'head': nn.Linear(48, 64, bias=False)");
  expect(strFromU8(files['model.py'])).toContain("self.nodes['head'].weight = self.nodes['inputEmbedding'].weight");
  expect(JSON.parse(strFromU8(files['config.json'])).weights).toMatchObject({ kind: 'initial', seed: 0 });

  const json = await downloadFromMenu(page, 'Design as JSON');
  expect(json.name).toBe('tiny-lm.json');
  // Export → import round trip: the identical document.
  expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(JSON.parse(original));

  const png = await downloadFromMenu(page, 'Picture (PNG)');
  expect(png.name).toBe('tiny-lm.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  expect(width).toBeGreaterThan(400);
  // Kept to look at: the exported picture itself.
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await writeFile(path.join(ARTIFACTS_DIR, 'export-canvas-picture.png'), png.bytes);
  await testInfo.attach('exported picture', { path: path.join(ARTIFACTS_DIR, 'export-canvas-picture.png'), contentType: 'image/png' });

  const svg = await downloadFromMenu(page, 'Picture (SVG)');
  expect(svg.name).toBe('tiny-lm.svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toMatch(/^<svg/);
  // The picture holds the canvas's layers, not an empty frame.
  expect(svgText).toContain('Decoder');

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByLabel('Design JSON file to import').setInputFiles({ name: 'copy-of-lm.json', mimeType: 'application/json', buffer: json.bytes });
  await expect(page).not.toHaveURL(new RegExp(design.id));
  await expect(page.getByRole('textbox', { name: 'Design title' })).toHaveValue('copy of lm');
  await expect(page.getByRole('group', { name: 'Block: Decoder' })).toBeVisible();
});

test('the import and export routes answer refusals with a code and a sentence', async ({ request }) => {
  const bad = await request.post('/api/designs/import', { data: { document: { formatVersion: 1, nodes: [{ id: 'a b', type: 'linear', position: { x: 0, y: 0 } }], edges: [] } } });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({ ok: false, code: 'bad-document', path: '$.nodes[0].id' });
  const notJson = await request.post('/api/designs/import', { headers: { 'content-type': 'application/json' }, data: '{nope' });
  expect(notJson.status()).toBe(400);
  expect((await request.get('/api/designs/nope/export.json')).status()).toBe(404);
  // A design that cannot be built has no PyTorch export, and says why.
  const broken = { formatVersion: 1, nodes: [{ id: 'attn', type: 'multi-head-attention', position: { x: 0, y: 0 } }], edges: [] };
  const created = await request.post('/api/designs/import', { data: { document: broken } });
  const { design } = (await created.json()) as { design: { id: string } };
  const zip = await request.get(`/api/designs/${design.id}/export.zip`);
  expect(zip.status()).toBe(422);
  expect(await zip.json()).toMatchObject({ ok: false, code: 'invalid-design', message: expect.stringMatching(/to fix before it can run/) });
});
