import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { monotonicClock } from '../domain/clock';
import type { MessageDeps } from '../domain/deliver';
import type { Deps } from '../domain/deps';
import type {
  EventPublisher,
  JobQueue,
  Log,
  MailTransport,
  MessageCopies,
  PositionIndex,
  QueueStore,
  SmsTransport,
} from '../domain/ports';
import type { SessionKey } from '../domain/sessions';
import { DynamoDeliveryLog } from '../stores/accounts/delivery-log';
import { DynamoAccountStore } from '../stores/accounts/dynamodb';
import type { SqlDatabase } from '../stores/sql/database';
import { SqlVenueStore } from '../stores/sql/venues';
import { SqlAccountDeletionStore } from '../stores/sql/account-deletions';
import { SqlQueueStore } from '../stores/sql/queue-store';
import type { AuthorizerDeps } from './authorizer';
import { InFlight } from '../domain/in-flight';
import { GroupCommit } from '../domain/issue';
import { DEFAULT_PHONE_COUNTRY_CODE } from '../domain/validation';

/**
 * The one place each function's dependencies are assembled from opened stores. The runtimes differ only in how
 * they open them: Lambda from its environment and secrets (aws-runtime.ts), `npm start` from its configuration
 * (local/embedded.ts), the tests from fresh databases (test/support/stack.ts).
 */
export interface ResolverParts {
  sql: SqlDatabase;
  positions: PositionIndex;
  dynamo: DynamoDBClient;
  accountsTable: string;
  jobs: JobQueue;
  /** The embedded mode's outboxes and dead letters (absent in AWS). */
  messageCopies?: MessageCopies;
  events: EventPublisher;
  log: Log;
  sessionKey: SessionKey;
  /** Where the clients live, with or without a trailing slash. */
  publicUrl: string;
  sessionLifetimeSeconds?: number;
  /** The country calling code put in front of phone numbers typed without one (default 55, Brazil). */
  phoneCountryCode?: string;
  /** Days audit entries are kept (default 365). */
  auditRetentionDays?: number;
  /** Between asking to delete an account and its deletion (default 7 days); short only in tests. */
  accountDeletionGraceMs?: number;
}

/** The resolver function: every store the domain uses. */
export function resolverDeps(parts: ResolverParts): Deps {
  return {
    queues: new SqlQueueStore(parts.sql),
    venues: new SqlVenueStore(parts.sql),
    deletions: new SqlAccountDeletionStore(parts.sql),
    positions: parts.positions,
    accounts: new DynamoAccountStore(parts.dynamo, parts.accountsTable),
    deliveries: new DynamoDeliveryLog(parts.dynamo, parts.accountsTable),
    jobs: parts.jobs,
    ...(parts.messageCopies ? { messageCopies: parts.messageCopies } : {}),
    events: parts.events,
    log: parts.log,
    sessionKey: parts.sessionKey,
    publicUrl: parts.publicUrl.replace(/\/$/, ''),
    phoneCountryCode: parts.phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
    now: monotonicClock(),
    newId: randomUUID,
    joins: new GroupCommit(),
    indexRebuilds: new InFlight(),
    ...(parts.sessionLifetimeSeconds ? { sessionLifetimeSeconds: parts.sessionLifetimeSeconds } : {}),
    ...(parts.auditRetentionDays ? { auditRetentionDays: parts.auditRetentionDays } : {}),
    ...(parts.accountDeletionGraceMs ? { accountDeletionGraceMs: parts.accountDeletionGraceMs } : {}),
  };
}

/** AUDIT_RETENTION_DAYS as the runtimes read it: a whole number of days from 1; absent, the default. */
export function auditRetentionDays(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9][0-9]{0,4}$/.test(raw))
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, not "${raw}".`);
  return Number(raw);
}

/** The authorizer function: the session key and the ticket lookup, nothing else. */
export function authorizerDeps(parts: {
  queues: Pick<QueueStore, 'ticketByTokenHash'>;
  sessionKey: SessionKey;
  log: Log;
}): AuthorizerDeps {
  return { ...parts, now: Date.now };
}

/** The message consumer: the delivery log beside the accounts, and a transport per channel. */
export function messageDeps(parts: {
  dynamo: DynamoDBClient;
  accountsTable: string;
  mail: MailTransport;
  sms: SmsTransport;
  log: Log;
}): MessageDeps {
  return {
    deliveries: new DynamoDeliveryLog(parts.dynamo, parts.accountsTable),
    mail: parts.mail,
    sms: parts.sms,
    log: parts.log,
    now: Date.now,
  };
}
