import { expect, test } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { connected, newDesign, node } from './support/editor';

/** A socket.io acknowledgement of an accepted edit (engine.io message 4, socket.io ACK 3, its id, the answer). */
const EDIT_ACK = /^43\d+\[\{"ok":true,"clientOpId"/;

test('an edit saved just before the connection dropped (its answer lost) shows once after the reconnect, saved, and one undo takes it back', async ({ page }, testInfo) => {
  let connections = 0;
  let loseNextAck = false;
  let lost = 0;
  // Between the page and the server: passes everything on, except the answer to one edit,
  // which is swallowed while the connection is cut (the server has stored the edit by then).
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    connections++;
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (loseNextAck && typeof m === 'string' && EDIT_ACK.test(m)) {
        loseNextAck = false;
        lost++;
        void ws.close({ code: 4000, reason: 'connection lost' });
        return;
      }
      ws.send(m);
    });
  });
  await newDesign(page);
  const designId = new URL(page.url()).pathname.split('/').at(-1);
  const versions = async () => (await (await page.request.get(`/api/designs/${designId}/versions`)).json()).versions as Array<{ version: number; op: string }>;

  loseNextAck = true;
  await page.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: 'Layer norm', exact: true }).click();
  await expect.poll(() => lost).toBe(1);
  // The page connects again by itself and catches up.
  await expect.poll(() => connections).toBe(2);
  await connected(page);

  await expect(node(page, /^Layer norm:/)).toHaveCount(1);
  // Not shown as undone ("Your edit was undone: …" is the connection's problem line), not stored twice.
  await expect(page.getByRole('status', { name: 'Connection: connected' })).not.toHaveAttribute('title', /undone/);
  expect((await versions()).map((v) => [v.version, v.op])).toEqual([[1, 'addNode']]);
  await keepScreenshot(page, testInfo, 'lost-ack-after-reconnect');

  // It counts as this person's edit: one undo takes it back, and there is nothing more to undo.
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(node(page, /^Layer norm:/)).toHaveCount(0);
  await expect(undo).toBeDisabled();
  await expect.poll(async () => (await versions()).map((v) => v.op)).toEqual(['removeNodes', 'addNode']);
});
