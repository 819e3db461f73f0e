import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Venues and who works there. A venue (`venues`) holds queues (`queues.venue_id`); an account's role at a venue
 * (`venue_members`: OWNER, MANAGER or CLERK, a clerk with the queues assigned to them) decides what it may do
 * there. Every account that owns queues gets its default venue, whose id is the account's id, with the account
 * as its OWNER, and its queues move into it — additions only, so the previous code keeps running during a
 * deploy and nothing is lost.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const utf8 = (t: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    dialect === 'mysql'
      ? t.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
      : t;
  await utf8(
    db.schema
      .createTable('venues')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(128)', (c) => c.notNull())
      .addColumn('address', 'varchar(500)')
      .addColumn('time_zone', 'varchar(64)', (c) => c.notNull().defaultTo('America/Sao_Paulo'))
      .addColumn('language', 'varchar(8)', (c) => c.notNull().defaultTo('pt-BR'))
      .addColumn('created_at', 'bigint', (c) => c.notNull()),
  ).execute();
  await utf8(
    db.schema
      .createTable('venue_members')
      .addColumn('venue_id', 'varchar(64)', (c) => c.notNull().references('venues.id').onDelete('cascade'))
      .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('role', 'varchar(16)', (c) => c.notNull())
      // A clerk's queues, as a JSON list of ids; null for owners and managers (every queue of the venue).
      .addColumn('queue_ids', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('venue_members_pk', ['venue_id', 'account_id']),
  ).execute();
  await db.schema.createIndex('venue_members_account').on('venue_members').column('account_id').execute();
  await db.schema.alterTable('queues').addColumn('venue_id', 'varchar(64)').execute();
  await db.schema
    .createIndex('queues_venue_created')
    .on('queues')
    .columns(['venue_id', 'created_at', 'id'])
    .execute();

  // Each owner of queues: a default venue (the account's id), the owner in it, and its queues moved in.
  await sql`INSERT INTO venues (id, name, created_at)
    SELECT owner_id, 'Default venue', MIN(created_at) FROM queues GROUP BY owner_id`.execute(db);
  await sql`INSERT INTO venue_members (venue_id, account_id, role, created_at)
    SELECT id, id, 'OWNER', created_at FROM venues`.execute(db);
  await sql`UPDATE queues SET venue_id = owner_id WHERE venue_id IS NULL`.execute(db);
}
