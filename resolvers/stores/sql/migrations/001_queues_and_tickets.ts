import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/** Queues and tickets. Times are epoch milliseconds (BIGINT) on both dialects; all text is utf8mb4. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const charset = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    dialect === 'mysql'
      ? builder.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
      : builder;

  await charset(
    db.schema
      .createTable('queues')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('owner_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(128)', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('called_message', 'text')
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('self_join', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('next_number', 'integer', (c) => c.notNull())
      .addColumn('waiting_count', 'integer', (c) => c.notNull())
      .addColumn('now_serving', 'integer')
      .addColumn('last_called_at', 'bigint')
      .addColumn('call_interval_ms', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('queues_owner_created')
    .on('queues')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();

  await charset(
    db.schema
      .createTable('tickets')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('queue_id', 'varchar(36)', (c) => c.notNull().references('queues.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('name', 'varchar(128)', (c) => c.notNull())
      .addColumn('email', 'varchar(254)')
      .addColumn('phone', 'varchar(32)')
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('source', 'varchar(8)', (c) => c.notNull())
      .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
      .addColumn('joined_at', 'bigint', (c) => c.notNull())
      .addColumn('called_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addUniqueConstraint('tickets_queue_number', ['queue_id', 'number']),
  ).execute();
  await db.schema
    .createIndex('tickets_queue_status_number')
    .on('tickets')
    .columns(['queue_id', 'status', 'number'])
    .execute();
  await db.schema
    .createIndex('tickets_queue_joined')
    .on('tickets')
    .columns(['queue_id', 'joined_at'])
    .execute();
}
