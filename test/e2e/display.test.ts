import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, owner, type Api } from '../support/appsync';
import { ARTIFACTS, serverAndBrowser } from '../support/browser';

const browserAvailability = inject('browser');

/**
 * What the page asks the browser to play and say: oscillators started (two per chime) and utterances spoken,
 * recorded around the real Web Audio and Web Speech objects, which still run.
 */
const RECORD_SOUND = () => {
  const record = { oscillators: 0, spoken: [] as { text: string; lang: string }[] };
  (window as unknown as { sound: typeof record }).sound = record;
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    record.oscillators += 1;
    return createOscillator.call(this);
  };
  const speak = speechSynthesis.speak.bind(speechSynthesis);
  speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
    record.spoken.push({ text: utterance.text, lang: utterance.lang });
    speak(utterance);
  };
};
type Sound = { oscillators: number; spoken: { text: string; lang: string }[] };
const sound = (page: Page) => page.evaluate(() => (window as unknown as { sound: Sound }).sound);

const fontPx = (page: Page, selector: string) =>
  page.$eval(selector, (e) => parseFloat(getComputedStyle(e).fontSize));
const previous = (page: Page) =>
  page.$$eval('[data-testid="display-previous"] li', (items) => items.map((i) => i.textContent));

describe.skipIf(!browserAvailability.chromium)("the venue's display", () => {
  const setup = serverAndBrowser(browserAvailability.chromium);
  let api: Api;
  beforeAll(() => {
    api = apiAs(setup.t.server.system.deps, owner(randomUUID()));
  });

  async function queueWithPeople(name: string, people: number): Promise<string> {
    // Called people stay called until staff marks them, so they can be recalled.
    const queue = await api('createQueue', { input: { name, serveOnNext: false } });
    for (let n = 1; n <= people; n += 1)
      await api('addTicket', { queueId: queue.id, input: { name: `Secret Person ${n}` } });
    return queue.id as string;
  }
  const nowServing = (page: Page, n: number) =>
    page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="display-now-serving"]')?.textContent === String(expected),
      n,
      { timeout: 2000 },
    );

  it('given six calls and a recall on a 1080p screen, then the newest number is large and highlighted, the four before it follow, each readable from 5 m, and no name shows', async () => {
    const queueId = await queueWithPeople('Farmácia', 8);
    for (let i = 0; i < 6; i += 1) await api('callNext', { queueId });
    const context = await setup.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${setup.t.url}/d/${queueId}`);
    await nowServing(page, 6);
    expect(await previous(page)).toEqual(['5', '4', '3', '2']);
    // About 400 px for the newest and over 110 px for the others: 5 m away, a 1080p screen needs ~64 px.
    expect(await fontPx(page, '[data-testid="display-now-serving"]')).toBeGreaterThanOrEqual(400);
    expect(await fontPx(page, '[data-testid="display-previous"]')).toBeGreaterThanOrEqual(110);
    expect(
      await page.$eval('[data-testid="display-now-serving"]', (e) => getComputedStyle(e).animationName),
    ).toBe('call-flash');
    expect(await page.locator('body').innerText()).not.toContain('Secret Person');

    await page.waitForSelector('[data-testid="connection"][data-connection="live"]');
    await api('callNext', { queueId });
    await nowServing(page, 7);
    expect(await previous(page)).toEqual(['6', '5', '4', '3']);
    const tickets = await api('queueTickets', { queueId, statuses: ['CALLED'] });
    const four = tickets.items.find((t: { number: number }) => t.number === 4);
    await api('recallTicket', { id: four.id });
    await nowServing(page, 4);
    expect(await previous(page)).toEqual(['7', '6', '5', '3']);
    await page.screenshot({ path: `${ARTIFACTS}display-1920x1080.png` });
    // A fresh read agrees with what the events built.
    await page.reload();
    await nowServing(page, 4);
    expect(await previous(page)).toEqual(['7', '6', '5', '3']);
    await context.close();
  });

  it('given sound turned on, then every call chimes; with spoken numbers on, the number is said in the page language', async () => {
    const queueId = await queueWithPeople('Cartório', 4);
    for (const [locale, spoken, labels] of [
      ['en-US', 'Number', { sound: 'Turn on sound', on: 'Sound on', say: 'Say the numbers aloud' }],
      ['pt-BR', 'Senha', { sound: 'Ligar o som', on: 'Som ligado', say: 'Falar as senhas em voz alta' }],
    ] as const) {
      const context = await setup.browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
      await context.addInitScript(RECORD_SOUND);
      const page = await context.newPage();
      await page.goto(`${setup.t.url}/d/${queueId}`);
      await page.waitForSelector('[data-testid="connection"][data-connection="live"]');
      // Before anyone turns sound on, a call is shown and not played.
      const first = await api('callNext', { queueId });
      await nowServing(page, first.number);
      expect(await sound(page)).toEqual({ oscillators: 0, spoken: [] });
      expect(await page.getByLabel(labels.say).isDisabled()).toBe(true);

      await page.getByRole('button', { name: labels.sound }).click();
      await page.getByRole('button', { name: labels.on, pressed: true }).waitFor();
      const second = await api('callNext', { queueId });
      await nowServing(page, second.number);
      await expect.poll(async () => (await sound(page)).oscillators).toBe(2);
      expect((await sound(page)).spoken).toEqual([]);

      await page.getByLabel(labels.say).check();
      const third = await api('recallTicket', { id: first.id });
      await nowServing(page, third.number);
      await expect
        .poll(async () => (await sound(page)).spoken)
        .toEqual([{ text: `${spoken} ${first.number}`, lang: locale === 'en-US' ? 'en' : 'pt-BR' }]);
      expect((await sound(page)).oscillators).toBe(4);
      await context.close();
    }
  });

  it('given a phone, then the last calls fit its width, with nothing scrolling sideways', async () => {
    const queueId = await queueWithPeople('Clínica São José — Pediatria', 120);
    for (let i = 0; i < 105; i += 1) await api('callNext', { queueId });
    const context = await setup.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${setup.t.url}/d/${queueId}`);
    await nowServing(page, 105);
    expect(await previous(page)).toEqual(['104', '103', '102', '101']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await fontPx(page, '[data-testid="display-previous"]')).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: `${ARTIFACTS}display-390x844.png`, fullPage: true });
    await context.close();
  });
});
