/** Grace timers (grace_timers, migration 010): the due ones, for QueueStore; QueueTx starts and ends them. */
import type { Kysely } from 'kysely';
import type { GraceTimer } from '../../domain/ports';
import type { Tables } from './database';

export async function dueGraceTimers(db: Kysely<Tables>, now: number, limit: number): Promise<GraceTimer[]> {
  const rows = await db
    .selectFrom('grace_timers')
    .selectAll()
    .where('due_at', '<=', now)
    .orderBy('due_at', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    queueId: r.queue_id,
    calledAt: Number(r.called_at),
    dueAt: Number(r.due_at),
  }));
}
