import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../resolvers/stores/positions/redis';
import { TEST_REDIS_URL } from './services';

export interface TestRedis {
  redis: Redis;
  url: string;
  /** Keys of this test file start with it. */
  prefix: string;
  cleanup(): Promise<void>;
}

/** A connected Redis client with a key prefix of its own; cleanup deletes those keys. */
export async function freshRedis(db?: number): Promise<TestRedis> {
  const url = db === undefined ? TEST_REDIS_URL : `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/${db}`;
  const redis = connectRedis(url);
  await once(redis, 'ready');
  const prefix = `qmtest:${randomBytes(6).toString('hex')}:`;
  return {
    redis,
    url,
    prefix,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
