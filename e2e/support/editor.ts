import { expect, type Page } from '@playwright/test';

/** A node on the canvas, by its accessible name ("Type: label"). */
export const node = (page: Page, name: RegExp | string) => page.getByRole('group', { name });

/** Waits until the page's design room is connected. */
export const connected = (page: Page) => expect(page.getByRole('status', { name: 'Connection: connected' })).toBeVisible();

/** Creates a design from the home page and waits until its room is connected. */
export async function newDesign(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New design' }).click();
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await connected(page);
}
