import { expect, type Page } from '@playwright/test';

/** The id of the design a page shows. */
export const designIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

/**
 * Designs are private to their owner: another person gets in through a share
 * link the owner made (here through the API, as the owner's page would).
 */
export async function joinThroughLink(owner: Page, other: Page, role: 'view' | 'comment' | 'edit' = 'edit'): Promise<void> {
  const id = designIdOf(owner);
  const res = await owner.request.post(`/api/designs/${id}/links`, { data: { role } });
  expect(res.status()).toBe(201);
  const { link } = (await res.json()) as { link: { token: string } };
  await other.goto(`/s/${link.token}`);
  await expect(other).toHaveURL(new RegExp(`/d/${id}$`));
}
