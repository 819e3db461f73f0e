import type { Kysely } from 'kysely';

/**
 * Counters (desks) calling a queue in parallel: the queue's counters (JSON `[{id, name}]`, null = none) and,
 * on each ticket, the name of the counter it was last called to (kept as it was then, like a receipt).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('queues').addColumn('counters', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('called_counter', 'varchar(64)').execute();
}
