import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, type Generated, type GeneratedAlways } from 'kysely';
import { createPool } from 'mysql2';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface QueuesTable {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  called_message: string | null;
  status: string;
  self_join: number;
  serve_on_next: number;
  capacity: number | null;
  version: number;
  next_number: number;
  waiting_count: number;
  now_serving: number | null;
  last_called_at: number | null;
  created_at: number;
  updated_at: number;
  /** Migration 007: the "almost your turn" distance (null: off) and the queue's templates (JSON; null: defaults). */
  alert_ahead: number | null;
  message_templates: string | null;
  /** Migration 008: the counters calling this queue, JSON `[{id, name}]`; null: none. */
  counters: string | null;
  /** Migration 009: self-joins refused for a phone or email with a live ticket (1), and the presence code. */
  one_per_contact: number;
  presence: string;
  /** Migration 010: minutes before an unserved call becomes a no-show (null: off), and whether to call next. */
  grace_minutes: number | null;
  grace_calls_next: number;
  /** Migration 011: the people waiting (party sizes summed), which capacity counts. */
  waiting_people: number; /** Migration 012: how many places a person may move back from their page (null: not at all), how often. */
  snooze_places: number | null;
  snooze_limit: number;
  /** Migration 014: the venue the queue belongs to (its owner's default venue for queues from before). */
  venue_id: string | null;
}

export interface TicketsTable {
  id: string;
  queue_id: string;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  source: string;
  token_hash: string;
  joined_at: number;
  called_at: number | null;
  finished_at: number | null;
  quote_low_s: number | null;
  quote_high_s: number | null;
  /** 'en' or 'pt-BR' (migration 005). */
  language: string;
  /** When its one "almost your turn" alert was decided (migration 007). */
  almost_at: number | null;
  /** The name of the counter it was last called to (migration 008). */
  called_counter: string | null;
  /** How many people the ticket is for (migration 011). */
  party_size: number;
  /** Migration 012: where a moved ticket is in the waiting line (null: where its number puts it) … */
  moved_place: number | null;
  /** … and that place or its number, generated: the line's order. */
  place: GeneratedAlways<number>;
  /** How often its holder moved it back. */
  snoozes: number;
  /** Migration 016: when its name, email and phone were removed (retention); null: not yet. */
  anonymized_at: number | null;
}

/** The messages each ticket was sent: channel and kind only; delivery states are in the delivery log. */
export interface TicketMessagesTable {
  id: string;
  queue_id: string;
  ticket_id: string;
  channel: string;
  kind: string;
  created_at: number;
}

export interface CallPaceTable {
  queue_id: string;
  slot: number;
  /** JSON: `[calledAt, intervalMs][]`. */
  samples: string;
}

export interface GraceTimersTable {
  ticket_id: string;
  queue_id: string;
  called_at: number;
  due_at: number;
}

/** Migration 013: who did what to which queue, when, from which request. */
export interface AuditLogTable {
  id: string;
  venue_id: string;
  at: number;
  account_id: string;
  operation: string;
  queue_id: string | null;
  queue_name: string | null;
  ticket_number: number | null;
  detail: string | null;
  request_id: string | null;
}

/** Migration 014: a place with queues. */
export interface VenuesTable {
  id: string;
  name: string;
  address: string | null;
  time_zone: string;
  language: string;
  created_at: number;
  /** Migration 016: days finished tickets keep their name, email and phone. */
  retention_days: number;
}

/** Migration 014: an account's role at a venue; a clerk's queues as a JSON list of ids. */
export interface VenueMembersTable {
  venue_id: string;
  account_id: string;
  role: string;
  queue_ids: string | null;
  created_at: number;
}

/** Migration 015: invitations to a venue, by the token's hash. */
export interface VenueInvitationsTable {
  id: string;
  venue_id: string;
  email: string;
  role: string;
  queue_ids: string | null;
  token_hash: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

/** Migration 017: an account to delete when its grace period ends. */
export interface AccountDeletionsTable {
  account_id: string;
  email: string;
  requested_at: number;
  due_at: number;
}

export interface Tables {
  queues: QueuesTable;
  tickets: TicketsTable;
  call_pace: CallPaceTable;
  ticket_messages: TicketMessagesTable;
  grace_timers: GraceTimersTable;
  audit_log: AuditLogTable;
  venues: VenuesTable;
  venue_members: VenueMembersTable;
  venue_invitations: VenueInvitationsTable;
  account_deletions: AccountDeletionsTable;
  /** Kysely's own bookkeeping, declared so nothing else claims the names. */
  kysely_migration: { name: string; timestamp: string; seq?: Generated<number> };
}

export type Dialect = 'mysql' | 'sqlite';

/** A Kysely instance and which of the two dialects it speaks (the few differences live in the store). */
export interface SqlDatabase {
  db: Kysely<Tables>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

/**
 * `mysql://user:pass@host:port/db` for MySQL/MariaDB (utf8mb4), or a file path (`:memory:` too) for SQLite.
 */
export function openSqlDatabase(
  location: string,
  options: { poolSize?: number; tls?: boolean } = {},
): SqlDatabase {
  if (location.startsWith('mysql://')) {
    const pool = createPool({
      uri: location,
      charset: 'utf8mb4_unicode_ci',
      connectionLimit: options.poolSize ?? 10,
      // Epoch-ms BIGINTs fit a double; never hand out strings for them.
      supportBigNumbers: true,
      bigNumberStrings: false,
      timezone: 'Z',
      ...(options.tls ? { ssl: { rejectUnauthorized: true } } : {}),
    });
    const db = new Kysely<Tables>({ dialect: new MysqlDialect({ pool }) });
    return { db, dialect: 'mysql', destroy: () => db.destroy() };
  }
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  // Loaded only here: the Lambda functions (MySQL only) are bundled without this native module.
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const database = new Sqlite(location);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}
