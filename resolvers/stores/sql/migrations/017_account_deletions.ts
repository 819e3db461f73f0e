import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Accounts their owners asked to delete: when it was asked, when the grace period ends (the sweeper deletes it
 * then), and the account's email, so a deletion interrupted after the accounts table forgot it can still
 * remove the invitations sent to that address. The row is the last thing a deletion removes.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  let table = db.schema
    .createTable('account_deletions')
    .addColumn('account_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull());
  if (dialect === 'mysql')
    table = table.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  await table.execute();
  await db.schema.createIndex('account_deletions_due').on('account_deletions').columns(['due_at']).execute();
}
