import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { loginOverHttp, postGraphql } from '../support/http';
import { linkFromDevMail, startTestServer, type TestServer } from '../support/local-server';

const browserAvailability = inject('browser');
const built = existsSync(
  fileURLToPath(new URL('../../clients/backoffice/dist/browser/index.html', import.meta.url)),
);
const LIFETIME_S = 8;

/**
 * A backoffice left open past its session's lifetime (8 s here, an hour in production): it refreshes the
 * session before it ends, and its live subscription goes on with the fresh token, so a reconnection after the
 * first token has expired still receives events (an AppSync client that reconnects with an expired token
 * silently receives nothing).
 */
describe.skipIf(!browserAvailability.chromium || !built)('a backoffice open longer than its session', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer('embedded', { sessionLifetimeSeconds: LIFETIME_S });
    browser = await launchBrowser(browserAvailability.chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('given the queue screen open past the first token, then it refreshed, its actions work and events still arrive after a reconnection', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const email = `${randomUUID()}@example.com`;
    await page.goto(`${t.url}/backoffice/signup`);
    await page.getByLabel('Your name').fill('Dona Benta');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('check-email').waitFor();
    await page.goto(await linkFromDevMail(t.url, email, 'verify'));
    await page.getByText('Your email is confirmed').waitFor();
    await page.goto(`${t.url}/backoffice/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/backoffice\/queues$/);
    const token = () =>
      page.evaluate(() => JSON.parse(localStorage.getItem('qm.session') ?? '{}').accessToken);
    const first = await token();
    const firstExpiry = Date.now() + LIFETIME_S * 1000;
    await page.getByLabel('Queue name').fill('Plantão');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
    const queueId = page.url().split('/').at(-1)!;
    await page.getByTestId('empty').waitFor();

    // Past the first token's end.
    await page.waitForTimeout(firstExpiry - Date.now() + 1500);
    expect(await token()).not.toBe(first);
    // The server asks every client to reconnect: the subscription reconnects with its (fresh) token.
    t.server.realtime.resync();
    await page.waitForTimeout(3000);
    const staff = await loginOverHttp(t.url, email);
    await postGraphql(
      t.url,
      { query: `mutation { addTicket(queueId: "${queueId}", input: {name: "Ana"}) { ticket { number } } }` },
      staff,
    );
    await page.locator('[data-testid="ticket-row"]:has-text("Ana")').waitFor({ timeout: 3000 });
    await page.getByRole('button', { name: 'Call next (N)' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="now-serving"]')?.textContent === '1',
    );
    expect(page.url()).toContain(queueId);
    await context.close();
  }, 60_000);
});
