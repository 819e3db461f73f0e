import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { WaitingEntry } from '../../domain/model';
import type { ApplyResult, IndexChange, PositionIndex } from '../../domain/ports';
import { CircuitBreaker } from '../breaker';

// KEYS[1] waiting zset (score = ticket number), KEYS[2] version. ARGV: the first change's version, then per
// change addId, addNumber, removeId. Applies the changes the index lacks, only on top of the version before
// them or a later one of the run, atomically.
const APPLY = `
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
local first = tonumber(ARGV[1])
local count = (#ARGV - 1) / 3
local last = first + count - 1
if current >= last then return 1 end
if current < first - 1 then return -1 end
for i = current - first + 1, count - 1 do
  local at = 2 + i * 3
  if ARGV[at] ~= '' then redis.call('ZADD', KEYS[1], ARGV[at + 1], ARGV[at]) end
  if ARGV[at + 2] ~= '' then redis.call('ZREM', KEYS[1], ARGV[at + 2]) end
end
redis.call('SET', KEYS[2], last)
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
  /** While Redis is down or hanging, calls fail at once and the domain reads positions from SQL. */
  private readonly breaker = new CircuitBreaker();

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

  async apply(queueId: string, from: number, changes: IndexChange[]): Promise<ApplyResult> {
    const result = (await this.call(
      'qmApply',
      ...this.keys(queueId),
      from,
      ...changes.flatMap((change) => [
        change.add?.ticketId ?? '',
        change.add?.number ?? 0,
        change.remove ?? '',
      ]),
    )) as number;
    return result === 0 ? 'applied' : result === 1 ? 'ahead' : 'behind';
  }

  async rebuild(queueId: string, version: number, waiting: WaitingEntry[]): Promise<void> {
    const [zset, versionKey] = this.keys(queueId);
    const staged = `${zset}:staged:${randomBytes(6).toString('hex')}`;
    for (let i = 0; i < waiting.length; i += CHUNK) {
      const args = waiting.slice(i, i + CHUNK).flatMap((e) => [e.number, e.ticketId]);
      await this.breaker.run(() => this.redis.zadd(staged, ...args));
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
    await this.breaker.run(() => this.redis.del(...this.keys(queueId)));
  }

  private call(command: string, ...args: (string | number)[]): Promise<unknown> {
    const commands = this.redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>;
    return this.breaker.run(() => commands[command]!(...args));
  }
}

/** Reconnect attempts back off to one every 2 s while Redis is away. */
export const REDIS_RETRY = (attempt: number) => Math.min(attempt * 200, 2000);

/**
 * A Redis client that fails fast while Redis is down (no offline queue, short timeouts), so reads fall back to
 * SQL instead of hanging; it keeps reconnecting in the background.
 */
export function connectRedis(url: string): Redis {
  return quiet(
    new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 500,
      retryStrategy: REDIS_RETRY,
    }),
  );
}

/**
 * ioredis reports every failed reconnect as an 'error' event (printed when nobody listens). The failures that
 * matter surface as rejected commands, which the callers handle; the reconnecting is ioredis's own.
 */
export function quiet(redis: Redis): Redis {
  redis.on('error', () => {});
  return redis;
}
