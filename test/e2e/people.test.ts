import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, logInThroughPage, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql } from '../support/http';
import { linkFromDevMail } from '../support/local-server';

const browserAvailability = inject('browser');
const enabled = !!browserAvailability.chromium && browserAvailability.react;

/** An owner brings a clerk in: the invitation by mail, the clerk at work in another browser, and the audit. */
describe.skipIf(!enabled)('people and invitations in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given an owner inviting a clerk to one queue, then the clerk accepts from the mailed link, calls next there, is refused the settings, and the owner sees both in the audit log', async () => {
    const { t, browser } = setup;
    const owner = await ownerOverHttp(t.url);
    const clerk = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, owner.authorization)).body.data;
    const venue = (
      await gql('mutation V($i: VenueInput!) { createVenue(input: $i) { id } }', {
        i: { name: 'Clínica Sul' },
      })
    ).createVenue;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { venueId: venue.id, name: 'Recepção Sul' },
      })
    ).createQueue;
    await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
      i: { venueId: venue.id, name: 'Exames Sul' },
    });
    await gql(
      'mutation A($q: ID!) { addTicket(queueId: $q, input: {name: "Paciente Um"}) { ticket { id } } }',
      {
        q: queue.id,
      },
    );

    // The owner invites from the people page.
    const ownerPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await logInThroughPage(ownerPage, t.url, owner.email);
    await ownerPage.getByRole('link', { name: 'People' }).click();
    await ownerPage.getByLabel('Venue', { exact: true }).selectOption({ label: 'Clínica Sul · Owner' });
    await ownerPage.getByLabel('Their email').fill(clerk.email);
    await ownerPage.getByLabel('As', { exact: true }).selectOption({ label: 'Clerk' });
    await ownerPage.getByLabel('Recepção Sul').check();
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
    await ownerPage.getByTestId('people-notice').waitFor();
    await ownerPage.locator('[data-testid="invitation"][data-status="PENDING"]').waitFor();
    expect(await ownerPage.getByTestId('people-notice').textContent()).toContain(clerk.email);
    await ownerPage.screenshot({ path: join(ARTIFACTS, 'people-1280x800.png'), fullPage: true });

    // The clerk, in a browser of their own, on a phone, follows the mailed link.
    const link = await linkFromDevMail(t.url, clerk.email, 'invitations');
    const clerkPage = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logInThroughPage(clerkPage, t.url, clerk.email);
    await clerkPage.goto(link);
    await clerkPage.getByRole('button', { name: 'Accept the invitation' }).click();
    expect((await clerkPage.getByTestId('accepted').textContent())?.trim()).toBe(
      'You now work at Clínica Sul as clerk.',
    );
    await clerkPage.getByRole('link', { name: 'Go to the queues' }).click();
    await clerkPage.getByRole('link', { name: 'Recepção Sul' }).click();
    expect(await clerkPage.getByRole('link', { name: 'Exames Sul' }).count()).toBe(0);
    await clerkPage.getByRole('button', { name: 'Call next (N)' }).click();
    await clerkPage
      .locator('[data-testid="ticket-row"] [data-testid="called-to"], [data-testid="ticket-row"]')
      .first()
      .waitFor();
    await clerkPage.waitForFunction(() => document.body.textContent?.includes('Now serving 1'));
    // Settings are not theirs: not offered on their screen, and refused if asked for anyway.
    expect(await clerkPage.getByText('Edit this queue').count()).toBe(0);
    expect(await clerkPage.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    const refused = await postGraphql(
      t.url,
      {
        query: 'mutation U($id: ID!) { updateQueue(id: $id, input: {name: "Tomada"}) { name } }',
        variables: { id: queue.id },
      },
      clerk.authorization,
    );
    expect(refused.body.errors[0].errorType).toBe('FORBIDDEN');
    expect(await clerkPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await clerkPage.screenshot({ path: join(ARTIFACTS, 'clerk-queue-390x844.png'), fullPage: true });

    // The owner sees who did what.
    await ownerPage.getByRole('link', { name: 'Audit log' }).click();
    await ownerPage.getByTestId('audit-row').first().waitFor();
    const rows = await ownerPage
      .locator('[data-testid="audit-row"]')
      .evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.getAttribute('data-operation')));
    expect(rows).toEqual(['CALL_NEXT', 'ACCEPT_INVITATION', 'INVITE']);
    await ownerPage.context().close();

    // The same page on the owner's phone, in Portuguese: the clerk listed, nothing wider than the screen.
    const phonePage = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' })
    ).newPage();
    await logInThroughPage(phonePage, t.url, owner.email, {
      email: 'E-mail',
      password: 'Senha',
      submit: 'Entrar',
    });
    await phonePage.goto(`${t.url}/backoffice/people`);
    await phonePage.locator('[data-testid="member-row"][data-role="CLERK"]').waitFor();
    expect(await phonePage.getByRole('heading', { name: 'Quem trabalha aqui' }).count()).toBe(1);
    expect(await phonePage.getByRole('button', { name: 'Enviar convite' }).count()).toBe(1);
    expect(await phonePage.locator('[data-testid="invitation"]').textContent()).toContain('aceito');
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: join(ARTIFACTS, 'people-390x844-pt.png'), fullPage: true });
    await phonePage.context().close();
    await clerkPage.context().close();
  });

  it('given a person who waited at the venue, then the owner finds them by phone on the People page, downloads what is kept, and erases it — the waiting ticket leaves the queue first', async () => {
    const { t, browser } = setup;
    const owner = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, owner.authorization)).body.data;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { name: 'Farmácia' },
      })
    ).createQueue;
    for (const [name, phone] of [
      ['Rita Apagar', '+5511987651111'],
      ['Sara Fica', '+5511987652222'],
    ])
      await gql(
        'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { ticket { id } } }',
        {
          q: queue.id,
          i: { name, phone },
        },
      );
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    ).newPage();
    await logInThroughPage(page, t.url, owner.email);
    await page.goto(`${t.url}/backoffice/people`);
    const form = page.getByTestId('personal-data');
    await form.getByLabel('Phone to look for').fill('11 98765-1111');
    await form.getByRole('button', { name: 'Find' }).click();
    expect((await page.getByTestId('found').textContent())?.trim()).toBe('1 ticket found.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('link', { name: 'Download (JSON)' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.tickets).toEqual([
      expect.objectContaining({ name: 'Rita Apagar', phone: '+5511987651111', status: 'WAITING' }),
    ]);
    await form.getByRole('button', { name: 'Erase…' }).click();
    await form.getByRole('button', { name: 'Yes, erase' }).click();
    expect((await page.getByTestId('erased').textContent())?.trim()).toBe(
      'Erased from 1 ticket; 1 removed from a queue first.',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'personal-data-1280x800.png'), fullPage: true });
    const left = (
      await gql('query L($q: ID!) { queueTickets(queueId: $q) { items { name status position } } }', {
        q: queue.id,
      })
    ).queueTickets.items;
    expect(left).toEqual(
      expect.arrayContaining([
        { name: '—', status: 'REMOVED', position: null },
        { name: 'Sara Fica', status: 'WAITING', position: 1 },
      ]),
    );
    await page.context().close();
  });
});
