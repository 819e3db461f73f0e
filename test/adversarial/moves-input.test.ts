import { describe, expect, it } from 'vitest';
import { ownerOverHttp, postGraphql } from '../support/http';
import { serverForThisFile } from '../support/spawned-server';

/**
 * Hostile use of what moves added — snoozeTicket, returnTicket, the queue's snooze settings — through a real
 * server process: wrong values, the wrong caller, and the same move pressed many times at once.
 */
const server = serverForThisFile({ RATE_LIMITS: 'off' });

const CREATE = 'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id version } }';
const UPDATE = 'mutation U($id: ID!, $i: UpdateQueueInput!) { updateQueue(id: $id, input: $i) { version } }';
const ADD =
  'mutation A($q: ID!, $n: String!) { addTicket(queueId: $q, input: {name: $n}) { accessToken ticket { id } } }';
const SNOOZE = 'mutation S($t: String!) { snoozeTicket(token: $t) { position snoozesLeft } }';
const RETURN = 'mutation R($id: ID!, $p: Int) { returnTicket(id: $id, position: $p) { position } }';
const LIST =
  'query L($q: ID!) { queueTickets(queueId: $q, statuses: [WAITING]) { items { number position snoozes } } }';

describe('moves in the line from hostile clients', () => {
  it('given wrong values, wrong callers and one move pressed 20 times at once, then each wrong one is refused, the move happens as often as allowed, and the line stays whole', async () => {
    const { authorization } = await ownerOverHttp(server().url);
    const gql = (query: string, variables: Record<string, unknown>, auth = authorization) =>
      postGraphql(server().url, { query, variables }, auth).then((r) => r.body);
    const queue = (await gql(CREATE, { i: { name: 'Cartório', snoozePlaces: 1, snoozeLimit: 2 } })).data
      .createQueue;
    const people: { accessToken: string; ticket: { id: string } }[] = [];
    for (let i = 1; i <= 6; i += 1) people.push((await gql(ADD, { q: queue.id, n: `P${i}` })).data.addTicket);

    for (const [what, input] of [
      ['snoozePlaces of 0', { snoozePlaces: 0 }],
      ['snoozePlaces of a million', { snoozePlaces: 1_000_000 }],
      ['snoozePlaces as text', { snoozePlaces: '3' }],
      ['snoozePlaces fractional', { snoozePlaces: 1.5 }],
      ['snoozeLimit of 6', { snoozeLimit: 6 }],
      ['snoozeLimit negative', { snoozeLimit: -1 }],
      ['snoozeLimit as an object', { snoozeLimit: { n: 1 } }],
    ] as const) {
      const answer = await gql(UPDATE, { id: queue.id, i: input });
      expect(answer.data?.updateQueue ?? null, what).toBeNull();
      expect(answer.errors?.length, what).toBeGreaterThan(0);
    }

    // Tokens of every wrong shape; a staff session is not a ticket's token either.
    for (const t of ['', 'x', "' OR 1=1 --", 'x'.repeat(100_000), people[0]!.ticket.id])
      expect((await gql(SNOOZE, { t }, 'Public')).errors[0].errorType, t.slice(0, 20)).toMatch(
        /VALIDATION|NOT_FOUND/,
      );
    expect((await gql(SNOOZE, { t: 5 }, 'Public')).errors.length).toBeGreaterThan(0);

    // The same person pressing 20 times at once: moved exactly twice (the limit), the rest refused.
    const presses = await Promise.all(
      Array.from({ length: 20 }, () => gql(SNOOZE, { t: people[0]!.accessToken }, 'Public')),
    );
    const moved = presses.filter((p) => p.data?.snoozeTicket);
    expect(moved.map((p) => p.data.snoozeTicket.position).sort()).toEqual([2, 3]);
    expect(
      presses.filter((p) => p.errors?.[0]?.errorInfo?.reason === 'SNOOZE_LIMIT'),
      JSON.stringify(presses.find((p) => p.errors && p.errors[0].errorInfo?.reason !== 'SNOOZE_LIMIT')),
    ).toHaveLength(18);
    const line = (await gql(LIST, { q: queue.id })).data.queueTickets.items;
    expect(line.map((t: { number: number }) => t.number)).toEqual([2, 3, 1, 4, 5, 6]);
    expect(line.map((t: { position: number }) => t.position)).toEqual([1, 2, 3, 4, 5, 6]);

    // Putting back: only the owner, only a no-show, only a whole position from 1.
    const call = await gql('mutation N($q: ID!) { callNext(queueId: $q) { id } }', { q: queue.id });
    const called = call.data.callNext.id;
    await gql('mutation M($id: ID!) { markNoShow(id: $id) { id } }', { id: called });
    for (const p of [0, -1, 1.5, '2', 2 ** 31])
      expect((await gql(RETURN, { id: called, p })).errors?.length, String(p)).toBeGreaterThan(0);
    for (const id of ["' OR 1=1 --", 'x'.repeat(10_000), '00000000-0000-4000-8000-000000000000'])
      expect((await gql(RETURN, { id, p: 1 })).errors[0].errorType).toMatch(/VALIDATION|NOT_FOUND/);
    expect((await gql(RETURN, { id: called, p: 1 }, 'Public')).errors[0].errorType).toMatch(
      /UNAUTHENTICATED|FORBIDDEN/,
    );
    const other = await ownerOverHttp(server().url);
    expect((await gql(RETURN, { id: called, p: 1 }, other.authorization)).errors[0].errorType).toBe(
      'NOT_FOUND',
    );
    // Ten staff pressing "put back" at once: back once, the others told it is no longer a no-show.
    const backs = await Promise.all(Array.from({ length: 10 }, () => gql(RETURN, { id: called, p: 2 })));
    expect(backs.filter((b) => b.data?.returnTicket)).toHaveLength(1);
    expect(backs.filter((b) => b.errors?.[0]?.errorType === 'CONFLICT')).toHaveLength(9);
    const after = (await gql(LIST, { q: queue.id })).data.queueTickets.items;
    expect(after.map((t: { number: number }) => t.number)).toEqual([3, 2, 1, 4, 5, 6]);
    expect(after.map((t: { position: number }) => t.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
