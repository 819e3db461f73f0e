import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { MessageDeps } from '../domain/deliver';
import type { Deps } from '../domain/deps';
import { sessionKey } from '../domain/sessions';
import { SqsJobQueue } from '../stores/jobs/sqs';
import { smtpSettingsFromEnv, SmtpTransport } from '../stores/mail/smtp';
import { SnsSmsTransport } from '../stores/sms/sns';
import { connectRedis, RedisPositionIndex } from '../stores/positions/redis';
import { openSqlDatabase, type SqlDatabase } from '../stores/sql/database';
import { SqlQueueStore } from '../stores/sql/queue-store';
import type { AuthorizerDeps } from './authorizer';
import { auditRetentionDays, authorizerDeps, messageDeps, resolverDeps } from './composition';
import { createLog } from './logger';
import { AppSyncIamPublisher } from './publisher';

/**
 * The Lambda functions' stores, opened once per cold start from the environment; composition.ts (shared with
 * `npm start`) assembles each function's dependencies from them. Secrets come from Secrets Manager by ARN, never
 * from clear-text environment variables:
 *
 *   MYSQL_SECRET_ARN (RDS secret: username, password) + MYSQL_HOST (the RDS Proxy) + MYSQL_PORT + MYSQL_DATABASE
 *   REDIS_URL (rediss://host:6379) + REDIS_AUTH_SECRET_ARN
 *   ACCOUNTS_TABLE, MAIL_QUEUE_URL, APPSYNC_GRAPHQL_URL, PUBLIC_URL, SESSION_SECRET_ARN, AWS_REGION
 *   (the resolver reads all of these; the authorizer only the MySQL ones and SESSION_SECRET_ARN)
 *   PHONE_COUNTRY_CODE (optional: digits put in front of phone numbers typed without a country code; 55)
 *   AUDIT_RETENTION_DAYS (optional: days audit entries are kept; 365)
 *   ACCOUNT_DELETION_GRACE_SECONDS (optional: between asking to delete an account and its deletion; 7 days)
 *   message consumer: SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_SECRET_ARN (username, password), MAIL_FROM;
 *   SMS_ORIGINATION_NUMBER, SMS_SENDER_ID, SMS_MAX_PRICE_USD (each optional)
 *   SMS replies: the resolver's; SMS settings (custom resource): SMS_MONTHLY_SPEND_LIMIT_USD
 */
export type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}.`);
  return value;
}

const secrets = new Map<string, Promise<string>>();

function secret(arn: string, client = new SecretsManagerClient({})): Promise<string> {
  let value = secrets.get(arn);
  if (!value) {
    value = client.send(new GetSecretValueCommand({ SecretId: arn })).then((r) => {
      if (!r.SecretString) throw new Error('Secret has no string value.');
      return r.SecretString;
    });
    secrets.set(arn, value);
  }
  return value;
}

async function sqlFromEnv(env: Env): Promise<SqlDatabase> {
  const { username, password } = JSON.parse(await secret(required(env, 'MYSQL_SECRET_ARN'))) as Record<
    string,
    string
  >;
  const url = new URL(
    `mysql://${required(env, 'MYSQL_HOST')}:${required(env, 'MYSQL_PORT')}/${required(env, 'MYSQL_DATABASE')}`,
  );
  url.username = encodeURIComponent(username ?? '');
  url.password = encodeURIComponent(password ?? '');
  // Lambda: a couple of connections per execution environment; RDS Proxy pools across them. TLS is verified
  // against the CA bundle that NODE_EXTRA_CA_CERTS names (the runtime's /var/runtime/ca-cert.pem).
  return openSqlDatabase(url.toString(), { poolSize: 2, tls: true });
}

async function redisUrlFromEnv(env: Env): Promise<string> {
  const url = new URL(required(env, 'REDIS_URL'));
  if (env.REDIS_AUTH_SECRET_ARN) url.password = encodeURIComponent(await secret(env.REDIS_AUTH_SECRET_ARN));
  return url.toString();
}

/**
 * The authorizer function's dependencies: the session key and the ticket lookup, nothing else (it runs before
 * every request, and AppSync's API cannot be named in its environment: the API depends on the authorizer).
 * Reads MYSQL_SECRET_ARN, MYSQL_HOST, MYSQL_PORT, MYSQL_DATABASE and SESSION_SECRET_ARN.
 */
export async function authorizerDepsFromEnv(env: Env = process.env): Promise<AuthorizerDeps> {
  const [sql, sessionSecret] = await Promise.all([
    sqlFromEnv(env),
    secret(required(env, 'SESSION_SECRET_ARN')),
  ]);
  return authorizerDeps({
    queues: new SqlQueueStore(sql),
    sessionKey: sessionKey(sessionSecret),
    log: createLog('queue-manager-authorizer', env.LOG_LEVEL),
  });
}

/** The resolver function's dependencies: every store the domain uses, and the publisher of queue events. */
export async function depsFromEnv(env: Env = process.env): Promise<Deps> {
  const region = required(env, 'AWS_REGION');
  const [sql, redisUrl, sessionSecret] = await Promise.all([
    sqlFromEnv(env),
    redisUrlFromEnv(env),
    secret(required(env, 'SESSION_SECRET_ARN')),
  ]);
  return resolverDeps({
    sql,
    positions: new RedisPositionIndex(connectRedis(redisUrl)),
    dynamo: new DynamoDBClient({ region }),
    accountsTable: required(env, 'ACCOUNTS_TABLE'),
    jobs: new SqsJobQueue(new SQSClient({ region }), required(env, 'MAIL_QUEUE_URL')),
    events: new AppSyncIamPublisher({
      url: required(env, 'APPSYNC_GRAPHQL_URL'),
      region,
      credentials: defaultProvider(),
    }),
    log: createLog('queue-manager-api', env.LOG_LEVEL),
    sessionKey: sessionKey(sessionSecret),
    publicUrl: required(env, 'PUBLIC_URL'),
    ...(env.PHONE_COUNTRY_CODE ? { phoneCountryCode: env.PHONE_COUNTRY_CODE } : {}),
    auditRetentionDays: auditRetentionDays(env.AUDIT_RETENTION_DAYS),
    ...(env.ACCOUNT_DELETION_GRACE_SECONDS
      ? { accountDeletionGraceMs: Number(env.ACCOUNT_DELETION_GRACE_SECONDS) * 1000 }
      : {}),
  });
}

/** The message consumer's dependencies: SMTP for mail, SNS for SMS. */
export async function messageDepsFromEnv(env: Env = process.env): Promise<MessageDeps> {
  const region = required(env, 'AWS_REGION');
  const credentials = env.SMTP_SECRET_ARN
    ? (JSON.parse(await secret(env.SMTP_SECRET_ARN)) as { username?: string; password?: string })
    : {};
  const smtp = smtpSettingsFromEnv(env, { user: credentials.username, password: credentials.password });
  if (!smtp) throw new Error('Missing environment variable SMTP_HOST.');
  return messageDeps({
    dynamo: new DynamoDBClient({ region }),
    accountsTable: required(env, 'ACCOUNTS_TABLE'),
    mail: new SmtpTransport(smtp),
    sms: new SnsSmsTransport(new SNSClient({ region }), {
      ...(env.SMS_ORIGINATION_NUMBER ? { originationNumber: env.SMS_ORIGINATION_NUMBER } : {}),
      ...(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
      ...(env.SMS_MAX_PRICE_USD ? { maxPriceUsd: env.SMS_MAX_PRICE_USD } : {}),
    }),
    log: createLog('queue-manager-messages', env.LOG_LEVEL),
  });
}

/** The migration function's database. */
export const sqlForMigrations = (env: Env = process.env) => sqlFromEnv(env);
