import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, Queue } from '../../resolvers/generated/graphql';
import { apiAs, PUBLIC, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

/** Ownership, identity kinds and bad input: each refused with a stable errorType, and nothing changes. */
export function guardsContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`guards: ${name}`, () => {
    let stack: TestStack;
    let alice: Api;
    let mallory: Api;
    let anonymous: Api;
    let queue: Queue;
    let tickets: IssuedTicket[];

    /** Everything a refused call must leave as it was. */
    const snapshot = async () => ({
      queue: await alice('queue', { id: queue.id }),
      tickets: await alice('queueTickets', { queueId: queue.id }),
      events: stack.events.length,
      mail: stack.mail.length,
      queues: (await alice('myQueues', {})).items.length,
    });

    beforeAll(async () => {
      stack = await open();
      alice = (await signedInOwner(stack, 'Alice')).api;
      mallory = (await signedInOwner(stack, 'Mallory')).api;
      anonymous = apiAs(stack.deps, PUBLIC);
      queue = await alice('createQueue', { input: { name: "Alice's queue", selfJoin: true } });
      tickets = [];
      for (const n of ['Ana', 'Bia', 'Caio'])
        tickets.push(
          await alice('addTicket', {
            queueId: queue.id,
            input: { name: n, email: `${n.toLowerCase()}@example.com` },
          }),
        );
      await alice('callNext', { queueId: queue.id });
    });
    afterAll(() => stack?.cleanup());

    const ownerOperations = (): [string, Record<string, unknown>][] => [
      ['queueTickets', { queueId: queue.id }],
      ['queueStats', { queueId: queue.id }],
      ['updateQueue', { id: queue.id, input: { name: 'Taken over' } }],
      ['setQueueStatus', { id: queue.id, status: 'CLOSED' }],
      ['deleteQueue', { id: queue.id }],
      ['addTicket', { queueId: queue.id, input: { name: 'Intruder' } }],
      ['callNext', { queueId: queue.id }],
      ['recallTicket', { id: tickets[0]!.ticket.id }],
      ['completeTicket', { id: tickets[0]!.ticket.id }],
      ['markNoShow', { id: tickets[0]!.ticket.id }],
      ['removeTicket', { id: tickets[1]!.ticket.id }],
      ['newTicketLink', { id: tickets[1]!.ticket.id }],
      ['returnTicket', { id: tickets[0]!.ticket.id, position: 1 }],
    ];

    it("given another owner, then every owner operation on Alice's queue answers NOT_FOUND and changes nothing", async () => {
      const before = await snapshot();
      for (const [field, args] of ownerOperations()) await expectError(mallory(field, args), 'NOT_FOUND');
      expect(await mallory('queue', { id: queue.id })).toBeNull();
      expect(await snapshot()).toEqual(before);
    });

    it('given an anonymous caller, then owner operations ask to sign in, and change nothing', async () => {
      const before = await snapshot();
      for (const [field, args] of [
        ...ownerOperations(),
        ['me', {}] as [string, Record<string, unknown>],
        ['myQueues', {}] as [string, Record<string, unknown>],
        ['queue', { id: queue.id }] as [string, Record<string, unknown>],
        ['createQueue', { input: { name: 'x' } }] as [string, Record<string, unknown>],
      ])
        await expectError(anonymous(field, args), 'UNAUTHENTICATED');
      expect(await snapshot()).toEqual(before);
    });

    it('given a ticket holder, then owner operations are forbidden, even on their own queue', async () => {
      const holder = apiAs(stack.deps, {
        kind: 'ticket',
        ticketId: tickets[1]!.ticket.id,
        queueId: queue.id,
      });
      const before = await snapshot();
      for (const [field, args] of ownerOperations()) await expectError(holder(field, args), 'FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it("given a ticket's token, then it shows that ticket only: its own name, and counts, never other people", async () => {
      const view = await anonymous('ticket', { token: tickets[2]!.accessToken });
      expect(Object.keys(view).sort()).toEqual(
        [
          'alertAhead',
          'calledMessage',
          'counter',
          'estimatedWait',
          'name',
          'nowServing',
          'number',
          'position',
          'queueDescription',
          'queueId',
          'queueName',
          'queueStatus',
          'privacy',
          'snoozePlaces',
          'snoozesLeft',
          'status',
          'ticketId',
          'version',
          'waitingCount',
        ].sort(),
      );
      expect(view).toMatchObject({ name: 'Caio', number: 3, position: 2 });
      const text = JSON.stringify(view);
      for (const other of ['Ana', 'Bia', 'ana@example.com', 'caio@example.com'])
        expect(text).not.toContain(other);
      expect(await anonymous('ticket', { token: 'A'.repeat(43) })).toBeNull();
    });

    const badInputs: [string, string, () => Promise<unknown>, string][] = [
      [
        'an empty queue name',
        'createQueue',
        () => alice('createQueue', { input: { name: '' } }),
        'VALIDATION',
      ],
      [
        'a whitespace queue name',
        'createQueue',
        () => alice('createQueue', { input: { name: ' \t  ' } }),
        'VALIDATION',
      ],
      [
        'a 129-character queue name',
        'createQueue',
        () => alice('createQueue', { input: { name: 'é'.repeat(129) } }),
        'VALIDATION',
      ],
      [
        'a script tag as a name',
        'createQueue',
        () => alice('createQueue', { input: { name: '<script>alert(1)</script>' } }),
        'VALIDATION',
      ],
      [
        'SQL as a name',
        'createQueue',
        () => alice('createQueue', { input: { name: "x'); DROP TABLE queues; --" } }),
        'VALIDATION',
      ],
      [
        'HTML in a description',
        'createQueue',
        () => alice('createQueue', { input: { name: 'ok', description: 'hi <img src=x onerror=alert(1)>' } }),
        'VALIDATION',
      ],
      [
        'a 2001-character description',
        'createQueue',
        () => alice('createQueue', { input: { name: 'ok', description: 'a'.repeat(2001) } }),
        'VALIDATION',
      ],
      [
        'a 2001-character called message',
        'updateQueue',
        () => alice('updateQueue', { id: queue.id, input: { calledMessage: 'a'.repeat(2001) } }),
        'VALIDATION',
      ],
      [
        'a zero capacity',
        'createQueue',
        () => alice('createQueue', { input: { name: 'ok', capacity: 0 } }),
        'VALIDATION',
      ],
      [
        'a fractional capacity',
        'updateQueue',
        () => alice('updateQueue', { id: queue.id, input: { capacity: 1.5 } }),
        'VALIDATION',
      ],
      [
        'an empty person name',
        'addTicket',
        () => alice('addTicket', { queueId: queue.id, input: { name: '   ' } }),
        'VALIDATION',
      ],
      [
        'a 129-character person name',
        'addTicket',
        () => alice('addTicket', { queueId: queue.id, input: { name: 'a'.repeat(129) } }),
        'VALIDATION',
      ],
      [
        'a name with a line break',
        'joinQueue',
        () => anonymous('joinQueue', { queueId: queue.id, input: { name: 'Ana\nBia' } }),
        'VALIDATION',
      ],
      [
        'a malformed email',
        'addTicket',
        () => alice('addTicket', { queueId: queue.id, input: { name: 'Ana', email: 'ana@' } }),
        'VALIDATION',
      ],
      [
        'an email with markup',
        'joinQueue',
        () => anonymous('joinQueue', { queueId: queue.id, input: { name: 'Ana', email: '<a>@x.com' } }),
        'VALIDATION',
      ],
      [
        'a phone of letters',
        'joinQueue',
        () => anonymous('joinQueue', { queueId: queue.id, input: { name: 'Ana', phone: 'call me' } }),
        'VALIDATION',
      ],
      [
        'a queue id that is not an id',
        'addTicket',
        () => alice('addTicket', { queueId: "1' OR '1'='1", input: { name: 'Ana' } }),
        'VALIDATION',
      ],
      [
        'an unknown queue id',
        'addTicket',
        () => alice('addTicket', { queueId: randomUUID(), input: { name: 'Ana' } }),
        'NOT_FOUND',
      ],
      [
        'an unknown ticket id',
        'completeTicket',
        () => alice('completeTicket', { id: randomUUID() }),
        'NOT_FOUND',
      ],
      [
        'a ticket id with SQL',
        'removeTicket',
        () => alice('removeTicket', { id: "x' OR 1=1 --" }),
        'VALIDATION',
      ],
      [
        'a ticket id with SQL, for a new link',
        'newTicketLink',
        () => alice('newTicketLink', { id: "x' OR 1=1 --" }),
        'VALIDATION',
      ],
      [
        'an unknown ticket id, for a new link',
        'newTicketLink',
        () => alice('newTicketLink', { id: randomUUID() }),
        'NOT_FOUND',
      ],
      [
        'a malformed ticket token',
        'leaveQueue',
        () => anonymous('leaveQueue', { token: "' OR 1=1" }),
        'VALIDATION',
      ],
      [
        'an unknown ticket token',
        'leaveQueue',
        () => anonymous('leaveQueue', { token: 'B'.repeat(43) }),
        'NOT_FOUND',
      ],
      [
        'a malformed ticket token, to move back',
        'snoozeTicket',
        () => anonymous('snoozeTicket', { token: "' OR 1=1" }),
        'VALIDATION',
      ],
      [
        'an unknown ticket token, to move back',
        'snoozeTicket',
        () => anonymous('snoozeTicket', { token: 'B'.repeat(43) }),
        'NOT_FOUND',
      ],
      [
        'a ticket id with SQL, to put back',
        'returnTicket',
        () => alice('returnTicket', { id: "x' OR 1=1 --" }),
        'VALIDATION',
      ],
      [
        'a zero page size',
        'queueTickets',
        () => alice('queueTickets', { queueId: queue.id, limit: 0 }),
        'VALIDATION',
      ],
      ['a huge page size', 'myQueues', () => alice('myQueues', { limit: 100_000 }), 'VALIDATION'],
      [
        'a forged page token',
        'myQueues',
        () => alice('myQueues', { nextToken: 'eyJjIjoiJyBPUiAxPTEifQ' }),
        'VALIDATION',
      ],
      [
        'an unknown status filter',
        'queueTickets',
        () => alice('queueTickets', { queueId: queue.id, statuses: ['DROP TABLE'] }),
        'VALIDATION',
      ],
      [
        'a malformed date',
        'queueStats',
        () => alice('queueStats', { queueId: queue.id, from: 'yesterday' }),
        'VALIDATION',
      ],
      [
        'a sign-up with a malformed email',
        'signUp',
        () => anonymous('signUp', { input: { name: 'Eve', email: 'eve', password: 'long enough password' } }),
        'VALIDATION',
      ],
      [
        'a sign-up with a short password',
        'signUp',
        () => anonymous('signUp', { input: { name: 'Eve', email: 'eve@example.com', password: 'short' } }),
        'VALIDATION',
      ],
      [
        'a sign-up with an empty name',
        'signUp',
        () =>
          anonymous('signUp', {
            input: { name: ' ', email: 'eve@example.com', password: 'long enough password' },
          }),
        'VALIDATION',
      ],
      [
        'a malformed verification token',
        'verifyEmail',
        () => anonymous('verifyEmail', { token: '../../etc/passwd' }),
        'VALIDATION',
      ],
      [
        'an unknown verification token',
        'verifyEmail',
        () => anonymous('verifyEmail', { token: 'C'.repeat(43) }),
        'NOT_FOUND',
      ],
    ];

    it.each(badInputs)(
      'given %s, then %s is refused with a clear error and nothing changes',
      async (_label, _field, call, errorType) => {
        const before = await snapshot();
        const error = await expectError(call(), errorType);
        expect(error.message.length).toBeGreaterThan(10);
        expect(error.message).not.toMatch(/sql|kysely|stack|at \w+ \(/i);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('given all that bad input, then the tables still hold exactly what they did', async () => {
      const listed = await alice('queueTickets', { queueId: queue.id });
      expect(listed.items.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
        ['Ana', 'CALLED'],
        ['Bia', 'WAITING'],
        ['Caio', 'WAITING'],
      ]);
      await expectError(
        anonymous('login', { email: 'eve@example.com', password: 'long enough password' }),
        'UNAUTHENTICATED',
      );
    });
  });
}
