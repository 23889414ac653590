import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Browser, BrowserContext, Locator, Page } from '@playwright/test';

const VIOLATION = /Content Security Policy/i;

/**
 * Playwright's `test`, plus a check that no page of the test broke the app's
 * Content-Security-Policy: Chromium reports each blocked script, style, image
 * or connection on the console, and any such line fails the test. Contexts a
 * test opens itself (a second person) are watched too.
 */
export const test = base.extend<{ cspViolations: string[] }, { watchNewContexts: (sink: string[] | null) => void }>({
  watchNewContexts: [
    async ({ browser }, use) => {
      let sink: string[] | null = null;
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const context = await newContext(...args);
        if (sink) watch(context, sink);
        return context;
      };
      await use((s) => {
        sink = s;
      });
      browser.newContext = newContext;
    },
    { scope: 'worker' },
  ],
  cspViolations: [
    async ({ context, watchNewContexts }, use, testInfo) => {
      const violations: string[] = [];
      watch(context, violations);
      watchNewContexts(violations);
      await use(violations);
      watchNewContexts(null);
      if (violations.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
      }
    },
    { auto: true },
  ],
});

function watch(context: BrowserContext, sink: string[]): void {
  context.on('console', (msg) => {
    if (VIOLATION.test(msg.text())) sink.push(`${msg.location().url}: ${msg.text()}`);
  });
}
