import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  Queue,
  QueueStatus,
  Ticket,
  TicketSource,
  TicketStatus,
  WaitingEntry,
} from '../../domain/model';
import type { PaceSample } from '../../domain/estimates';
import type { Page, QueuePatch, QueueStore, QueueTx, TicketPatch } from '../../domain/ports';
import { decodeCursor, encodeCursor } from '../../domain/validation';
import type { QueuesTable, SqlDatabase, Tables, TicketsTable } from './database';

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toQueue(row: Selectable<QueuesTable>): Queue {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    calledMessage: row.called_message,
    status: row.status as QueueStatus,
    selfJoin: Number(row.self_join) === 1,
    serveOnNext: Number(row.serve_on_next) === 1,
    capacity: nullableNumber(row.capacity),
    version: Number(row.version),
    nextNumber: Number(row.next_number),
    waitingCount: Number(row.waiting_count),
    nowServing: nullableNumber(row.now_serving),
    lastCalledAt: nullableNumber(row.last_called_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const TICKET_COLUMNS = [
  'id',
  'queue_id',
  'number',
  'name',
  'email',
  'phone',
  'status',
  'source',
  'joined_at',
  'called_at',
  'finished_at',
  'quote_low_s',
  'quote_high_s',
] as const;

function toTicket(row: Omit<Selectable<TicketsTable>, 'token_hash'>): Ticket {
  return {
    id: row.id,
    queueId: row.queue_id,
    number: Number(row.number),
    name: row.name,
    email: row.email,
    phone: row.phone,
    status: row.status as TicketStatus,
    source: row.source as TicketSource,
    joinedAt: Number(row.joined_at),
    calledAt: nullableNumber(row.called_at),
    finishedAt: nullableNumber(row.finished_at),
    quote:
      row.quote_low_s === null || row.quote_high_s === null
        ? null
        : { lowSeconds: Number(row.quote_low_s), highSeconds: Number(row.quote_high_s) },
  };
}

/** Rows of call_pace as slots and their samples; unreadable JSON counts as no samples (estimates are advisory). */
function toPace(rows: { slot: number; samples: string }[]): Map<number, PaceSample[]> {
  const out = new Map<number, PaceSample[]>();
  for (const row of rows) {
    try {
      const samples: unknown = JSON.parse(row.samples);
      if (Array.isArray(samples)) out.set(Number(row.slot), samples as PaceSample[]);
    } catch {
      // left out
    }
  }
  return out;
}

function queueColumns(patch: QueuePatch): Partial<QueuesTable> {
  const out: Partial<QueuesTable> = {};
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.description !== undefined) out.description = patch.description;
  if (patch.calledMessage !== undefined) out.called_message = patch.calledMessage;
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.selfJoin !== undefined) out.self_join = patch.selfJoin ? 1 : 0;
  if (patch.serveOnNext !== undefined) out.serve_on_next = patch.serveOnNext ? 1 : 0;
  if (patch.capacity !== undefined) out.capacity = patch.capacity;
  if (patch.version !== undefined) out.version = patch.version;
  if (patch.nextNumber !== undefined) out.next_number = patch.nextNumber;
  if (patch.waitingCount !== undefined) out.waiting_count = patch.waitingCount;
  if (patch.nowServing !== undefined) out.now_serving = patch.nowServing;
  if (patch.lastCalledAt !== undefined) out.last_called_at = patch.lastCalledAt;
  if (patch.updatedAt !== undefined) out.updated_at = patch.updatedAt;
  return out;
}

function ticketColumns(patch: TicketPatch): Partial<TicketsTable> {
  const out: Partial<TicketsTable> = {};
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.calledAt !== undefined) out.called_at = patch.calledAt;
  if (patch.finishedAt !== undefined) out.finished_at = patch.finishedAt;
  return out;
}

async function paceOf(
  db: Kysely<Tables>,
  queueId: string,
  slots: number[],
): Promise<Map<number, PaceSample[]>> {
  if (slots.length === 0) return new Map();
  const rows = await db
    .selectFrom('call_pace')
    .select(['slot', 'samples'])
    .where('queue_id', '=', queueId)
    .where('slot', 'in', slots)
    .execute();
  return toPace(rows);
}

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

class SqlQueueTx implements QueueTx {
  constructor(
    private readonly trx: Transaction<Tables>,
    readonly queue: Queue,
    private readonly mysql: boolean,
  ) {}

  async firstWaiting(): Promise<Ticket | undefined> {
    let query = this.trx
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('queue_id', '=', this.queue.id)
      .where('status', '=', 'WAITING')
      .orderBy('number', 'asc')
      .limit(1);
    // Locking reads see the latest committed rows whatever the isolation level.
    if (this.mysql) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toTicket(row);
  }

  async calledTickets(): Promise<Ticket[]> {
    let query = this.trx
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('queue_id', '=', this.queue.id)
      .where('status', '=', 'CALLED')
      .orderBy('number', 'asc');
    if (this.mysql) query = query.forUpdate();
    return (await query.execute()).map(toTicket);
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    let query = this.trx
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('id', '=', id)
      .where('queue_id', '=', this.queue.id);
    if (this.mysql) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toTicket(row);
  }

  async insertTickets(tickets: { ticket: Ticket; tokenHash: string }[]): Promise<void> {
    // 500 rows a statement stays under SQLite's and MySQL's parameter limits.
    for (let i = 0; i < tickets.length; i += 500) {
      await this.trx
        .insertInto('tickets')
        .values(
          tickets.slice(i, i + 500).map(({ ticket, tokenHash }) => ({
            id: ticket.id,
            queue_id: ticket.queueId,
            number: ticket.number,
            name: ticket.name,
            email: ticket.email,
            phone: ticket.phone,
            status: ticket.status,
            source: ticket.source,
            token_hash: tokenHash,
            joined_at: ticket.joinedAt,
            called_at: ticket.calledAt,
            finished_at: ticket.finishedAt,
            quote_low_s: ticket.quote?.lowSeconds ?? null,
            quote_high_s: ticket.quote?.highSeconds ?? null,
          })),
        )
        .execute();
    }
  }

  async pace(slots: number[]): Promise<Map<number, PaceSample[]>> {
    return paceOf(this.trx, this.queue.id, slots);
  }

  async savePace(slot: number, samples: PaceSample[]): Promise<void> {
    const row = { queue_id: this.queue.id, slot, samples: JSON.stringify(samples) };
    const insert = this.trx.insertInto('call_pace').values(row);
    await (
      this.mysql
        ? insert.onDuplicateKeyUpdate({ samples: row.samples })
        : insert.onConflict((oc) => oc.columns(['queue_id', 'slot']).doUpdateSet({ samples: row.samples }))
    ).execute();
  }

  async replaceTokenHash(id: string, tokenHash: string): Promise<void> {
    await this.trx
      .updateTable('tickets')
      .set({ token_hash: tokenHash })
      .where('id', '=', id)
      .where('queue_id', '=', this.queue.id)
      .execute();
  }

  async updateTicket(id: string, patch: TicketPatch): Promise<void> {
    const columns = ticketColumns(patch);
    if (Object.keys(columns).length === 0) return;
    await this.trx
      .updateTable('tickets')
      .set(columns)
      .where('id', '=', id)
      .where('queue_id', '=', this.queue.id)
      .execute();
  }

  async updateQueue(patch: QueuePatch): Promise<void> {
    const columns = queueColumns(patch);
    if (Object.keys(columns).length === 0) return;
    await this.trx.updateTable('queues').set(columns).where('id', '=', this.queue.id).execute();
  }
}
