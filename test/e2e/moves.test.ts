import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, phone, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql } from '../support/http';

const browserAvailability = inject('browser');
const enabled = !!browserAvailability.chromium && browserAvailability.react;

/** "I need a few more minutes" from a phone, and staff putting a no-show back in the line. */
describe.skipIf(!enabled)('moves in the line in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  async function queueWith(names: string[], input: Record<string, unknown>) {
    const { t } = setup;
    const owner = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, owner.authorization)).body.data;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { name: 'Posto de Saúde', ...input },
      })
    ).createQueue;
    const people: { id: string; url: string }[] = [];
    for (const name of names) {
      const { addTicket } = await gql(
        'mutation A($q: ID!, $n: String!) { addTicket(queueId: $q, input: {name: $n}) { accessUrl ticket { id } } }',
        { q: queue.id, n: name },
      );
      people.push({ id: addTicket.ticket.id, url: addTicket.accessUrl });
    }
    return { queue, people, gql, email: owner.email };
  }

  it('given a queue that lets people move back 2 places once, then a person on a phone in Portuguese confirms, lands 2 places back, the one behind moves up live, and the offer is gone', async () => {
    const { browser } = setup;
    const { people } = await queueWith(['Ana', 'Bruno', 'Cláudia', 'Davi'], { snoozePlaces: 2 });
    const bruno = await phone(browser, 'pt-BR');
    const claudia = await phone(browser, 'en-US');
    await bruno.page.goto(people[1]!.url);
    await claudia.page.goto(people[2]!.url);
    for (const { page } of [bruno, claudia])
      await page.waitForSelector('[data-testid="connection"][data-connection="live"]', { timeout: 10_000 });
    expect(await bruno.page.getByTestId('position').textContent()).toBe('2º');
    expect(await claudia.page.getByTestId('position').textContent()).toBe('3rd');
    // The English page offers it too, in English.
    await claudia.page.getByRole('button', { name: 'I need a few more minutes' }).waitFor();

    await bruno.page.getByRole('button', { name: 'Preciso de mais alguns minutos' }).click();
    const dialog = bruno.page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain(
      'Deixar até 2 pessoas passarem na sua frente? Você só pode fazer isso uma vez.',
    );
    await bruno.page.screenshot({ path: join(ARTIFACTS, 'snooze-confirm-390x844.png') });
    await dialog.getByRole('button', { name: 'Sim, deixar passar' }).click();

    await bruno.page.getByTestId('snooze-note').waitFor();
    expect(await bruno.page.getByTestId('snooze-note').textContent()).toBe(
      'Pronto: 2 pessoas passam na sua frente.',
    );
    expect(await bruno.page.getByTestId('position').textContent()).toBe('4º');
    expect(await bruno.page.getByRole('button', { name: 'Preciso de mais alguns minutos' }).count()).toBe(0);
    await bruno.page.screenshot({ path: join(ARTIFACTS, 'snooze-done-390x844.png') });
    // Cláudia was behind him: she moved up, from the event alone.
    await claudia.page.waitForFunction(
      () => document.querySelector('[data-testid="position"]')?.textContent === '2nd',
      undefined,
      { timeout: 3000 },
    );
    // Nothing on either page overflows sideways.
    for (const { page } of [bruno, claudia])
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect([...bruno.errors, ...claudia.errors]).toEqual([]);
    await Promise.all([bruno.context.close(), claudia.context.close()]);
  });

  it('given a person who missed their turn, then staff put them back at position 2 from the list, the row shows there, and their phone says they wait 2nd again', async () => {
    const { t, browser } = setup;
    const { queue, people, gql, email } = await queueWith(['Ana', 'Bruno', 'Cláudia'], { snoozePlaces: 1 });
    await gql('mutation N($q: ID!) { callNext(queueId: $q) { id } }', { q: queue.id });
    await gql('mutation M($id: ID!) { markNoShow(id: $id) { id } }', { id: people[0]!.id });
    await gql('mutation S($t: String!) { snoozeTicket(token: $t) { position } }', {
      t: people[1]!.url.split('/').at(-1),
    });
    const ana = await phone(browser, 'pt-BR');
    await ana.page.goto(people[0]!.url);
    await ana.page.getByTestId('end-state').waitFor();

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const page = await (await browser.newContext({ viewport })).newPage();
      await logInThroughPage(page, t.url, email);
      await page.goto(`${t.url}/backoffice/queues/${queue.id}`);
      await page.getByTestId('missed').waitFor();
      const bruno = page.locator('[data-testid="ticket-row"][data-number="2"]');
      expect(await bruno.getByTestId('moved-back').textContent()).toContain('moved back once');
      await page.screenshot({
        path: join(ARTIFACTS, `missed-${viewport.width}x${viewport.height}.png`),
        fullPage: true,
      });
      if (viewport.width === 390) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.context().close();
        continue;
      }
      const row = page.locator('[data-testid="missed-row"][data-number="1"]');
      await row.getByLabel('At position').fill('2');
      await row.getByRole('button', { name: 'Put Ana back in line' }).click();
      await page.locator('[data-testid="ticket-row"][data-number="1"]').waitFor();
      const order = await page
        .locator('[data-testid="ticket-row"]')
        .evaluateAll((rows) =>
          rows.map(
            (r) =>
              `${r.querySelector('[data-testid="position"]')!.textContent} ${r.getAttribute('data-number')}`,
          ),
        );
      expect(order).toEqual(['1 3', '2 1', '3 2']);
      expect(await page.getByTestId('missed').count()).toBe(0);
      await page.context().close();
    }
    // Her page learns it from the RETURNED event about her ticket.
    await ana.page.waitForFunction(
      () => document.querySelector('[data-testid="position"]')?.textContent === '2º',
      undefined,
      { timeout: 5000 },
    );
    expect(ana.errors).toEqual([]);
    await ana.context.close();
  });
});
