/** Retention and erasure (migration 016): finished tickets past their time, and one person's tickets. */
import { sql, type Kysely } from 'kysely';
import { ANONYMIZED_NAME } from '../../domain/retention';
import type { Ticket } from '../../domain/model';
import type { Tables } from './database';
import { TICKET_COLUMNS, toTicket } from './rows';

const FINISHED = ['SERVED', 'NO_SHOW', 'REMOVED', 'LEFT'];
const DAY_MS = 24 * 60 * 60 * 1000;

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

/** A person's tickets in these venues' queues, by email or phone (lower-cased email, E.164 phone), oldest first. */
export async function ticketsOfPerson(
  db: Kysely<Tables>,
  venueIds: string[],
  email: string | null,
  phone: string | null,
  limit: number,
): Promise<Ticket[]> {
  if (venueIds.length === 0 || (!email && !phone)) return [];
  const rows = await db
    .selectFrom('tickets as t')
    .innerJoin('queues as q', 'q.id', 't.queue_id')
    .select(TICKET_COLUMNS.map((c) => `t.${c}` as const))
    .where('q.venue_id', 'in', venueIds)
    .where((eb) =>
      eb.or([...(email ? [eb('t.email', '=', email)] : []), ...(phone ? [eb('t.phone', '=', phone)] : [])]),
    )
    .orderBy('t.joined_at')
    .limit(limit)
    .execute();
  return rows.map(toTicket);
}

/** Erasure: the tickets lose name, email and phone, whatever their status (live ones were removed first). */
export async function eraseTickets(db: Kysely<Tables>, ids: string[], at: number): Promise<number> {
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const result = await db
      .updateTable('tickets')
      .set({ name: ANONYMIZED_NAME, email: null, phone: null, anonymized_at: at })
      .where('id', 'in', ids.slice(i, i + 500))
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}

/**
 * Deletes up to `limit` invitations that ended (accepted, revoked or expired) longer ago than their venue's
 * retention: the address they were sent to goes with them. How many.
 */
export async function purgeInvitationsBatch(db: Kysely<Tables>, now: number, limit: number): Promise<number> {
  const cutoff = sql<number>`${now} - v.retention_days * ${DAY_MS}`;
  const ids = (
    await db
      .selectFrom('venue_invitations as i')
      .innerJoin('venues as v', 'v.id', 'i.venue_id')
      .select('i.id')
      .where((eb) =>
        eb.or([
          eb('i.accepted_at', '<', cutoff),
          eb('i.revoked_at', '<', cutoff),
          eb.and([
            eb('i.accepted_at', 'is', null),
            eb('i.revoked_at', 'is', null),
            eb('i.expires_at', '<', cutoff),
          ]),
        ]),
      )
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('venue_invitations').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}
