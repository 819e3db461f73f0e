import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, phone } from '../support/browser';
import { serverAndBrowser } from '../support/browser';
import { OWNER_PASSWORD, ownerOverHttp, postGraphql } from '../support/http';

const browserAvailability = inject('browser');

/** The owner's own data from the account page: the whole export, and deletion with its grace period. */
describe.skipIf(!browserAvailability.chromium)('the account’s data in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given an owner with a queue and people, then the account page downloads everything, and asking to delete with the password shows the date on every page until they keep the account — at 1280×800 in English and 390×844 in Portuguese', async () => {
    const { t, browser } = setup;
    const { authorization, email } = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, authorization)).body.data;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { name: 'Balcão' },
      })
    ).createQueue;
    for (const name of ['Ana Export', 'Bruno Export'])
      await gql(
        'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { ticket { id } } }',
        {
          q: queue.id,
          i: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
        },
      );

    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logInThroughPage(page, t.url, email);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Prepare the download' }).click();
    await page.getByText('Ready: 2 tickets.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Save the file' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.account.email).toBe(email);
    expect(exported.queues.map((q: { name: string }) => q.name)).toEqual(['Balcão']);
    expect(exported.tickets.map((x: { name: string }) => x.name)).toEqual(['Ana Export', 'Bruno Export']);

    // Deleting: the typed email must match, the password must be right.
    const form = page.getByTestId('account-deletion');
    await form.getByLabel('Your password, to confirm').fill(OWNER_PASSWORD);
    await form.getByLabel(`Type ${email} to confirm`).fill('someone@else.example');
    await form.getByRole('button', { name: 'Delete my account in 7 days' }).click();
    await form.getByText('Type your account’s email exactly, to confirm.').waitFor();
    await form.getByLabel('Your password, to confirm').fill('not my password');
    await form.getByLabel(`Type ${email} to confirm`).fill(email);
    await form.getByRole('button', { name: 'Delete my account in 7 days' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    expect((await gql('query { me { deletionDueAt } }')).me.deletionDueAt).toBeNull();
    await form.getByLabel('Your password, to confirm').fill(OWNER_PASSWORD);
    await form.getByRole('button', { name: 'Delete my account in 7 days' }).click();
    await page.getByTestId('deletion-scheduled').waitFor();
    const due = (await gql('query { me { deletionDueAt } }')).me.deletionDueAt as string;
    expect(Date.parse(due) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    await page.getByTestId('deletion-banner').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'account-deletion-1280x800-en.png'), fullPage: true });
    // The banner follows the owner to the queues.
    await page.getByRole('link', { name: 'Queue Manager' }).first().click();
    await page.waitForURL(/\/backoffice\/queues$/);
    expect(await page.getByTestId('deletion-banner').textContent()).toContain(
      'Your account will be deleted on',
    );

    // On a phone, in Portuguese, the same account keeps itself.
    const pt = await phone(browser, 'pt-BR');
    await logInThroughPage(pt.page, t.url, email, { email: 'E-mail', password: 'Senha', submit: 'Entrar' });
    const banner = pt.page.getByTestId('deletion-banner');
    expect(await banner.textContent()).toContain('Sua conta será excluída em');
    await pt.page.screenshot({
      path: join(ARTIFACTS, 'account-deletion-banner-390x844-pt.png'),
      fullPage: true,
    });
    await banner.getByRole('link', { name: 'Manter' }).click();
    await pt.page.getByRole('button', { name: 'Manter minha conta' }).click();
    await pt.page.getByText('Sua conta não será excluída.').waitFor();
    expect(await banner.count()).toBe(0);
    await pt.page.screenshot({ path: join(ARTIFACTS, 'account-kept-390x844-pt.png'), fullPage: true });
    expect(await pt.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await gql('query { me { deletionDueAt } }')).me.deletionDueAt).toBeNull();
    expect([...errors, ...pt.errors]).toEqual([]);
    await Promise.all([context.close(), pt.context.close()]);
  });
});
