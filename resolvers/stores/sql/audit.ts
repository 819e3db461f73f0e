/** The audit log's rows (audit_log, migration 013): written by QueueStore and QueueTx, read and purged by the store. */
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditFilter, AuditOperation, Page } from '../../domain/ports';
import { decodeCursor, encodeCursor } from '../../domain/validation';
import type { AuditLogTable, Tables } from './database';

const toEntry = (row: Selectable<AuditLogTable>): AuditEntry => ({
  id: row.id,
  venueId: row.venue_id,
  at: Number(row.at),
  accountId: row.account_id,
  operation: row.operation as AuditOperation,
  queueId: row.queue_id,
  queueName: row.queue_name,
  ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
  detail: row.detail,
  requestId: row.request_id,
});

export async function insertAudit(db: Kysely<Tables>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: e.id,
      venue_id: e.venueId,
      at: e.at,
      account_id: e.accountId,
      operation: e.operation,
      queue_id: e.queueId,
      queue_name: e.queueName,
      ticket_number: e.ticketNumber,
      detail: e.detail,
      request_id: e.requestId,
    })
    .execute();
}

/** Newest first, by (at, id) so entries of one millisecond page without gaps or repeats. */
export async function auditPage(
  db: Kysely<Tables>,
  venueIds: string[],
  filter: AuditFilter,
  limit: number,
  nextToken?: string,
): Promise<Page<AuditEntry>> {
  if (venueIds.length === 0) return { items: [] };
  const after = decodeCursor(nextToken, { a: 'number', i: 'string' });
  let query = db.selectFrom('audit_log').selectAll().where('venue_id', 'in', venueIds);
  if (filter.from !== null) query = query.where('at', '>=', filter.from);
  if (filter.to !== null) query = query.where('at', '<', filter.to);
  if (filter.queueId !== null) query = query.where('queue_id', '=', filter.queueId);
  if (filter.operation !== null) query = query.where('operation', '=', filter.operation);
  if (filter.accountId !== null) query = query.where('account_id', '=', filter.accountId);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('at', '<', after.a as number),
        eb.and([eb('at', '=', after.a as number), eb('id', '<', after.i as string)]),
      ]),
    );
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toEntry);
  const last = items.at(-1);
  return rows.length > limit && last
    ? { items, nextToken: encodeCursor({ a: last.at, i: last.id }) }
    : { items };
}

/** Deletes up to `limit` of the oldest entries before `before` (by the `at` index; one short statement). */
export async function purgeAuditBefore(db: Kysely<Tables>, before: number, limit: number): Promise<number> {
  const ids = (
    await db
      .selectFrom('audit_log')
      .select('id')
      .where('at', '<', before)
      .orderBy('at')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('audit_log').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}
