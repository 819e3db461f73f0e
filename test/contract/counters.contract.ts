import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, owner, PUBLIC, type Api } from '../support/appsync';
import { secondInstance, type TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

/** Counters calling one queue in parallel, through the router on a whole stack, from two instances. */
export function countersContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`counters: ${name}`, () => {
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

    it('given two counters calling 100 waiting people at once from two instances, then each person is called exactly once, both counters call, and each serves only its own', async () => {
      const queue = await api('createQueue', {
        input: { name: 'Detran — Atendimento', counters: [{ name: 'Guichê 1' }, { name: 'Guichê 2' }] },
      });
      expect(queue.counters.map((c: { name: string }) => c.name)).toEqual(['Guichê 1', 'Guichê 2']);
      const [one, two] = queue.counters as { id: string; name: string }[];
      for (let i = 0; i < 100; i += 1)
        await api('addTicket', { queueId: queue.id, input: { name: `P${i + 1}` } });
      const other = secondInstance(stack);
      try {
        const apiB = apiAs(other.deps, owner(accountId));
        const calls = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            (i % 2 ? api : apiB)('callNext', { queueId: queue.id, counter: (i % 4 < 2 ? one : two)!.id }),
          ),
        );
        const numbers = calls.filter(Boolean).map((t: { number: number }) => t.number);
        expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        const byCounter = (counter: string) =>
          calls.filter((c: { counter?: string } | null) => c?.counter === counter).length;
        expect(byCounter('Guichê 1')).toBeGreaterThan(0);
        expect(byCounter('Guichê 2')).toBeGreaterThan(0);
        expect(byCounter('Guichê 1') + byCounter('Guichê 2')).toBe(100);
        // Each counter's next call served only the person it had called: one still called per counter.
        const called = await api('queueTickets', { queueId: queue.id, statuses: ['CALLED'] });
        expect(called.items.map((t: { counter: string }) => t.counter).sort()).toEqual([
          'Guichê 1',
          'Guichê 2',
        ]);
        const events = stack.events.filter((e) => e.queueId === queue.id && e.kind === 'CALLED');
        expect(events).toHaveLength(100);
        expect(new Set(events.map((e) => e.counter))).toEqual(new Set(['Guichê 1', 'Guichê 2']));
        expect(new Set(events.map((e) => e.version)).size).toBe(100);
        // Nobody left: each counter's call answers null, and serves the one it had called.
        const last = await Promise.all(
          [one, two, one, two].map((c) => api('callNext', { queueId: queue.id, counter: c!.id })),
        );
        expect(last).toEqual([null, null, null, null]);
        const served = await api('queueTickets', { queueId: queue.id, statuses: ['SERVED'] });
        expect(served.items).toHaveLength(100);
      } finally {
        await other.close();
      }
    });

    it('given a person called to a counter, then their page says where to go, the display and stats show the counter, and their text says so in their language', async () => {
      const queue = await api('createQueue', { input: { name: 'Cartório', counters: [{ name: 'Mesa 4' }] } });
      const counter = queue.counters[0].id as string;
      const ana = await api('addTicket', {
        queueId: queue.id,
        input: { name: 'Ana', phone: '+5511987650001', language: 'PT_BR' },
      });
      const bia = await api('addTicket', {
        queueId: queue.id,
        input: { name: 'Bia', phone: '+5511987650002' },
      });
      await api('callNext', { queueId: queue.id, counter });
      const anonymous = apiAs(stack.deps, PUBLIC);
      expect(await anonymous('ticket', { token: ana.accessToken })).toMatchObject({
        status: 'CALLED',
        counter: 'Mesa 4',
      });
      expect(await anonymous('ticket', { token: bia.accessToken })).toMatchObject({
        status: 'WAITING',
        counter: null,
      });
      expect(await anonymous('queueDisplay', { queueId: queue.id })).toMatchObject({
        counters: ['Mesa 4'],
        recentCalls: [{ number: 1, counter: 'Mesa 4' }],
      });
      expect(stack.sms.filter((j) => j.to === '+5511987650001').map((j) => j.body)).toEqual([
        'Senha 1: é a sua vez em Cartório. Vá até Mesa 4.',
      ]);
      // Without a counter, a queue with counters still calls (every existing client), to no counter.
      await api('callNext', { queueId: queue.id });
      expect(await anonymous('ticket', { token: bia.accessToken })).toMatchObject({
        status: 'CALLED',
        counter: null,
      });
      expect(stack.sms.filter((j) => j.to === '+5511987650002').map((j) => j.body)).toEqual([
        "Number 2: it's your turn at Cartório.",
      ]);
      await api('completeTicket', { id: ana.ticket.id });
      const stats = await api('queueStats', { queueId: queue.id });
      expect(stats.byCounter).toEqual([
        {
          counter: 'Mesa 4',
          calledCount: 1,
          servedCount: 1,
          noShowCount: 0,
          averageServiceSeconds: expect.any(Number),
        },
      ]);
      // A renamed counter keeps its id; calls to it carry the new name.
      const renamed = await api('updateQueue', {
        id: queue.id,
        input: { counters: [{ id: counter, name: 'Mesa 5' }] },
      });
      expect(renamed.counters).toEqual([{ id: counter, name: 'Mesa 5' }]);
    });

    it('given counters that are wrong, then each is refused and nothing changes', async () => {
      const queue = await api('createQueue', { input: { name: 'Posto', counters: [{ name: 'A' }] } });
      for (const counters of [
        [{ name: '' }],
        [{ name: 'A' }, { name: 'a' }],
        [{ id: '00000000-0000-4000-8000-000000000000', name: 'B' }],
        Array.from({ length: 21 }, (_, i) => ({ name: `G${i}` })),
        [{ name: 'x'.repeat(41) }],
        [{ name: '<b>' }],
        'A',
      ])
        await expectError(api('updateQueue', { id: queue.id, input: { counters } }), 'VALIDATION');
      await expectError(
        api('callNext', { queueId: queue.id, counter: '00000000-0000-4000-8000-000000000000' }),
        'VALIDATION',
      );
      await expectError(api('callNext', { queueId: queue.id, counter: "1' OR '1'='1" }), 'VALIDATION');
      expect((await api('queue', { id: queue.id })).counters.map((c: { name: string }) => c.name)).toEqual([
        'A',
      ]);
    });
  });
}
