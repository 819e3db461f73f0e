import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IssuedTicket } from '../../resolvers/generated/graphql';
import { connectRedis, RedisPositionIndex } from '../../resolvers/stores/positions/redis';
import { apiAs, owner, PUBLIC, type Api } from '../support/appsync';
import { TEST_REDIS_FLUSH_DB } from '../support/services';
import { openStack, secondInstance, type TestStack } from '../support/stack';
import { signedInOwner } from '../contract/backend.contract';

const services = inject('services');

describe.skipIf(!(services.mysql && services.redis))('positions when Redis is lost (MariaDB + Redis)', () => {
  let stack: TestStack;
  let api: Api;
  let anonymous: Api;
  let accountId: string;

  beforeAll(async () => {
    // Database 15 of the test Redis: FLUSHDB here touches nothing but this test's keys.
    stack = await openStack('mariadb+redis', { redisDb: TEST_REDIS_FLUSH_DB });
    accountId = (await signedInOwner(stack)).account.id;
    api = apiAs(stack.deps, owner(accountId));
    anonymous = apiAs(stack.deps, PUBLIC);
  });
  afterAll(() => stack?.cleanup());

  async function queueOf(n: number) {
    const queue = await api('createQueue', { input: { name: 'Fragile' } });
    const issued: IssuedTicket[] = [];
    for (let i = 1; i <= n; i += 1)
      issued.push(await api('addTicket', { queueId: queue.id, input: { name: `P${i}` } }));
    return { queue, issued };
  }
  const positions = (deps: Api, issued: IssuedTicket[]) =>
    Promise.all(issued.map(async (t) => (await deps('ticket', { token: t.accessToken })).position));

  it('given FLUSHDB between operations, then reads and the next changes rebuild the index and positions stay right', async () => {
    const { queue, issued } = await queueOf(6);
    await stack.redis!.redis.flushdb();
    expect(await positions(anonymous, issued)).toEqual([1, 2, 3, 4, 5, 6]);
    await stack.redis!.redis.flushdb();
    await api('callNext', { queueId: queue.id });
    await api('removeTicket', { id: issued[3]!.ticket.id });
    await stack.redis!.redis.flushdb();
    await api('addTicket', { queueId: queue.id, input: { name: 'P7' } });
    expect(await positions(anonymous, issued)).toEqual([null, 1, 2, null, 3, 4]);
    expect(stack.log.entries.some((e) => e.message === 'position index rebuilt')).toBe(true);
  });

  it('given Redis unreachable, then changes still commit and positions come from SQL, right', async () => {
    const { queue, issued } = await queueOf(4);
    const down = connectRedis('redis://127.0.0.1:1');
    down.on('error', () => undefined);
    const cut = secondInstance(stack, new RedisPositionIndex(down, stack.redis!.prefix));
    try {
      const offline = apiAs(cut.deps, owner(accountId));
      await offline('callNext', { queueId: queue.id });
      await offline('removeTicket', { id: issued[2]!.ticket.id });
      expect(await positions(apiAs(cut.deps, PUBLIC), issued)).toEqual([null, 1, null, 2]);
      expect(stack.log.entries.some((e) => e.message === 'position index unavailable, reading SQL')).toBe(
        true,
      );
      // The index in Redis missed two changes: the instance that can reach it notices and rebuilds.
      expect(await positions(anonymous, issued)).toEqual([null, 1, null, 2]);
      await api('addTicket', { queueId: queue.id, input: { name: 'P5' } });
      expect(await positions(anonymous, issued)).toEqual([null, 1, null, 2]);
    } finally {
      down.disconnect();
      await cut.close();
    }
  });
});
