import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, PUBLIC, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

const DAY = 24 * 60 * 60 * 1000;

/** Self-join guards an owner chooses per queue, through the router on a whole stack. */
export function joinGuardsContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`self-join guards: ${name}`, () => {
    let stack: TestStack;
    let api: Api;
    let anonymous: Api;
    beforeAll(async () => {
      stack = await open();
      api = (await signedInOwner(stack)).api;
      anonymous = apiAs(stack.deps, PUBLIC);
    });
    afterAll(() => stack?.cleanup());

    const join = (queueId: string, input: Record<string, unknown>, presenceCode?: unknown, as = anonymous) =>
      as('joinQueue', {
        queueId,
        input: { name: 'Ana', ...input },
        ...(presenceCode ? { presenceCode } : {}),
      });

    it('given a daily presence code, then a self-join needs today’s (or, as it changes, yesterday’s) code; the screen shows it only with its key', async () => {
      const queue = await api('createQueue', { input: { name: 'Feira', selfJoin: true, presence: 'DAILY' } });
      expect(queue.presence).toBe('DAILY');
      const { code } = queue.presenceCode as { code: string };
      expect(code).toMatch(/^[0-9]{6}$/);
      for (const given of [
        123456,
        ['x'],
        { code: 1 },
        '9'.repeat(100_000),
        undefined,
        '',
        '000000'.replace(/0/g, code[0] === '0' ? '1' : '0'),
        `${code}0`,
        ' 12 ',
        "' OR 1=1",
      ]) {
        const error = await expectError(join(queue.id, {}, given), 'CONFLICT');
        expect(error.info).toMatchObject({ reason: 'PRESENCE_CODE' });
      }
      expect((await join(queue.id, {}, code)).ticket.number).toBe(1);
      expect((await join(queue.id, {}, `${code.slice(0, 3)} ${code.slice(3)}`)).ticket.number).toBe(2);
      // Tomorrow today's code is still taken (someone read it as it changed); the day after, not any more.
      const tomorrow = apiAs({ ...stack.deps, now: () => Date.now() + DAY }, PUBLIC);
      expect((await join(queue.id, {}, code, tomorrow)).ticket.number).toBe(3);
      const later = apiAs({ ...stack.deps, now: () => Date.now() + 2 * DAY }, PUBLIC);
      await expectError(join(queue.id, {}, code, later), 'CONFLICT');
      // Staff add people without a code.
      expect((await api('addTicket', { queueId: queue.id, input: { name: 'Bia' } })).ticket.number).toBe(4);
      // The screen: the code only with its key (from the owner's displayUrl).
      const key = new URL(queue.displayUrl).searchParams.get('key');
      expect(await anonymous('queueDisplay', { queueId: queue.id })).toMatchObject({ presenceCode: null });
      expect(await anonymous('queueDisplay', { queueId: queue.id, key: 'x'.repeat(24) })).toMatchObject({
        presenceCode: null,
      });
      expect((await anonymous('queueDisplay', { queueId: queue.id, key })).presenceCode.code).toBe(code);
      // Turned off, anyone joins again without a code.
      await api('updateQueue', { id: queue.id, input: { presence: 'OFF' } });
      expect((await join(queue.id, {})).ticket.number).toBe(5);
      await expectError(api('updateQueue', { id: queue.id, input: { presence: 'WEEKLY' } }), 'VALIDATION');
    });

    it('given party sizes, then the capacity counts people, calls and leaves give their places back, and staff see each party', async () => {
      const queue = await api('createQueue', { input: { name: 'Restaurante', selfJoin: true, capacity: 5 } });
      const family = await api('addTicket', {
        queueId: queue.id,
        input: { name: 'Família Souza', partySize: 3 },
      });
      expect(family.ticket.partySize).toBe(3);
      const refused = await expectError(join(queue.id, { partySize: 3 }), 'CONFLICT');
      expect(refused.info).toMatchObject({ reason: 'FULL' });
      const couple = await join(queue.id, { name: 'Casal', partySize: 2 });
      await expectError(join(queue.id, {}), 'CONFLICT');
      expect(await api('queue', { id: queue.id })).toMatchObject({ waitingCount: 2, waitingPeople: 5 });
      await api('callNext', { queueId: queue.id });
      expect(await api('queue', { id: queue.id })).toMatchObject({ waitingCount: 1, waitingPeople: 2 });
      expect((await join(queue.id, { partySize: 3 })).ticket.number).toBe(3);
      await anonymous('leaveQueue', { token: couple.accessToken });
      expect(await api('queue', { id: queue.id })).toMatchObject({ waitingCount: 1, waitingPeople: 3 });
      const listed = await api('queueTickets', { queueId: queue.id });
      expect(listed.items.map((t: { number: number; partySize: number }) => [t.number, t.partySize])).toEqual(
        [
          [1, 3],
          [2, 2],
          [3, 3],
        ],
      );
      for (const partySize of [0, 21, 2.5, '2', -1])
        await expectError(join(queue.id, { partySize }), 'VALIDATION');
    });

    it('given one ticket per contact, then a phone or email with a live ticket cannot self-join again — not even ten times at once — until that ticket ends', async () => {
      const queue = await api('createQueue', {
        input: { name: 'Posto', selfJoin: true, onePerContact: true },
      });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => join(queue.id, { phone: '+55 11 91234-0000' })),
      );
      const taken = results.filter((r) => r.status === 'fulfilled');
      expect(taken).toHaveLength(1);
      for (const r of results.filter((x) => x.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toMatchObject({
          errorType: 'CONFLICT',
          info: { reason: 'DUPLICATE' },
        });
      const first = (taken[0] as PromiseFulfilledResult<{ accessToken: string }>).value;
      // Written another way, the same number is the same contact (stored as E.164).
      await expectError(join(queue.id, { phone: '(11) 91234-0000' }), 'CONFLICT');
      expect((await join(queue.id, { email: 'bia@example.com' })).ticket.number).toBe(2);
      await expectError(join(queue.id, { email: 'BIA@example.com' }), 'CONFLICT');
      expect(
        (await api('addTicket', { queueId: queue.id, input: { name: 'Ana', phone: '+5511912340000' } }))
          .ticket.number,
      ).toBe(3);
      await anonymous('leaveQueue', { token: first.accessToken });
      // The staff-added ticket of that phone is live: still refused; once it ends too, the phone may join.
      await expectError(join(queue.id, { phone: '+5511912340000' }), 'CONFLICT');
      const called = await api('queueTickets', { queueId: queue.id, statuses: ['WAITING'] });
      await api('removeTicket', { id: called.items.find((t: { number: number }) => t.number === 3).id });
      expect((await join(queue.id, { phone: '+5511912340000' })).ticket.number).toBe(4);
    });
  });
}
