/** How queues, tickets and pace samples map to rows: the one place that knows the column names. */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { PaceSample } from '../../domain/estimates';
import type { MessageTemplate } from '../../domain/messages';
import type { PresenceRotation } from '../../domain/presence';
import type { Counter, Queue, QueueStatus, Ticket, TicketSource, TicketStatus } from '../../domain/model';
import type { QueuePatch, TicketPatch } from '../../domain/ports';
import type { QueuesTable, Tables, TicketsTable } from './database';

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toQueue(row: Selectable<QueuesTable>): Queue {
  return {
    id: row.id,
    ownerId: row.owner_id,
    venueId: row.venue_id ?? row.owner_id,
    name: row.name,
    description: row.description,
    calledMessage: row.called_message,
    status: row.status as QueueStatus,
    selfJoin: Number(row.self_join) === 1,
    serveOnNext: Number(row.serve_on_next) === 1,
    capacity: nullableNumber(row.capacity),
    alertAhead: nullableNumber(row.alert_ahead),
    messageTemplates: parseJsonList<MessageTemplate>(row.message_templates),
    counters: parseJsonList<Counter>(row.counters),
    onePerContact: Number(row.one_per_contact) === 1,
    presence: (['HOURLY', 'DAILY'].includes(row.presence) ? row.presence : 'OFF') as PresenceRotation,
    graceMinutes: nullableNumber(row.grace_minutes),
    graceCallsNext: Number(row.grace_calls_next) === 1,
    snoozePlaces: nullableNumber(row.snooze_places),
    snoozeLimit: Number(row.snooze_limit ?? 1),
    version: Number(row.version),
    nextNumber: Number(row.next_number),
    waitingCount: Number(row.waiting_count),
    waitingPeople: Number(row.waiting_people ?? row.waiting_count),
    nowServing: nullableNumber(row.now_serving),
    lastCalledAt: nullableNumber(row.last_called_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export const TICKET_COLUMNS = [
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
  'language',
  'almost_at',
  'called_counter',
  'party_size',
  'place',
  'snoozes',
] as const;

export function toTicket(
  row: Omit<Selectable<TicketsTable>, 'token_hash' | 'moved_place' | 'anonymized_at'>,
): Ticket {
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
    language: row.language === 'pt-BR' ? 'pt-BR' : 'en',
    almostAt: nullableNumber(row.almost_at),
    counter: row.called_counter,
    partySize: Number(row.party_size ?? 1),
    place: Number(row.place ?? row.number),
    snoozes: Number(row.snoozes ?? 0),
  };
}

/** A queue's JSON list column as stored (validated when written); an unreadable one counts as empty. */
function parseJsonList<T>(raw: string | null): T[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

/** Rows of call_pace as slots and their samples; unreadable JSON counts as no samples (estimates are advisory). */
export function toPace(rows: { slot: number; samples: string }[]): Map<number, PaceSample[]> {
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

export function queueColumns(patch: QueuePatch): Partial<QueuesTable> {
  const out: Partial<QueuesTable> = {};
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.description !== undefined) out.description = patch.description;
  if (patch.calledMessage !== undefined) out.called_message = patch.calledMessage;
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.selfJoin !== undefined) out.self_join = patch.selfJoin ? 1 : 0;
  if (patch.serveOnNext !== undefined) out.serve_on_next = patch.serveOnNext ? 1 : 0;
  if (patch.capacity !== undefined) out.capacity = patch.capacity;
  if (patch.alertAhead !== undefined) out.alert_ahead = patch.alertAhead;
  if (patch.messageTemplates !== undefined)
    out.message_templates = patch.messageTemplates.length ? JSON.stringify(patch.messageTemplates) : null;
  if (patch.counters !== undefined)
    out.counters = patch.counters.length ? JSON.stringify(patch.counters) : null;
  if (patch.onePerContact !== undefined) out.one_per_contact = patch.onePerContact ? 1 : 0;
  if (patch.presence !== undefined) out.presence = patch.presence;
  if (patch.graceMinutes !== undefined) out.grace_minutes = patch.graceMinutes;
  if (patch.graceCallsNext !== undefined) out.grace_calls_next = patch.graceCallsNext ? 1 : 0;
  if (patch.snoozePlaces !== undefined) out.snooze_places = patch.snoozePlaces;
  if (patch.snoozeLimit !== undefined) out.snooze_limit = patch.snoozeLimit;
  if (patch.version !== undefined) out.version = patch.version;
  if (patch.nextNumber !== undefined) out.next_number = patch.nextNumber;
  if (patch.waitingCount !== undefined) out.waiting_count = patch.waitingCount;
  if (patch.waitingPeople !== undefined) out.waiting_people = patch.waitingPeople;
  if (patch.nowServing !== undefined) out.now_serving = patch.nowServing;
  if (patch.lastCalledAt !== undefined) out.last_called_at = patch.lastCalledAt;
  if (patch.updatedAt !== undefined) out.updated_at = patch.updatedAt;
  return out;
}

export function ticketColumns(patch: TicketPatch): Updateable<TicketsTable> {
  const out: Updateable<TicketsTable> = {};
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.calledAt !== undefined) out.called_at = patch.calledAt;
  if (patch.finishedAt !== undefined) out.finished_at = patch.finishedAt;
  if (patch.almostAt !== undefined) out.almost_at = patch.almostAt;
  if (patch.counter !== undefined) out.called_counter = patch.counter;
  if (patch.place !== undefined) out.moved_place = patch.place;
  if (patch.snoozes !== undefined) out.snoozes = patch.snoozes;
  return out;
}

export async function paceOf(
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

/** A clerk's queue ids as stored (JSON); null for every queue; an unreadable list assigns nothing. */
export function queueIdsOf(raw: string | null): string[] | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
