import { expect, type Locator, type Page } from '@playwright/test';

/** A node on the canvas, by its accessible name ("Type: label"). */
export const node = (page: Page, name: RegExp | string) => page.getByRole('group', { name });

/**
 * Selects a node the way a keyboard user does (focus it, press Enter). A click needs the node's
 * centre inside the visible part of the canvas, and Playwright's scroll-into-view scrolls React
 * Flow's clipped container instead of panning, so a node half under the side panel cannot be
 * clicked reliably; the keyboard path selects it wherever the view is.
 */
export async function selectNode(target: Locator): Promise<void> {
  await target.press('Enter');
  await expect(target).toHaveClass(/\bselected\b/);
}

/** Waits until the page's design room is connected. */
export const connected = (page: Page) => expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

/** Creates a design from the home page and waits until its room is connected. */
export async function newDesign(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New design' }).click();
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await connected(page);
}
