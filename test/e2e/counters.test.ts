import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, phone, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql } from '../support/http';
import { until } from '../support/until';

const browserAvailability = inject('browser');
const enabled = !!browserAvailability.chromium && browserAvailability.react;

/** Two desks calling one queue from two browsers, the venue's screen and a called person's phone. */
describe.skipIf(!enabled)('counters in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given staff at two counters pressing call next at the same moment, then two people are called, one to each, and the screen and their phones say where', async () => {
    const { t, browser } = setup;
    const { authorization, email } = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, authorization)).body.data;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id counters { id name } } }', {
        i: { name: 'Detran', counters: [{ name: 'Guichê 1' }, { name: 'Guichê 2' }] },
      })
    ).createQueue;
    const links: string[] = [];
    for (const name of ['Ana', 'Bruno', 'Cláudia', 'Davi'])
      links.push(
        (
          await gql(
            'mutation A($q: ID!, $n: String!) { addTicket(queueId: $q, input: {name: $n}) { accessUrl } }',
            {
              q: queue.id,
              n: name,
            },
          )
        ).addTicket.accessUrl,
      );

    const desk = async (counter: string): Promise<Page> => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await logInThroughPage(page, t.url, email);
      await page.goto(`${t.url}/backoffice/queues/${queue.id}`);
      await page.locator('[data-testid="ticket-row"]').nth(3).waitFor();
      await page.getByLabel('Calling to').selectOption({ label: counter });
      return page;
    };
    const [one, two] = [await desk('Guichê 1'), await desk('Guichê 2')];
    const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await tv.goto(`${t.url}/d/${queue.id}`);
    await tv.getByTestId('display-board').waitFor();
    const people = await Promise.all(links.slice(0, 2).map(() => phone(browser)));
    await Promise.all(people.map(({ page }, i) => page.goto(links[i]!)));
    await Promise.all(
      people.map(({ page }) =>
        page.waitForSelector('[data-testid="connection"][data-connection="live"]', { timeout: 10_000 }),
      ),
    );

    await Promise.all([one, two].map((page) => page.getByRole('button', { name: 'Call next (N)' }).click()));

    const board = () =>
      tv
        .locator('[data-testid="display-board"] li')
        .evaluateAll((items) =>
          items.map(
            (li) =>
              `${li.querySelector('.board-counter')!.textContent} ${li.querySelector('.board-number')!.textContent}`,
          ),
        );
    const shown = await until(board, (b) => b.every((line) => /\d$/.test(line)), 5000);
    const numbers = shown.map((line) => Number(line.split(' ').at(-1)));
    expect(numbers.sort()).toEqual([1, 2]);
    expect(shown.map((line) => line.replace(/ \d+$/, ''))).toEqual(['Guichê 1', 'Guichê 2']);
    expect(await tv.locator('[data-testid="display-board"] li[data-newest]').count()).toBe(1);
    expect(await tv.getByTestId('display-counter').textContent()).toMatch(/^Guichê [12]$/);
    await tv.screenshot({ path: join(ARTIFACTS, 'display-counters-1920x1080.png') });

    // Each called person's phone says where to go: the counter that called them.
    for (const [i, { page }] of people.entries()) {
      await page.getByTestId('called-counter').waitFor({ timeout: 3000 });
      const counter = shown.find((line) => line.endsWith(` ${i + 1}`))!.replace(/ \d+$/, '');
      expect(await page.getByTestId('called-counter').textContent()).toBe(`Please go to ${counter}`);
    }
    await people[0]!.page.screenshot({ path: join(ARTIFACTS, 'react-called-counter-390x844.png') });
    // Both desks see both calls, each with its counter.
    for (const page of [one, two]) {
      const calledTo = await until(
        () => page.locator('[data-testid="called-to"]').allTextContents(),
        (texts) => texts.length === 2,
      );
      expect(calledTo.sort()).toEqual(['Called · Guichê 1', 'Called · Guichê 2']);
    }
    // A desk that reloads keeps calling to its counter.
    await one.reload();
    await one.locator('[data-testid="ticket-row"]').first().waitFor();
    expect(
      await one.getByLabel('Calling to').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.text),
    ).toBe('Guichê 1');
    await one.screenshot({ path: join(ARTIFACTS, 'backoffice-counters-1280x800.png'), fullPage: true });
    for (const p of [one, two, tv]) await p.context().close();
    for (const { context } of people) await context.close();
  }, 90_000);
});
