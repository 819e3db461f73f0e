import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../resolvers/domain/roles';
import { ApiError, apiAs, PUBLIC, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

type Caller =
  | 'owner'
  | 'manager'
  | 'clerk'
  | 'clerk of another queue'
  | 'clerk of another venue'
  | 'removed'
  | 'ticket'
  | 'public';

/** Venues and roles through the router on a whole stack: who may do what, per role, and nothing else. */
export function venuesContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`venues and roles: ${name}`, () => {
    let stack: TestStack;
    const apis = new Map<Caller, Api>();
    const ids = new Map<Caller, string>();
    let venueId: string;
    let queue: { id: string };
    let other: { id: string };

    beforeAll(async () => {
      stack = await open();
      for (const who of [
        'owner',
        'manager',
        'clerk',
        'clerk of another queue',
        'clerk of another venue',
        'removed',
      ] as const) {
        const signed = await signedInOwner(stack, who);
        apis.set(who, signed.api);
        ids.set(who, signed.account.id);
      }
      const owner = apis.get('owner')!;
      venueId = (await owner('createVenue', { input: { name: 'Clínica Centro', address: 'Rua A, 1' } })).id;
      queue = await owner('createQueue', { input: { venueId, name: 'Recepção', snoozePlaces: 1 } });
      other = await owner('createQueue', { input: { venueId, name: 'Exames' } });
      const member = (who: Caller, role: Role, queueIds: string[] | null, venue = venueId) =>
        stack.deps.venues.setMember({ venueId: venue, accountId: ids.get(who)!, role, queueIds }, Date.now());
      await member('manager', 'MANAGER', null);
      await member('clerk', 'CLERK', [queue.id]);
      await member('clerk of another queue', 'CLERK', [other.id]);
      await member('removed', 'CLERK', [queue.id]);
      await stack.deps.venues.removeMember(venueId, ids.get('removed')!);
      // A clerk at a venue of its own, made by that account.
      const elsewhere = apis.get('clerk of another venue')!;
      await elsewhere('createQueue', { input: { name: 'Outra' } });
      const holder = await owner('addTicket', { queueId: queue.id, input: { name: 'Quem Espera' } });
      apis.set(
        'ticket',
        apiAs(stack.deps, { kind: 'ticket', ticketId: holder.ticket.id, queueId: queue.id }),
      );
      apis.set('public', apiAs(stack.deps, PUBLIC));
    });
    afterAll(() => stack?.cleanup());

    /** What the caller gets: ALLOWED (answered, or refused for a reason other than who they are) or the error. */
    async function outcome(call: Promise<unknown>): Promise<string> {
      try {
        await call;
        return 'ALLOWED';
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'].includes(error.errorType)
          ? error.errorType
          : 'ALLOWED';
      }
    }

    const OUTSIDERS: Record<Caller, string> = {
      owner: 'ALLOWED',
      manager: 'ALLOWED',
      clerk: 'ALLOWED',
      'clerk of another queue': 'FORBIDDEN',
      'clerk of another venue': 'NOT_FOUND',
      removed: 'NOT_FOUND',
      ticket: 'FORBIDDEN',
      public: 'UNAUTHENTICATED',
    };

    it('given each role, then operating a queue (add, call, serve, recall, no-show, remove, put back, link, list, messages) is for owners, managers and that queue’s clerks — others are refused and change nothing', async () => {
      const owner = apis.get('owner')!;
      const ticket = async () =>
        (await owner('addTicket', { queueId: queue.id, input: { name: 'Alvo' } })).ticket.id as string;
      const operations: [string, (api: Api) => Promise<unknown>][] = [
        ['queueTickets', (api) => api('queueTickets', { queueId: queue.id })],
        ['ticketMessages', (api) => api('ticketMessages', { queueId: queue.id, ticketIds: [] })],
        ['addTicket', (api) => api('addTicket', { queueId: queue.id, input: { name: 'Nova' } })],
        ['callNext', (api) => api('callNext', { queueId: queue.id })],
        ['completeTicket', async (api) => api('completeTicket', { id: await ticket() })],
        ['recallTicket', async (api) => api('recallTicket', { id: await ticket() })],
        ['markNoShow', async (api) => api('markNoShow', { id: await ticket() })],
        ['removeTicket', async (api) => api('removeTicket', { id: await ticket() })],
        ['returnTicket', async (api) => api('returnTicket', { id: await ticket() })],
        ['newTicketLink', async (api) => api('newTicketLink', { id: await ticket() })],
        // `queue` answers null, as for a missing queue, to anyone who may not operate it.
        [
          'queue',
          async (api) => {
            if ((await api('queue', { id: queue.id })) === null) throw new ApiError(expectedNull, 'null', {});
          },
        ],
      ];
      let expectedNull = 'NOT_FOUND';
      for (const [field, call] of operations)
        for (const [who, expected] of Object.entries(OUTSIDERS) as [Caller, string][]) {
          const before = (await owner('queue', { id: queue.id })).version;
          expectedNull = expected === 'FORBIDDEN' && who !== 'ticket' ? 'FORBIDDEN' : 'NOT_FOUND';
          expect(await outcome(call(apis.get(who)!)), `${who} → ${field}`).toBe(expected);
          if (expected !== 'ALLOWED') {
            // The ticket made for the call above is the owner's; nothing the refused caller asked for happened.
            const after = (await owner('queue', { id: queue.id })).version;
            const made = [
              'completeTicket',
              'recallTicket',
              'markNoShow',
              'removeTicket',
              'returnTicket',
              'newTicketLink',
            ].includes(field)
              ? 1
              : 0;
            expect(after - before, `${who} → ${field} changed nothing`).toBe(made);
          }
        }
    });

    it('given each role, then settings, stats and the audit log are for owners and managers, the venue itself for its owner', async () => {
      const matrix: [string, (api: Api) => Promise<unknown>, Record<Caller, string>][] = [
        [
          'updateQueue',
          (api) => api('updateQueue', { id: queue.id, input: { description: 'x' } }),
          { ...OUTSIDERS, clerk: 'FORBIDDEN' },
        ],
        [
          'setQueueStatus',
          (api) => api('setQueueStatus', { id: queue.id, status: 'OPEN' }),
          { ...OUTSIDERS, clerk: 'FORBIDDEN' },
        ],
        [
          'queueStats',
          (api) => api('queueStats', { queueId: queue.id }),
          { ...OUTSIDERS, clerk: 'FORBIDDEN' },
        ],
        [
          'deleteQueue',
          // A queue of its own each time (assigned to both clerks), so an allowed delete takes nothing from the others.
          async (api) => {
            const owner = apis.get('owner')!;
            const doomed = await owner('createQueue', { input: { venueId, name: 'Temporária' } });
            for (const who of ['clerk', 'clerk of another queue'] as const)
              await stack.deps.venues.setMember(
                {
                  venueId,
                  accountId: ids.get(who)!,
                  role: 'CLERK',
                  queueIds: [who === 'clerk' ? queue.id : other.id, doomed.id],
                },
                Date.now(),
              );
            return api('deleteQueue', { id: doomed.id });
          },
          { ...OUTSIDERS, clerk: 'FORBIDDEN', 'clerk of another queue': 'FORBIDDEN' },
        ],
        [
          'createQueue in the venue',
          (api) => api('createQueue', { input: { venueId, name: 'Nova fila' } }),
          {
            ...OUTSIDERS,
            clerk: 'FORBIDDEN',
            // Not about one queue: a member's role decides; someone else does not see the venue.
            'clerk of another queue': 'FORBIDDEN',
          },
        ],
        [
          'updateVenue',
          (api) => api('updateVenue', { id: venueId, input: { address: 'Rua B, 2' } }),
          { ...OUTSIDERS, manager: 'FORBIDDEN', clerk: 'FORBIDDEN', 'clerk of another queue': 'FORBIDDEN' },
        ],
      ];
      for (const [field, call, expected] of matrix)
        for (const [who, want] of Object.entries(expected) as [Caller, string][])
          expect(await outcome(call(apis.get(who)!)), `${who} → ${field}`).toBe(want);
      // The clerks' queues as before the deletes.
      for (const [who, q] of [
        ['clerk', queue],
        ['clerk of another queue', other],
      ] as const)
        await stack.deps.venues.setMember(
          { venueId, accountId: ids.get(who)!, role: 'CLERK', queueIds: [q.id] },
          Date.now(),
        );

      // The audit log: owners and managers read the venue's; a clerk's is empty.
      const operations = async (who: Caller) =>
        (await apis.get(who)!('auditLog', { queueId: queue.id })).items.length as number;
      expect(await operations('owner')).toBeGreaterThan(0);
      expect(await operations('manager')).toBe(await operations('owner'));
      expect(await operations('clerk')).toBe(0);
      expect(await operations('clerk of another venue')).toBe(0);
    });

    it('given the venues, then each account lists its own with its role, and its queues are the ones it works on', async () => {
      const venues = async (who: Caller) =>
        ((await apis.get(who)!('myVenues', {})) as { id: string; role: string; name: string }[]).map(
          (v) => `${v.name}:${v.role}`,
        );
      // A default venue is made when a queue is first created without one.
      expect(await venues('owner')).toEqual(['Clínica Centro:OWNER']);
      expect(await venues('clerk of another venue')).toEqual(['Default venue:OWNER']);
      expect(await venues('manager')).toEqual(['Clínica Centro:MANAGER']);
      expect(await venues('clerk')).toEqual(['Clínica Centro:CLERK']);
      expect(await venues('removed')).toEqual([]);
      const queues = async (who: Caller) =>
        ((await apis.get(who)!('myQueues', {})).items as { name: string }[]).map((q) => q.name).sort();
      expect(await queues('clerk')).toEqual(['Recepção']);
      expect(await queues('clerk of another queue')).toEqual(['Exames']);
      expect(await queues('manager')).toEqual(expect.arrayContaining(['Exames', 'Recepção']));
      expect(await queues('removed')).toEqual([]);
      await expectError(
        apis.get('owner')!('updateVenue', { id: venueId, input: { timeZone: 'Mars/Olympus' } }),
        'VALIDATION',
      );
      await expectError(apis.get('owner')!('createVenue', { input: { name: '' } }), 'VALIDATION');
      await expectError(
        apis.get('owner')!('createVenue', { input: { name: 'x', address: 'y'.repeat(501) } }),
        'VALIDATION',
      );
    });

    it('given an owner and a clerk pressing call next at the same moment on one queue, then they call two different people; a clerk removed is refused on the next request', async () => {
      const owner = apis.get('owner')!;
      const line = await owner('createQueue', { input: { venueId, name: 'Balcão' } });
      for (const n of ['A', 'B', 'C']) await owner('addTicket', { queueId: line.id, input: { name: n } });
      const clerkId = ids.get('clerk of another queue')!;
      await stack.deps.venues.setMember(
        { venueId, accountId: clerkId, role: 'CLERK', queueIds: [other.id, line.id] },
        Date.now(),
      );
      const clerk = apis.get('clerk of another queue')!;
      const [a, b] = await Promise.all([
        owner('callNext', { queueId: line.id }),
        clerk('callNext', { queueId: line.id }),
      ]);
      expect(new Set([a.number, b.number]).size).toBe(2);
      await stack.deps.venues.removeMember(venueId, clerkId);
      await expectError(clerk('callNext', { queueId: line.id }), 'NOT_FOUND');
      expect((await owner('queueTickets', { queueId: line.id, statuses: ['WAITING'] })).items).toHaveLength(
        1,
      );
    });
  });
}
