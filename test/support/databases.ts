import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openSqlDatabase, type SqlDatabase } from '../../resolvers/stores/sql/database';
import { migrateToLatest } from '../../resolvers/stores/sql/migrate';
import { TEST_MYSQL_URL } from './services';

export interface TestSql {
  sql: SqlDatabase;
  location: string;
  /** Drops the database (MariaDB) or deletes the file (SQLite). */
  cleanup(): Promise<void>;
}

/** A fresh, migrated MariaDB database of its own for one test file. */
export async function freshMysql(
  options: { poolSize?: number; upTo?: Parameters<typeof migrateToLatest>[1] } = {},
): Promise<TestSql> {
  const name = `qm_test_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: TEST_MYSQL_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const location = `${TEST_MYSQL_URL.replace(/\/$/, '')}/${name}`;
  const sql = openSqlDatabase(location, options);
  await migrateToLatest(sql, options.upTo);
  return {
    sql,
    location,
    async cleanup() {
      await sql.destroy();
      const again = await createConnection({ uri: TEST_MYSQL_URL });
      await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await again.end();
    },
  };
}

/** A fresh, migrated SQLite file of its own for one test file. */
export async function freshSqlite(
  options: { upTo?: Parameters<typeof migrateToLatest>[1] } = {},
): Promise<TestSql> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-sqlite-'));
  const location = join(dir, 'queue-manager.sqlite');
  const sql = openSqlDatabase(location);
  await migrateToLatest(sql, options.upTo);
  return {
    sql,
    location,
    async cleanup() {
      await sql.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
