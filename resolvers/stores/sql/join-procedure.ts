import { sql, type Kysely, type Selectable } from 'kysely';
import type { JoinOutcome, JoinRefusalCode } from '../../domain/join-rules';
import type { Queue } from '../../domain/model';
import type { NewTicket } from '../../domain/ports';
import type { QueuesTable, Tables } from './database';
import { toQueue } from './rows';

/** MySQL/MariaDB: the batch as one call of the join_queue procedure (migration 009, after 006), one round trip. */
export async function joinInDatabase(
  db: Kysely<Tables>,
  queueId: string,
  tickets: NewTicket[],
  at: number,
): Promise<{ queue: Queue; outcomes: JoinOutcome[] } | undefined> {
  const joins = JSON.stringify(
    tickets.map(({ guards, ...t }) => ({
      ...t,
      ownerId: guards.ownerId,
      selfJoin: guards.selfJoin ? 1 : 0,
      statuses: guards.statuses.join(','),
      capacity: guards.capacity ? 1 : 0,
      codeHourly: guards.code?.HOURLY ? 1 : 0,
      codeDaily: guards.code?.DAILY ? 1 : 0,
    })),
  );
  const { rows } = await sql`CALL join_queue(${queueId}, ${joins}, ${at})`.execute(db);
  // mysql2 answers a CALL with its result sets, then a status packet; a missing queue selects nothing.
  const [set] = rows as unknown[];
  const row = Array.isArray(set)
    ? (set[0] as (Selectable<QueuesTable> & { outcomes: string }) | undefined)
    : undefined;
  if (!row) return undefined;
  const { outcomes, ...queue } = row;
  return {
    queue: toQueue(queue),
    // Each join's number, or its refusal code.
    outcomes: (JSON.parse(outcomes) as (number | JoinRefusalCode)[]).map((o) =>
      typeof o === 'number' ? { number: o } : { refused: o },
    ),
  };
}
