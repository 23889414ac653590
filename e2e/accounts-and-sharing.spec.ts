import { expect, test, type Browser, type Page } from './support/test';
import { PROTOCOL_VERSION } from '../lib/protocol/messages';
import { keepScreenshot } from './support/artifacts';
import { connected, selectNode } from './support/editor';

const VIEWPORT = { width: 1280, height: 800 };
const ATTENTION = 'Multi-head attention: encoder.selfAttn';

async function person(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
}

/**
 * What a forged edit would get: the page speaks socket.io's wire protocol over a plain
 * WebSocket (its cookies go along, as with the app's own socket), joins, and submits an op.
 */
async function forgeOp(page: Page, designId: string): Promise<{ join: { ok: boolean; role?: string }; submit: { ok: boolean; code?: string } }> {
  return page.evaluate(
    ({ designId, protocol }) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
        const answers: unknown[] = [];
        ws.onerror = () => reject(new Error('websocket failed'));
        ws.onmessage = (e) => {
          const data = String(e.data);
          if (data === '2') return ws.send('3'); // ping → pong
          if (data.startsWith('0')) return ws.send('40'); // engine open → connect the namespace
          if (data.startsWith('40')) return ws.send(`420${JSON.stringify(['design:join', { protocol, designId }])}`);
          const ack = /^43(\d+)(.*)$/.exec(data);
          if (!ack) return;
          answers.push((JSON.parse(ack[2]) as unknown[])[0]);
          if (ack[1] === '0') {
            const op = { type: 'addNode', node: { id: 'forged', type: 'linear', params: {}, position: { x: 0, y: 0 } } };
            ws.send(`421${JSON.stringify(['op:submit', { clientOpId: 'forged', baseVersion: 0, op }])}`);
          } else {
            ws.close();
            resolve({ join: answers[0], submit: answers[1] } as never);
          }
        };
      }),
    { designId, protocol: PROTOCOL_VERSION },
  );
}

test('an owner signs up, shares a view link; the viewer follows live, cannot edit, and loses access when it is revoked', async ({ browser }, testInfo) => {
  const owner = await person(browser);
  // Trying first, as a guest: the design made then becomes the account's.
  await owner.goto('/');
  await owner.getByRole('button', { name: 'New design' }).click();
  await connected(owner);
  await owner.getByRole('button', { name: /^Tiny encoder classifier/ }).click();
  await expect(owner.getByRole('group', { name: ATTENTION })).toBeVisible();
  const designUrl = owner.url();
  const designId = new URL(designUrl).pathname.split('/').pop()!;
  await owner.getByRole('textbox', { name: 'Design title' }).fill('Workshop model');
  await owner.getByRole('textbox', { name: 'Design title' }).press('Enter');
  await expect(owner.getByText('Saved')).toBeVisible();

  const login = `owner${Date.now()}@example.org`;
  await owner.getByRole('link', { name: 'All designs' }).click();
  await owner.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign up' }).click();
  await expect(owner.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  const form = owner.getByRole('form', { name: 'Sign up' });
  await form.getByRole('textbox', { name: 'Email or username' }).fill(login);
  await form.getByLabel('Password').fill('short');
  await keepScreenshot(owner, testInfo, 'accounts-sign-up');
  await form.getByRole('button', { name: 'Sign up' }).click();
  // The browser's own check stops a too-short password before it is sent.
  await expect(owner).toHaveURL(/\/sign-up$/);
  await form.getByLabel('Password').fill('a long enough password');
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(owner).toHaveURL(/\/$/);
  const account = owner.getByRole('navigation', { name: 'Account' });
  await expect(account).toContainText(login.split('@')[0]);
  await expect(account.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await owner.getByRole('list', { name: 'My designs' }).getByRole('link', { name: /Workshop model/ }).click();
  await connected(owner);
  await expect(owner.getByRole('status', { name: 'Your role: Owner' })).toBeVisible();

  // Share a view link.
  await owner.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = owner.getByRole('dialog', { name: 'Share this design' });
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption('view');
  await dialog.getByRole('combobox', { name: 'Expires' }).selectOption('1 day');
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const linkField = dialog.getByRole('textbox', { name: 'Can view link' });
  await expect(linkField).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
  await expect(dialog).toContainText('expires');
  const link = await linkField.inputValue();
  await keepScreenshot(owner, testInfo, 'accounts-share-dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Someone else, before the link: the design does not exist for them.
  const viewer = await person(browser);
  const before = await viewer.goto(designUrl);
  expect(before?.status()).toBe(404);
  expect((await viewer.request.get(`/api/designs/${designId}`)).status()).toBe(404);

  await viewer.goto(link);
  await expect(viewer).toHaveURL(designUrl);
  await connected(viewer);
  await expect(viewer.getByRole('status', { name: 'Your role: View only' })).toBeVisible();
  await expect(viewer.getByRole('group', { name: ATTENTION })).toBeVisible();
  // Read-only: no palette, and the inspector shows parameters it does not let change.
  await expect(viewer.getByRole('searchbox', { name: 'Search layers' })).toHaveCount(0);
  await selectNode(viewer.getByRole('group', { name: ATTENTION }));
  const params = viewer.getByRole('form', { name: 'Parameters' });
  await expect(params.getByRole('spinbutton').first()).toBeDisabled();
  // Nor does it offer runs, training or new comments.
  await viewer.getByRole('tab', { name: 'Run' }).click();
  await expect(viewer.getByRole('region', { name: 'Run' }).getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(viewer.getByText('Only its editors and owner may run this design.')).toBeVisible();
  await viewer.getByRole('tab', { name: 'Comments' }).click();
  await expect(viewer.getByRole('region', { name: 'Comments' }).getByRole('button', { name: 'Comment', exact: true })).toHaveCount(0);
  await viewer.getByRole('tab', { name: 'Inspect' }).click();

  // The owner's edits arrive live.
  await owner.getByRole('textbox', { name: 'Design title' }).fill('Workshop model v2');
  await owner.getByRole('textbox', { name: 'Design title' }).press('Enter');
  await expect(viewer.getByRole('textbox', { name: 'Design title' })).toHaveValue('Workshop model v2');
  await keepScreenshot(viewer, testInfo, 'accounts-viewer');

  // Forged edits from the viewer's page are refused, over the socket and over HTTP.
  const forged = await forgeOp(viewer, designId);
  expect(forged.join).toMatchObject({ ok: true, role: 'viewer' });
  expect(forged.submit).toMatchObject({ ok: false, code: 'forbidden' });
  const rename = await viewer.evaluate(async (id) => {
    const res = await fetch(`/api/designs/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Hijacked' }) });
    return { status: res.status, body: (await res.json()) as { code: string } };
  }, designId);
  expect(rename).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  await expect(owner.getByRole('group', { name: /forged/ })).toHaveCount(0);
  await expect(owner.getByRole('textbox', { name: 'Design title' })).toHaveValue('Workshop model v2');

  // The viewer's home lists it under "Shared with me", with the role.
  const viewerHome = await viewer.context().newPage();
  await viewerHome.goto('/');
  await expect(viewerHome.getByRole('list', { name: 'Shared with me' }).getByRole('link', { name: /Workshop model v2 · View only/ })).toBeVisible();
  await keepScreenshot(viewerHome, testInfo, 'accounts-shared-with-me');
  await viewerHome.close();

  // The owner revokes the link: the viewer's open page loses the design without reloading.
  await owner.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('button', { name: 'Revoke can view link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Can view link revoked');
  await expect(viewer.getByRole('heading', { name: 'You no longer have access to this design' })).toBeVisible();
  await expect(viewer.getByRole('group', { name: ATTENTION })).toHaveCount(0);
  await keepScreenshot(viewer, testInfo, 'accounts-access-lost');
  expect((await viewer.goto(designUrl))?.status()).toBe(404);
  expect((await viewer.goto(link))?.ok()).toBe(true);
  await expect(viewer.getByRole('heading', { name: 'This link does not work' })).toBeVisible();

  // Signing out revokes the session: the owner is a guest again, without the design, and a tab
  // still open on the design loses its live connection at once (it reconnects as the guest).
  const openTab = await owner.context().newPage();
  await openTab.goto(designUrl);
  await connected(openTab);
  await owner.goto('/');
  await account.getByRole('button', { name: 'Sign out' }).click();
  await expect(account.getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect((await owner.request.get(`/api/designs/${designId}`)).status()).toBe(404);
  await expect(openTab.getByRole('heading', { name: 'You no longer have access to this design' })).toBeVisible();
  await expect(openTab.getByRole('status', { name: 'Connection: connected' })).toHaveCount(0);
  await owner.context().close();
  await viewer.context().close();
});
