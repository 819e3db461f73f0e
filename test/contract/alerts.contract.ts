import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, owner, PUBLIC, type Api } from '../support/appsync';
import { secondInstance, type TestStack } from '../support/stack';
import { signedInOwner } from './backend.contract';

/** "Almost your turn" alerts through the router on a whole stack: who gets one, and that nobody gets two. */
export function alertsContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`almost-your-turn alerts: ${name}`, () => {
    let stack: TestStack;
    let api: Api;
    let accountId: string;
    beforeAll(async () => {
      stack = await open();
      const signed = await signedInOwner(stack);
      api = signed.api;
      accountId = signed.account.id;
    });
    afterAll(() => stack?.cleanup());

    const almostTo = (phone: string) => stack.sms.filter((j) => j.to === phone && j.id.startsWith('almost:'));

    it('given alertAhead 3 and twenty people, when two instances call six, remove four and two leave at once, then exactly the six who came within 3 get one alert each', async () => {
      const queue = await api('createQueue', {
        input: { name: 'Posto de Saúde', alertAhead: 3, selfJoin: true },
      });
      const people: { id: string; token: string; phone: string; number: number }[] = [];
      const base = Math.floor(Math.random() * 5e7);
      for (let i = 1; i <= 20; i += 1) {
        const phone = `+55219${String(base + i).padStart(8, '0')}`;
        const issued = await api('addTicket', {
          queueId: queue.id,
          input: { name: `P${i}`, phone, ...(i === 4 ? { email: `p4-${base}@example.com` } : {}) },
        });
        people.push({ id: issued.ticket.id, token: issued.accessToken, phone, number: issued.ticket.number });
      }
      const other = secondInstance(stack);
      try {
        const apiB = apiAs(other.deps, owner(accountId));
        const publicB = apiAs(other.deps, PUBLIC);
        const at = (n: number) => people[n - 1]!;
        await Promise.all([
          ...[0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? api : apiB)('callNext', { queueId: queue.id })),
          ...[12, 13, 14, 15].map((n, i) => (i % 2 ? apiB : api)('removeTicket', { id: at(n).id })),
          ...[16, 17].map((n) => publicB('leaveQueue', { token: at(n).token })),
        ]);
        // A recall, and the same person's page read again, send nothing more.
        await apiB('recallTicket', { id: at(6).id });
        await publicB('ticket', { token: at(8).token });
        const alerted = people.filter((p) => almostTo(p.phone).length > 0).map((p) => p.number);
        expect(alerted).toEqual([4, 5, 6, 7, 8, 9]);
        for (const p of people) expect(almostTo(p.phone).length).toBeLessThanOrEqual(1);
        expect(
          stack.mail.filter((m) => m.template === 'TICKET_ALMOST' && m.to === `p4-${base}@example.com`),
        ).toHaveLength(1);
        // The page of someone within the distance says so (alertAhead is on the view).
        expect(await publicB('ticket', { token: at(9).token })).toMatchObject({ position: 3, alertAhead: 3 });
        // The records staff read match what was sent.
        const records = await api('ticketMessages', {
          queueId: queue.id,
          ticketIds: people.map((p) => p.id),
        });
        expect(
          records
            .filter((r: { kind: string }) => r.kind === 'ALMOST')
            .map((r: { ticketId: string }) => people.find((p) => p.id === r.ticketId)!.number)
            .sort((a: number, b: number) => a - b),
        ).toEqual([4, 4, 5, 6, 7, 8, 9]);
      } finally {
        await other.close();
      }
    });

    it('given the setting off, or changed, then only crossings while it is on alert, and bad values are refused', async () => {
      const queue = await api('createQueue', { input: { name: 'Sem alerta' } });
      expect(queue.alertAhead).toBeNull();
      const phones: string[] = [];
      const base = Math.floor(Math.random() * 5e7);
      for (let i = 1; i <= 5; i += 1) {
        phones.push(`+55319${String(base + i).padStart(8, '0')}`);
        await api('addTicket', { queueId: queue.id, input: { name: `P${i}`, phone: phones[i - 1] } });
      }
      await api('callNext', { queueId: queue.id });
      expect(phones.flatMap(almostTo)).toEqual([]);
      for (const bad of [0, 51, -1, 2.5, '2', true, [2], { n: 2 }])
        await expect(api('updateQueue', { id: queue.id, input: { alertAhead: bad } })).rejects.toMatchObject({
          errorType: 'VALIDATION',
        });
      expect((await api('updateQueue', { id: queue.id, input: { alertAhead: 1 } })).alertAhead).toBe(1);
      await api('callNext', { queueId: queue.id });
      // P3 moved from 2 to 1: the only crossing since it was turned on.
      expect(phones.map((p) => almostTo(p).length)).toEqual([0, 0, 1, 0, 0]);
      expect((await api('updateQueue', { id: queue.id, input: { alertAhead: null } })).alertAhead).toBeNull();
      await api('callNext', { queueId: queue.id });
      expect(phones.map((p) => almostTo(p).length)).toEqual([0, 0, 1, 0, 0]);
    });
  });
}
