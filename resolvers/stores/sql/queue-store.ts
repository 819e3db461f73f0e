import type { Kysely } from 'kysely';
import type { PaceSample } from '../../domain/estimates';
import type { Queue, Ticket, TicketStatus, WaitingEntry } from '../../domain/model';
import type { Page, QueueStore, QueueTx } from '../../domain/ports';
import { decodeCursor, encodeCursor } from '../../domain/validation';
import type { SqlDatabase, Tables } from './database';
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
        version: queue.version,
        next_number: queue.nextNumber,
        waiting_count: queue.waitingCount,
        now_serving: queue.nowServing,
        last_called_at: queue.lastCalledAt,
        created_at: queue.createdAt,
        updated_at: queue.updatedAt,
      })
      .execute();
  }

  async queue(id: string): Promise<Queue | undefined> {
    const row = await this.db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toQueue(row);
  }

  async queuesOfOwner(ownerId: string, limit: number, nextToken?: string): Promise<Page<Queue>> {
    const after = decodeCursor(nextToken, { c: 'number', i: 'string' });
    let query = this.db.selectFrom('queues').selectAll().where('owner_id', '=', ownerId);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.c as number),
          eb.and([eb('created_at', '=', after.c as number), eb('id', '<', after.i as string)]),
        ]),
      );
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toQueue);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextToken: encodeCursor({ c: last.createdAt, i: last.id }) }
      : { items };
  }

  async deleteQueue(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tickets').where('queue_id', '=', id).execute();
      await trx.deleteFrom('call_pace').where('queue_id', '=', id).execute();
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
    const after = decodeCursor(nextToken, { n: 'number' });
    let query = this.db.selectFrom('tickets').select(TICKET_COLUMNS).where('queue_id', '=', queueId);
    if (statuses) query = query.where('status', 'in', statuses);
    if (after) query = query.where('number', '>', after.n as number);
    const rows = await query
      .orderBy('number', 'asc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toTicket);
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, nextToken: encodeCursor({ n: last.number }) } : { items };
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
        .select(['id', 'number'])
        .where('queue_id', '=', queueId)
        .where('status', '=', 'WAITING')
        .orderBy('number', 'asc')
        .execute();
      return {
        version: Number(queue.version),
        waiting: rows.map((r) => ({ ticketId: r.id, number: Number(r.number) })),
      };
    });
  }

  async recentCalls(queueId: string, limit: number): Promise<{ number: number; calledAt: number }[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['number', 'called_at'])
      .where('queue_id', '=', queueId)
      .where('called_at', 'is not', null)
      .orderBy('called_at', 'desc')
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ number: Number(r.number), calledAt: Number(r.called_at) }));
  }

  async countWaitingBefore(queueId: string, number: number): Promise<number> {
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('queue_id', '=', queueId)
      .where('status', '=', 'WAITING')
      .where('number', '<', number)
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
}
