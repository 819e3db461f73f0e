import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { OWNER_PASSWORD } from './http';
import { startTestServer, type TestServer } from './local-server';

/** Where screenshots go: test artifacts, never committed. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Debian's Chromium, headless, with no background traffic (the machine has no internet). */
export function launchBrowser(executablePath: string): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page, with the page's own errors collected so a test can assert there were none. */
export async function phone(
  browser: Browser,
  locale = 'en-US',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/**
 * For one describe block: the local server (embedded, fresh data) and Debian's Chromium, started before its
 * tests and closed after them. Read `.t` and `.browser` inside the tests.
 */
export function serverAndBrowser(chromiumPath: string | null | undefined): {
  t: TestServer;
  browser: Browser;
} {
  const handles = {} as { t: TestServer; browser: Browser };
  beforeAll(async () => {
    handles.t = await startTestServer('embedded');
    handles.browser = await launchBrowser(chromiumPath!);
  });
  afterAll(async () => {
    await handles.browser?.close();
    await handles.t?.cleanup();
  });
  return handles;
}

/** Logs an owner in through the backoffice's login page (English labels unless told). */
export async function logInThroughPage(
  page: Page,
  url: string,
  email: string,
  labels = { email: 'Email', password: 'Password', submit: 'Log in' },
): Promise<void> {
  await page.goto(`${url}/backoffice/login`);
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password).fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(/\/backoffice\/queues$/);
}
