/** The records of messages sent to tickets (ticket_messages, migration 007): what QueueStore and QueueTx share. */
import { sql, type Kysely } from 'kysely';
import type { MessageChannel, MessageKind } from '../../domain/messages';
import type { SentMessage } from '../../domain/ports';
import type { Tables, TicketMessagesTable } from './database';

const toSent = (row: TicketMessagesTable): SentMessage => ({
  id: row.id,
  ticketId: row.ticket_id,
  channel: row.channel as MessageChannel,
  kind: row.kind as MessageKind,
  createdAt: Number(row.created_at),
});

/** Inserts the records; an id already recorded (a message sent again under its id) stays as it was. */
export async function recordMessages(
  db: Kysely<Tables>,
  mysql: boolean,
  queueId: string,
  messages: SentMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const insert = db.insertInto('ticket_messages').values(
    messages.map((m) => ({
      id: m.id,
      queue_id: queueId,
      ticket_id: m.ticketId,
      channel: m.channel,
      kind: m.kind,
      created_at: m.createdAt,
    })),
  );
  // Not INSERT IGNORE: that would also turn a real error (a truncated value) into a warning.
  await (
    mysql
      ? insert.onDuplicateKeyUpdate({ id: sql`id` })
      : insert.onConflict((oc) => oc.column('id').doNothing())
  ).execute();
}

export async function messagesOfTickets(
  db: Kysely<Tables>,
  queueId: string,
  ticketIds: string[],
): Promise<SentMessage[]> {
  if (ticketIds.length === 0) return [];
  const rows = await db
    .selectFrom('ticket_messages')
    .selectAll()
    .where('queue_id', '=', queueId)
    .where('ticket_id', 'in', ticketIds)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toSent);
}

export async function messageById(
  db: Kysely<Tables>,
  id: string,
): Promise<(SentMessage & { queueId: string }) | undefined> {
  const row = await db.selectFrom('ticket_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...toSent(row), queueId: row.queue_id };
}
