import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, owner, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

/** A person's data by email or phone, through the router on a whole stack: the export, and erasure. */
export function erasureContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`personal data: ${name}`, () => {
    let stack: TestStack;
    let api: Api;
    beforeAll(async () => {
      stack = await open();
      api = (await signedInOwner(stack, 'Dona Dados')).api;
    });
    afterAll(() => stack?.cleanup());

    it('given a person with tickets at two venues (one waiting), then the export lists them with their messages, erasure by phone removes the waiting one first and erases all, another owner’s venue keeps its own, and nothing of them is left in SQL', async () => {
      const venues = [];
      for (const n of ['Norte', 'Sul'])
        venues.push((await api('createVenue', { input: { name: `Clínica ${n}` } })).id as string);
      const queues = [];
      for (const v of venues)
        queues.push(
          (await api('createQueue', { input: { venueId: v, name: `Fila ${v.slice(0, 4)}` } })).id as string,
        );
      const phone = '+5511987659999';
      const email = 'joana.apagar@example.com';
      await api('addTicket', { queueId: queues[0], input: { name: 'Joana Apagar', phone, email } });
      await api('callNext', { queueId: queues[0] }); // called: a CALLED message goes out
      await api('addTicket', { queueId: queues[0], input: { name: 'Outra Pessoa' } });
      await api('callNext', { queueId: queues[0] }); // Joana served
      // The same phone typed the local way: stored as E.164, so found by it.
      await api('addTicket', {
        queueId: queues[1],
        input: { name: 'Joana A.', phone: '11 98765-9999' },
      });
      await api('addTicket', { queueId: queues[1], input: { name: 'Depois Dela' } });
      // Another owner's venue with the same phone: not this owner's to see or erase.
      const stranger = await signedInOwner(stack, 'Outra Dona');
      const theirs = (await stranger.api('createQueue', { input: { name: 'Alheia' } })).id;
      await stranger.api('addTicket', { queueId: theirs, input: { name: 'Joana Lá', phone } });

      const exported = JSON.parse(await api('personalData', { person: { phone } }));
      expect(exported.tickets.map((t: { name: string; status: string }) => `${t.name}:${t.status}`)).toEqual([
        'Joana Apagar:SERVED',
        'Joana A.:WAITING',
      ]);
      expect(exported.tickets[0]).toMatchObject({ email, phone });
      expect(
        exported.tickets[0].messages
          .map((m: { kind: string; channel: string }) => `${m.kind}:${m.channel}`)
          .sort(),
      ).toEqual(['CALLED:EMAIL', 'CALLED:SMS']);
      expect(JSON.parse(await api('personalData', { person: { email } })).tickets).toHaveLength(1);

      const before = stack.events.length;
      expect(await api('erasePerson', { person: { phone } })).toEqual({ removed: 1, erased: 2 });
      // The waiting one left its queue as any removal does: one REMOVED event, the one behind moved up.
      expect(stack.events.slice(before).map((e) => e.kind)).toEqual(['REMOVED']);
      expect((await api('queueTickets', { queueId: queues[1], statuses: ['WAITING'] })).items).toEqual([
        expect.objectContaining({ name: 'Depois Dela', position: 1 }),
      ]);
      expect(JSON.parse(await api('personalData', { person: { phone } })).tickets).toEqual([]);
      expect(
        (await api('auditLog', { operation: 'ERASE_PERSON' })).items.map((e: { detail: string }) => e.detail),
      ).toEqual(['2', '2']);
      // Nothing of her is left in SQL in this owner's venues; the other owner's ticket is theirs.
      const rows = await stack.sql.sql.db
        .selectFrom('tickets')
        .select(['queue_id', 'name', 'email', 'phone'])
        .execute();
      const hers = rows.filter((r) => r.phone === phone || r.email === email || r.name.startsWith('Joana'));
      expect(hers).toEqual([expect.objectContaining({ queue_id: theirs, name: 'Joana Lá' })]);
      // Nor in a log line or an event of the whole run: searching, exporting and erasing name nobody.
      const logged = JSON.stringify([stack.log.entries, stack.events]);
      for (const secret of [phone, '987659999', email, 'Joana']) expect(logged).not.toContain(secret);
    });

    it('given a clerk, no person, or a malformed address, then nothing is exported or erased', async () => {
      const venueId = (await api('createVenue', { input: { name: 'Clínica Leste' } })).id;
      const clerk = await signedInOwner(stack, 'Caio');
      await stack.deps.venues.setMember(
        { venueId, accountId: clerk.account.id, role: 'CLERK', queueIds: [] },
        Date.now(),
      );
      const asClerk = apiAs(stack.deps, owner(clerk.account.id));
      expect(
        JSON.parse(await asClerk('personalData', { person: { phone: '+5511987659999' } })).tickets,
      ).toEqual([]);
      expect(await asClerk('erasePerson', { person: { phone: '+5511987659999' } })).toEqual({
        removed: 0,
        erased: 0,
      });
      await expectError(api('erasePerson', { person: {} }), 'VALIDATION');
      await expectError(api('personalData', { person: { phone: 'not a phone' } }), 'VALIDATION');
    });
  });
}
