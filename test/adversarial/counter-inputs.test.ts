import { describe, expect, it } from 'vitest';
import { ownerOverHttp, postGraphql } from '../support/http';
import { serverForThisFile } from '../support/spawned-server';

/**
 * Hostile values for what counters added to the API — counters, the counter to call to, party size, the
 * presence code, grace minutes — through a real server process, as a client would send them.
 */
const server = serverForThisFile({ RATE_LIMITS: 'off' });

const CREATE =
  'mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id version counters { id name } presenceCode { code } } }';
const UPDATE = 'mutation U($id: ID!, $i: UpdateQueueInput!) { updateQueue(id: $id, input: $i) { version } }';
const CALL = 'mutation N($q: ID!, $c: ID) { callNext(queueId: $q, counter: $c) { number counter } }';
const JOIN =
  'mutation J($q: ID!, $i: TicketInput!, $p: String) { joinQueue(queueId: $q, input: $i, presenceCode: $p) { ticket { number } } }';

describe('counters, parties, codes and grace from hostile clients', () => {
  it('given wrong values of every kind, then each is refused, nothing is stored, and the server keeps answering', async () => {
    const { authorization } = await ownerOverHttp(server().url);
    const gql = (query: string, variables: Record<string, unknown>, auth = authorization) =>
      postGraphql(server().url, { query, variables }, auth).then((r) => r.body);
    const queue = (
      await gql(CREATE, {
        i: { name: 'Feira', selfJoin: true, presence: 'HOURLY', counters: [{ name: 'A' }, { name: 'B' }] },
      })
    ).data.createQueue;
    const inputs: [string, Record<string, unknown>][] = [
      ['counters as a string', { counters: 'A' }],
      ['a counter without a name', { counters: [{}] }],
      ['a counter name of 100 KB', { counters: [{ name: 'x'.repeat(100_000) }] }],
      ['21 counters', { counters: Array.from({ length: 21 }, (_, i) => ({ name: `G${i}` })) }],
      [
        'a counter of another queue',
        { counters: [{ id: '00000000-0000-4000-8000-000000000000', name: 'C' }] },
      ],
      ['grace of 0', { graceMinutes: 0 }],
      ['grace of a year', { graceMinutes: 525_600 }],
      ['grace as text', { graceMinutes: '5' }],
      ['an unknown rotation', { presence: 'MINUTELY' }],
      ['a rotation in lower case', { presence: 'daily' }],
    ];
    for (const [what, input] of inputs) {
      const answer = await gql(UPDATE, { id: queue.id, i: input });
      expect(answer.data?.updateQueue ?? null, what).toBeNull();
      expect(answer.errors?.length, what).toBeGreaterThan(0);
    }
    // A call to a counter that is not the queue's, or not an id; as the public or without a session.
    for (const c of ['00000000-0000-4000-8000-000000000000', 'A', "' OR 1=1", 'x'.repeat(10_000)])
      expect((await gql(CALL, { q: queue.id, c })).errors[0].errorType).toBe('VALIDATION');
    expect((await gql(CALL, { q: queue.id, c: queue.counters[0].id }, 'Public')).errors[0].errorType).toMatch(
      /UNAUTHENTICATED|FORBIDDEN/,
    );
    // Parties and codes: sizes out of range, codes of every shape; nobody joins.
    for (const partySize of [0, 21, -3])
      expect(
        (
          await gql(
            JOIN,
            { q: queue.id, i: { name: 'Ana', partySize }, p: queue.presenceCode.code },
            'Public',
          )
        ).errors?.length,
      ).toBe(1);
    for (const p of ['', '12345', '1234567', 'abcdef', 'x'.repeat(100_000), null])
      expect(
        (await gql(JOIN, { q: queue.id, i: { name: 'Ana' }, p }, 'Public')).errors[0].errorInfo,
      ).toMatchObject({
        reason: 'PRESENCE_CODE',
      });
    // Fifty wrong codes at once: all refused, none taken, and the right one still works after them.
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gql(JOIN, { q: queue.id, i: { name: `G${i}` }, p: String(100000 + i) }, 'Public'),
      ),
    );
    const taken = guesses.filter((g) => g.data?.joinQueue);
    expect(taken.length).toBeLessThanOrEqual(1); // a guess can only be right by chance (1 in 10^6 each)
    const right = await gql(
      JOIN,
      { q: queue.id, i: { name: 'Ana', partySize: 2 }, p: queue.presenceCode.code },
      'Public',
    );
    expect(right.data.joinQueue.ticket.number).toBe(1 + taken.length);
    const after = (await gql(UPDATE, { id: queue.id, i: {} })).data.updateQueue.version;
    expect(after).toBe(queue.version + 1 + 1 + taken.length);
  });
});
