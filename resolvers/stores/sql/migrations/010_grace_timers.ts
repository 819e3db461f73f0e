import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * The grace after a call: a queue's minutes (`grace_minutes`, null = off) after which an unserved call becomes a
 * no-show, and whether the counter then calls the next person (`grace_calls_next`); one timer per called ticket
 * (`grace_timers`: replaced by a recall, deleted when the call ends), swept by every instance.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('queues').addColumn('grace_minutes', 'integer').execute();
  await db.schema
    .alterTable('queues')
    .addColumn('grace_calls_next', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  let timers = db.schema
    .createTable('grace_timers')
    .addColumn('ticket_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('queue_id', 'varchar(36)', (c) => c.notNull().references('queues.id').onDelete('cascade'))
    .addColumn('called_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull());
  if (dialect === 'mysql')
    timers = timers.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  await timers.execute();
  await db.schema.createIndex('grace_timers_due').on('grace_timers').columns(['due_at']).execute();
}
