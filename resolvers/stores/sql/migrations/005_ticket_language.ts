import type { Kysely } from 'kysely';

/** Each ticket remembers the language its person's messages are written in ('en' or 'pt-BR'); older ones English. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tickets')
    .addColumn('language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .execute();
}
