import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from '../support/browser';
import { OWNER_PASSWORD, ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { startTestServer, type TestServer } from '../support/local-server';

const browserAvailability = inject('browser');

describe.skipIf(!browserAvailability.chromium)('the backoffice on a phone (360 and 390 px wide)', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer('embedded');
    browser = await launchBrowser(browserAvailability.chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('given a live queue with someone called, then nothing scrolls sideways and every action is within reach of a thumb', async () => {
    const { authorization, email } = await ownerOverHttp(t.url);
    const queueId = await queueOverHttp(t.url, authorization, { name: 'Clínica São José — Pediatria' });
    for (const name of ['Maria Aparecida dos Santos Oliveira', 'Bruno', 'Cláudia'])
      await postGraphql(
        t.url,
        {
          query:
            'mutation A($q: ID!, $n: String!) { addTicket(queueId: $q, input: {name: $n}) { ticket { id } } }',
          variables: { q: queueId, n: name },
        },
        authorization,
      );
    await postGraphql(
      t.url,
      { query: `mutation { callNext(queueId: "${queueId}") { number } }` },
      authorization,
    );

    for (const width of [360, 390]) {
      const page = await (await browser.newContext({ viewport: { width, height: 844 } })).newPage();
      await page.goto(`${t.url}/backoffice/login`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password').fill(OWNER_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/backoffice\/queues$/);
      await page.goto(`${t.url}/backoffice/queues/${queueId}`);
      await page.locator('[data-testid="ticket-row"]').nth(2).waitFor();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `width ${width}`,
      ).toBeLessThanOrEqual(width);
      const called = page.locator('[data-testid="ticket-row"][data-number="1"]');
      for (const name of ['Served', 'Recall', 'No-show']) {
        const box = (await called.getByRole('button', { name }).boundingBox())!;
        expect(box.x + box.width, `${name} at ${width}`).toBeLessThanOrEqual(width);
        expect(box.height, `${name} at ${width}`).toBeGreaterThanOrEqual(44);
      }
      expect(await called.innerText()).toContain('Maria Aparecida dos Santos Oliveira');
      await page.screenshot({ path: `${ARTIFACTS}backoffice-queue-${width}x844.png`, fullPage: true });
      await page.context().close();
    }
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${t.url}/backoffice/login`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/backoffice\/queues$/);
    await page.goto(`${t.url}/backoffice/queues/${queueId}`);
    await page
      .locator('[data-testid="ticket-row"][data-number="1"]')
      .getByRole('button', { name: 'Served' })
      .click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="ticket-row"][data-number="1"]'));
    await page.context().close();
  });
});
