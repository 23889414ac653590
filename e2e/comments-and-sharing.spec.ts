import { expect, test, type Browser, type Page } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { connected, newDesign, node, selectNode } from './support/editor';
import { joinThroughLink } from './support/sharing';

const VIEWPORT = { width: 1280, height: 800 };
const ATTENTION = 'Multi-head attention: encoder.selfAttn';

async function person(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  return context.newPage();
}

/** The name the server gave this page's person. */
async function nameOf(page: Page): Promise<string> {
  const label = await page.getByRole('list', { name: 'People here' }).getByRole('listitem', { name: /\(you\)$/ }).getAttribute('aria-label');
  return (label ?? '').replace(/ \(you\)$/, '');
}

test('a comment on a node reaches everyone, gets a reply, and resolving it clears the badge for both', async ({ browser }, testInfo) => {
  const a = await person(browser);
  const b = await person(browser);
  await newDesign(a);
  await a.getByRole('button', { name: /^Tiny encoder classifier/ }).click();
  await joinThroughLink(a, b);
  await connected(b);
  await expect(node(b, ATTENTION)).toBeVisible();
  const [aName, bName] = [await nameOf(a), await nameOf(b)];
  expect(aName).not.toBe('');
  expect(bName).not.toBe('');

  // A comments from the inspector: the field is labelled with the node and shows the document's limit.
  await selectNode(node(a, ATTENTION));
  await a.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Comment on this node' }).click();
  const field = a.getByRole('textbox', { name: `New comment on ${ATTENTION}` });
  await expect(field).toBeFocused();
  await expect(a.getByRole('region', { name: 'Comments' })).toContainText('0 / 2000 characters');
  await expect(field).toHaveAttribute('maxlength', '2000');
  await field.fill('Why only 4 heads here?');
  await a.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(field).toHaveValue('');

  // B sees the badge on the node and opens the thread from it; the author shown is A's real name.
  const badgeB = node(b, ATTENTION).getByRole('button', { name: '1 open comment' });
  await expect(badgeB).toBeVisible();
  await expect(b.getByRole('tab', { name: /^Comments/ })).toContainText('1');
  await badgeB.press('Enter'); // the badge may sit where B's view does not reach (see selectNode)
  await expect(b.getByRole('tab', { name: /^Comments/ })).toHaveAttribute('aria-selected', 'true');
  const threadB = b.getByRole('article', { name: `Comment by ${aName} on ${ATTENTION}` });
  await expect(threadB).toContainText('Why only 4 heads here?');
  await expect(threadB).toContainText(aName);
  // Only the author may delete the thread.
  await expect(threadB.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  await threadB.getByRole('textbox', { name: `Reply to ${aName}` }).fill('d_model must divide by the heads: 32 / 4 = 8 each.');
  await threadB.getByRole('button', { name: 'Reply', exact: true }).click();

  // A sees the reply under B's name.
  await a.getByRole('tab', { name: /^Comments/ }).click();
  const threadA = a.getByRole('article', { name: `Comment by ${aName} on ${ATTENTION}` });
  await expect(threadA.getByRole('listitem', { name: `Reply by ${bName}` })).toContainText('32 / 4 = 8 each');
  await expect(threadA.getByRole('button', { name: 'Delete', exact: true })).toBeVisible();
  await expect(node(a, ATTENTION).getByRole('button', { name: '1 open comment' })).toBeVisible();

  // The thread's node name selects that node (a new comment would go to it).
  await a.getByRole('button', { name: 'Show every node' }).click();
  await selectNode(node(a, 'Token input: Tokens'));
  await expect(a.getByRole('textbox', { name: 'New comment on Token input: Tokens' })).toBeVisible();
  await a.getByRole('region', { name: 'Comments' }).getByRole('button', { name: `Show ${ATTENTION} on the canvas` }).click();
  await expect(a.getByRole('textbox', { name: `New comment on ${ATTENTION}` })).toBeVisible();

  // Dark mode with the thread open, for people to look at.
  await a.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(a.locator('html')).toHaveAttribute('data-theme', 'dark');
  await a.waitForTimeout(400);
  await keepScreenshot(a, testInfo, 'comments-dark-thread-open');

  // A resolves it: the badge and the tab's count go away on both screens; "All" still shows it.
  await threadA.getByRole('button', { name: 'Resolve' }).click();
  for (const page of [a, b]) {
    await expect(node(page, ATTENTION).getByRole('button', { name: /open comment/ })).toHaveCount(0);
    await expect(page.getByRole('tab', { name: /^Comments/ })).toHaveText('Comments');
  }
  await expect(threadB).toBeHidden();
  await b.getByRole('button', { name: 'All', exact: true }).click();
  await expect(threadB).toBeVisible();
  await expect(threadB).toContainText('Resolved');
  await expect(threadB.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await keepScreenshot(b, testInfo, 'comments-light-resolved');

  // The author deletes the thread; their Undo brings it back, replies and all, for everyone.
  await a.getByRole('button', { name: 'All', exact: true }).click();
  await threadA.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(threadB).toBeHidden();
  await a.getByRole('button', { name: 'Undo' }).click();
  await expect(threadB).toBeVisible();
  await expect(threadB.getByRole('listitem', { name: `Reply by ${bName}` })).toContainText('32 / 4 = 8 each');
  await a.context().close();
  await b.context().close();
});

test('Share copies the link, ? lists the shortcuts, and the chosen theme survives a reload', async ({ browser }, testInfo) => {
  const page = await person(browser);
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 23, 28)');
  await keepScreenshot(page, testInfo, 'home-dark');

  await page.getByRole('button', { name: 'New design' }).click();
  await connected(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeVisible();
  await keepScreenshot(page, testInfo, 'template-gallery-dark');

  // Share, for the owner: a link with a role goes to the clipboard, and the dialog lists it.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const shareDialog = page.getByRole('dialog', { name: 'Share this design' });
  await shareDialog.getByRole('button', { name: 'Create link' }).click();
  await expect(shareDialog.getByRole('status')).toHaveText('Can view link created and copied');
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  expect(shared).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
  await expect(shareDialog.getByRole('textbox', { name: 'Can view link' })).toHaveValue(shared);
  await shareDialog.getByRole('button', { name: 'Close' }).click();

  // Share, for someone who joined through that link: the page's address goes to the clipboard.
  const viewer = await person(browser);
  await viewer.goto(shared);
  await connected(viewer);
  await viewer.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(viewer.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  expect(await viewer.evaluate(() => navigator.clipboard.readText())).toBe(viewer.url());
  // Where the clipboard refuses, the link is shown selected, to copy by hand.
  await viewer.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
  });
  await viewer.getByRole('button', { name: 'Share', exact: true }).click();
  const link = viewer.getByRole('textbox', { name: 'Link to this design' });
  await expect(link).toHaveValue(viewer.url());
  await expect(link).toBeFocused();
  expect(await link.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0))).toBe(viewer.url());
  await viewer.getByRole('button', { name: 'Done' }).click();
  await viewer.context().close();

  // "?" typed into a field is just text.
  const search = page.getByRole('searchbox', { name: 'Search layers' });
  await search.click();
  await page.keyboard.press('?');
  await expect(search).toHaveValue('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await search.fill('');

  // "?" elsewhere opens the list; focus stays inside it; Escape closes it.
  await page.getByRole('heading', { name: 'Start from a template' }).click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  for (const does of ['Undo your last edit', 'Redo', 'Delete the selected nodes', 'Copy the selected nodes', 'Paste', 'Duplicate the selected nodes', 'Arrange the layers']) {
    await expect(dialog).toContainText(does);
  }
  const close = dialog.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await keepScreenshot(page, testInfo, 'shortcuts-dark');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The header button opens it too, and gets the focus back when it closes.
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // The theme survives a reload, canvas included; "System" follows the system.
  await page.reload();
  await connected(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await expect(page.locator('.react-flow')).toHaveClass(/\bdark\b/);
  // A lone layer has problems: its badge, the inspector and the problems list, in the dark.
  await page.getByRole('button', { name: 'Multi-head attention', exact: true }).click();
  await expect(page.getByRole('group', { name: /^Multi-head attention: / }).getByRole('img', { name: /problem/ })).toBeVisible();
  await page.waitForTimeout(400);
  await keepScreenshot(page, testInfo, 'editor-dark-problems');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(247, 247, 249)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.context().close();
});
