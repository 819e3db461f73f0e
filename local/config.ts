import { auditRetentionDays } from '../resolvers/handlers/composition';
import type { Log } from '../resolvers/domain/ports';
import { createLog } from '../resolvers/handlers/logger';
import { smtpSettingsFromEnv, type SmtpSettings } from '../resolvers/stores/mail/smtp';
import { createConsoleLog } from './console-log';

/** Everything `npm start` can be told, from the environment; defaults make the embedded mode. */
export interface LocalConfig {
  host: string;
  port: number;
  /** Where browsers reach this server (links in mail and QR codes); default http://localhost:<port>. */
  publicUrl: string | undefined;
  /** Embedded stores live here: SQLite file, DynamoDB (dynalite) files, mail queue and outbox, session key. */
  dataDir: string;
  mysqlUrl: string | undefined;
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel this server uses (instances that share data share it). */
  redisPrefix: string;
  dynamodbEndpoint: string | undefined;
  accountsTable: string;
  smtp: SmtpSettings | undefined;
  sessionSecret: string | undefined;
  logLevel: string | undefined;
  /** `text` (one short line per event, the default) or `json` (Lambda's format). */
  logFormat: 'text' | 'json';
  keepAliveMs: number | undefined;
  /** The API's per-source rate limits (AWS WAF's rules, schema/limits.ts); off only for benchmarks. */
  rateLimits: boolean;
  /**
   * `/dev/mail` shows every link the server mails (verification, password reset): `auto` serves it only with
   * the file outbox on a loopback listener; `on` also beyond this machine (a printed warning); `off` never.
   */
  devMail: 'auto' | 'on' | 'off';
  /** How long an owner's access token lives before the backoffice refreshes it (default 1 hour). */
  sessionLifetimeSeconds: number | undefined;
  /** PHONE_COUNTRY_CODE: digits put in front of phone numbers typed without a country code (default 55). */
  phoneCountryCode: string | undefined;
  /** AUDIT_RETENTION_DAYS: days audit entries are kept (default 365). */
  auditRetentionDays: number | undefined;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): LocalConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: env.DATA_DIR ?? '.data',
    mysqlUrl: env.MYSQL_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX ?? 'qm:',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    accountsTable: env.ACCOUNTS_TABLE ?? 'queue-manager-accounts',
    smtp: smtpSettingsFromEnv(
      env,
      { user: env.SMTP_USER, password: env.SMTP_PASSWORD },
      'Queue Manager <no-reply@localhost>',
    ),
    sessionSecret: env.SESSION_SECRET || undefined,
    phoneCountryCode: countryCode(env.PHONE_COUNTRY_CODE),
    auditRetentionDays: auditRetentionDays(env.AUDIT_RETENTION_DAYS),
    logLevel: env.LOG_LEVEL || undefined,
    logFormat: env.LOG_FORMAT === 'json' ? 'json' : 'text',
    keepAliveMs: env.REALTIME_KEEPALIVE_MS ? Number(env.REALTIME_KEEPALIVE_MS) : undefined,
    rateLimits: env.RATE_LIMITS !== 'off',
    devMail: env.DEV_MAIL === 'on' || env.DEV_MAIL === 'off' ? env.DEV_MAIL : 'auto',
    sessionLifetimeSeconds: positiveInteger('SESSION_LIFETIME_SECONDS', env.SESSION_LIFETIME_SECONDS),
  };
}

function positiveInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of seconds, not "${raw}".`);
  return value;
}

/** The local runtime's log, in the configured format. */
export function localLog(config: Pick<LocalConfig, 'logLevel' | 'logFormat'>): Log {
  return config.logFormat === 'json'
    ? createLog('queue-manager-local', config.logLevel)
    : createConsoleLog(config.logLevel);
}

/** Whether an address is this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8): a peer or a listener. */
export const isLoopback = (address: string | undefined): boolean =>
  !!address && (address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address));

/** Whether a listener host only accepts connections from this machine. */
const isLoopbackHost = (host: string): boolean => host === 'localhost' || isLoopback(host);

/** Whether `/dev/mail` is served, and why not (for the ready banner). */
export function devMailExposure(config: LocalConfig): { served: boolean; warning?: string; reason?: string } {
  if (config.smtp) return { served: false, reason: 'mail goes out through SMTP' };
  if (config.devMail === 'off') return { served: false, reason: 'DEV_MAIL=off' };
  if (isLoopbackHost(config.host)) return { served: true };
  if (config.devMail === 'on')
    return {
      served: true,
      warning: `DEV_MAIL=on with HOST=${config.host}: anyone who reaches this server can read every verification and password-reset link in /dev/mail.`,
    };
  return {
    served: false,
    reason: `HOST=${config.host} listens beyond this machine, and /dev/mail would show every reset link (DEV_MAIL=on to serve it anyway)`,
  };
}

function countryCode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^[1-9][0-9]{0,2}$/.test(raw))
    throw new Error(`PHONE_COUNTRY_CODE must be 1 to 3 digits, not "${raw}".`);
  return raw;
}
