import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Messages to waiting people beyond the call: a queue's "almost your turn" distance (`alert_ahead`, null = off)
 * and its own message templates (JSON, null = the defaults); when each ticket was sent its one pre-alert
 * (`almost_at`); the messages each ticket was sent (`ticket_messages`: which channel and kind, never an address
 * or a body; their delivery state lives in the delivery log); and an index to find a ticket by the phone
 * number a reply came from.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('queues').addColumn('alert_ahead', 'integer').execute();
  await db.schema.alterTable('queues').addColumn('message_templates', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('almost_at', 'bigint').execute();
  await db.schema.createIndex('tickets_phone').on('tickets').columns(['phone', 'status']).execute();
  let messages = db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'varchar(160)', (c) => c.primaryKey())
    .addColumn('queue_id', 'varchar(36)', (c) => c.notNull().references('queues.id').onDelete('cascade'))
    .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull());
  // As every table: utf8mb4 whatever the server's default (a foreign key needs the same character set).
  if (dialect === 'mysql')
    messages = messages.modifyEnd(sql` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  await messages.execute();
  await db.schema
    .createIndex('ticket_messages_ticket')
    .on('ticket_messages')
    .columns(['queue_id', 'ticket_id'])
    .execute();
}
