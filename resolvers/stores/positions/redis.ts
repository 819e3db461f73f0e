import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { WaitingEntry } from '../../domain/model';
import type { ApplyResult, IndexChange, PositionIndex } from '../../domain/ports';

// KEYS[1] waiting zset (score = ticket number), KEYS[2] version. ARGV: version, addId, addNumber, removeId.
// Applies a change only on top of exactly the previous version, atomically.
const APPLY = `
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
local target = tonumber(ARGV[1])
if current >= target then return 1 end
if current ~= target - 1 then return -1 end
if ARGV[2] ~= '' then redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2]) end
if ARGV[4] ~= '' then redis.call('ZREM', KEYS[1], ARGV[4]) end
redis.call('SET', KEYS[2], target)
return 0`;

// KEYS[1] zset, KEYS[2] version, KEYS[3] the staged snapshot. ARGV: version. Swaps the snapshot in unless
// the index already reflects a newer version.
const SWAP = `
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
if current >= tonumber(ARGV[1]) then redis.call('DEL', KEYS[3]) return 0 end
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('RENAME', KEYS[3], KEYS[1]) else redis.call('DEL', KEYS[1]) end
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

// KEYS[1] zset, KEYS[2] version. ARGV: ticket id. Returns {version, rank or -1}, or nil without an index.
const POSITION = `
local v = redis.call('GET', KEYS[2])
if not v then return nil end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then rank = -1 end
return {tonumber(v), rank}`;

const CHUNK = 1000;

/**
 * Positions in Redis: one sorted set per queue (score = ticket number) and the version it reflects. Reads are
 * ZRANK, O(log n). Keys share a hash tag per queue, so the scripts work on a cluster too.
 */
export class RedisPositionIndex implements PositionIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'qm:',
  ) {
    redis.defineCommand('qmApply', { numberOfKeys: 2, lua: APPLY });
    redis.defineCommand('qmSwap', { numberOfKeys: 3, lua: SWAP });
    redis.defineCommand('qmPosition', { numberOfKeys: 2, lua: POSITION });
  }

  private keys(queueId: string): [string, string] {
    const base = `${this.prefix}q:{${queueId}}`;
    return [`${base}:waiting`, `${base}:version`];
  }

  async apply(queueId: string, version: number, change: IndexChange): Promise<ApplyResult> {
    const result = (await this.call(
      'qmApply',
      ...this.keys(queueId),
      version,
      change.add?.ticketId ?? '',
      change.add?.number ?? 0,
      change.remove ?? '',
    )) as number;
    return result === 0 ? 'applied' : result === 1 ? 'ahead' : 'behind';
  }

  async rebuild(queueId: string, version: number, waiting: WaitingEntry[]): Promise<void> {
    const [zset, versionKey] = this.keys(queueId);
    const staged = `${zset}:staged:${randomBytes(6).toString('hex')}`;
    for (let i = 0; i < waiting.length; i += CHUNK) {
      const args = waiting.slice(i, i + CHUNK).flatMap((e) => [e.number, e.ticketId]);
      await this.redis.zadd(staged, ...args);
    }
    await this.call('qmSwap', zset, versionKey, staged, version);
  }

  async position(
    queueId: string,
    ticketId: string,
  ): Promise<{ version: number; position: number | null } | undefined> {
    const result = (await this.call('qmPosition', ...this.keys(queueId), ticketId)) as
      [number, number] | null;
    if (!result) return undefined;
    const [version, rank] = result;
    return { version, position: rank < 0 ? null : rank + 1 };
  }

  async drop(queueId: string): Promise<void> {
    await this.redis.del(...this.keys(queueId));
  }

  private call(command: string, ...args: (string | number)[]): Promise<unknown> {
    return (this.redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)[
      command
    ]!(...args);
  }
}

/**
 * A Redis client that fails fast while Redis is down (no offline queue, short timeouts), so reads fall back to
 * SQL instead of hanging; it keeps reconnecting in the background.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}
