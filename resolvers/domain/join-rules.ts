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
  /** Self-joins: whether the code given is the queue's hourly and its daily presence code (HMACs, checked here). */
  code?: { HOURLY: boolean; DAILY: boolean };
}

/** Why a join was refused: the API's reasons, and NOT_OWNER (answered as "not found"). */
export type JoinRefusalCode = JoinRefusal | 'NOT_OWNER';

/** A join's number, or why it got none. */
export type JoinOutcome = { number: number } | { refused: JoinRefusalCode };

/** A join as allocation sees it: its guards and the contacts it gives (for one live ticket per contact). */
export interface JoinRequest {
  guards: JoinGuards;
  phone: string | null;
  email: string | null;
  partySize: number;
}

/** The keys a join's contacts have among the queue's live contacts (`p:` phone, `e:` email). */
export const contactKeys = (join: { phone: string | null; email: string | null }) => [
  ...(join.phone ? [`p:${join.phone}`] : []),
  ...(join.email ? [`e:${join.email}`] : []),
];

/**
 * The first guard the queue fails, in the order the procedure checks them; null when the join is taken.
 * `live`: the phones and emails holding a live ticket of the queue (`contactKeys`).
 */
export function joinRefusal(
  queue: Queue,
  join: JoinRequest,
  live: ReadonlySet<string>,
): JoinRefusalCode | null {
  const { guards } = join;
  if (guards.ownerId !== null && queue.ownerId !== guards.ownerId) return 'NOT_OWNER';
  if (guards.selfJoin && !queue.selfJoin) return 'SELF_JOIN_OFF';
  if (!guards.statuses.includes(queue.status)) return queue.status === 'PAUSED' ? 'PAUSED' : 'CLOSED';
  if (guards.selfJoin && queue.presence !== 'OFF' && !guards.code?.[queue.presence]) return 'PRESENCE_CODE';
  if (guards.selfJoin && queue.onePerContact && contactKeys(join).some((k) => live.has(k)))
    return 'DUPLICATE';
  if (guards.capacity && queue.capacity !== null && queue.waitingPeople + join.partySize > queue.capacity)
    return 'FULL';
  return null;
}

/**
 * Allocates a batch in arrival order: each join the queue takes gets the next number, one more waiting and the
 * next version (and its contacts become live, for the joins after it); a refused join takes none. Returns the
 * queue after the batch (updatedAt moves only if some join was taken) and each join's outcome.
 */
export function allocate(
  queue: Queue,
  joins: readonly JoinRequest[],
  at: number,
  live: ReadonlySet<string> = new Set(),
): { queue: Queue; outcomes: JoinOutcome[] } {
  let after = queue;
  const taken = new Set(live);
  const outcomes = joins.map((join): JoinOutcome => {
    const refused = joinRefusal(after, join, taken);
    if (refused) return { refused };
    for (const key of contactKeys(join)) taken.add(key);
    const number = after.nextNumber;
    after = {
      ...after,
      nextNumber: number + 1,
      waitingCount: after.waitingCount + 1,
      waitingPeople: after.waitingPeople + join.partySize,
      version: after.version + 1,
      updatedAt: at,
    };
    return { number };
  });
  return { queue: after, outcomes };
}

/** The ticket a taken join becomes: waiting, with its number, joined at the batch's time, no quote yet. */
export function takenTicket(queueId: string, join: NewTicket, number: number, at: number): Ticket {
  const { id, name, email, phone, source, language, partySize } = join;
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
    partySize,
    place: number,
    snoozes: 0,
  };
}
