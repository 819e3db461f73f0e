import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Kysely } from 'kysely';
import type { SqlDatabase } from './database';
import * as m001 from './migrations/001_queues_and_tickets';
import * as m002 from './migrations/002_serve_on_next';
import * as m003 from './migrations/003_call_pace';
import * as m004 from './migrations/004_recent_calls';
import * as m005 from './migrations/005_ticket_language';
import * as m006 from './migrations/006_join_procedure';
import * as m007 from './migrations/007_messages';
import * as m008 from './migrations/008_counters';
import * as m009 from './migrations/009_join_guards';
import * as m010 from './migrations/010_grace_timers';
import * as m011 from './migrations/011_party_size';
import * as m012 from './migrations/012_moves';
import * as m013 from './migrations/013_audit_log';
import * as m014 from './migrations/014_venues';
import * as m015 from './migrations/015_invitations';
import * as m016 from './migrations/016_retention';
import * as m017 from './migrations/017_account_deletions';

/** Versioned migrations, in order. Add new files; never edit one that has shipped. */
const MIGRATIONS = {
  '001_queues_and_tickets': m001,
  '002_serve_on_next': m002,
  '003_call_pace': m003,
  '004_recent_calls': m004,
  '005_ticket_language': m005,
  '006_join_procedure': m006,
  '007_messages': m007,
  '008_counters': m008,
  '009_join_guards': m009,
  '010_grace_timers': m010,
  '011_party_size': m011,
  '012_moves': m012,
  '013_audit_log': m013,
  '014_venues': m014,
  '015_invitations': m015,
  '016_retention': m016,
  '017_account_deletions': m017,
} as const;

/**
 * Brings the schema up to date; runs on every start (idempotent), and as a one-shot function on deploy.
 * `upTo` stops after that migration (tests of a migration against data written before it).
 */
export async function migrateToLatest(sqlDb: SqlDatabase, upTo?: keyof typeof MIGRATIONS): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(MIGRATIONS))
        out[name] = { up: (db: Kysely<unknown>) => migration.up(db, sqlDb.dialect) };
      return out;
    },
  };
  const migrator = new Migrator({ db: sqlDb.db, provider });
  const { error, results } = await (upTo ? migrator.migrateTo(upTo) : migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
