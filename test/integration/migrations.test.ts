import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from '../../resolvers/stores/sql/migrate';
import { SqlQueueStore } from '../../resolvers/stores/sql/queue-store';
import { freshMysql, freshSqlite, type TestSql } from '../support/databases';
import { aQueue } from '../support/fixtures';

/** Migrations run against data written before them, on both dialects. */
for (const [name, open, enabled] of [
  ['SQLite', freshSqlite, true],
  ['MariaDB', freshMysql, inject('services').mysql],
] as const)
  describe.skipIf(!enabled)(`migrations on ${name}`, () => {
    it('given a queue and a ticket from before languages and alerts, when migrated to the latest, then the ticket reads as English with no alert sent, the queue has no alert, default texts, no counters, no join guards, no grace and one person waiting, and joins (through the replaced procedure) keep their language', async () => {
      const db: TestSql = await open({ upTo: '004_recent_calls' });
      try {
        const store = new SqlQueueStore(db.sql);
        const queue = aQueue();
        // The queue as the schema before 007 has it: no alert or templates yet.
        await db.sql.db
          .insertInto('queues')
          .values({
            id: queue.id,
            owner_id: queue.ownerId,
            name: queue.name,
            description: null,
            called_message: null,
            status: 'OPEN',
            self_join: 1,
            serve_on_next: 1,
            capacity: null,
            version: 1,
            next_number: 1,
            waiting_count: 0,
            now_serving: null,
            last_called_at: null,
            created_at: queue.createdAt,
            updated_at: queue.updatedAt,
          } as never)
          .execute();
        const before = {
          id: randomUUID(),
          queue_id: queue.id,
          number: 1,
          name: 'Ana Antes',
          email: 'ana@example.com',
          phone: null,
          status: 'WAITING',
          source: 'STAFF',
          token_hash: 'a'.repeat(64),
          joined_at: 1_000,
          called_at: null,
          finished_at: null,
          quote_low_s: null,
          quote_high_s: null,
        };
        // The row as the schema before 005 has it: no language column yet.
        await db.sql.db
          .insertInto('tickets')
          .values(before as never)
          .execute();
        await db.sql.db.updateTable('queues').set({ next_number: 2, waiting_count: 1, version: 2 }).execute();

        expect(await migrateToLatest(db.sql)).toEqual([
          '005_ticket_language',
          '006_join_procedure',
          '007_messages',
          '008_counters',
          '009_join_guards',
          '010_grace_timers',
          '011_party_size',
        ]);
        expect(await store.ticket(before.id)).toMatchObject({
          name: 'Ana Antes',
          number: 1,
          language: 'en',
          almostAt: null,
          counter: null,
          partySize: 1,
        });
        expect(await store.queue(queue.id)).toMatchObject({
          alertAhead: null,
          messageTemplates: [],
          counters: [],
          onePerContact: false,
          presence: 'OFF',
          graceMinutes: null,
          graceCallsNext: false,
          waitingPeople: 1,
        });
        const guards = { ownerId: null, selfJoin: true, statuses: ['OPEN' as const], capacity: true };
        const join = {
          id: randomUUID(),
          name: 'Bia Depois',
          email: null,
          phone: null,
          language: 'pt-BR' as const,
          partySize: 1,
          source: 'SELF' as const,
          tokenHash: 'b'.repeat(64),
          guards,
        };
        expect((await store.join(queue.id, [join], 2_000))!.outcomes).toEqual([{ number: 2 }]);
        expect(await store.ticket(join.id)).toMatchObject({ number: 2, language: 'pt-BR' });
      } finally {
        await db.cleanup();
      }
    });
  });
