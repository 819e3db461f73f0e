import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql, queueOverHttp, ticketOverHttp } from '../support/http';

const browserAvailability = inject('browser');
/** What the API sends that a person must never read as such: enum values. */
const RAW = /\b(OPEN|PAUSED|CLOSED|WAITING|CALLED|SERVED|NO_SHOW|REMOVED|LEFT)\b/;
/** English words of the pages that a Portuguese page must not show (labels, names of things). */
const ENGLISH =
  /\b(Open|Paused|Closed|Waiting|Called|Served|Delete this queue|People served|Waiting time|You are number|Link again|Show a new link|QR code for|Turn on sound|Called before|Number \d)\b/;

/** Every text a person perceives: what is shown, and what a screen reader says (labels, hidden text). */
async function perceived(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')),
      ...[...document.querySelectorAll('.visually-hidden')].map((e) => e.textContent),
    ].join('\n'),
  );
}

describe.skipIf(!browserAvailability.chromium)(
  'every page in Brazilian Portuguese, as shown and as read aloud',
  () => {
    const setup = serverAndBrowser(browserAvailability.chromium);

    it('given a Portuguese owner and a Portuguese phone, then no raw status value and no English label on the queue list, queue screen, delete dialog, stats and ticket page', async () => {
      const { authorization, email } = await ownerOverHttp(setup.t.url);
      const queueId = await queueOverHttp(setup.t.url, authorization, { name: 'Feira' });
      const tokens: string[] = [];
      for (const name of ['Ana', 'Bia', 'Caio'])
        tokens.push(await ticketOverHttp(setup.t.url, authorization, queueId, name));
      await postGraphql(
        setup.t.url,
        { query: `mutation { callNext(queueId: "${queueId}") { number } }` },
        authorization,
      );

      const context = await setup.browser.newContext({
        locale: 'pt-BR',
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      await logInThroughPage(page, setup.t.url, email, {
        email: 'E-mail',
        password: 'Senha',
        submit: 'Entrar',
      });
      await page.getByRole('link', { name: 'Feira' }).waitFor();
      const pages: [string, string][] = [['queue list', await perceived(page)]];
      await page.goto(`${setup.t.url}/backoffice/queues/${queueId}`);
      await page.locator('[data-testid="ticket-row"]').nth(2).waitFor();
      await page.getByRole('button', { name: 'Excluir…' }).click();
      await page.getByRole('alertdialog').waitFor();
      pages.push(['queue screen with the delete dialog', await perceived(page)]);
      await page.getByRole('button', { name: 'Mostrar de novo o link de Bia' }).click();
      await page.getByRole('button', { name: 'Mostrar um link novo' }).click();
      await page.getByTestId('issued').getByRole('heading', { name: 'Senha 2 — Bia' }).waitFor();
      pages.push(['queue screen with a link shown again', await perceived(page)]);
      await page.goto(`${setup.t.url}/backoffice/queues/${queueId}/stats`);
      await page.getByTestId('joined-count').getByText('3', { exact: true }).waitFor();
      await page.getByTestId('no-served').waitFor();
      pages.push(['stats', await perceived(page)]);
      const phone = await context.newPage();
      await phone.goto(`${setup.t.url}/t/${tokens[2]}`);
      await phone.getByTestId('position').waitFor();
      pages.push(['ticket page', await perceived(phone)]);
      await phone.goto(`${setup.t.url}/d/${queueId}`);
      await phone.getByTestId('display-now-serving').waitFor();
      pages.push(['display', await perceived(phone)]);

      expect(pages[0]![1]).toContain('Aberta');
      expect(pages.find(([name]) => name === 'ticket page')![1]).toContain(
        'Você está na posição 2 da fila: 1 à sua frente.',
      );
      expect(pages.find(([name]) => name === 'display')![1]).toContain('Ligar o som');
      for (const [name, text] of pages) {
        expect(text, `${name}: a raw value`).not.toMatch(RAW);
        expect(text, `${name}: English`).not.toMatch(ENGLISH);
      }
      await context.close();
    });
  },
);
