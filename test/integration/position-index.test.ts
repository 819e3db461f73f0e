import { inject } from 'vitest';
import { MemoryPositionIndex } from '../../resolvers/stores/positions/memory';
import { RedisPositionIndex } from '../../resolvers/stores/positions/redis';
import { positionIndexContract } from '../contract/position-index.contract';
import { freshRedis } from '../support/redis';

positionIndexContract('in-process', async () => ({
  index: new MemoryPositionIndex(),
  cleanup: async () => {},
}));
positionIndexContract(
  'Redis',
  async () => {
    const r = await freshRedis();
    return { index: new RedisPositionIndex(r.redis, r.prefix), cleanup: r.cleanup };
  },
  inject('services').redis,
);
