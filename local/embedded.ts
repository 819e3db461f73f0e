import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Deps } from '../resolvers/domain/deps';
import type { EventPublisher, Log, MailTransport } from '../resolvers/domain/ports';
import { sessionKey } from '../resolvers/domain/sessions';
import { ensureAccountTable, sharedSecret } from '../resolvers/stores/accounts/table';
import { InProcessJobQueue } from '../resolvers/stores/jobs/in-process';
import { FileOutbox } from '../resolvers/stores/mail/outbox';
import { SmtpTransport } from '../resolvers/stores/mail/smtp';
import { MemoryPositionIndex } from '../resolvers/stores/positions/memory';
import { connectRedis, RedisPositionIndex } from '../resolvers/stores/positions/redis';
import { openSqlDatabase } from '../resolvers/stores/sql/database';
import { migrateToLatest } from '../resolvers/stores/sql/migrate';
import { messageDeps, resolverDeps } from '../resolvers/handlers/composition';
import { deliverMessage } from '../resolvers/domain/deliver';
import { purgeAudit } from '../resolvers/domain/audit';
import { anonymizeFinished, purgeEndedInvitations, purgeMessageCopies } from '../resolvers/domain/retention';
import { deleteDueAccounts } from '../resolvers/domain/account-deletion';
import { LocalMessageCopies } from '../resolvers/stores/dev/message-copies';
import { sweepGrace } from '../resolvers/domain/grace';
import { Sweeper } from './sweeper';
import { FileSmsOutbox } from '../resolvers/stores/sms/outbox';
import type { LocalConfig } from './config';

/** A start-up problem the operator can fix; main.ts prints it without a stack trace. */
export class StartupError extends Error {}

export interface LocalSystem {
  deps: Deps;
  messageQueue: InProcessJobQueue;
  /** The dev outbox, when mail is not going out through SMTP. */
  outbox: FileOutbox | undefined;
  /** SMS of the embedded mode: always the dev outbox. */
  smsOutbox: FileSmsOutbox;
  /** Where the system keeps its data, for the start-up banner. */
  describe: { sql: string; positions: string; accounts: string; mail: string; sms: string };
  close(): Promise<void>;
}

function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (error) {
    throw new StartupError(
      `The data folder ${resolve(dir)} cannot be written (${(error as Error).message}). Set DATA_DIR to a writable folder.`,
    );
  }
}

async function startDynalite(dir: string): Promise<{ endpoint: string; server: Server }> {
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * The whole backend on one machine: SQLite (or MYSQL_URL), the in-process index (or REDIS_URL), dynalite on
 * disk (or DYNAMODB_ENDPOINT), the in-process mail queue with a file outbox (or SMTP). Events go to `events`,
 * which the gateway provides.
 */
export async function openLocalSystem(
  config: LocalConfig,
  events: EventPublisher,
  log: Log,
): Promise<LocalSystem> {
  ensureWritable(config.dataDir);
  const closers: (() => Promise<unknown> | void)[] = [];
  try {
    const sqlLocation = config.mysqlUrl ?? join(config.dataDir, 'queue-manager.sqlite');
    const sql = openSqlDatabase(sqlLocation);
    closers.push(() => sql.destroy());
    await migrateToLatest(sql);

    let redis: Redis | undefined;
    if (config.redisUrl) {
      redis = connectRedis(config.redisUrl);
      redis.on('error', (e: Error) => log.warn('redis unavailable', { error: e.message }));
      closers.push(() => redis?.disconnect());
    }

    let endpoint = config.dynamodbEndpoint;
    if (!endpoint) {
      const local = await startDynalite(join(config.dataDir, 'dynamodb'));
      endpoint = local.endpoint;
      closers.push(() => new Promise<void>((done) => local.server.close(() => done())));
    }
    const dynamo = new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    closers.push(() => dynamo.destroy());
    await ensureAccountTable(dynamo, config.accountsTable);
    // The session key: SESSION_SECRET, or one generated once and kept with the accounts, so every instance
    // sharing them (and every restart) accepts the same sessions. Never in the repository.
    const secret =
      config.sessionSecret ??
      (await sharedSecret(dynamo, config.accountsTable, 'session-key', () =>
        randomBytes(48).toString('base64url'),
      ));

    const outbox = config.smtp ? undefined : new FileOutbox(join(config.dataDir, 'outbox'));
    const transport: MailTransport = config.smtp ? new SmtpTransport(config.smtp) : outbox!;
    // SMS never leaves this machine: the dev outbox at /dev/sms (the AWS runtime sends through SNS).
    const smsOutbox = new FileSmsOutbox(join(config.dataDir, 'sms'));
    const messages = messageDeps({
      dynamo,
      accountsTable: config.accountsTable,
      mail: transport,
      sms: smsOutbox,
      log,
    });
    // Mail and SMS, as in AWS: one queue (its file keeps the name it had when it carried only mail).
    const messageQueue = new InProcessJobQueue({
      handle: (job, attempt) => deliverMessage(messages, job, attempt),
      log,
      file: join(config.dataDir, 'mail-queue.json'),
    });

    const deps = resolverDeps({
      sql,
      positions: redis ? new RedisPositionIndex(redis, config.redisPrefix) : new MemoryPositionIndex(),
      dynamo,
      accountsTable: config.accountsTable,
      jobs: messageQueue,
      messageCopies: new LocalMessageCopies(messageQueue, outbox, smsOutbox),
      events,
      log,
      sessionKey: sessionKey(secret),
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
      ...(config.sessionLifetimeSeconds ? { sessionLifetimeSeconds: config.sessionLifetimeSeconds } : {}),
      ...(config.phoneCountryCode ? { phoneCountryCode: config.phoneCountryCode } : {}),
      auditRetentionDays: config.auditRetentionDays,
    });
    // Grace timers: every instance sweeps the due ones each second (acting on one is idempotent).
    const graceSweeper = new Sweeper(() => sweepGrace(deps), 1000, log);
    closers.push(() => graceSweeper.close());
    // Every minute: accounts whose grace period has passed are deleted.
    const accountSweeper = new Sweeper(() => deleteDueAccounts(deps), 60 * 1000, log);
    closers.push(() => accountSweeper.close());
    // Hourly, on any instance (all idempotent): audit entries past their retention go, finished tickets past
    // their venue's retention lose their holders' names, emails and phones, ended invitations past it go, and
    // message copies past theirs go.
    const auditSweeper = new Sweeper(
      async () => [
        await purgeAudit(deps),
        await anonymizeFinished(deps),
        await purgeEndedInvitations(deps),
        await purgeMessageCopies(deps),
      ],
      60 * 60 * 1000,
      log,
    );
    closers.push(() => auditSweeper.close());
    return {
      deps,
      messageQueue,
      outbox,
      smsOutbox,
      describe: {
        sql: config.mysqlUrl ? 'MySQL (MYSQL_URL)' : `SQLite ${sqlLocation}`,
        positions: config.redisUrl ? 'Redis (REDIS_URL)' : 'in-process',
        accounts: config.dynamodbEndpoint
          ? `DynamoDB ${config.dynamodbEndpoint}`
          : `dynalite ${join(config.dataDir, 'dynamodb')}`,
        mail: config.smtp ? `SMTP ${config.smtp.host}` : `outbox ${join(config.dataDir, 'outbox')}`,
        sms: `outbox ${join(config.dataDir, 'sms')}`,
      },
      async close() {
        // Running mail attempts finish; pending ones stay in the queue file for the next start.
        await messageQueue.close();
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    throw error;
  }
}
