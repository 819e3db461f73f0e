import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from '../support/browser';
import { loginOverHttp, postGraphql } from '../support/http';
import { linkFromDevMail, startTestServer, type TestServer } from '../support/local-server';

const browserAvailability = inject('browser');
const built = existsSync(
  fileURLToPath(new URL('../../clients/backoffice/dist/browser/index.html', import.meta.url)),
);
if (!built && process.env.CI)
  throw new Error('CI needs the built backoffice for the end-to-end tests: npm run build:clients');

describe.skipIf(!browserAvailability.chromium || !built)(
  "the owner's backoffice in Chromium, against the local server",
  () => {
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

    async function ownerPage(): Promise<{ page: Page; email: string; close(): Promise<void> }> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      return { page, email: `${randomUUID()}@example.com`, close: () => context.close() };
    }

    async function signUpAndLogIn(page: Page, email: string): Promise<void> {
      await page.goto(`${t.url}/backoffice/signup`);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Please enter your name.').waitFor();
      await page.getByLabel('Your name').fill('Dona Benta');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Please use at least 12 characters.').waitFor();
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByTestId('check-email').waitFor();
      await page.goto(await linkFromDevMail(t.url, email, 'verify'));
      await page.getByText('Your email is confirmed').waitFor();
      await page.getByRole('link', { name: 'Log in' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/backoffice\/queues$/);
    }

    const positions = async (page: Page) =>
      page.$$eval('[data-testid="ticket-row"]', (rows) =>
        rows.map((r) => [
          r.getAttribute('data-number'),
          r.querySelector('[data-testid="position"]')?.textContent,
        ]),
      );

    it('given an owner, then sign-up, verification, login, a queue with three people, live in two browsers, call and remove', async () => {
      const first = await ownerPage();
      await signUpAndLogIn(first.page, first.email);
      const page = first.page;
      await page.getByTestId('no-queues').waitFor();
      await page.getByRole('button', { name: 'Create queue' }).click();
      await page.getByText('Please enter a name for the queue.').waitFor();
      expect(await page.getByTestId('no-queues').count()).toBe(1);
      await page.getByLabel('Queue name').fill('Padaria Pão Quente');
      await page.getByLabel('Message shown to the person called').fill('Balcão 2');
      await page.getByRole('button', { name: 'Create queue' }).click();
      await page.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
      const queueUrl = page.url();
      const anaEmail = `ana-${randomUUID()}@example.com`;
      for (const name of ['Ana', 'Bruno', 'Cláudia']) {
        await page.getByLabel("Person's name").fill(name);
        if (name === 'Ana') await page.getByLabel(/^Email/).fill(anaEmail);
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.locator(`[data-testid="ticket-row"]:has-text("${name}")`).waitFor();
      }
      expect(await positions(page)).toEqual([
        ['1', '1'],
        ['2', '2'],
        ['3', '3'],
      ]);
      // The last person added gets a printable QR of their ticket link.
      await page.getByTestId('issued').getByText('Number 3 — Cláudia').waitFor();
      expect(await page.getByTestId('issued').locator('canvas').count()).toBe(1);
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByTestId('queue-status').getByText('Paused').waitFor();
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByTestId('queue-status').getByText('Open').waitFor();

      // A second browser, same owner session storage copied: the same queue, live.
      const second = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        storageState: await page.context().storageState(),
      });
      const other = await second.newPage();
      await other.goto(queueUrl);
      await other.locator('[data-testid="ticket-row"]').nth(2).waitFor();

      const started = performance.now();
      await page.getByRole('button', { name: 'Call next (N)' }).click();
      await other.waitForFunction(
        () => document.querySelector('[data-testid="now-serving"]')?.textContent === '1',
        null,
        { timeout: 1000 },
      );
      process.stdout.write(
        `backoffice e2e: call next → other browser updated in ${Math.round(performance.now() - started)} ms\n`,
      );
      // Ana gave an email: the called mail reaches the outbox.
      const deadline = Date.now() + 5000;
      let mail = '';
      while (!mail.includes(`to ${anaEmail}`) && Date.now() < deadline)
        mail = await (await fetch(`${t.url}/dev/mail`)).text();
      expect(mail).toContain('It&#39;s your turn: number 1 at Padaria Pão Quente');
      expect(await positions(other)).toEqual([
        ['1', '—'],
        ['2', '1'],
        ['3', '2'],
      ]);

      await other.getByRole('button', { name: 'Remove Bruno' }).click();
      for (const p of [page, other])
        await p.waitForFunction(
          () => document.querySelectorAll('[data-testid="ticket-row"]').length === 2,
          null,
          { timeout: 2000 },
        );
      for (const p of [page, other])
        expect(await positions(p)).toEqual([
          ['1', '—'],
          ['3', '1'],
        ]);
      await page.keyboard.press('n');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="now-serving"]')?.textContent === '3',
      );
      // Calling the next person served the one called before (the queue's default): Ana's row goes.
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="ticket-row"][data-number="1"]'),
      );
      expect(await page.getByRole('columnheader', { name: 'Waiting' }).count()).toBe(1);
      await page
        .locator('[data-testid="ticket-row"][data-number="3"]')
        .getByRole('button', { name: 'No-show' })
        .click();
      await page.getByTestId('empty').waitFor();
      await page.getByRole('link', { name: 'Stats' }).click();
      await page.getByTestId('served-count').getByText('1', { exact: true }).waitFor();
      expect(await page.locator('canvas').count()).toBe(2);
      await page.screenshot({ path: `${ARTIFACTS}backoffice-stats-1280x900.png` });
      await page.goto(`${queueUrl}/qr`);
      await page.getByTestId('queue-qr').getByText('Scan to join the queue').waitFor();
      expect(await page.getByTestId('queue-qr').locator('canvas').count()).toBe(2);
      await page.goto(queueUrl);
      await page.getByTestId('empty').waitFor();
      await page.screenshot({ path: `${ARTIFACTS}backoffice-queue-1280x900.png` });

      // Another owner cannot open this queue.
      const intruder = await ownerPage();
      await signUpAndLogIn(intruder.page, intruder.email);
      await intruder.page.goto(queueUrl);
      await intruder.page.getByTestId('queue-not-found').waitFor();
      await intruder.close();
      await second.close();
      await first.close();
    });

    it('given three people added in a row with different or no contact details, then each is saved with only their own and only they are mailed', async () => {
      const owner = await ownerPage();
      await signUpAndLogIn(owner.page, owner.email);
      const page = owner.page;
      await page.getByLabel('Queue name').fill('Cartório');
      await page.getByRole('button', { name: 'Create queue' }).click();
      await page.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
      const queueId = page.url().split('/').at(-1)!;
      const anaEmail = `ana-${randomUUID()}@example.com`;
      const caioEmail = `caio-${randomUUID()}@example.com`;
      const people = [
        { name: 'Ana', email: anaEmail, phone: '+5511987654321' },
        { name: 'Bia', email: '', phone: '' },
        { name: 'Caio', email: caioEmail, phone: '' },
      ];
      for (const person of people) {
        // The form starts empty for every person: nothing of the one before is left in it.
        expect(await page.getByLabel("Person's name").inputValue()).toBe('');
        expect(await page.getByLabel(/^Email/).inputValue()).toBe('');
        expect(await page.getByLabel(/^Phone/).inputValue()).toBe('');
        await page.getByLabel("Person's name").fill(person.name);
        if (person.email) await page.getByLabel(/^Email/).fill(person.email);
        if (person.phone) await page.getByLabel(/^Phone/).fill(person.phone);
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.locator(`[data-testid="ticket-row"]:has-text("${person.name}")`).waitFor();
      }
      expect(await page.getByLabel(/^Email/).inputValue()).toBe('');

      const authorization = await loginOverHttp(t.url, owner.email);
      const saved = await postGraphql(
        t.url,
        {
          query: 'query Q($q: ID!) { queueTickets(queueId: $q) { items { number name email phone } } }',
          variables: { q: queueId },
        },
        authorization,
      );
      expect(saved.body.data.queueTickets.items).toEqual([
        { number: 1, name: 'Ana', email: anaEmail, phone: '+5511987654321' },
        { number: 2, name: 'Bia', email: null, phone: null },
        { number: 3, name: 'Caio', email: caioEmail, phone: null },
      ]);

      for (const number of [1, 2, 3]) {
        await page.getByRole('button', { name: 'Call next (N)' }).click();
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="now-serving"]')?.textContent === String(n),
          number,
        );
      }
      const calledMail = async () => {
        const deadline = Date.now() + 5000;
        let articles: string[] = [];
        while (Date.now() < deadline) {
          articles = (await (await fetch(`${t.url}/dev/mail`)).text())
            .split('<article>')
            .filter((a) => a.includes('at Cartório'));
          if (articles.length >= 2) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return articles;
      };
      const mails = await calledMail();
      expect(mails).toHaveLength(2);
      expect(mails.filter((m) => m.includes(`to ${anaEmail}`) && m.includes('number 1'))).toHaveLength(1);
      expect(mails.filter((m) => m.includes(`to ${caioEmail}`) && m.includes('number 3'))).toHaveLength(1);
      await owner.close();
    });

    it('given the live queue screen, when the server asks clients to reconnect (events may have been missed), then the screen reads the queue again', async () => {
      const owner = await ownerPage();
      await signUpAndLogIn(owner.page, owner.email);
      const page = owner.page;
      await page.getByLabel('Queue name').fill('Guichê');
      await page.getByRole('button', { name: 'Create queue' }).click();
      await page.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
      await page.getByTestId('empty').waitFor();
      const reads: number[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && (request.postData() ?? '').includes('query QueueScreen'))
          reads.push(Date.now());
      });
      await new Promise((r) => setTimeout(r, 500));
      const resyncAt = Date.now();
      t.server.realtime.resync();
      // No change happens: the only reason to read the queue again is the reconnection.
      await expect
        .poll(() => reads.filter((at) => at > resyncAt).length, { timeout: 15_000 })
        .toBeGreaterThan(0);
      await owner.close();
    });

    it('given the queue list open, then its waiting count follows changes made elsewhere; editing renames the queue', async () => {
      const owner = await ownerPage();
      await signUpAndLogIn(owner.page, owner.email);
      const page = owner.page;
      await page.getByLabel('Queue name').fill('Açougue');
      await page.getByRole('button', { name: 'Create queue' }).click();
      await page.waitForURL(/\/backoffice\/queues\/[0-9a-f-]{36}$/);
      const queueUrl = page.url();
      const second = await browser.newContext({ storageState: await page.context().storageState() });
      const list = await second.newPage();
      await list.goto(`${t.url}/backoffice/queues`);
      await list.getByTestId('waiting').getByText('0 waiting').waitFor();
      await page.getByLabel("Person's name").fill('Ana');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await list.getByTestId('waiting').getByText('1 waiting').waitFor({ timeout: 1000 });
      await page.getByText('Edit this queue').click();
      await page.getByLabel('Queue name').fill('Açougue Boi Gordo');
      const serveOnNext = page.getByLabel('Calling the next person marks the one called before as served');
      expect(await serveOnNext.isChecked()).toBe(true);
      await serveOnNext.uncheck();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: /Açougue Boi Gordo/ }).waitFor();
      // Turned off: calling twice leaves the first person called, as staff may want at a counter.
      await page.getByLabel("Person's name").fill('Bia');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.locator('[data-testid="ticket-row"]:has-text("Bia")').waitFor();
      for (const number of ['1', '2']) {
        await page.getByRole('button', { name: 'Call next (N)' }).click();
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="now-serving"]')?.textContent === n,
          number,
        );
      }
      expect(await page.locator('[data-testid="ticket-row"][data-number="1"]').innerText()).toContain(
        'Called',
      );
      await page.reload();
      await page.getByText('Edit this queue').click();
      expect(await serveOnNext.isChecked()).toBe(false);
      await list.reload();
      await list.getByRole('link', { name: 'Açougue Boi Gordo' }).waitFor();
      expect(queueUrl).toContain('/backoffice/queues/');
      await second.close();
      await owner.close();
    });

    it('given a Portuguese browser, then the backoffice speaks Brazilian Portuguese and switches to English', async () => {
      const context = await browser.newContext({ locale: 'pt-BR' });
      const page = await context.newPage();
      await page.goto(`${t.url}/backoffice/login`);
      await page.getByRole('heading', { name: 'Entrar' }).waitFor();
      expect(await page.getByRole('link', { name: 'Esqueceu a senha?' }).count()).toBe(1);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await context.close();
    });

    it('given a Portuguese browser, then every API error reads in Portuguese and no server message reaches the page', async () => {
      const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const serverMessages = new Set<string>();
      page.on('response', async (response) => {
        if (!response.url().endsWith('/graphql')) return;
        const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
        for (const error of body?.errors ?? []) if (error.message) serverMessages.add(error.message);
      });
      const shows = async (text: string) => {
        await page.getByText(text).waitFor();
        const visible = await page.locator('body').innerText();
        for (const message of serverMessages) expect(visible).not.toContain(message);
      };
      const email = `${randomUUID()}@example.com`;
      await page.goto(`${t.url}/backoffice/signup`);
      await page.getByLabel('Seu nome').fill('Dona Benta');
      await page.getByLabel('E-mail').fill(email);
      // Weak passwords are refused by the server and explained at the field, in Portuguese.
      await page.getByLabel('Senha').fill('qwerty123456');
      await page.getByRole('button', { name: 'Criar conta' }).click();
      await shows('Esta senha está entre as mais adivinhadas. Escolha outra.');
      expect(await page.locator('#password-error').innerText()).toBe(
        'Esta senha está entre as mais adivinhadas. Escolha outra.',
      );
      await page.getByLabel('Senha').fill(email);
      await page.getByRole('button', { name: 'Criar conta' }).click();
      await shows('Não use seu e-mail como senha.');
      await page.getByLabel('Senha').fill('aaaaaaaaaaaaaa');
      await page.getByRole('button', { name: 'Criar conta' }).click();
      await shows('Evite um caractere repetido ou uma sequência como 1234… ou abcd….');
      await page.getByLabel('Senha').fill('correct horse battery');
      await page.getByRole('button', { name: 'Criar conta' }).click();
      await page.getByTestId('check-email').waitFor();

      await page.goto(`${t.url}/backoffice/login`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Senha').fill('correct horse battery');
      await page.getByRole('button', { name: 'Entrar' }).click();
      await shows('Confirme seu e-mail primeiro: enviamos um link para você.');
      await page.getByLabel('Senha').fill('not the password at all');
      await page.getByRole('button', { name: 'Entrar' }).click();
      await shows('E-mail ou senha incorretos.');

      await page.goto(`${t.url}/backoffice/verify/${'x'.repeat(43)}`);
      await shows('Este link é inválido ou expirou. Peça um novo.');
      const link = await linkFromDevMail(t.url, email, 'verify');
      await page.goto(link);
      await page.getByText('Seu e-mail está confirmado').waitFor();
      await page.goto(link);
      await shows('Este link é inválido ou expirou. Peça um novo.');
      expect(serverMessages.size).toBeGreaterThanOrEqual(3);
      await page.screenshot({ path: `${ARTIFACTS}backoffice-errors-pt-BR-390x844.png` });
      await context.close();
    });

    it('given an owner logged in on two browsers, when one changes the password, then the other is sent to log in; logging out everywhere ends the first', async () => {
      const first = await ownerPage();
      await signUpAndLogIn(first.page, first.email);
      const secondContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const second = await secondContext.newPage();
      const logIn = async (page: Page, password: string) => {
        await page.goto(`${t.url}/backoffice/login`);
        await page.getByLabel('Email').fill(first.email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Log in' }).click();
      };
      await logIn(second, 'correct horse battery');
      await second.waitForURL(/\/backoffice\/queues$/);

      const page = first.page;
      await page.getByRole('link', { name: 'Account' }).click();
      await page.getByLabel('Current password').fill('not my password');
      await page.getByLabel('New password').fill('a new and longer passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Please enter your current password correctly.').waitFor();
      // The error is told at the field it is about.
      expect(await page.locator('#current-password-error').innerText()).toBe(
        'Please enter your current password correctly.',
      );
      expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBeNull();
      await page.getByLabel('Current password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByTestId('password-changed').waitFor();
      // This browser goes on with its fresh session; the other one is sent to log in at its next request.
      await page.getByRole('link', { name: 'Queue Manager · Backoffice' }).click();
      await page.getByTestId('no-queues').waitFor();
      await second.reload();
      await second.waitForURL(/\/backoffice\/login/);
      await logIn(second, 'correct horse battery');
      await second.getByText('Wrong email or password.').waitFor();
      await logIn(second, 'a new and longer passphrase');
      await second.waitForURL(/\/backoffice\/queues$/);
      await second.goto(`${t.url}/backoffice/account`);
      await second.getByRole('button', { name: 'Log out everywhere' }).waitFor();
      await second.screenshot({ path: `${ARTIFACTS}backoffice-account-390x844.png` });

      await page.getByRole('link', { name: 'Account' }).click();
      await page.getByRole('button', { name: 'Log out everywhere' }).click();
      await page.waitForURL(/\/backoffice\/login/);
      await second.getByRole('link', { name: 'Queue Manager · Backoffice' }).click();
      await second.waitForURL(/\/backoffice\/login/);
      await secondContext.close();
      await first.close();
    });

    it('given no session, then a queue address sends the owner to log in and back', async () => {
      const { page, close } = await ownerPage();
      await page.goto(`${t.url}/backoffice/queues/${randomUUID()}`);
      await page.waitForURL(/\/backoffice\/login\?returnUrl=/);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await close();
    });
  },
);
