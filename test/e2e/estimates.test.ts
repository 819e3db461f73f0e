import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql, queueOverHttp, ticketOverHttp } from '../support/http';

const browserAvailability = inject('browser');
const MIN = 60_000;

describe.skipIf(!browserAvailability.chromium)('wait estimates and how they turned out', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it("given a queue with no history, then the ticket page says there is not enough data; after calls 2–5 min apart, it shows a range that follows the person's place, in both languages; stats compare the quoted waits with the real ones", async () => {
    // The server's clock, moved on by the minutes a real counter would take between calls.
    let clock = Date.now();
    setup.t.server.system.deps.now = () => clock;
    const { authorization, email } = await ownerOverHttp(setup.t.url);
    const queueId = await queueOverHttp(setup.t.url, authorization, { name: 'Cartório' });
    const empty = await setup.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const statsPage = await empty.newPage();
    await logInThroughPage(statsPage, setup.t.url, email);
    await statsPage.goto(`${setup.t.url}/backoffice/queues/${queueId}/stats`);
    await statsPage.getByRole('heading', { name: 'Stats — Cartório' }).waitFor();
    await statsPage.getByText('Nobody was served in this period yet.').waitFor();
    await statsPage.getByText('Nobody was called in this period yet.').waitFor();
    expect(await statsPage.locator('canvas:visible').count()).toBe(0);

    const tokens: string[] = [];
    for (let n = 1; n <= 10; n += 1)
      tokens.push(await ticketOverHttp(setup.t.url, authorization, queueId, `P${n}`));
    const callNext = (minutes: number) => {
      clock += minutes * MIN;
      return postGraphql(
        setup.t.url,
        { query: `mutation { callNext(queueId: "${queueId}") { number } }` },
        authorization,
      );
    };

    const phone = await setup.browser.newContext({ viewport: { width: 390, height: 844 } });
    const ticket = await phone.newPage();
    await ticket.goto(`${setup.t.url}/t/${tokens[9]}`);
    await ticket.getByText('Estimated wait: not enough data yet').waitFor();

    for (const minutes of [0, 2, 3, 3, 4, 5]) await callNext(minutes);
    // Position 4 at 2, 3, 3, 4, 5 minutes a call: 4 × 3 min from below, + √4 × 1 min above.
    await ticket.reload();
    await ticket.getByText('Estimated wait: 12–14 min').waitFor();
    await ticket.screenshot({ path: `${ARTIFACTS}ticket-estimate-390x844.png`, fullPage: true });
    await callNext(3);
    // The page moves itself to position 3 from the event and scales its range until it reads again.
    await ticket.getByText('Estimated wait: 9–11 min').waitFor();

    const pt = await setup.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' });
    const ptTicket = await pt.newPage();
    await ptTicket.goto(`${setup.t.url}/t/${tokens[9]}`);
    await ptTicket.getByText('Espera estimada: de 9 a 11 min').waitFor();

    // A newcomer is quoted what the queue's pace says, then waits 4 calls of 3 minutes.
    const newcomer = await ticketOverHttp(setup.t.url, authorization, queueId, 'Newcomer');
    await ptTicket.goto(`${setup.t.url}/t/${newcomer}`);
    await ptTicket.getByText(/^Espera estimada: de \d+ a \d+ min$/).waitFor();
    for (let i = 0; i < 4; i += 1) await callNext(3);
    await callNext(3);

    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await statsPage.setViewportSize(viewport);
      await statsPage.reload();
      // The server's clock ran ~45 minutes ahead of the browser's: near midnight its calls fall on the browser's
      // tomorrow, so the range ends the day after.
      await statsPage.getByLabel('To').fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
      await statsPage.getByRole('button', { name: 'Show' }).click();
      await statsPage.getByTestId('joined-count').getByText('11', { exact: true }).waitFor();
      await statsPage
        .getByText('The one served person quoted a wait when they joined was called within it.')
        .waitFor();
      expect(await statsPage.locator('canvas:visible').count()).toBe(2);
      expect(await statsPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await statsPage.screenshot({
        path: `${ARTIFACTS}backoffice-stats-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
    }
    await Promise.all([empty.close(), phone.close(), pt.close()]);
  });
});
