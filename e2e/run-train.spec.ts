import { expect, test, type Browser, type Page } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { joinThroughLink } from './support/sharing';
import { selectNode } from './support/editor';

async function newPerson(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}

/** A new design started from a tiny template, with no problems. */
async function tinyDesign(page: Page, template: RegExp) {
  await page.goto('/');
  await page.getByRole('button', { name: 'New design' }).click();
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();
  await page.getByRole('button', { name: template }).click();
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems');
}

/** The progress bar's step, or -1 when it is not shown. */
async function progressStep(page: Page): Promise<number> {
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  if (!(await bar.isVisible())) return -1;
  return Number((await bar.getAttribute('aria-valuenow')) ?? -1);
}

test('run a design and see its attention and positional-encoding heatmaps, the causal triangle masked', async ({ page }, testInfo) => {
  await tinyDesign(page, /^Tiny encoder–decoder/);
  await expect(page.getByRole('group', { name: 'Multi-head attention: decoder.crossAttn' })).toBeVisible();
  await page.getByRole('tab', { name: 'Run' }).click();
  const panel = page.getByRole('region', { name: 'Run' });
  await panel.getByRole('button', { name: 'Run', exact: true }).click();

  // The first attention layer: the encoder's, unmasked, 12 tokens each way.
  const attention = panel.getByRole('img', { name: /^Attention heatmap of encoder\.selfAttn, head 1 of 4: 12 queries × 12 keys, nothing masked$/ });
  await expect(attention).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('img', { name: /^Positional encoding heatmap of srcPositions \(sinusoidal\): 12 positions × 32 dimensions$/ })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Layer outputs' })).toContainText('srcEmbedding');
  // The template's own run settings came with it (batch 16, where a blank design has 8).
  await expect(panel.getByRole('list', { name: 'Layer outputs' })).toContainText('[16, 12, 32]');

  // The decoder's self-attention is causal: the 66 cells above the diagonal are empty.
  await panel.getByRole('combobox', { name: 'Attention layer' }).selectOption({ label: 'decoder.selfAttn' });
  await panel.getByRole('combobox', { name: 'Attention head' }).selectOption('3');
  const causal = panel.getByRole('img', { name: 'Attention heatmap of decoder.selfAttn, head 3 of 4: 12 queries × 12 keys, 66 of 144 cells masked (causal)' });
  await expect(causal).toBeVisible();
  // ECharts drew it: the canvas is there and has been painted at the chart's size.
  const canvas = causal.locator('canvas');
  await expect(canvas.first()).toBeVisible();
  expect((await canvas.first().boundingBox())!.width).toBeGreaterThan(250);
  await keepScreenshot(page, testInfo, 'run-attention');

  // Larger in a dialog, with the same controls.
  await panel.getByRole('button', { name: 'Expand Attention' }).click();
  const dialog = page.getByRole('dialog', { name: 'Attention' });
  await expect(dialog.getByRole('img', { name: /decoder\.selfAttn, head 3 of 4.*\(enlarged\)$/ })).toBeVisible();
  await keepScreenshot(page, testInfo, 'run-attention-expanded');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The charts follow the dark colours too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.getByRole('img', { name: /^Positional encoding heatmap/ }).scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, 'run-positional-encoding-dark');

  // A layer's name in the list selects it on the canvas.
  await panel.getByRole('list', { name: 'Layer outputs' }).getByRole('button', { name: 'srcEmbedding' }).click();
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { name: 'Token embedding' })).toBeVisible();

  // A design with an error cannot run, and the panel says why.
  await selectNode(page.getByRole('group', { name: 'Multi-head attention: encoder.selfAttn' }));
  const heads = page.getByRole('region', { name: 'Inspector' }).getByRole('spinbutton', { name: 'heads' });
  await heads.fill('3');
  await heads.press('Enter');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('cannot be split into 3 equal heads');
  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(panel.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(panel).toContainText("Fix the design's error first");
  // The last run's result stays on show meanwhile, at the layer and head picked before the tab was left.
  await expect(panel.getByRole('img', { name: /^Attention heatmap of decoder\.selfAttn, head 3 of 4/ })).toBeVisible();
});

// The tiny forecaster trains fastest of the templates (a cheap evaluation batch): with the WASM kernels 20 steps
// can end between two progress messages, so the live bar is watched on the long training that B cancels.
test('train a tiny design for a few steps: the progress bar and curves move for everyone; cancel; compare with a past run', async ({ browser }, testInfo) => {
  test.slow(); // two trainings: job threads get only the CPU the event loop leaves
  const a = await newPerson(browser);
  const b = await newPerson(browser);
  await tinyDesign(a, /^Tiny forecaster/);
  await joinThroughLink(a, b);
  await expect(b.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

  await a.getByRole('tab', { name: 'Train' }).click();
  await b.getByRole('tab', { name: 'Train' }).click();
  const panel = a.getByRole('region', { name: 'Train' });
  // The task that fits comes first; the fit is shown before anyone presses Start.
  const task = panel.getByRole('combobox', { name: 'Task' });
  await expect(task).toHaveValue('sine-forecasting');
  await expect(panel.getByRole('note', { name: 'Task fit' })).toContainText('This design fits Sine-mixture forecasting');
  await task.selectOption('copy');
  await expect(panel.getByRole('note', { name: 'Task fit' })).toContainText('does not fit Copy');
  await expect(panel.getByRole('button', { name: 'Start training' })).toBeDisabled();
  await task.selectOption('sine-forecasting');
  await expect(panel.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('400'); // the task's default

  await panel.getByRole('spinbutton', { name: 'Steps' }).fill('20');
  await panel.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.01');
  await panel.getByRole('spinbutton', { name: 'Seed' }).fill('3');
  // Settings survive a look at another tab.
  await a.getByRole('tab', { name: 'Inspect' }).click();
  await a.getByRole('tab', { name: 'Train' }).click();
  await expect(panel.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('20');
  const started = Date.now();
  await panel.getByRole('button', { name: 'Start training' }).click();

  // At the end: the full curve, the metric per evaluation and sample predictions, on both screens.
  await expect(panel.getByRole('img', { name: /^Loss curve: 20 points, loss [\d.]+ at step 20$/ })).toBeVisible({ timeout: 60_000 });
  console.log(`20 steps of sine forecasting trained in ${Date.now() - started} ms`);
  await expect(panel.getByRole('progressbar', { name: 'Training progress' })).toBeHidden();
  await expect(panel.getByRole('img', { name: /^Mean absolute error per evaluation: 11 evaluations, [\d.]+ at step 20$/ })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Sample predictions' }).getByRole('listitem')).toHaveCount(3);
  await expect(b.getByRole('img', { name: /^Loss curve: 20 points/ })).toBeVisible();
  await keepScreenshot(a, testInfo, 'train-finished');

  // A long training, cancelled by B once it is under way.
  await panel.getByRole('spinbutton', { name: 'Steps' }).fill('5000');
  await panel.getByRole('button', { name: 'Start training' }).click();
  await expect(a.getByRole('tab', { name: /Train/ })).toContainText('running');
  // B, who did not start it, watches the bar move and the loss curve grow.
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const step = await progressStep(b);
        if (step > 0) seen.add(step);
        return seen.size >= 2 && Math.max(...seen) >= 5;
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBe(true);
  await expect(b.getByRole('img', { name: /^Loss curve: \d+ points, loss [\d.]+ at step \d+$/ })).toBeVisible();
  await expect(b.getByRole('status', { name: 'Training status' })).toContainText('started by');
  await expect(b.getByText(/^Step \d+ of 5000 · (about \d+ (s|min)|under a second).* left$/)).toBeVisible();
  await keepScreenshot(b, testInfo, 'train-live');
  await b.getByRole('button', { name: 'Cancel training' }).click();
  await expect(panel.getByRole('status').filter({ hasText: /Training cancelled at step \d+ of 5000 by / })).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByRole('button', { name: 'Start training' })).toBeEnabled();

  // The finished run is a past training of the design: overlay it on the cancelled run's curve.
  const past = panel.getByRole('region', { name: 'Past trainings' });
  const first = past.getByRole('checkbox', { name: /Sine-mixture forecasting · 20 steps · lr 0\.01 · seed 3$/ });
  await first.check();
  await expect(panel.getByRole('img', { name: /^Loss curve: .*, with 1 past training overlaid$/ })).toBeVisible();
  await panel.getByRole('img', { name: /^Loss curve/ }).scrollIntoViewIfNeeded();
  await keepScreenshot(a, testInfo, 'train-overlay');
});
