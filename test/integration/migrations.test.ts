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
    it('given a ticket from before tickets had a language, when migrated to the latest, then it reads as English and joins keep their language', async () => {
      const db: TestSql = await open({ upTo: '004_recent_calls' });
      try {
        const store = new SqlQueueStore(db.sql);
        const queue = aQueue();
        await store.insertQueue(queue);
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

        expect(await migrateToLatest(db.sql)).toEqual(['005_ticket_language', '006_join_procedure']);
        expect(await store.ticket(before.id)).toMatchObject({ name: 'Ana Antes', number: 1, language: 'en' });
        const guards = { ownerId: null, selfJoin: true, statuses: ['OPEN' as const], capacity: true };
        const join = {
          id: randomUUID(),
          name: 'Bia Depois',
          email: null,
          phone: null,
          language: 'pt-BR' as const,
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
