import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Browser, BrowserContext, Locator, Page } from '@playwright/test';

const VIOLATION = /Content Security Policy/i;

/**
 * Playwright's `test`, plus a check that no page of the test broke the app's
 * Content-Security-Policy: every `securitypolicyviolation` event of a page
 * (a blocked script, eval, style, image or connection) and every CSP line
 * Chromium prints on the console fails the test. Contexts a test opens
 * itself (a second person) are watched too.
 */
export const test = base.extend<{ cspViolations: string[] }, { watchNewContexts: (sink: string[] | null) => void }>({
  watchNewContexts: [
    async ({ browser }, use) => {
      let sink: string[] | null = null;
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const context = await newContext(...args);
        if (sink) await watch(context, sink);
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
      await watch(context, violations);
      watchNewContexts(violations);
      await use(violations);
      watchNewContexts(null);
      if (violations.length > 0 && testInfo.status === 'passed') {
        throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
      }
    },
    { auto: true },
  ],
});

const watched = new WeakSet<BrowserContext>();

async function watch(context: BrowserContext, sink: string[]): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  context.on('console', (msg) => {
    if (VIOLATION.test(msg.text())) sink.push(`${msg.location().url}: ${msg.text()}`);
  });
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => void sink.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}
