import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, type LocalConfig } from '../../local/config';
import { startLocalServer, type LocalServer } from '../../local/server';
import { freshMysql, type TestSql } from './databases';
import { freshDynamo, type TestDynamo } from './dynalite';
import { recordingLog } from './recording-log';
import { freshRedis, type TestRedis } from './redis';

export type ServerMode = 'embedded' | 'services';

export interface TestServer {
  server: LocalServer;
  url: string;
  config: LocalConfig;
  log: ReturnType<typeof recordingLog>;
  cleanup(): Promise<void>;
}

/**
 * The local server in this process on a free port: embedded defaults in a fresh data folder, or on MariaDB +
 * Redis + dynalite (the services mode).
 */
export async function startTestServer(
  mode: ServerMode,
  overrides: Partial<LocalConfig> = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qm-local-'));
  let sql: TestSql | undefined;
  let redis: TestRedis | undefined;
  let dynamo: TestDynamo | undefined;
  if (mode === 'services') {
    sql = await freshMysql();
    redis = await freshRedis();
    dynamo = await freshDynamo();
  }
  const config: LocalConfig = {
    ...configFromEnv({}),
    port: 0,
    dataDir,
    ...(sql
      ? {
          mysqlUrl: sql.location,
          redisUrl: redis!.url,
          redisPrefix: redis!.prefix,
          dynamodbEndpoint: dynamo!.endpoint,
          accountsTable: dynamo!.table,
        }
      : {}),
    ...overrides,
  };
  const log = recordingLog();
  const server = await startLocalServer(config, log);
  // Cheap scrypt: these tests sign owners up many times; the production cost is tested on its own.
  server.system.deps.scryptCost = { N: 2 ** 10, r: 8, p: 1 };
  return {
    server,
    url: server.url,
    config,
    log,
    async cleanup() {
      await server.close();
      await sql?.cleanup();
      await redis?.cleanup();
      await dynamo?.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Reads the newest link of a kind (verify, reset-password) from the dev outbox page, as a person would: mail
 * is queued, so the page is reloaded until it arrives (3 s at most, unless told).
 */
export async function linkFromDevMail(
  url: string,
  to: string,
  kind: 'verify' | 'reset-password' | 'invitations',
  timeoutMs = 3000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await (await fetch(`${url}/dev/mail`)).text();
    const article = page
      .split('<article>')
      .find((a) => a.includes(`to ${to}`) && a.includes(`/backoffice/${kind}/`));
    const link = article?.match(/href="([^"]+)"/)?.[1];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`No ${kind} link for ${to} in the dev outbox.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
