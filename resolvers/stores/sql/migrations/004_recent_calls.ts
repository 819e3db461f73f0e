import type { Kysely } from 'kysely';

/** The venue display reads a queue's last calls: newest first, without scanning the queue's tickets. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_queue_called')
    .on('tickets')
    .columns(['queue_id', 'called_at'])
    .execute();
}
