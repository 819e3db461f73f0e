import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql, queueOverHttp, ticketOverHttp } from '../support/http';

const browserAvailability = inject('browser');

describe.skipIf(!browserAvailability.chromium)('the backoffice on a phone (360 and 390 px wide)', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given a live queue with someone called, then nothing scrolls sideways and every action is within reach of a thumb', async () => {
    const { authorization, email } = await ownerOverHttp(setup.t.url);
    const queueId = await queueOverHttp(setup.t.url, authorization, { name: 'Clínica São José — Pediatria' });
    for (const name of ['Maria Aparecida dos Santos Oliveira', 'Bruno', 'Cláudia'])
      await ticketOverHttp(setup.t.url, authorization, queueId, name);
    await postGraphql(
      setup.t.url,
      { query: `mutation { callNext(queueId: "${queueId}") { number } }` },
      authorization,
    );

    for (const width of [360, 390]) {
      const page = await (await setup.browser.newContext({ viewport: { width, height: 844 } })).newPage();
      await logInThroughPage(page, setup.t.url, email);
      await page.goto(`${setup.t.url}/backoffice/queues/${queueId}`);
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
    const page = await (await setup.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInThroughPage(page, setup.t.url, email);
    await page.goto(`${setup.t.url}/backoffice/queues/${queueId}`);
    await page
      .locator('[data-testid="ticket-row"][data-number="1"]')
      .getByRole('button', { name: 'Served' })
      .click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="ticket-row"][data-number="1"]'));
    await page.context().close();
  });
});
