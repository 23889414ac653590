import { readFileSync } from 'node:fs';
import { keepScreenshot } from './support/artifacts';
import { connected } from './support/editor';
import { expect, test, type Browser, type Page } from './support/test';

/** A second or third person: their own browser context (own guest cookie), at 1280×800. */
async function person(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function join(page: Page, joinPath: string, name: string): Promise<void> {
  await page.goto(joinPath);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join workshop' }).click();
  await expect(page).toHaveURL(/\/w\/[A-Za-z0-9_-]+$/);
}

test('an instructor sets an assignment, a group builds and submits, the instructor grades, overrides and exports the CSV', async ({ page: instructor, browser }, testInfo) => {
  test.setTimeout(120_000);

  // The instructor creates a workshop: one person per group, each room starting from the tiny decoder LM.
  await instructor.goto('/w/new');
  const form = instructor.getByRole('form', { name: 'New workshop' });
  await form.getByLabel('Title').fill('Attention, day 1');
  await form.getByLabel('Starter design').selectOption({ label: 'Tiny GPT' });
  await form.getByLabel('People per group').fill('1');
  await form.getByRole('button', { name: 'Create workshop' }).click();
  await expect(instructor).toHaveURL(/\/w\/(?!new$)[A-Za-z0-9_-]+$/);
  const workshopUrl = new URL(instructor.url()).pathname;
  const joinLink = (await instructor.locator('code', { hasText: '/w/join/' }).textContent())!;
  const joinPath = /\/w\/join\/\S+/.exec(joinLink)![0];

  // …and an assignment: a visible test and a hidden one, the hidden one's kind and fields set in the form.
  await instructor.getByRole('link', { name: 'New assignment' }).click();
  await expect(instructor.getByRole('heading', { name: 'New assignment' })).toBeVisible();
  const editor = instructor.getByRole('form', { name: 'Assignment' });
  await editor.getByRole('button', { name: 'Create assignment' }).click();
  // The schema's own message, next to the field.
  await expect(editor.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByRole('alert')).toHaveText('The assignment has 1 problem: see the marked fields.');
  await expect(editor.getByLabel('Title', { exact: true })).toHaveAccessibleDescription(/at least 1|too small/i);
  await editor.getByLabel('Title', { exact: true }).fill('Build a decoder-only LM');
  await editor.getByLabel('Prompt').fill('Keep the decoder causal and add positional information.');
  const first = editor.getByRole('group', { name: /^Test 1/ });
  await first.getByLabel('Name', { exact: true }).fill('The design validates');
  await first.getByLabel('Points').fill('4');
  await first.getByLabel('Feedback when passed').fill('The design validates.');
  await first.getByLabel('Feedback when failed').fill('Fix the errors first.');
  await editor.getByLabel('New test kind').selectOption({ label: 'Node type appears n times' });
  await editor.getByRole('button', { name: 'Add test' }).click();
  const second = editor.getByRole('group', { name: /^Test 2/ });
  await second.getByLabel('Name', { exact: true }).fill('Secret attention count');
  await second.getByLabel('Points').fill('3');
  await second.getByLabel('Visibility').selectOption({ label: 'Hidden until release' });
  await expect(second.getByLabel('Node type')).toHaveValue('multi-head-attention');
  await second.getByLabel('Feedback when passed').fill('Attention is there.');
  await instructor.evaluate(() => window.scrollTo(0, 0));
  await keepScreenshot(instructor, testInfo, 'gradebook-assignment-editor');
  await editor.getByRole('button', { name: 'Create assignment' }).click();
  await expect(instructor.getByRole('heading', { name: 'Build a decoder-only LM' })).toBeVisible();
  const assignmentUrl = new URL(instructor.url()).pathname;

  // The assignment JSON goes out as a file and comes back in: the editor reads what it wrote.
  await instructor.getByRole('link', { name: 'Edit assignment' }).click();
  const exporting = instructor.waitForEvent('download');
  await instructor.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(readFileSync((await (await exporting).path())!, 'utf8'));
  expect(exported).toMatchObject({ format: 'multihead-assignment', title: 'Build a decoder-only LM', tests: [{ id: 'test-1', points: 4 }, { kind: 'node-count', visibility: 'hidden' }] });
  await instructor.getByLabel('Assignment JSON file').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, prompt: 'Imported prompt.' })) });
  await expect(instructor.getByRole('status')).toHaveText('Imported edited.json.');
  await expect(instructor.getByLabel('Prompt')).toHaveValue('Imported prompt.');
  await instructor.getByLabel('Assignment JSON file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...exported, tests: [] })) });
  await expect(instructor.getByRole('alert').filter({ hasText: 'broken.json' })).toContainText('broken.json is not a valid assignment: tests:');
  await instructor.getByLabel('Prompt').fill('Keep the decoder causal and add positional information.');
  await instructor.getByRole('button', { name: 'Save assignment' }).click();
  await expect(instructor).toHaveURL(assignmentUrl);

  // Two participants join: each lands in a group of their own.
  const ada = await person(browser);
  const bob = await person(browser);
  await join(ada, joinPath, 'Ada');
  await join(bob, joinPath, 'Bob');
  await expect(bob.getByRole('region', { name: 'My group' })).toContainText('Group 2');

  // Ada's group builds: two layers added, and taken back again, then the layout tidied.
  await ada.getByRole('link', { name: /^Open Group 1/ }).click();
  await connected(ada);
  const palette = ada.getByRole('complementary', { name: 'Layers' });
  await palette.getByRole('button', { name: 'Layer norm', exact: true }).click();
  await palette.getByRole('button', { name: 'Dropout', exact: true }).click();
  await ada.waitForTimeout(400);
  await ada.keyboard.press('ControlOrMeta+z');
  await ada.waitForTimeout(400);
  await ada.keyboard.press('ControlOrMeta+z');
  await ada.waitForTimeout(400);

  // …and submits from the assignment's page; the visible test's result arrives without a reload.
  await ada.goto(workshopUrl);
  await ada.getByRole('link', { name: 'Build a decoder-only LM' }).click();
  await expect(ada.getByText('Keep the decoder causal')).toBeVisible();
  await ada.getByRole('button', { name: 'Submit our design' }).click();
  const submission = ada.getByRole('listitem', { name: /^Version \d+ by Ada/ });
  await expect(submission.getByRole('status')).toHaveText('Graded', { timeout: 30_000 });
  const results = submission.getByRole('table', { name: /^Results of version/ });
  await expect(results.getByRole('row', { name: /The design validates/ })).toContainText('Passed');
  await expect(results.getByRole('row', { name: /The design validates/ })).toContainText('4 / 4');
  // The hidden test is nowhere on the participant's page before release.
  await expect(ada.getByText('Secret attention count')).toHaveCount(0);
  await expect(ada.getByText('Attention is there.')).toHaveCount(0);
  await keepScreenshot(ada, testInfo, 'gradebook-participant-results');

  // The instructor sees the grade in the gradebook, hidden test included.
  await instructor.goto(assignmentUrl);
  await instructor.getByRole('link', { name: 'Open gradebook' }).click();
  const book = instructor.getByRole('table', { name: 'Gradebook' });
  const group1 = book.getByRole('row', { name: /^Group 1/ });
  await expect(group1.getByRole('cell').nth(-2)).toHaveText('7');
  await expect(book.getByRole('row', { name: /^Group 2/ })).toContainText('Nothing submitted');

  // …overrides one test with a comment, and the total follows.
  await instructor.getByRole('button', { name: 'Override a score of Group 1' }).click();
  const override = instructor.getByRole('region', { name: 'Override a score of Group 1' });
  await override.getByLabel('Score').selectOption({ label: 'The design validates (max 4)' });
  await override.getByLabel('Points').fill('3');
  await override.getByLabel('Comment').fill('Tidy the layout before submitting');
  await override.getByRole('button', { name: 'Save override' }).click();
  await expect(group1).toContainText('was 4: Tidy the layout before submitting');
  await expect(group1.getByRole('cell').nth(-2)).toHaveText('6');

  // The contribution log shows Ada's edits, from the op log.
  await instructor.getByRole('button', { name: 'Diff and contributions of Group 1' }).click();
  const log = instructor.getByRole('table', { name: 'Contribution log' });
  // Ada by her workshop name: two layers added and two taken back.
  await expect(log.getByRole('row', { name: /^Ada/ }).getByRole('cell').first()).toHaveText('4');
  await expect(instructor.getByRole('table', { name: 'Gradings' })).toContainText('test-1 → 3 (Tidy the layout before submitting)');
  await keepScreenshot(instructor, testInfo, 'gradebook-instructor');
  // The same page in the dark theme: only the app's colour variables, so it follows.
  const theme = await instructor.locator('html').getAttribute('data-theme');
  await instructor.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await keepScreenshot(instructor, testInfo, 'gradebook-instructor-dark');
  await instructor.evaluate((t) => (t ? document.documentElement.setAttribute('data-theme', t) : document.documentElement.removeAttribute('data-theme')), theme);

  // …and exports the CSV: one row per participant, with group, each test, late penalty and total.
  const downloading = instructor.waitForEvent('download');
  await instructor.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('build-a-decoder-only-lm-gradebook.csv');
  const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv).toEqual(['participant,group,The design validates (4),Secret attention count (3),late penalty,total', 'Ada,Group 1,3,3,0,6', 'Bob,Group 2,,,,', '']);
});
