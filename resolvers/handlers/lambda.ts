/**
 * The Lambda entry points (infra bundles this file once per function and names the export as the handler).
 * Dependencies are built on the first invocation and reused while the execution environment lives.
 */
import { createLog } from './logger';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { migrateToLatest } from '../stores/sql/migrate';
import { createAuthorizerHandler } from './authorizer';
import { authorizerDepsFromEnv, depsFromEnv, messageDepsFromEnv, sqlForMigrations } from './aws-runtime';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { createLogShipper } from './log-shipper';
import { createMessageConsumer } from './message-consumer';
import { purgeAudit } from '../domain/audit';
import { anonymizeFinished, purgeEndedInvitations } from '../domain/retention';
import { sweepGrace } from '../domain/grace';
import { deleteDueAccounts } from '../domain/account-deletion';
import { createResolverHandler } from './resolver';
import { applySmsSettings } from './sms-settings';
import { createSmsRepliesHandler } from './sms-replies';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    // A failed cold start is retried on the next invocation instead of being cached.
    value ??= make().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/** AppSync Lambda data source for every Query and Mutation field (via the invoke APPSYNC_JS resolver). */
export const resolver = createResolverHandler(once(() => depsFromEnv()));

/** AppSync Lambda authorizer: builds only what it uses (the session key, the ticket lookup). */
export const authorizer = createAuthorizerHandler(once(() => authorizerDepsFromEnv()));

/** SQS mail consumer with partial batch responses. */
export const messageConsumer = createMessageConsumer(once(() => messageDepsFromEnv()));

/** The two-way SMS topic's subscriber: replies people text back (cancel, status), with the resolver's stores. */
export const smsReplies = createSmsRepliesHandler(once(() => depsFromEnv()));

/**
 * EventBridge Scheduler, every minute: the grace timers due, swept as every local instance does each second;
 * the audit entries past their retention; and finished tickets past their venue's retention, anonymised for
 * at most 5 s a run (the rest the next minute); invitations ended past it; and accounts whose deletion is due
 * (as many as fit in 5 s).
 */
export const graceSweeper = async (): Promise<{
  noShows: number;
  auditPurged: number;
  anonymized: number;
  invitationsPurged: number;
  accountsDeleted: number;
}> => ({
  noShows: await sweepGrace(await graceDeps()),
  auditPurged: await purgeAudit(await graceDeps()),
  anonymized: await anonymizeFinished(await graceDeps(), { budgetMs: 5000 }),
  invitationsPurged: await purgeEndedInvitations(await graceDeps()),
  accountsDeleted: await deleteDueAccounts(await graceDeps(), { budgetMs: 5000 }),
});
const graceDeps = once(() => depsFromEnv());

/** CloudFormation custom resource: the account's SMS settings (monthly spend limit, transactional type). */
export const smsSettings = applySmsSettings;

/** CloudWatch Logs subscription: every function's log lines into OpenSearch (the design's Kibana). */
export const logShipper = createLogShipper(
  once(async () => ({
    endpoint: `https://${process.env.OPENSEARCH_ENDPOINT ?? ''}`,
    region: process.env.AWS_REGION ?? '',
    credentials: defaultProvider(),
    log: createLog('queue-manager-logs', process.env.LOG_LEVEL),
  })),
);

/** CloudFormation custom resource: runs the SQL migrations on every deploy (idempotent). */
export async function migrate(
  event: CloudFormationCustomResourceEvent,
): Promise<{ PhysicalResourceId: string; Data: Record<string, string> }> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: 'queue-manager-sql-schema', Data: {} };
  const sql = await sqlForMigrations();
  try {
    const applied = await migrateToLatest(sql);
    return { PhysicalResourceId: 'queue-manager-sql-schema', Data: { applied: applied.join(',') } };
  } finally {
    await sql.destroy();
  }
}
