import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Moves in the waiting line: a ticket's place in it (`tickets.place`, generated: its `moved_place` when it was
 * moved — moved back by its holder, or put back by staff — else its number) orders the line, so a move rewrites
 * one row and joins (the procedure) go on writing numbers only. How far and how often a person may move back
 * (`queues.snooze_places`, null = not at all; `queues.snooze_limit` per ticket) and how often each ticket did
 * (`tickets.snoozes`).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('moved_place', 'double precision').execute();
  await (
    dialect === 'mysql'
      ? sql`ALTER TABLE tickets ADD COLUMN place DOUBLE AS (COALESCE(moved_place, number)) VIRTUAL`
      : sql`ALTER TABLE tickets ADD COLUMN place REAL GENERATED ALWAYS AS (COALESCE(moved_place, number)) VIRTUAL`
  ).execute(db);
  await db.schema
    .alterTable('tickets')
    .addColumn('snoozes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('tickets_queue_status_place')
    .on('tickets')
    .columns(['queue_id', 'status', 'place'])
    .execute();
  await db.schema.alterTable('queues').addColumn('snooze_places', 'integer').execute();
  await db.schema
    .alterTable('queues')
    .addColumn('snooze_limit', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
