import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, phone, serverAndBrowser } from '../support/browser';
import { ownerOverHttp, postGraphql } from '../support/http';

const browserAvailability = inject('browser');
const enabled = !!browserAvailability.chromium && browserAvailability.react;

/** The privacy notice people read before and after joining: filled from the venue's settings, in both languages. */
describe.skipIf(!enabled)('the privacy notice in Chromium', () => {
  const setup = serverAndBrowser(browserAvailability.chromium);

  it('given a venue keeping data 7 days, then the join page and the ticket page say who keeps it and for how long, in Portuguese and in English', async () => {
    const { t, browser } = setup;
    const { authorization } = await ownerOverHttp(t.url);
    const gql = async (query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphql(t.url, { query, variables }, authorization)).body.data;
    const venue = (
      await gql('mutation V($i: VenueInput!) { createVenue(input: $i) { id } }', {
        i: { name: 'Clínica Boa Vista', retentionDays: 7 },
      })
    ).createVenue;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { venueId: venue.id, name: 'Recepção', selfJoin: true },
      })
    ).createQueue;

    const pt = await phone(browser, 'pt-BR');
    await pt.page.goto(`${t.url}/j/${queue.id}`);
    const joinNotice = (await pt.page.getByTestId('privacy').textContent()) ?? '';
    expect(joinNotice).toContain('A equipe de Clínica Boa Vista pode vê-los');
    expect(joinNotice).toContain('apagados 7 dias depois que a sua vez termina');
    await pt.page.getByLabel(/^Seu nome/).fill('Beatriz');
    await pt.page.getByRole('button', { name: 'Entrar na fila' }).click();
    await pt.page.waitForURL(/\/t\/[\w-]{43}$/);
    await pt.page.getByTestId('privacy').waitFor();
    expect(await pt.page.getByTestId('privacy').textContent()).toContain('Clínica Boa Vista');
    await pt.page.screenshot({ path: join(ARTIFACTS, 'privacy-ticket-390x844-pt.png'), fullPage: true });

    const en = await phone(browser, 'en-US');
    await en.page.goto(`${t.url}/j/${queue.id}`);
    const english = (await en.page.getByTestId('privacy').textContent()) ?? '';
    expect(english).toContain('The staff of Clínica Boa Vista can see them');
    expect(english).toContain('deleted 7 days after your turn ends');
    expect(await en.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect([...pt.errors, ...en.errors]).toEqual([]);
    await Promise.all([pt.context.close(), en.context.close()]);
  });
});
