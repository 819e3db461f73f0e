import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Invitations to a venue: an email, the role it will have (a clerk's queues with it), and the link's token by its
 * hash only; single-use (`accepted_at`), expiring (`expires_at`) and revocable (`revoked_at`).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  let table = db.schema
    .createTable('venue_invitations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('venue_id', 'varchar(64)', (c) => c.notNull().references('venues.id').onDelete('cascade'))
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('queue_ids', 'text')
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('invited_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_by', 'varchar(64)')
    .addColumn('revoked_at', 'bigint');
  if (dialect === 'mysql')
    table = table.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  await table.execute();
  await db.schema
    .createIndex('venue_invitations_venue')
    .on('venue_invitations')
    .columns(['venue_id', 'created_at'])
    .execute();
}
