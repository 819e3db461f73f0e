import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeAudit } from '../../resolvers/domain/audit';
import type { Deps } from '../../resolvers/domain/deps';
import { sweepGrace } from '../../resolvers/domain/grace';
import { forRequest } from '../../resolvers/handlers/logger';
import { apiAs, owner, PUBLIC, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The audit log through the router on a whole stack: what each staff action leaves, who sees it, how long. */
export function auditContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`audit log: ${name}`, () => {
    let stack: TestStack;
    let accountId: string;
    let clock = Date.now();
    /** Alice's API on the injected clock (a millisecond a reading, so entries have an order), from `requestId`. */
    const alice = (requestId = 'req-alice'): Api =>
      apiAs(forRequest({ ...stack.deps, now: () => (clock += 1) } as Deps, requestId), owner(accountId));
    beforeAll(async () => {
      stack = await open();
      accountId = (await signedInOwner(stack, 'Alice Dona')).account.id;
    });
    afterAll(() => stack?.cleanup());

    it('given a day of staff work, then each action and settings change leaves one entry — who, what, which ticket number, when, which request — newest first, and nothing about the waiting people', async () => {
      clock = Date.now();
      const api = alice();
      const queue = await api('createQueue', {
        input: { name: 'Balcão Audit', counters: [{ name: 'Guichê 1' }] },
      });
      const ana = await api('addTicket', {
        queueId: queue.id,
        input: { name: 'Ana Secreta', email: 'ana.secreta@example.com', phone: '+5511987650123' },
      });
      await api('addTicket', { queueId: queue.id, input: { name: 'Bia Secreta' } });
      await alice('req-call')('callNext', { queueId: queue.id, counter: queue.counters[0].id });
      await api('markNoShow', { id: ana.ticket.id });
      await api('returnTicket', { id: ana.ticket.id, position: 1 });
      await api('updateQueue', { id: queue.id, input: { name: 'Balcão Auditado', graceMinutes: 5 } });
      await api('setQueueStatus', { id: queue.id, status: 'PAUSED' });
      await api('setQueueStatus', { id: queue.id, status: 'PAUSED' }); // no change: no entry
      await expectError(api('completeTicket', { id: ana.ticket.id }), 'CONFLICT'); // refused: no entry

      const { items } = await api('auditLog', { queueId: queue.id });
      expect(
        items.map((e: { operation: string; ticketNumber: number | null; detail: string | null }) => [
          e.operation,
          e.ticketNumber,
          e.detail,
        ]),
      ).toEqual([
        ['SET_QUEUE_STATUS', null, 'PAUSED'],
        ['UPDATE_QUEUE', null, 'name,graceMinutes'],
        ['RETURN', 1, null],
        ['NO_SHOW', 1, null],
        ['CALL_NEXT', 1, 'Guichê 1'],
        ['ADD_TICKET', 2, null],
        ['ADD_TICKET', 1, null],
        ['CREATE_QUEUE', null, null],
      ]);
      for (const e of items)
        expect(e).toMatchObject({ accountId, accountName: 'Alice Dona', queueId: queue.id });
      expect(items.find((e: { operation: string }) => e.operation === 'CALL_NEXT').requestId).toBe(
        'req-call',
      );
      expect(items.find((e: { operation: string }) => e.operation === 'NO_SHOW').requestId).toBe('req-alice');
      expect(items[0].queueName).toBe('Balcão Auditado');
      const text = JSON.stringify(items);
      for (const secret of ['Ana Secreta', 'Bia Secreta', 'ana.secreta', '987650123'])
        expect(text).not.toContain(secret);

      // Filters and pages: one operation; a time range; two at a time, without gaps or repeats.
      const adds = await api('auditLog', { queueId: queue.id, operation: 'ADD_TICKET' });
      expect(adds.items.map((e: { ticketNumber: number }) => e.ticketNumber)).toEqual([2, 1]);
      const none = await api('auditLog', { to: new Date(clock - DAY).toISOString() });
      expect(none.items).toEqual([]);
      const pages: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await api('auditLog', {
          queueId: queue.id,
          limit: 3,
          ...(nextToken ? { nextToken } : {}),
        });
        pages.push(...page.items.map((e: { id: string }) => e.id));
        nextToken = page.nextToken ?? undefined;
      } while (nextToken);
      expect(pages).toEqual(items.map((e: { id: string }) => e.id));

      // The entries outlive the queue, with its name then.
      await api('deleteQueue', { id: queue.id });
      const after = await api('auditLog', { queueId: queue.id, limit: 2 });
      expect(after.items[0]).toMatchObject({ operation: 'DELETE_QUEUE', queueName: 'Balcão Auditado' });
    });

    it('given another owner, the public or a ticket holder, then none of Alice’s entries shows, and bad filters are refused', async () => {
      const api = alice();
      const queue = await api('createQueue', { input: { name: 'Só da Alice' } });
      const mallory = await signedInOwner(stack, 'Mallory');
      expect((await mallory.api('auditLog', {})).items).toEqual([]);
      expect((await mallory.api('auditLog', { queueId: queue.id })).items).toEqual([]);
      await expectError(apiAs(stack.deps, PUBLIC)('auditLog', {}), 'UNAUTHENTICATED');
      await expectError(
        apiAs(stack.deps, { kind: 'ticket', ticketId: queue.id, queueId: queue.id })('auditLog', {}),
        'FORBIDDEN',
      );
      for (const args of [
        { operation: 'DROP TABLE' },
        { from: 'yesterday' },
        { queueId: "' OR 1=1 --" },
        { limit: 0 },
        { nextToken: 'eyJhIjoiJyBPUiAxPTEifQ' },
      ])
        await expectError(api('auditLog', args), 'VALIDATION');
    });

    it('given the grace running out, then the system’s no-show and its call of the next are entries of their own', async () => {
      clock = Date.now();
      const api = alice();
      const queue = await api('createQueue', {
        input: { name: 'Prazo', graceMinutes: 1, graceCallsNext: true },
      });
      await api('addTicket', { queueId: queue.id, input: { name: 'Caio' } });
      await api('addTicket', { queueId: queue.id, input: { name: 'Duda' } });
      await api('callNext', { queueId: queue.id });
      clock += 2 * MINUTE;
      expect(await sweepGrace({ ...stack.deps, now: () => (clock += 1) })).toBe(1);
      const { items } = await api('auditLog', { queueId: queue.id, limit: 2 });
      expect(
        items.map((e: { operation: string; accountId: string; accountName: string | null }) => [
          e.operation,
          e.accountId,
          e.accountName,
        ]),
      ).toEqual([
        ['CALL_NEXT', 'system', null],
        ['GRACE_NO_SHOW', 'system', null],
      ]);
    });

    it('given entries older than the retention, then the purge removes exactly those, in batches', async () => {
      clock = Date.now();
      const api = alice();
      const queue = await api('createQueue', { input: { name: 'Antiga' } });
      for (let i = 0; i < 5; i += 1) await api('addTicket', { queueId: queue.id, input: { name: `P${i}` } });
      clock += 10 * DAY;
      await api('setQueueStatus', { id: queue.id, status: 'CLOSED' });
      const later = { ...stack.deps, now: () => clock + 1, auditRetentionDays: 7 } as Deps;
      expect(await purgeAudit(later, 2)).toBeGreaterThanOrEqual(6);
      const left = await api('auditLog', { queueId: queue.id });
      expect(left.items.map((e: { operation: string }) => e.operation)).toEqual(['SET_QUEUE_STATUS']);
      expect(await purgeAudit(later, 2)).toBe(0);
    });
  });
}
