/** Deleting an owner's account, the SQL side (migration 017): its schedule, the venues that go with it. */
import type { Kysely } from 'kysely';
import type { AccountDeletion, AccountDeletionStore } from '../../domain/ports';
import type { SqlDatabase, Tables } from './database';

const toDeletion = (row: {
  account_id: string;
  email: string;
  requested_at: number;
  due_at: number;
}): AccountDeletion => ({
  accountId: row.account_id,
  email: row.email,
  requestedAt: Number(row.requested_at),
  dueAt: Number(row.due_at),
});

export class SqlAccountDeletionStore implements AccountDeletionStore {
  private readonly db: Kysely<Tables>;

  constructor(private readonly sql: SqlDatabase) {
    this.db = sql.db;
  }

  async schedule(deletion: AccountDeletion): Promise<{ deletion: AccountDeletion; created: boolean }> {
    const row = {
      account_id: deletion.accountId,
      email: deletion.email,
      requested_at: deletion.requestedAt,
      due_at: deletion.dueAt,
    };
    const insert = this.db.insertInto('account_deletions').values(row);
    const result = await (
      this.sql.dialect === 'mysql' ? insert.ignore() : insert.orIgnore()
    ).executeTakeFirst();
    const created = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    return { deletion: (await this.scheduled(deletion.accountId)) ?? deletion, created };
  }

  async cancel(accountId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('account_deletions')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async scheduled(accountId: string): Promise<AccountDeletion | undefined> {
    const row = await this.db
      .selectFrom('account_deletions')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row && toDeletion(row);
  }

  async due(now: number, limit: number): Promise<AccountDeletion[]> {
    const rows = await this.db
      .selectFrom('account_deletions')
      .selectAll()
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .execute();
    return rows.map(toDeletion);
  }

  async soleOwnedVenues(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('venue_members as m')
      .select('m.venue_id')
      .where('m.account_id', '=', accountId)
      .where('m.role', '=', 'OWNER')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('venue_members as o')
              .select('o.account_id')
              .whereRef('o.venue_id', '=', 'm.venue_id')
              .where('o.role', '=', 'OWNER')
              .where('o.account_id', '<>', accountId),
          ),
        ),
      )
      .orderBy('m.venue_id')
      .execute();
    return rows.map((r) => r.venue_id);
  }

  async contactsOfVenue(venueId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tickets as t')
      .innerJoin('queues as q', 'q.id', 't.queue_id')
      .select(['t.email', 't.phone'])
      .distinct()
      .where('q.venue_id', '=', venueId)
      .where((eb) => eb.or([eb('t.email', 'is not', null), eb('t.phone', 'is not', null)]))
      .execute();
    const invited = await this.db
      .selectFrom('venue_invitations')
      .select('email')
      .distinct()
      .where('venue_id', '=', venueId)
      .execute();
    return [
      ...new Set(
        [...rows.flatMap((r) => [r.email, r.phone]), ...invited.map((i) => i.email)].filter((c) => !!c),
      ),
    ] as string[];
  }

  /** The venue's queue ids, read without locking (every delete below then goes by key or indexed column). */
  private async queueIdsOf(venueId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('queues').select('id').where('venue_id', '=', venueId).execute();
    return rows.map((r) => r.id);
  }

  async deleteVenueRows(venueId: string, limit: number): Promise<number> {
    const queueIds = await this.queueIdsOf(venueId);
    const tickets = queueIds.length
      ? await this.db
          .selectFrom('tickets')
          .select(['id', 'queue_id'])
          .where('queue_id', 'in', queueIds)
          .limit(limit)
          .execute()
      : [];
    if (tickets.length)
      return this.db.transaction().execute(async (trx) => {
        const byQueue = new Map<string, string[]>();
        for (const t of tickets) byQueue.set(t.queue_id, [...(byQueue.get(t.queue_id) ?? []), t.id]);
        for (const [queueId, ids] of byQueue)
          await trx
            .deleteFrom('ticket_messages')
            .where('queue_id', '=', queueId)
            .where('ticket_id', 'in', ids)
            .execute();
        const ids = tickets.map((t) => t.id);
        await trx.deleteFrom('grace_timers').where('ticket_id', 'in', ids).execute();
        const result = await trx.deleteFrom('tickets').where('id', 'in', ids).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    const audit = await this.db
      .selectFrom('audit_log')
      .select('id')
      .where('venue_id', '=', venueId)
      .limit(limit)
      .execute();
    if (audit.length === 0) return 0;
    const result = await this.db
      .deleteFrom('audit_log')
      .where(
        'id',
        'in',
        audit.map((a) => a.id),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteVenue(venueId: string): Promise<void> {
    const queueIds = await this.queueIdsOf(venueId);
    await this.db.transaction().execute(async (trx) => {
      if (queueIds.length) {
        for (const table of ['tickets', 'call_pace', 'ticket_messages', 'grace_timers'] as const)
          await trx.deleteFrom(table).where('queue_id', 'in', queueIds).execute();
        await trx.deleteFrom('queues').where('id', 'in', queueIds).execute();
      }
      await trx.deleteFrom('venue_members').where('venue_id', '=', venueId).execute();
      await trx.deleteFrom('venue_invitations').where('venue_id', '=', venueId).execute();
      await trx.deleteFrom('audit_log').where('venue_id', '=', venueId).execute();
      await trx.deleteFrom('venues').where('id', '=', venueId).execute();
    });
  }

  async forget(deletion: AccountDeletion): Promise<void> {
    // By key: invitations have no index by email, and a scan in the transaction would lock every venue's.
    const invited = await this.db
      .selectFrom('venue_invitations')
      .select('id')
      .where('email', '=', deletion.email)
      .execute();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('venue_members').where('account_id', '=', deletion.accountId).execute();
      if (invited.length)
        await trx
          .deleteFrom('venue_invitations')
          .where(
            'id',
            'in',
            invited.map((i) => i.id),
          )
          .execute();
      await trx.deleteFrom('account_deletions').where('account_id', '=', deletion.accountId).execute();
    });
  }
}
