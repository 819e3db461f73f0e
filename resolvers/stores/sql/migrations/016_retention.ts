import type { Kysely } from 'kysely';

/**
 * Retention of waiting people's data: days a venue keeps a finished ticket's name, email and phone
 * (`venues.retention_days`, 30 unless the owner says otherwise), and when a ticket lost them
 * (`tickets.anonymized_at`), with an index to find the next ones per queue without touching live tickets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('venues')
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
  await db.schema.alterTable('tickets').addColumn('anonymized_at', 'bigint').execute();
  await db.schema
    .createIndex('tickets_queue_anonymized_finished')
    .on('tickets')
    .columns(['queue_id', 'anonymized_at', 'finished_at'])
    .execute();
}
