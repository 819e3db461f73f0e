import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Wait estimates from call history: each queue's pace samples per hour-of-week slot (and one slot of recent
 * ones), as JSON; each ticket keeps the range it was quoted when it joined. The moving average they replace
 * goes.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  let pace = db.schema
    .createTable('call_pace')
    .addColumn('queue_id', 'varchar(36)', (c) => c.notNull().references('queues.id').onDelete('cascade'))
    .addColumn('slot', 'smallint', (c) => c.notNull())
    .addColumn('samples', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_pace_pk', ['queue_id', 'slot']);
  if (dialect === 'mysql')
    pace = pace.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  await pace.execute();
  await db.schema.alterTable('tickets').addColumn('quote_low_s', 'integer').execute();
  await db.schema.alterTable('tickets').addColumn('quote_high_s', 'integer').execute();
  await db.schema.alterTable('queues').dropColumn('call_interval_ms').execute();
}
