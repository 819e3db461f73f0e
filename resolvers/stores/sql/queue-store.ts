import { sql, type Kysely } from 'kysely';
import type { PaceSample, WaitRange } from '../../domain/estimates';
import { allocate, takenTicket, type JoinOutcome } from '../../domain/join-rules';
import type { Queue, Ticket, TicketStatus, WaitingEntry } from '../../domain/model';
import type {
  AuditEntry,
  AuditFilter,
  GraceTimer,
  NewTicket,
  Page,
  QueueStore,
  QueueTx,
  RecentCall,
  SentMessage,
} from '../../domain/ports';
import { decodeCursor, encodeCursor } from '../../domain/validation';
import type { SqlDatabase, Tables } from './database';
import { auditPage, insertAudit, purgeAuditBefore } from './audit';
import { queuesIn } from './venues';
import { dueGraceTimers } from './grace-timers';
import { anonymizeBatch, eraseTickets, ticketsOfPerson } from './retention';
import { joinInDatabase } from './join-procedure';
import { messageById, messagesOfTickets, recordMessages } from './messages';
import { SqlQueueTx } from './queue-tx';
import { paceOf, TICKET_COLUMNS, toQueue, toTicket } from './rows';

/** Queues and tickets on MySQL/MariaDB or SQLite through one Kysely code path. */
export class SqlQueueStore implements QueueStore {
  private readonly db: Kysely<Tables>;

  constructor(private readonly sql: SqlDatabase) {
    this.db = sql.db;
  }

  async insertQueue(queue: Queue): Promise<void> {
    await this.db
      .insertInto('queues')
      .values({
        id: queue.id,
        owner_id: queue.ownerId,
        name: queue.name,
        description: queue.description,
        called_message: queue.calledMessage,
        status: queue.status,
        self_join: queue.selfJoin ? 1 : 0,
        serve_on_next: queue.serveOnNext ? 1 : 0,
        capacity: queue.capacity,
        alert_ahead: queue.alertAhead,
        message_templates: queue.messageTemplates.length ? JSON.stringify(queue.messageTemplates) : null,
        counters: queue.counters.length ? JSON.stringify(queue.counters) : null,
        one_per_contact: queue.onePerContact ? 1 : 0,
        presence: queue.presence,
        grace_minutes: queue.graceMinutes,
        grace_calls_next: queue.graceCallsNext ? 1 : 0,
        snooze_places: queue.snoozePlaces,
        snooze_limit: queue.snoozeLimit,
        version: queue.version,
        next_number: queue.nextNumber,
        waiting_count: queue.waitingCount,
        waiting_people: queue.waitingPeople,
        now_serving: queue.nowServing,
        last_called_at: queue.lastCalledAt,
        created_at: queue.createdAt,
        updated_at: queue.updatedAt,
        venue_id: queue.venueId,
      })
      .execute();
  }

  async queue(id: string): Promise<Queue | undefined> {
    const row = await this.db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toQueue(row);
  }

  queuesIn(venueIds: string[], queueIds: string[], limit: number, nextToken?: string): Promise<Page<Queue>> {
    return queuesIn(this.db, venueIds, queueIds, limit, nextToken);
  }

  async deleteQueue(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tickets').where('queue_id', '=', id).execute();
      await trx.deleteFrom('call_pace').where('queue_id', '=', id).execute();
      await trx.deleteFrom('ticket_messages').where('queue_id', '=', id).execute();
      await trx.deleteFrom('grace_timers').where('queue_id', '=', id).execute();
      await trx.deleteFrom('queues').where('id', '=', id).execute();
    });
  }

  async inQueueTransaction<T>(queueId: string, work: (tx: QueueTx) => Promise<T>): Promise<T | undefined> {
    const mysql = this.sql.dialect === 'mysql';
    return this.db.transaction().execute(async (trx) => {
      // One row lock per queue serialises its changes across server instances (SQLite serialises writers).
      let lockQuery = trx.selectFrom('queues').selectAll().where('id', '=', queueId);
      if (mysql) lockQuery = lockQuery.forUpdate();
      const row = await lockQuery.executeTakeFirst();
      if (!row) return undefined;
      return work(new SqlQueueTx(trx, toQueue(row), mysql));
    });
  }

  async join(
    queueId: string,
    tickets: NewTicket[],
    at: number,
  ): Promise<{ queue: Queue; outcomes: JoinOutcome[] } | undefined> {
    if (this.sql.dialect === 'mysql') return joinInDatabase(this.db, queueId, tickets, at);
    // SQLite runs in this process: no round trip to save, so the allocation runs here, in the transaction.
    return this.inQueueTransaction(queueId, async (tx) => {
      const live = tx.queue.onePerContact
        ? await tx.liveContacts(
            tickets.flatMap((t) => (t.phone ? [t.phone] : [])),
            tickets.flatMap((t) => (t.email ? [t.email] : [])),
          )
        : new Set<string>();
      const { queue, outcomes } = allocate(tx.queue, tickets, at, live);
      const rows = tickets.flatMap((join, i) => {
        const outcome = outcomes[i]!;
        return 'number' in outcome
          ? [{ ticket: takenTicket(queueId, join, outcome.number, at), tokenHash: join.tokenHash }]
          : [];
      });
      if (rows.length === 0) return { queue, outcomes };
      await tx.insertTickets(rows);
      const { nextNumber, waitingCount, waitingPeople, version, updatedAt } = queue;
      await tx.updateQueue({ nextNumber, waitingCount, waitingPeople, version, updatedAt });
      return { queue, outcomes };
    });
  }

  async recordQuotes(quotes: { ticketId: string; quote: WaitRange }[]): Promise<void> {
    for (let i = 0; i < quotes.length; i += 200) {
      const chunk = quotes.slice(i, i + 200);
      const column = (pick: (q: WaitRange) => number) =>
        sql<number>`CASE id ${sql.join(
          chunk.map(({ ticketId, quote }) => sql`WHEN ${ticketId} THEN ${pick(quote)}`),
          sql` `,
        )} END`;
      await this.db
        .updateTable('tickets')
        .set({ quote_low_s: column((q) => q.lowSeconds), quote_high_s: column((q) => q.highSeconds) })
        .where(
          'id',
          'in',
          chunk.map((q) => q.ticketId),
        )
        .execute();
    }
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toTicket(row);
  }

  async ticketByTokenHash(tokenHash: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && toTicket(row);
  }

  async tickets(
    queueId: string,
    statuses: TicketStatus[] | undefined,
    limit: number,
    nextToken?: string,
  ): Promise<Page<Ticket>> {
    const after = decodeCursor(nextToken, { p: 'number', n: 'number' });
    let query = this.db.selectFrom('tickets').select(TICKET_COLUMNS).where('queue_id', '=', queueId);
    if (statuses) query = query.where('status', 'in', statuses);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('place', '>', after.p as number),
          eb.and([eb('place', '=', after.p as number), eb('number', '>', after.n as number)]),
        ]),
      );
    const rows = await query
      .orderBy('place', 'asc')
      .orderBy('number', 'asc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toTicket);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextToken: encodeCursor({ p: last.place, n: last.number }) }
      : { items };
  }

  async waitingSnapshot(queueId: string): Promise<{ version: number; waiting: WaitingEntry[] } | undefined> {
    // Both reads come from one snapshot (REPEATABLE READ on MySQL, the one connection on SQLite), so the
    // waiting set is exactly the one at that version, without blocking writers.
    let tx = this.db.transaction();
    if (this.sql.dialect === 'mysql') tx = tx.setIsolationLevel('repeatable read');
    return tx.execute(async (trx) => {
      const queue = await trx
        .selectFrom('queues')
        .select('version')
        .where('id', '=', queueId)
        .executeTakeFirst();
      if (!queue) return undefined;
      const rows = await trx
        .selectFrom('tickets')
        .select(['id', 'place'])
        .where('queue_id', '=', queueId)
        .where('status', '=', 'WAITING')
        .orderBy('place', 'asc')
        .execute();
      return {
        version: Number(queue.version),
        waiting: rows.map((r) => ({ ticketId: r.id, place: Number(r.place) })),
      };
    });
  }

  async recentCalls(queueId: string, limit: number): Promise<RecentCall[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['number', 'called_at', 'called_counter'])
      .where('queue_id', '=', queueId)
      .where('called_at', 'is not', null)
      .orderBy('called_at', 'desc')
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      number: Number(r.number),
      calledAt: Number(r.called_at),
      counter: r.called_counter,
    }));
  }

  async countWaitingBefore(queueId: string, place: number): Promise<number> {
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('queue_id', '=', queueId)
      .where('status', '=', 'WAITING')
      .where('place', '<', place)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async pace(queueId: string, slots: number[]): Promise<Map<number, PaceSample[]>> {
    return paceOf(this.db, queueId, slots);
  }

  async ticketsForStats(queueId: string, from: number, to: number): Promise<Ticket[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('queue_id', '=', queueId)
      .where('joined_at', '<', to)
      .where((eb) => eb.or([eb('finished_at', 'is', null), eb('finished_at', '>=', from)]))
      .orderBy('number', 'asc')
      .execute();
    return rows.map(toTicket);
  }

  recordAudit(entry: AuditEntry): Promise<void> {
    return insertAudit(this.db, entry);
  }

  auditLog(
    venueIds: string[],
    filter: AuditFilter,
    limit: number,
    nextToken?: string,
  ): Promise<Page<AuditEntry>> {
    return auditPage(this.db, venueIds, filter, limit, nextToken);
  }

  anonymizeFinished(venueId: string, cutoff: number, at: number, limit: number): Promise<number> {
    return anonymizeBatch(this.db, venueId, cutoff, at, limit);
  }

  ticketsOfPerson(
    venueIds: string[],
    email: string | null,
    phone: string | null,
    limit: number,
  ): Promise<Ticket[]> {
    return ticketsOfPerson(this.db, venueIds, email, phone, limit);
  }

  eraseTickets(ids: string[], at: number): Promise<number> {
    return eraseTickets(this.db, ids, at);
  }

  purgeAudit(before: number, limit: number): Promise<number> {
    return purgeAuditBefore(this.db, before, limit);
  }

  dueGraceTimers(now: number, limit: number): Promise<GraceTimer[]> {
    return dueGraceTimers(this.db, now, limit);
  }

  recordMessages(queueId: string, messages: SentMessage[]): Promise<void> {
    return recordMessages(this.db, this.sql.dialect === 'mysql', queueId, messages);
  }

  messagesOfTickets(queueId: string, ticketIds: string[]): Promise<SentMessage[]> {
    return messagesOfTickets(this.db, queueId, ticketIds);
  }

  message(id: string): Promise<(SentMessage & { queueId: string }) | undefined> {
    return messageById(this.db, id);
  }

  async activeTicketsByPhone(phone: string): Promise<Ticket[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('phone', '=', phone)
      .where('status', 'in', ['WAITING', 'CALLED'])
      .orderBy('joined_at', 'desc')
      .limit(20)
      .execute();
    return rows.map(toTicket);
  }
}
