import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp } from '../support/http';
import { until } from '../support/until';

const browserAvailability = inject('browser');

/**
 * Messages to waiting people as staff meet them in the backoffice: the alert distance in the queue form, the
 * texts' SMS length as they type, and each person's messages changing state live, a failed one retried.
 */
describe.skipIf(!browserAvailability.chromium)('messages in the backoffice, in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);
  const base = Math.floor(Math.random() * 5e7);
  const phone = (i: number) => `+55219${String(base + i).padStart(8, '0')}`;

  const messagesOf = (page: Page, number: number) =>
    page
      .locator(`[data-testid="ticket-row"][data-number="${number}"] [data-testid="message"]`)
      .evaluateAll((els) =>
        els.map((e) => `${e.textContent!.replace(/\s+/g, ' ').trim()}|${e.getAttribute('data-status')}`),
      );

  it('given staff who set alertAhead and add people with phones, when they call and a carrier fails, then the states change live and a retry sends it', async () => {
    const { t, browser } = setup;
    const { email } = await ownerOverHttp(t.url);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await logInThroughPage(page, t.url, email);

    await page.getByLabel('Queue name').fill('Cartório do 2º Ofício');
    await page.getByLabel("Send an 'almost your turn' message at this position (empty: off)").fill('1');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
    for (const i of [1, 2, 3]) {
      await page.getByLabel("Person's name").fill(`Pessoa ${i}`);
      await page.getByLabel('Phone (optional)').fill(phone(i));
      if (i === 3) await page.getByLabel('People in the party').fill('2');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.locator(`[data-testid="ticket-row"][data-number="${i}"]`).waitFor();
    }
    expect(await page.locator('[data-testid="party"]').allTextContents()).toEqual(['· party of 2']);

    // The second person's carrier fails, set as a developer would on /dev/sms.
    const dev = await page.context().newPage();
    await dev.goto(`${t.url}/dev/sms`);
    await dev.getByLabel('Number').fill(phone(2));
    await dev.getByRole('button', { name: 'Make its messages fail' }).click();
    await dev.getByText(phone(2)).first().waitFor();

    await page.getByRole('button', { name: 'Call next (N)' }).click();
    expect(
      await until(
        () => messagesOf(page, 1),
        (m) => m.length === 1 && m[0]!.endsWith('|SENT'),
      ),
    ).toEqual(['SMS · called · sent|SENT']);
    // Number 2 crossed into the alert distance: its text is tried, retried, then shown failed — no reload.
    const states = new Set<string>();
    await until(
      async () => {
        const m = await messagesOf(page, 2);
        for (const s of m) states.add(s.split('|')[1]!);
        return m;
      },
      (m) => m[0]?.endsWith('|FAILED') ?? false,
      15_000,
    );
    expect(states.has('FAILED')).toBe(true);
    expect([...states].some((s) => s === 'QUEUED' || s === 'RETRYING' || s === 'SENDING')).toBe(true);
    const failed = page.locator('[data-testid="ticket-row"][data-number="2"]');
    expect(await failed.locator('[data-testid="message"]').innerText()).toContain('failed after 3 attempts');
    await page.screenshot({ path: `${ARTIFACTS}backoffice-messages-1280x800.png`, fullPage: true });
    expect(await messagesOf(page, 3)).toEqual([]);

    await dev.reload();
    await dev.getByRole('button', { name: 'Deliver again' }).click();
    await failed.getByRole('button', { name: 'Send the almost your turn SMS again' }).click();
    expect(
      await until(
        () => messagesOf(page, 2),
        (m) => m[0]?.endsWith('|SENT') ?? false,
      ),
    ).toEqual(['SMS · almost your turn · sent|SENT']);
    const outbox = await (await fetch(`${t.url}/dev/sms`)).text();
    expect(outbox).toContain('Number 2 at Cartório do 2º Ofício: almost your turn (position 1');

    // The texts: the length is counted while typing. This queue's name ("ó", "º") makes any text naming it
    // UCS-2; without it English fits GSM-7, and one "ã" turns the whole text UCS-2 again.
    await page.getByText('Edit this queue').click();
    const length = page.locator('[data-testid="sms-length"]');
    // Angular renders the count after the input event: read until it shows the expected one.
    const lengthIs = async (text: string) =>
      expect(
        (
          await until(
            async () => [await length.nth(1).innerText()],
            ([t]) => t === text,
          )
        )[0],
      ).toBe(text);
    expect(
      await page.getByLabel("Send an 'almost your turn' message at this position (empty: off)").inputValue(),
    ).toBe('1');
    await lengthIs('1 SMS part · UCS-2 · 52 of 70');
    await page.getByLabel('Called — English').fill('{name}, number {number}: your turn. See you soon!');
    await lengthIs('1 SMS part · GSM-7 · 49 of 160');
    expect(await page.getByTestId('ucs2-note').innerText()).toContain('makes each part hold 70 characters');
    await page.getByLabel('Called — English').fill('{name}, number {number}: your turn. Até já!');
    await lengthIs('1 SMS part · UCS-2 · 43 of 70');
    await page
      .getByLabel('Called — English')
      .fill(
        '{name}, number {number}: it is your turn at {queue}. Please come to the front desk now, thank you!',
      );
    await lengthIs('2 SMS parts · UCS-2 · 112 of 134');
    await page.getByLabel('Called — English').fill('Number {number}: your turn at {queue}, {nome}.');
    await page.getByText('Only {name}, {number} and {queue}').waitFor();
    await page.getByLabel('Called — English').fill('Number {number}: come to desk 3 at {queue}.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => !document.querySelector('[role="alert"].error'));
    await page.getByRole('button', { name: 'Call next (N)' }).click();
    await until(
      async () => [await (await fetch(`${t.url}/dev/sms`)).text()],
      ([html]) => html!.includes('Number 2: come to desk 3 at Cartório do 2º Ofício.'),
    );

    // Portuguese, on a phone: the same states, in Portuguese, nothing scrolling sideways.
    const phonePage = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInThroughPage(phonePage, t.url, email);
    await phonePage.getByRole('button', { name: 'Português' }).click();
    await phonePage.goto(page.url());
    await phonePage.locator('[data-testid="ticket-row"][data-number="2"]').waitFor();
    const expected = ['SMS · falta pouco · enviada|SENT', 'SMS · chamada · enviada|SENT'];
    expect(
      await until(
        () => messagesOf(phonePage, 2),
        (m) => JSON.stringify(m) === JSON.stringify(expected),
      ),
    ).toEqual(expected);
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.getByText('Editar esta fila').click();
    await phonePage.getByText('Textos das mensagens').waitFor();
    await phonePage.screenshot({ path: `${ARTIFACTS}backoffice-messages-390x844-pt.png`, fullPage: true });
    await phonePage.context().close();
    await page.context().close();
  }, 90_000);
});
