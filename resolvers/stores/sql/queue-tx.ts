import type { Transaction } from 'kysely';
import type { PaceSample } from '../../domain/estimates';
import type { Queue, Ticket } from '../../domain/model';
import type { Membership } from '../../domain/roles';
import type {
  AuditEntry,
  GraceTimer,
  QueuePatch,
  QueueTx,
  SentMessage,
  TicketPatch,
} from '../../domain/ports';
import type { Tables } from './database';
import { insertAudit } from './audit';
import { membershipOf } from './venues';
import { recordMessages } from './messages';
import { paceOf, queueColumns, TICKET_COLUMNS, ticketColumns, toTicket } from './rows';

/** Reads and writes inside one queue's transaction, its row locked (SqlQueueStore.inQueueTransaction). */
export class SqlQueueTx implements QueueTx {
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
      .orderBy('place', 'asc')
      .limit(1);
    // Locking reads see the latest committed rows whatever the isolation level.
    if (this.mysql) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toTicket(row);
  }

  async liveContacts(phones: string[], emails: string[]): Promise<Set<string>> {
    if (phones.length === 0 && emails.length === 0) return new Set();
    const rows = await this.trx
      .selectFrom('tickets')
      .select(['phone', 'email'])
      .where('queue_id', '=', this.queue.id)
      .where('status', 'in', ['WAITING', 'CALLED'])
      .where((eb) =>
        eb.or([
          ...(phones.length ? [eb('phone', 'in', phones)] : []),
          ...(emails.length ? [eb('email', 'in', emails)] : []),
        ]),
      )
      .execute();
    const live = new Set<string>();
    for (const r of rows) {
      if (r.phone && phones.includes(r.phone)) live.add(`p:${r.phone}`);
      if (r.email && emails.includes(r.email)) live.add(`e:${r.email}`);
    }
    return live;
  }

  async waitingAt(position: number): Promise<Ticket | undefined> {
    const row = await this.trx
      .selectFrom('tickets')
      .select(TICKET_COLUMNS)
      .where('queue_id', '=', this.queue.id)
      .where('status', '=', 'WAITING')
      .orderBy('place', 'asc')
      .limit(1)
      .offset(position - 1)
      .executeTakeFirst();
    return row && toTicket(row);
  }

  async waitingBefore(place: number): Promise<number> {
    const row = await this.trx
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('queue_id', '=', this.queue.id)
      .where('status', '=', 'WAITING')
      .where('place', '<', place)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async renumberWaiting(): Promise<void> {
    const rows = await this.trx
      .selectFrom('tickets')
      .select(['id', 'number', 'place'])
      .where('queue_id', '=', this.queue.id)
      .where('status', '=', 'WAITING')
      .orderBy('place', 'asc')
      .execute();
    const numbers = rows.map((r) => Number(r.number)).sort((a, b) => a - b);
    for (const [i, row] of rows.entries())
      if (Number(row.place) !== numbers[i]) await this.updateTicket(row.id, { place: numbers[i]! });
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
            language: ticket.language,
            almost_at: ticket.almostAt,
            called_counter: ticket.counter,
            party_size: ticket.partySize,
            moved_place: ticket.place === ticket.number ? null : ticket.place,
            snoozes: ticket.snoozes,
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

  async startGrace(timer: GraceTimer): Promise<void> {
    const row = {
      ticket_id: timer.ticketId,
      queue_id: this.queue.id,
      called_at: timer.calledAt,
      due_at: timer.dueAt,
    };
    const insert = this.trx.insertInto('grace_timers').values(row);
    const update = { called_at: row.called_at, due_at: row.due_at };
    await (
      this.mysql
        ? insert.onDuplicateKeyUpdate(update)
        : insert.onConflict((oc) => oc.column('ticket_id').doUpdateSet(update))
    ).execute();
  }

  async endGrace(ticketId: string): Promise<void> {
    await this.trx
      .deleteFrom('grace_timers')
      .where('ticket_id', '=', ticketId)
      .where('queue_id', '=', this.queue.id)
      .execute();
  }

  membership(accountId: string): Promise<Membership | undefined> {
    return membershipOf(this.trx, this.queue.venueId, accountId);
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await insertAudit(this.trx, entry);
  }

  async recordMessages(messages: SentMessage[]): Promise<void> {
    await recordMessages(this.trx, this.mysql, this.queue.id, messages);
  }
}
