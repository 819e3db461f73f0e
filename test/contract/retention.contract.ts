import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../resolvers/domain/deps';
import { ANONYMIZED_NAME, anonymizeFinished, purgeEndedInvitations } from '../../resolvers/domain/retention';
import { apiAs, owner, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { signedInOwner } from './backend.contract';

const HOUR = 60 * 60 * 1000;

/** Retention on an injected clock, through the router on a whole stack: who loses what, when, and what stays. */
export function retentionContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`retention: ${name}`, () => {
    let stack: TestStack;
    let clock = Date.now();
    let api: Api;
    const at = (): Deps => ({ ...stack.deps, now: () => clock });
    beforeAll(async () => {
      stack = await open();
      const signed = await signedInOwner(stack, 'Dona Retenção');
      clock = Date.now();
      api = apiAs({ ...stack.deps, now: () => (clock += 1) } as Deps, owner(signed.account.id));
    });
    afterAll(() => stack?.cleanup());

    it('given a venue keeping data 1 day, then 25 hours later its finished tickets have lost name, email and phone, waiting and called ones have not, another venue (30 days) is untouched, stats are the same, and a second run changes nothing', async () => {
      const short = (await api('createVenue', { input: { name: 'Curta', retentionDays: 1 } })).id;
      const long = (await api('createVenue', { input: { name: 'Longa' } })).id;
      expect((await api('myVenues', {})).map((v: { retentionDays: number }) => v.retentionDays)).toEqual([
        1, 30,
      ]);
      const queue = (await api('createQueue', { input: { venueId: short, name: 'Fila Curta' } })).id;
      const kept = (await api('createQueue', { input: { venueId: long, name: 'Fila Longa' } })).id;
      const add = async (q: string, i: number) =>
        (
          await api('addTicket', {
            queueId: q,
            input: { name: `Pessoa ${i}`, email: `pessoa${i}@example.com`, phone: `+55119876500${10 + i}` },
          })
        ).ticket.id as string;
      const ids = [];
      for (let i = 0; i < 7; i += 1) ids.push(await add(queue, i));
      const elsewhere = await add(kept, 9);
      await api('callNext', { queueId: kept });
      await api('callNext', { queueId: queue }); // number 1 called
      await api('callNext', { queueId: queue }); // 1 served, 2 called
      await api('markNoShow', { id: ids[1] }); // 2 no-show
      await api('removeTicket', { id: ids[2] }); // 3 removed while waiting
      await api('callNext', { queueId: queue }); // 4 called
      await api('callNext', { queueId: queue }); // 4 served, 5 called (stays called)
      await api('removeTicket', { id: ids[5] }); // 6 removed while waiting; 7 waits
      await api('completeTicket', { id: elsewhere });
      const window = {
        queueId: queue,
        from: new Date(clock - HOUR).toISOString(),
        to: new Date(clock + 48 * HOUR).toISOString(),
      };
      const statsBefore = await api('queueStats', window);
      const listBefore = (await api('queueTickets', { queueId: queue })).items;

      // Invitations expire 7 days after they are sent: one is sent 7.5 days before the rest (expired 12 hours
      // ago, 37 hours ago after the wait below), one to each venue now.
      const sentAt = clock;
      clock -= 7.5 * 24 * HOUR;
      await api('inviteToVenue', { venueId: short, input: { email: 'antiga@example.com', role: 'MANAGER' } });
      clock = sentAt;
      await api('inviteToVenue', { venueId: short, input: { email: 'agora@example.com', role: 'MANAGER' } });
      await api('inviteToVenue', { venueId: long, input: { email: 'longa@example.com', role: 'MANAGER' } });
      expect(await purgeEndedInvitations(at())).toBe(0); // ended 12 hours ago: inside the 1-day retention
      clock += 25 * HOUR;
      // Numbers 1, 2, 3, 4 and 6 are finished; in batches of 2, as a run cut short and resumed would.
      expect(await anonymizeFinished(at(), { batch: 2 })).toBe(5);
      const list = (await api('queueTickets', { queueId: queue })).items as {
        number: number;
        name: string;
        email: string | null;
        phone: string | null;
        status: string;
      }[];
      for (const t of list.filter((t) => ['SERVED', 'NO_SHOW', 'REMOVED', 'LEFT'].includes(t.status)))
        expect(t, `ticket ${t.number}`).toMatchObject({ name: ANONYMIZED_NAME, email: null, phone: null });
      for (const t of list.filter((t) => ['WAITING', 'CALLED'].includes(t.status)))
        expect(t.name, `ticket ${t.number}`).toMatch(/^Pessoa \d$/);
      // Numbers, statuses and times stay: the list and the stats read the same, names aside.
      const strip = (items: { name: string; email: string | null; phone: string | null }[]) =>
        items.map(({ name: _n, email: _e, phone: _p, ...rest }) => rest);
      expect(strip(list)).toEqual(strip(listBefore));
      expect(await api('queueStats', window)).toEqual(statsBefore);
      // The other venue keeps 30 days: its served ticket still has its name.
      const other = (await api('queueTickets', { queueId: kept })).items[0];
      expect(other).toMatchObject({ status: 'SERVED', name: 'Pessoa 9', email: 'pessoa9@example.com' });
      expect(await anonymizeFinished(at())).toBe(0);
      // Invitations: one that ended (expired) over a day ago goes with its address; a live one, and one of the
      // 30-day venue, stay.
      expect(await purgeEndedInvitations(at())).toBe(1);
      expect(
        (await api('venueInvitations', { venueId: short })).map((i: { email: string }) => i.email),
      ).toEqual(['agora@example.com']);
      expect(
        (await api('venueInvitations', { venueId: long })).map((i: { email: string }) => i.email),
      ).toEqual(['longa@example.com']);
      expect(await purgeEndedInvitations(at())).toBe(0);
      // Nothing of them is left in SQL: no row holds those emails or phones any more.
      const rows = await stack.sql.sql.db
        .selectFrom('tickets')
        .select(['email', 'phone'])
        .where('queue_id', '=', queue)
        .execute();
      const held = rows.flatMap((r) => [r.email, r.phone]).filter(Boolean);
      expect(held.sort()).toEqual([
        '+5511987650014',
        '+5511987650016',
        'pessoa4@example.com',
        'pessoa6@example.com',
      ]);
    });
  });
}
