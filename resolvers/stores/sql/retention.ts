/** The retention job's statements (migration 016): a batch of a venue's finished tickets past their time. */
import type { Kysely } from 'kysely';
import { ANONYMIZED_NAME } from '../../domain/retention';
import type { Tables } from './database';

const FINISHED = ['SERVED', 'NO_SHOW', 'REMOVED', 'LEFT'];

/**
 * Finds up to `limit` ids (by the queue's venue, then tickets_queue_anonymized_finished) and clears those rows
 * only: no queue row is locked, and a waiting or called ticket is never among them.
 */
export async function anonymizeBatch(
  db: Kysely<Tables>,
  venueId: string,
  cutoff: number,
  at: number,
  limit: number,
): Promise<number> {
  const ids = (
    await db
      .selectFrom('tickets as t')
      .innerJoin('queues as q', 'q.id', 't.queue_id')
      .select('t.id')
      .where('q.venue_id', '=', venueId)
      .where('t.anonymized_at', 'is', null)
      .where('t.status', 'in', FINISHED)
      .where('t.finished_at', '<', cutoff)
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('tickets')
    .set({ name: ANONYMIZED_NAME, email: null, phone: null, anonymized_at: at })
    .where('id', 'in', ids)
    .where('anonymized_at', 'is', null)
    .where('status', 'in', FINISHED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
