import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql } from '../support/http';

const browserAvailability = inject('browser');
const enabled = !!browserAvailability.chromium && browserAvailability.react;

/** The owner reads who did what: the audit page at both sizes, in both languages, filtered. */
describe.skipIf(!enabled)('the audit log in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given staff work on a queue, then the audit page lists each action newest first, filters by action, and reads in Portuguese on a phone — with no waiting person’s name', async () => {
    const { t, browser } = setup;
    const { authorization, email } = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, authorization)).body.data;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { name: 'Padaria Auditada' },
      })
    ).createQueue;
    for (const name of ['Ana Oculta', 'Bia Oculta'])
      await gql(
        'mutation A($q: ID!, $n: String!) { addTicket(queueId: $q, input: {name: $n}) { ticket { id } } }',
        {
          q: queue.id,
          n: name,
        },
      );
    const called = (await gql('mutation N($q: ID!) { callNext(queueId: $q) { id } }', { q: queue.id }))
      .callNext;
    await gql('mutation M($id: ID!) { markNoShow(id: $id) { id } }', { id: called.id });

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await logInThroughPage(page, t.url, email);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    const rows = () =>
      page
        .locator('[data-testid="audit-row"]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-operation')));
    expect(await rows()).toEqual(['NO_SHOW', 'CALL_NEXT', 'ADD_TICKET', 'ADD_TICKET', 'CREATE_QUEUE']);
    const text = (await page.getByTestId('audit').textContent()) ?? '';
    expect(text).toContain('Marked no-show');
    expect(text).toContain('Padaria Auditada');
    expect(text).not.toContain('Oculta');
    await page.screenshot({ path: join(ARTIFACTS, 'audit-1280x800.png'), fullPage: true });

    await page.getByLabel('Action').selectOption({ label: 'Added a person' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length === 2);
    expect(await rows()).toEqual(['ADD_TICKET', 'ADD_TICKET']);
    // A range that ends before today: nothing, said in words.
    await page.getByLabel('Until').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('audit-empty').waitFor();
    await page.context().close();

    const phonePage = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' })
    ).newPage();
    await logInThroughPage(phonePage, t.url, email, { email: 'E-mail', password: 'Senha', submit: 'Entrar' });
    await phonePage.goto(`${t.url}/backoffice/audit`);
    await phonePage.getByTestId('audit-row').first().waitFor();
    const phoneText = (await phonePage.getByTestId('audit').textContent()) ?? '';
    expect(phoneText).toContain('Marcou ausente');
    expect(phoneText).toContain('Chamou a próxima');
    expect(await phonePage.getByRole('heading', { name: 'Registro de ações' }).count()).toBe(1);
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: join(ARTIFACTS, 'audit-390x844-pt.png'), fullPage: true });
    await phonePage.context().close();
  });
});
