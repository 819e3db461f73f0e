import type { Deps } from '../../resolvers/domain/deps';
import type {
  MailJob,
  MailMessage,
  MailTransport,
  PositionIndex,
  SmsJob,
} from '../../resolvers/domain/ports';
import { sessionKey } from '../../resolvers/domain/sessions';
import { resolverDeps } from '../../resolvers/handlers/composition';
import { InProcessEventBus } from './event-bus';
import { MemoryPositionIndex } from '../../resolvers/stores/positions/memory';
import { connectRedis, RedisPositionIndex } from '../../resolvers/stores/positions/redis';
import { openSqlDatabase } from '../../resolvers/stores/sql/database';
import { SqlVenueStore } from '../../resolvers/stores/sql/venues';
import { SqlQueueStore } from '../../resolvers/stores/sql/queue-store';
import type { QueueEvent } from '../../resolvers/domain/model';
import { freshMysql, freshSqlite, type TestSql } from './databases';
import { freshDynamo, type TestDynamo } from './dynalite';
import { recordingLog } from './recording-log';
import { freshRedis, type TestRedis } from './redis';

export interface TestStack {
  deps: Deps;
  sql: TestSql;
  redis?: TestRedis;
  dynamo: TestDynamo;
  /** Every event published, in order. */
  events: QueueEvent[];
  /** Every mail job queued, in order. */
  mail: MailJob[];
  /** SMS jobs queued, in order. */
  sms: SmsJob[];
  log: ReturnType<typeof recordingLog>;
  bus: InProcessEventBus;
  cleanup(): Promise<void>;
}

export type StackKind = 'sqlite+memory' | 'mariadb+redis';

/** Cheap scrypt for tests: the cost travels with each hash, and the default is tested on its own. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';
export const PUBLIC_URL = 'https://queues.example.com';

/** The whole backend on real stores: SQL, a position index, dynalite; jobs and events are recorded. */
export async function openStack(
  kind: StackKind,
  options: { poolSize?: number; redisDb?: number } = {},
): Promise<TestStack> {
  const sql = kind === 'sqlite+memory' ? await freshSqlite() : await freshMysql(options);
  const redis = kind === 'mariadb+redis' ? await freshRedis(options.redisDb) : undefined;
  const dynamo = await freshDynamo();
  const positions: PositionIndex = redis
    ? new RedisPositionIndex(redis.redis, redis.prefix)
    : new MemoryPositionIndex();
  const events: QueueEvent[] = [];
  const mail: MailJob[] = [];
  const sms: SmsJob[] = [];
  const bus = new InProcessEventBus();
  bus.subscribe((e) => events.push(e));
  const log = recordingLog();
  const deps: Deps = {
    ...resolverDeps({
      sql: sql.sql,
      positions,
      dynamo: dynamo.client,
      accountsTable: dynamo.table,
      jobs: { enqueue: async (job) => void ('channel' in job ? sms.push(job) : mail.push(job)) },
      events: bus,
      log,
      sessionKey: sessionKey(TEST_SESSION_SECRET),
      publicUrl: PUBLIC_URL,
    }),
    scryptCost: TEST_SCRYPT,
  };
  return {
    deps,
    sql,
    redis,
    dynamo,
    events,
    mail,
    sms,
    log,
    bus,
    async cleanup() {
      await sql.cleanup();
      await redis?.cleanup();
      await dynamo.cleanup();
    },
  };
}

/**
 * A second server instance on the same stores: its own SQL pool and Redis connection (or, with
 * `positions`, another index), as another Lambda or another `npm start` would have.
 */
export function secondInstance(
  stack: TestStack,
  positions?: PositionIndex,
): { deps: Deps; close(): Promise<void> } {
  const sql = openSqlDatabase(stack.sql.location, { poolSize: 10 });
  const redis = stack.redis && !positions ? connectRedis(stack.redis.url) : undefined;
  const index =
    positions ?? (redis ? new RedisPositionIndex(redis, stack.redis!.prefix) : stack.deps.positions);
  return {
    deps: { ...stack.deps, queues: new SqlQueueStore(sql), venues: new SqlVenueStore(sql), positions: index },
    async close() {
      await sql.destroy();
      redis?.disconnect();
    },
  };
}

/** A mail transport that records what it sends and can be told to fail. */
export class RecordingTransport implements MailTransport {
  readonly sent: MailMessage[] = [];
  attempts = 0;
  constructor(private readonly fail: (message: MailMessage, attempt: number) => boolean = () => false) {}
  async send(message: MailMessage): Promise<void> {
    this.attempts += 1;
    if (this.fail(message, this.attempts)) throw new Error('SMTP 451: try again later');
    this.sent.push(message);
  }
}
