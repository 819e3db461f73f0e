import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, owner, type Api } from '../support/appsync';
import { ARTIFACTS, launchBrowser, phone } from '../support/browser';
import { startTestServer, type TestServer } from '../support/local-server';

const browserAvailability = inject('browser');
const enabled = !!browserAvailability.chromium && browserAvailability.react;

describe.skipIf(!enabled)("the waiting person's app in Chromium, against the local server", () => {
  let t: TestServer;
  let browser: Browser;
  let api: Api;

  beforeAll(async () => {
    t = await startTestServer('embedded');
    api = apiAs(t.server.system.deps, owner(randomUUID()));
    browser = await launchBrowser(browserAvailability.chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const positionText = (page: Page) => page.getByTestId('position').textContent();
  const waitForPosition = (page: Page, text: string, timeout = 5000) =>
    page.waitForFunction(
      (expected) => document.querySelector('[data-testid="position"]')?.textContent === expected,
      text,
      { timeout },
    );
  const live = (page: Page, timeout = 10_000) =>
    page.waitForSelector('[data-testid="connection"][data-connection="live"]', { timeout });

  it('given three people, then their pages show 1st, 2nd, 3rd, and one call updates all three within a second', async () => {
    const queue = await api('createQueue', {
      input: {
        name: 'Padaria Pão Quente',
        description: 'Senhas para o balcão',
        calledMessage: 'Please come to counter 2',
      },
    });
    const issued: any[] = [];
    for (const name of ['Ana', 'Bruno', 'Cláudia'])
      issued.push(await api('addTicket', { queueId: queue.id, input: { name } }));
    const phones = await Promise.all(issued.map(() => phone(browser)));
    await Promise.all(phones.map(({ page }, i) => page.goto(issued[i].accessUrl)));
    await Promise.all(phones.map(({ page }) => live(page)));
    expect(await Promise.all(phones.map(({ page }) => positionText(page)))).toEqual([
      "You're next",
      '2nd',
      '3rd',
    ]);
    await phones[1]!.page.screenshot({ path: join(ARTIFACTS, 'react-waiting-390x844.png') });

    const started = performance.now();
    await api('callNext', { queueId: queue.id });
    const [called, second, third] = phones.map(({ page }) => page);
    await Promise.all([
      called!.waitForSelector('[data-testid="called"]', { timeout: 1000 }),
      waitForPosition(second!, "You're next", 1000),
      waitForPosition(third!, '2nd', 1000),
    ]);
    const elapsed = performance.now() - started;
    process.stdout.write(`react e2e: callNext → three pages updated in ${Math.round(elapsed)} ms\n`);
    expect(elapsed).toBeLessThan(1000);
    expect(await called!.getByTestId('called-message').textContent()).toBe('Please come to counter 2');
    await called!.screenshot({ path: join(ARTIFACTS, 'react-called-390x844.png') });
    expect(phones.flatMap((p) => p.errors)).toEqual([]);

    // Offline across two changes: the page says so, then shows the true position once back.
    const { context: offlineContext, page: offline } = phones[2]!;
    await offlineContext.setOffline(true);
    await offline.waitForSelector('[data-testid="connection"][data-connection="offline"]', { timeout: 5000 });
    await api('callNext', { queueId: queue.id });
    // The next call served Ana (the queue's default): her page says so.
    await called!.getByText('You have been served').waitFor({ timeout: 2000 });
    await api('addTicket', { queueId: queue.id, input: { name: 'Diego' } });
    expect(await offline.locator('.stale-note').count()).toBe(1);
    await offlineContext.setOffline(false);
    await live(offline, 20_000);
    await waitForPosition(offline, "You're next", 5000);
    for (const { context } of phones) await context.close();
  });

  it('given a queue open to self-join, then the join page creates a ticket and lands on it; bad input creates nothing', async () => {
    const queue = await api('createQueue', { input: { name: 'Clínica São José', selfJoin: true } });
    const { page, context, errors } = await phone(browser);
    await page.goto(`${t.url}/j/${queue.id}`);
    await page.getByRole('heading', { name: 'Join Clínica São José' }).waitFor();
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.getByText('Please enter your name.').waitFor();
    await page.getByLabel('Your name').fill('Zoë');
    await page.getByLabel('Email (optional)').fill('not-an-email');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.getByText('Please enter a valid email address, or leave it empty.').waitFor();
    expect((await api('queue', { id: queue.id })).waitingCount).toBe(0);
    await page.getByLabel('Email (optional)').fill('');
    await page.getByLabel('How many people?').selectOption('4');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    await page.waitForURL(/\/t\/[\w-]{43}$/);
    await waitForPosition(page, "You're next");
    expect(await api('queue', { id: queue.id })).toMatchObject({ waitingCount: 1, waitingPeople: 4 });
    await api('setQueueStatus', { id: queue.id, status: 'PAUSED' });
    await page.goto(`${t.url}/j/${queue.id}`);
    await page.getByLabel('Your name').fill('Late Larry');
    await page.getByRole('button', { name: 'Join the queue' }).click();
    expect(await page.getByTestId('refusal').textContent()).toBe(
      'This queue is paused right now. Please try again soon.',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('given a queue that needs the venue’s code and one place per phone, then a remote link is refused in Portuguese and asks for the code; the code shown on the screen lets them in, once', async () => {
    const queue = await api('createQueue', {
      input: { name: 'Feira Livre', selfJoin: true, presence: 'HOURLY', onePerContact: true },
    });
    const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await tv.goto(queue.displayUrl);
    const shown = (await tv.getByTestId('display-code').textContent())!;
    expect(shown).toBe(`Code to join: ${queue.presenceCode.code}`);
    // The same screen without its key (anyone with the queue's id) shows no code.
    const peek = await (await browser.newContext()).newPage();
    await peek.goto(`${t.url}/d/${queue.id}`);
    await peek.getByTestId('display-waiting').waitFor();
    expect(await peek.getByTestId('display-code').count()).toBe(0);
    await peek.context().close();

    const { page, context, errors } = await phone(browser, 'pt-BR');
    await page.goto(`${t.url}/j/${queue.id}`);
    await page.getByLabel('Seu nome').fill('Rita');
    await page.getByLabel('Telefone (opcional)').fill('(11) 95555-0101');
    await page.getByRole('button', { name: 'Entrar na fila' }).click();
    expect(await page.getByTestId('refusal').textContent()).toBe(
      'Esta fila atende quem está no local: digite o código de 6 dígitos mostrado na tela.',
    );
    await page.getByLabel('Código mostrado no local').fill(shown.replace(/\D/g, ''));
    await page.getByRole('button', { name: 'Entrar na fila' }).click();
    await page.waitForURL(/\/t\/[\w-]{43}$/);
    await waitForPosition(page, 'Você é o próximo');
    // The printed QR code's link carries the code; the same phone cannot take a second place.
    await page.goto(`${t.url}/j/${queue.id}?code=${queue.presenceCode.code}`);
    await page.getByLabel('Seu nome').fill('Rita de novo');
    await page.getByLabel('Telefone (opcional)').fill('+55 11 95555-0101');
    await page.getByRole('button', { name: 'Entrar na fila' }).click();
    expect(await page.getByTestId('refusal').textContent()).toBe(
      'Este telefone ou e-mail já tem um lugar nesta fila.',
    );
    expect((await api('queue', { id: queue.id })).waitingCount).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
    await tv.context().close();
  });

  it('given a Portuguese phone, when the queue is deleted before the person joins, then the refusal reads in Portuguese, not the server message', async () => {
    const queue = await api('createQueue', { input: { name: 'Feira', selfJoin: true } });
    const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const serverMessages: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
      for (const error of body?.errors ?? []) if (error.message) serverMessages.push(error.message);
    });
    await page.goto(`${t.url}/j/${queue.id}`);
    await page.getByLabel('Seu nome').fill('Zoë');
    await api('deleteQueue', { id: queue.id });
    await page.getByRole('button', { name: 'Entrar na fila' }).click();
    await page.getByTestId('refusal').getByText('Esta fila não existe.').waitFor();
    // The response listener reads the body asynchronously: the page may show the refusal first.
    await expect.poll(() => serverMessages.length).toBeGreaterThan(0);
    const visible = await page.locator('body').innerText();
    for (const message of serverMessages) expect(visible).not.toContain(message);
    await context.close();
  });

  it("given people joining from a Portuguese and an English phone with their emails, then each one's call mail is in their page's language", async () => {
    const queue = await api('createQueue', { input: { name: 'Padaria Pão Quente', selfJoin: true } });
    const joinFrom = async (
      locale: string,
      labels: [RegExp, RegExp, string],
      name: string,
      email: string,
    ) => {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/j/${queue.id}`);
      await page.getByLabel(labels[0]).fill(name);
      await page.getByLabel(labels[1]).fill(email);
      await page.getByRole('button', { name: labels[2] }).click();
      await page.waitForURL(/\/t\/[\w-]{43}$/);
      await context.close();
    };
    const bia = `bia-${randomUUID()}@example.com`;
    const ed = `ed-${randomUUID()}@example.com`;
    await joinFrom('pt-BR', [/^Seu nome/, /^E-mail/, 'Entrar na fila'], 'Bia', bia);
    await joinFrom('en-US', [/^Your name/, /^Email/, 'Join the queue'], 'Ed', ed);
    await api('callNext', { queueId: queue.id });
    await api('callNext', { queueId: queue.id });
    let mail = '';
    const deadline = Date.now() + 10_000;
    while (!(mail.includes(`to ${bia}`) && mail.includes(`to ${ed}`)) && Date.now() < deadline)
      mail = await (await fetch(`${t.url}/dev/mail`)).text();
    expect(mail).toContain('É a sua vez: número 1 em Padaria Pão Quente');
    expect(mail).toContain('It&#39;s your turn: number 2 at Padaria Pão Quente');
  });

  it('given the display page on a TV, then it follows the calls live', async () => {
    const queue = await api('createQueue', { input: { name: 'Açougue', selfJoin: true } });
    for (const name of ['Ana', 'Bia']) await api('addTicket', { queueId: queue.id, input: { name } });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/d/${queue.id}`);
    await live(page);
    expect(await page.getByTestId('display-now-serving').textContent()).toBe('—');
    expect(await page.getByTestId('display-waiting').textContent()).toContain('2 people waiting');
    await api('callNext', { queueId: queue.id });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="display-now-serving"]')?.textContent === '1',
      null,
      { timeout: 1000 },
    );
    expect(await page.getByTestId('display-waiting').textContent()).toContain('1 person waiting');
    await page.screenshot({ path: join(ARTIFACTS, 'react-display-1920x1080.png') });
    await context.close();
  });

  it('given a queue that alerts 2 ahead, then a person who joins 2nd is told at once, the 3rd after one call, live and in Portuguese', async () => {
    const queue = await api('createQueue', { input: { name: 'Ótica Central', alertAhead: 2 } });
    const issued: any[] = [];
    for (const name of ['Ana', 'Bia', 'Caio'])
      issued.push(await api('addTicket', { queueId: queue.id, input: { name } }));
    const second = await phone(browser);
    const third = await phone(browser, 'pt-BR');
    await second.page.goto(issued[1].accessUrl);
    await third.page.goto(issued[2].accessUrl);
    await Promise.all([live(second.page), live(third.page)]);
    expect(await second.page.getByTestId('almost').textContent()).toBe(
      'Almost your turn — please stay close.',
    );
    expect(await third.page.getByTestId('almost').count()).toBe(0);
    await api('callNext', { queueId: queue.id });
    await third.page.getByTestId('almost').waitFor({ timeout: 2000 });
    expect(await third.page.getByTestId('almost').textContent()).toBe(
      'Falta pouco — fique por perto, por favor.',
    );
    await waitForPosition(third.page, '2º');
    await third.page.screenshot({ path: join(ARTIFACTS, 'react-almost-390x844-pt.png') });
    expect([...second.errors, ...third.errors]).toEqual([]);
    await second.context.close();
    await third.context.close();
  });

  it('given an unknown ticket link, then a clear not-found page; in Portuguese, positions read 2º', async () => {
    const { page, context } = await phone(browser);
    await page.goto(`${t.url}/t/${'A'.repeat(43)}`);
    await page.getByTestId('not-found').getByText('Ticket not found').waitFor();
    await context.close();

    const queue = await api('createQueue', { input: { name: 'Fila' } });
    const [, second] = [
      await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } }),
      await api('addTicket', { queueId: queue.id, input: { name: 'Bia' } }),
    ];
    const pt = await phone(browser, 'pt-BR');
    await pt.page.goto(second.accessUrl);
    await waitForPosition(pt.page, '2º');
    expect(await pt.page.getByText('1 pessoa na sua frente').count()).toBe(1);
    await pt.page.getByRole('button', { name: 'English' }).click();
    await waitForPosition(pt.page, '2nd');
    await pt.context.close();
  });

  it('given a 320-pixel phone, then nothing scrolls sideways, and every request stays on the same origin (all bundled)', async () => {
    const queue = await api('createQueue', {
      input: { name: 'Restaurante Bom Prato e Companhia Limitada', calledMessage: 'Mesa 12' },
    });
    const issued = await api('addTicket', {
      queueId: queue.id,
      input: { name: 'Maria Aparecida dos Santos Oliveira' },
    });
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true });
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(issued.accessUrl);
    await waitForPosition(page, "You're next");
    for (const path of [`/j/${queue.id}`, issued.accessUrl.slice(t.url.length)]) {
      await page.goto(`${t.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
    expect([...origins].filter((o) => o !== t.url && !o.startsWith('ws'))).toEqual([]);
    await context.close();
  });

  it('given a waiting person who leaves, then after confirming the page shows it and the queue moves', async () => {
    const queue = await api('createQueue', { input: { name: 'Leaving' } });
    const first = await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } });
    const { page, context } = await phone(browser);
    await page.goto(first.accessUrl);
    await waitForPosition(page, "You're next");
    await page.getByRole('button', { name: 'Leave the queue' }).click();
    await page.getByRole('button', { name: 'Yes, leave' }).click();
    await page.getByTestId('end-state').getByText('You left the queue').waitFor();
    expect((await api('queue', { id: queue.id })).waitingCount).toBe(0);
    await context.close();
  });
});
