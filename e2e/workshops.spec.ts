import { expect, test, type Browser, type Page } from './support/test';
import { keepScreenshot } from './support/artifacts';
import { connected, node } from './support/editor';

/** A workshop's own page (not /w/new). */
const WORKSHOP_PAGE = /\/w\/(?!new$)[A-Za-z0-9_-]+$/;

async function person(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}

/** Joins with the code from the home page's form, under `name`. */
async function joinWithCode(page: Page, code: string, name: string): Promise<void> {
  await page.goto('/');
  const form = page.getByRole('form', { name: 'Join a workshop with a code' });
  await form.getByLabel('Code').fill(code.toLowerCase());
  await form.getByLabel('Your name').fill(name);
  await form.getByRole('button', { name: 'Join workshop' }).click();
  await expect(page).toHaveURL(/\/w\/[A-Za-z0-9_-]+$/);
}

test('an instructor runs a workshop: groups, freeze, broadcast, timer, help queue and spotlight reach the participants live', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const teacher = await person(browser);
  const ada = await person(browser);
  const bob = await person(browser);

  // The instructor creates a workshop, one person per group, from a template.
  await teacher.goto('/');
  await teacher.getByRole('link', { name: 'New workshop' }).click();
  await teacher.getByLabel('Title').fill('Attention workshop');
  await teacher.getByLabel('Starter design').selectOption({ label: 'Tiny encoder classifier' });
  await teacher.getByLabel('People per group').fill('1');
  await teacher.getByRole('button', { name: 'Create workshop' }).click();
  await expect(teacher).toHaveURL(WORKSHOP_PAGE);
  const code = (await teacher.getByLabel('Join code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await expect(teacher.getByRole('region', { name: 'Group rooms' }).getByText('No groups yet: they open as people join.')).toBeVisible();

  // Two participants join, by code (typed in lower case) and by link, and each gets a group with the starter in its room.
  await joinWithCode(ada, code, 'Ada');
  await expect(ada.getByRole('region', { name: 'My group' }).getByRole('heading', { name: 'Group 1' })).toBeVisible();
  // Bob opens the join link instead.
  const link = await teacher.getByRole('link', { name: 'Join link' }).getAttribute('href');
  expect(link).toMatch(/^\/w\/join\/[A-Za-z0-9_-]+$/);
  await bob.goto(link!);
  const joinForm = bob.getByRole('form', { name: 'Join the workshop' });
  await joinForm.getByLabel('Your name').fill('Bob');
  await joinForm.getByRole('button', { name: 'Join workshop' }).click();
  await expect(bob).toHaveURL(WORKSHOP_PAGE);
  await expect(bob.getByRole('region', { name: 'My group' }).getByRole('heading', { name: 'Group 2' })).toBeVisible();
  await ada.getByRole('link', { name: 'Open Group 1’s room' }).click();
  await expect(ada).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await connected(ada);
  await expect(node(ada, 'Multi-head attention: encoder.selfAttn')).toBeVisible();
  await expect(ada.getByRole('link', { name: 'Workshop: Attention workshop' })).toBeVisible();

  // The dashboard shows both rooms, live: the design, its validation and size, and who is in it.
  const group1 = teacher.getByRole('article', { name: 'Group 1' });
  await expect(group1.getByRole('img', { name: /Group 1’s design: \d+ layers/ })).toBeVisible();
  await expect(group1.getByLabel('In Group 1’s room')).toHaveText('Ada');
  await expect(group1.getByText('Valid', { exact: true })).toBeVisible();
  await expect(teacher.getByRole('article', { name: 'Group 2' }).getByLabel('In Group 2’s room')).toHaveText('nobody');
  await expect(group1.getByRole('link', { name: 'Join Group 1’s room' })).toHaveAttribute('href', /^\/d\//);

  // Freeze: the participant sees it in the room, and an edit is refused by the server with the reason.
  await teacher.getByRole('button', { name: 'Freeze editing' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Editing is frozen by the instructor' })).toBeVisible();
  const layers = await ada.getByRole('group', { name: /^[A-Z][\w -]*: / }).count();
  await ada.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: 'Dropout', exact: true }).click();
  await expect(ada.getByRole('alert').filter({ hasText: 'frozen editing' })).toBeVisible();
  await expect(ada.getByRole('group', { name: /^[A-Z][\w -]*: / })).toHaveCount(layers);
  await teacher.getByRole('button', { name: 'Unfreeze editing' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Editing is frozen by the instructor' })).toHaveCount(0);

  // A broadcast message and a countdown reach the room and the workshop page alike.
  await teacher.getByLabel('Message to everyone').fill('Check your masks before training');
  await teacher.getByRole('button', { name: 'Broadcast' }).click();
  await expect(ada.getByRole('alert', { name: 'Message from the instructor' })).toContainText('Check your masks before training');
  await expect(bob.getByRole('alert', { name: 'Message from the instructor' })).toContainText('Check your masks before training');
  await teacher.getByLabel('Minutes').fill('5');
  await teacher.getByLabel('Exercise').fill('Exercise 1');
  await teacher.getByRole('button', { name: 'Start timer' }).click();
  await expect(ada.getByRole('timer', { name: /^Exercise 1: [45]:\d\d left$/ })).toBeVisible();
  await expect(bob.getByRole('timer', { name: /^Exercise 1: [45]:\d\d left$/ })).toBeVisible();

  // Bob's group raises a hand; the instructor sees it in the queue, with the way into that room, and answers it.
  await bob.getByLabel('Note').fill('Why does the mask matter?');
  await bob.getByRole('button', { name: 'Raise hand' }).click();
  await expect(bob.getByText('Your group’s hand is up: “Why does the mask matter?”')).toBeVisible();
  const request = teacher.getByRole('region', { name: 'Help queue' }).getByRole('listitem', { name: 'Group 2: Why does the mask matter?' });
  await expect(request).toBeVisible();
  await expect(request.getByRole('link', { name: 'Go to Group 2' })).toHaveAttribute('href', /^\/d\//);

  // A spotlight on Group 2: its design appears, live and read-only, on Ada's screen inside her own room.
  await teacher.getByRole('button', { name: 'Spotlight Group 2' }).click();
  const spotlight = ada.getByRole('region', { name: 'Spotlight: Group 2' });
  await expect(spotlight).toBeVisible();
  await expect(spotlight.getByRole('img', { name: /Group 2’s design: \d+ layers/ })).toBeVisible();
  await expect(spotlight.getByText(/live · version \d+/)).toBeVisible();
  await expect(bob.getByRole('region', { name: 'Spotlight: Group 2' })).toBeVisible();
  await expect(teacher.getByRole('article', { name: 'Group 2' }).getByRole('button', { name: 'End spotlight' })).toHaveAttribute('aria-pressed', 'true');
  // Viewers from other groups are looking, not working in the room: the dashboard counts Bob (his own group, open in the spotlight), not Ada.
  await expect(teacher.getByRole('article', { name: 'Group 2' }).getByLabel('In Group 2’s room')).toHaveText('Bob');
  await teacher.waitForTimeout(2500); // a dashboard poll, so every card is current in the picture
  await keepScreenshot(teacher, testInfo, 'workshop-instructor-dashboard');
  await teacher.evaluate(() => window.scrollTo(0, 0));
  await keepScreenshot(teacher, testInfo, 'workshop-instructor-dashboard-top');
  await keepScreenshot(ada, testInfo, 'workshop-participant-room');
  await keepScreenshot(bob, testInfo, 'workshop-participant-page');
  await bob.emulateMedia({ colorScheme: 'dark' });
  await keepScreenshot(bob, testInfo, 'workshop-participant-page-dark');
  await bob.emulateMedia({ colorScheme: 'light' });

  await request.getByRole('button', { name: 'Mark answered' }).click();
  await expect(teacher.getByRole('region', { name: 'Help queue' }).getByText('No hands up.')).toBeVisible();
  await expect(bob.getByText('Your group’s hand is up')).toHaveCount(0);

  await teacher.getByRole('button', { name: 'End spotlight' }).click();
  await expect(spotlight).toHaveCount(0);

  // "Follow me": the instructor jumps into Group 1's room and Ada's canvas follows the instructor's view until released.
  await group1.getByRole('link', { name: 'Join Group 1’s room' }).click();
  await connected(teacher);
  await expect(teacher.getByRole('link', { name: 'Back to the dashboard' })).toBeVisible();
  await teacher.getByRole('button', { name: 'Follow me' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Following the instructor’s view' })).toBeVisible();
  await teacher.getByRole('button', { name: 'Zoom In' }).click();
  await teacher.getByRole('button', { name: 'Zoom In' }).click();
  const transform = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const teacherView = await transform(teacher);
  await expect.poll(() => transform(ada)).toBe(teacherView);
  await teacher.getByRole('button', { name: 'Release followers' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'Following the instructor’s view' })).toHaveCount(0);
});

test('a stranger cannot see a workshop; once joined, a participant has no controls and picks a group', async ({ browser }) => {
  const teacher = await person(browser);
  const stranger = await person(browser);
  await teacher.goto('/w/new');
  await teacher.getByLabel('Title').fill('Private workshop');
  await teacher.getByRole('radio', { name: 'Let people pick a group' }).check();
  await teacher.getByLabel('Number of groups').fill('2');
  await teacher.getByRole('button', { name: 'Create workshop' }).click();
  await expect(teacher).toHaveURL(WORKSHOP_PAGE);
  const url = teacher.url();
  await stranger.goto(url);
  await expect(stranger.getByRole('heading', { name: 'Private workshop' })).toHaveCount(0);
  const forged = await stranger.request.get(`${url.replace('/w/', '/api/workshops/')}/dashboard`);
  expect(forged.status()).toBe(404);
  const code = (await teacher.getByLabel('Join code').textContent())!.trim();
  await joinWithCode(stranger, code, 'Sam');
  await expect(stranger.getByRole('heading', { name: 'Private workshop' })).toBeVisible();
  await expect(stranger.getByRole('region', { name: 'Live controls' })).toHaveCount(0);
  // With "pick", the participant chooses a group, and its room opens to them.
  await expect(stranger.getByRole('heading', { name: 'Pick your group' })).toBeVisible();
  await stranger.getByRole('button', { name: 'Join Group 2' }).click();
  await expect(stranger.getByRole('region', { name: 'My group' }).getByRole('heading', { name: 'Group 2' })).toBeVisible();
  await stranger.getByRole('link', { name: 'Open Group 2’s room' }).click();
  await connected(stranger);
  await expect(stranger.getByRole('link', { name: 'Workshop: Private workshop' })).toBeVisible();
  expect((await stranger.request.get(`${url.replace('/w/', '/api/workshops/')}/dashboard`)).status()).toBe(403);
});
