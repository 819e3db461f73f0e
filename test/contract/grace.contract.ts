import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../resolvers/domain/deps';
import { sweepGrace } from '../../resolvers/domain/grace';
import { apiAs, owner, type Api } from '../support/appsync';
import { secondInstance, type TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

const MINUTE = 60_000;

/** The grace after a call, on an injected clock, through the router on a whole stack, from two instances. */
export function graceContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`grace timers: ${name}`, () => {
    let stack: TestStack;
    let accountId: string;
    let clock = Date.now();
    const at = (deps: Deps): Deps => ({ ...deps, now: () => clock });
    beforeAll(async () => {
      stack = await open();
      accountId = (await signedInOwner(stack)).account.id;
    });
    afterAll(() => stack?.cleanup());
    const api = (): Api => apiAs(at(stack.deps), owner(accountId));
    const missed = (queueId: string) =>
      stack.events.filter((e) => e.queueId === queueId && e.kind === 'NO_SHOW');

    it('given a 2-minute grace, then an unserved call becomes a no-show once — two instances sweeping, one of them after a restart — a served call never, and a recall starts it again', async () => {
      clock = Date.now();
      const queue = await api()('createQueue', { input: { name: 'Consulado', graceMinutes: 2 } });
      const people: { ticket: { id: string; number: number } }[] = [];
      for (const name of ['Ana', 'Bia', 'Caio'])
        people.push(
          await api()('addTicket', {
            queueId: queue.id,
            input: {
              name,
              phone: `+55119${String(clock % 1e8)
                .padStart(8, '0')
                .slice(0, 7)}${people.length}`,
            },
          }),
        );
      await api()('callNext', { queueId: queue.id });
      clock += MINUTE;
      expect(await sweepGrace(at(stack.deps))).toBe(0);
      // Two instances sweep at the same moment after the grace; a third starts afterwards (a restart).
      clock += MINUTE + 1000;
      const other = secondInstance(stack);
      try {
        const swept = await Promise.all([sweepGrace(at(stack.deps)), sweepGrace(at(other.deps))]);
        expect(swept.reduce((a, b) => a + b, 0)).toBe(1);
      } finally {
        await other.close();
      }
      const restarted = secondInstance(stack);
      try {
        expect(await sweepGrace(at(restarted.deps))).toBe(0);
      } finally {
        await restarted.close();
      }
      expect(missed(queue.id).map((e) => e.ticketNumber)).toEqual([1]);
      expect(stack.sms.filter((j) => j.id.startsWith(`missed:${people[0]!.ticket.id}`))).toHaveLength(1);
      const ana = await api()('queueTickets', { queueId: queue.id, statuses: ['NO_SHOW'] });
      expect(ana.items.map((t: { number: number }) => t.number)).toEqual([1]);

      // Served before the grace ran out: never a no-show.
      await api()('callNext', { queueId: queue.id });
      clock += MINUTE;
      await api()('completeTicket', { id: people[1]!.ticket.id });
      clock += 5 * MINUTE;
      expect(await sweepGrace(at(stack.deps))).toBe(0);

      // Recalled a minute in: the grace starts again from the recall.
      await api()('callNext', { queueId: queue.id });
      clock += MINUTE;
      await api()('recallTicket', { id: people[2]!.ticket.id });
      clock += MINUTE + 1000;
      expect(await sweepGrace(at(stack.deps))).toBe(0);
      clock += MINUTE;
      expect(await sweepGrace(at(stack.deps))).toBe(1);
      expect(missed(queue.id).map((e) => e.ticketNumber)).toEqual([1, 3]);
    });

    it('given a grace that calls the next person, then the counter that had called the no-show calls the next one to it', async () => {
      clock = Date.now();
      const queue = await api()('createQueue', {
        input: {
          name: 'Detran',
          graceMinutes: 1,
          graceCallsNext: true,
          counters: [{ name: 'Guichê 7' }, { name: 'Guichê 8' }],
        },
      });
      for (const name of ['Ana', 'Bia']) await api()('addTicket', { queueId: queue.id, input: { name } });
      await api()('callNext', { queueId: queue.id, counter: queue.counters[1].id });
      clock += MINUTE + 1000;
      expect(await sweepGrace(at(stack.deps))).toBe(1);
      const called = await api()('queueTickets', { queueId: queue.id, statuses: ['CALLED'] });
      expect(called.items.map((t: { number: number; counter: string }) => [t.number, t.counter])).toEqual([
        [2, 'Guichê 8'],
      ]);
    });

    it('given grace minutes out of range, then they are refused', async () => {
      const queue = await api()('createQueue', { input: { name: 'Fila' } });
      for (const graceMinutes of [0, 121, 1.5, '2', true])
        await expectError(api()('updateQueue', { id: queue.id, input: { graceMinutes } }), 'VALIDATION');
      expect((await api()('updateQueue', { id: queue.id, input: { graceMinutes: 5 } })).graceMinutes).toBe(5);
    });
  });
}
