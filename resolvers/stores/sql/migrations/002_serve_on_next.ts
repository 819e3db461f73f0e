import type { Kysely } from 'kysely';

/** Queues choose whether calling the next person marks whoever is still called as served; existing ones do. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('queues')
    .addColumn('serve_on_next', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
