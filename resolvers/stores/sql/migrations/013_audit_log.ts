import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * The audit log: one row per staff action and settings change — who (account), what (operation, queue, ticket
 * number), when, from which request. Kept by venue (an account's queues are its default venue, whose id is the
 * account's id, until venues exist); no foreign key, so entries outlive a deleted queue until their retention
 * ends. No personal data of waiting people: a ticket appears by its number only; `detail` says which status,
 * which settings (their names, not their values) or which counter.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  let table = db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('venue_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('operation', 'varchar(32)', (c) => c.notNull())
    .addColumn('queue_id', 'varchar(36)')
    .addColumn('queue_name', 'varchar(128)')
    .addColumn('ticket_number', 'integer')
    .addColumn('detail', 'varchar(255)')
    .addColumn('request_id', 'varchar(64)');
  if (dialect === 'mysql')
    table = table.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  await table.execute();
  await db.schema
    .createIndex('audit_log_venue_at')
    .on('audit_log')
    .columns(['venue_id', 'at', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
}
