import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { WaitingEntry } from '../../domain/model';
import { MAX_HELD_CHANGES, type ApplyResult, type IndexChange, type PositionIndex } from '../../domain/ports';
import { CircuitBreaker } from '../breaker';

// Applies one change encoded as 'addId,addPlace,removeId' (empty parts: none) to the zset KEYS[1], the removal
// first (a move removes a ticket and adds it at its new place).
const APPLY_ONE = `
local function applyOne(zset, encoded)
  local addId, addPlace, removeId = string.match(encoded, '^([^,]*),([^,]*),([^,]*)$')
  if removeId ~= '' then redis.call('ZREM', zset, removeId) end
  if addId ~= '' then redis.call('ZADD', zset, addPlace, addId) end
end
-- Applies the held changes that follow version 'current' (KEYS[3]: version -> change), dropping any older.
local function drainHeld(current)
  while true do
    local encoded = redis.call('HGET', KEYS[3], current + 1)
    if not encoded then break end
    applyOne(KEYS[1], encoded)
    redis.call('HDEL', KEYS[3], current + 1)
    current = current + 1
  end
  return current
end`;

// KEYS[1] waiting zset (score = the ticket's place), KEYS[2] version, KEYS[3] held changes. ARGV: the first change's
// version, the most changes held, how long held changes live (ms), then the encoded changes. Applies the
// changes the index lacks, only on top of the version before them or a later one of the run, then any held
// changes that now follow; holds a run that arrives before the versions it follows.
const APPLY = `${APPLY_ONE}
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
local first = tonumber(ARGV[1])
local count = #ARGV - 3
local last = first + count - 1
if current >= last then return 1 end
if current < 0 then return -1 end
if current < first - 1 then
  if redis.call('HLEN', KEYS[3]) + count > tonumber(ARGV[2]) then return -1 end
  for i = 0, count - 1 do redis.call('HSET', KEYS[3], first + i, ARGV[4 + i]) end
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
  return 2
end
for i = current - first + 1, count - 1 do applyOne(KEYS[1], ARGV[4 + i]) end
redis.call('SET', KEYS[2], drainHeld(last))
return 0`;

// KEYS[1] zset, KEYS[2] version, KEYS[3] held changes, KEYS[4] the staged snapshot. ARGV: version. Swaps the
// snapshot in unless the index already reflects a newer version; held changes it covers are dropped, those
// that follow it applied.
const SWAP = `${APPLY_ONE}
local current = tonumber(redis.call('GET', KEYS[2]) or '-1')
local version = tonumber(ARGV[1])
if current >= version then redis.call('DEL', KEYS[4]) return 0 end
if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('RENAME', KEYS[4], KEYS[1]) else redis.call('DEL', KEYS[1]) end
for _, held in ipairs(redis.call('HKEYS', KEYS[3])) do
  if tonumber(held) <= version then redis.call('HDEL', KEYS[3], held) end
end
redis.call('SET', KEYS[2], drainHeld(version))
return 1`;

// KEYS[1] zset, KEYS[2] version. ARGV: ticket id. Returns {version, rank or -1}, or nil without an index.
const POSITION = `
local v = redis.call('GET', KEYS[2])
if not v then return nil end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then rank = -1 end
return {tonumber(v), rank}`;

const CHUNK = 1000;
const HELD_TTL_MS = 60_000;

/**
 * Positions in Redis: one sorted set per queue (score = the ticket's place in the line) and the version it reflects. Reads are
 * ZRANK, O(log n). Keys share a hash tag per queue, so the scripts work on a cluster too.
 */
export class RedisPositionIndex implements PositionIndex {
  /** While Redis is down or hanging, calls fail at once and the domain reads positions from SQL. */
  private readonly breaker = new CircuitBreaker();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'qm:',
  ) {
    redis.defineCommand('qmApply', { numberOfKeys: 3, lua: APPLY });
    redis.defineCommand('qmSwap', { numberOfKeys: 4, lua: SWAP });
    redis.defineCommand('qmPosition', { numberOfKeys: 2, lua: POSITION });
  }

  private keys(queueId: string): [string, string] {
    const base = `${this.prefix}q:{${queueId}}`;
    return [`${base}:waiting`, `${base}:version`];
  }

  private heldKey(queueId: string): string {
    return `${this.prefix}q:{${queueId}}:held`;
  }

  async apply(queueId: string, from: number, changes: IndexChange[]): Promise<ApplyResult> {
    const result = (await this.call(
      'qmApply',
      ...this.keys(queueId),
      this.heldKey(queueId),
      from,
      MAX_HELD_CHANGES,
      HELD_TTL_MS,
      ...changes.map(
        (change) => `${change.add?.ticketId ?? ''},${change.add?.place ?? ''},${change.remove ?? ''}`,
      ),
    )) as number;
    return (['applied', 'ahead', 'held'] as const)[result] ?? 'behind';
  }

  async rebuild(queueId: string, version: number, waiting: WaitingEntry[]): Promise<void> {
    const [zset, versionKey] = this.keys(queueId);
    const staged = `${zset}:staged:${randomBytes(6).toString('hex')}`;
    for (let i = 0; i < waiting.length; i += CHUNK) {
      const args = waiting.slice(i, i + CHUNK).flatMap((e) => [e.place, e.ticketId]);
      await this.breaker.run(() => this.redis.zadd(staged, ...args));
    }
    await this.call('qmSwap', zset, versionKey, this.heldKey(queueId), staged, version);
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
    await this.breaker.run(() => this.redis.del(...this.keys(queueId), this.heldKey(queueId)));
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
