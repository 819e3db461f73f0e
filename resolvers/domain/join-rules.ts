/**
 * Who may take a number in a queue, and how numbers are taken: the rules a batch of joins is allocated by,
 * under the queue's lock. The SQL store on MySQL/MariaDB runs the same allocation as a stored procedure
 * (resolvers/stores/sql/migrations/006_join_procedure.ts), so the lock is held only inside the database; the
 * QueueStore.join contract suite runs the same cases against both.
 */
import type { JoinRefusal } from '../../schema/rules';
import type { Queue, QueueStatus, Ticket } from './model';
import type { NewTicket } from './ports';

/** What a join asks of its queue, as data, so that the database can check it where the number is taken. */
export interface JoinGuards {
  /** Only a queue of this owner takes the join (staff adding people); null: any queue. */
  ownerId: string | null;
  /** Only a queue whose owner allows self-service joins. */
  selfJoin: boolean;
  /** The queue statuses that take the join. */
  statuses: readonly QueueStatus[];
  /** Refused once the waiting count has reached the queue's capacity. */
  capacity: boolean;
}

/** Why a join was refused: the API's reasons, and NOT_OWNER (answered as "not found"). */
export type JoinRefusalCode = JoinRefusal | 'NOT_OWNER';

/** A join's number, or why it got none. */
export type JoinOutcome = { number: number } | { refused: JoinRefusalCode };

/** The first guard the queue fails, in the order the procedure checks them; null when the join is taken. */
export function joinRefusal(queue: Queue, guards: JoinGuards): JoinRefusalCode | null {
  if (guards.ownerId !== null && queue.ownerId !== guards.ownerId) return 'NOT_OWNER';
  if (guards.selfJoin && !queue.selfJoin) return 'SELF_JOIN_OFF';
  if (!guards.statuses.includes(queue.status)) return queue.status === 'PAUSED' ? 'PAUSED' : 'CLOSED';
  if (guards.capacity && queue.capacity !== null && queue.waitingCount >= queue.capacity) return 'FULL';
  return null;
}

/**
 * Allocates a batch in arrival order: each join the queue takes gets the next number, one more waiting and the
 * next version; a refused join takes none. Returns the queue after the batch (updatedAt moves only if some
 * join was taken) and each join's outcome.
 */
export function allocate(
  queue: Queue,
  guards: readonly JoinGuards[],
  at: number,
): { queue: Queue; outcomes: JoinOutcome[] } {
  let after = queue;
  const outcomes = guards.map((guard): JoinOutcome => {
    const refused = joinRefusal(after, guard);
    if (refused) return { refused };
    const number = after.nextNumber;
    after = {
      ...after,
      nextNumber: number + 1,
      waitingCount: after.waitingCount + 1,
      version: after.version + 1,
      updatedAt: at,
    };
    return { number };
  });
  return { queue: after, outcomes };
}

/** The ticket a taken join becomes: waiting, with its number, joined at the batch's time, no quote yet. */
export function takenTicket(queueId: string, join: NewTicket, number: number, at: number): Ticket {
  const { id, name, email, phone, source, language } = join;
  return {
    id,
    queueId,
    number,
    name,
    email,
    phone,
    status: 'WAITING',
    source,
    joinedAt: at,
    calledAt: null,
    finishedAt: null,
    quote: null,
    language,
    almostAt: null,
    counter: null,
  };
}
