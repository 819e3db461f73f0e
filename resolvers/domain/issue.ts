import { commitChanges, type Plan } from './changes';
import type { Deps } from './deps';
import type { Queue, Ticket, TicketSource } from './model';
import type { Log, QueueStore } from './ports';
import { paceSlots, placePace, waitRange } from './estimates';
import { hashToken, newToken } from './secrets';

export type PositionedTicket = Ticket & { position: number | null };

export interface IssuedTicket {
  ticket: PositionedTicket;
  accessToken: string;
  accessUrl: string;
}

export interface Person {
  name: string;
  email: string | null;
  phone: string | null;
}

interface PendingIssue {
  /** The joining request's log (its lines carry that request's id). */
  log: Log;
  source: TicketSource;
  person: Person;
  check(queue: Queue): void;
  accessToken: string;
  resolve(issued: IssuedTicket): void;
  reject(error: unknown): void;
}

/** One queue's joins in flight in this server instance. */
interface IssueLine {
  /** Joins no transaction has taken yet, in arrival order. */
  waiting: PendingIssue[];
  /** A transaction is started (waiting for the queue's lock) and will take `waiting` when it holds it. */
  queued: boolean;
  /** Settles when the last started transaction's deliveries are done: the next one's deliveries follow it. */
  delivered: Promise<void>;
}

/** The waiting person's page: the link and QR code a ticket's token travels in. */
export const ticketUrl = (deps: Deps, accessToken: string) => `${deps.publicUrl}/t/${accessToken}`;

/** Per queue store (one per server instance; each request's Deps is a copy with its own log). */
const lines = new WeakMap<QueueStore, Map<string, IssueLine>>();
/** How many joins one transaction takes at most. */
const MAX_JOINS_PER_COMMIT = 200;

/**
 * Issues a ticket. Joins that arrive while their queue's transaction is in flight are committed together in
 * the next one (group commit): one lock and one round-trip sequence for many joins, where one at a time would
 * serialise every join of a busy queue on that lock. That next transaction starts as soon as the first such
 * join arrives and waits for the lock in the database, so it holds it the moment the current one commits; it
 * takes the joins waiting then. Each join still gets its own number, version and event, in arrival order,
 * exactly as if they had run one after another; a refused join takes no number. Deliveries (index, events)
 * follow commit order.
 */
export function issue(
  deps: Deps,
  queueId: string,
  source: TicketSource,
  person: Person,
  check: (queue: Queue) => void,
): Promise<IssuedTicket> {
  return new Promise((resolve, reject) => {
    let queues = lines.get(deps.queues);
    if (!queues) lines.set(deps.queues, (queues = new Map()));
    let line = queues.get(queueId);
    if (!line) queues.set(queueId, (line = { waiting: [], queued: false, delivered: Promise.resolve() }));
    line.waiting.push({ log: deps.log, source, person, check, accessToken: newToken(), resolve, reject });
    if (!line.queued) startTransaction(deps, queueId, queues, line);
  });
}

function startTransaction(
  deps: Deps,
  queueId: string,
  queues: Map<string, IssueLine>,
  line: IssueLine,
): void {
  line.queued = true;
  const previous = line.delivered;
  let settle!: () => void;
  const delivered = new Promise<void>((resolve) => (settle = resolve));
  line.delivered = delivered;

  let batch: PendingIssue[] | undefined;
  const take = () => {
    batch = line.waiting.splice(0, MAX_JOINS_PER_COMMIT);
    line.queued = false;
    // More waiting than one transaction takes: the next one starts now.
    if (line.waiting.length > 0) startTransaction(deps, queueId, queues, line);
    return batch;
  };
  const refused = new Map<PendingIssue, unknown>();

  commitChanges(deps, queueId, async (tx) => {
    let queue = tx.queue;
    const plans: Plan<{ request: PendingIssue; ticket: Ticket }>[] = [];
    const at = deps.now();
    const [slot, recent] = paceSlots(at);
    const samples = await tx.pace([slot, recent]);
    // What each person is told when they join, kept to compare with what they then wait.
    const pace = placePace(samples.get(slot) ?? [], samples.get(recent) ?? [], at);
    for (const request of take()) {
      try {
        request.check(queue);
      } catch (error) {
        refused.set(request, error);
        continue;
      }
      const ticket: Ticket = {
        id: deps.newId(),
        queueId,
        number: queue.nextNumber,
        ...request.person,
        status: 'WAITING',
        source: request.source,
        joinedAt: at,
        calledAt: null,
        finishedAt: null,
        quote: waitRange(queue.waitingCount + 1, pace),
      };
      const queuePatch = { nextNumber: queue.nextNumber + 1, waitingCount: queue.waitingCount + 1 };
      queue = { ...queue, ...queuePatch };
      plans.push({
        value: { request, ticket },
        kind: 'JOINED',
        ticketNumber: ticket.number,
        queuePatch,
        index: { add: { ticketId: ticket.id, number: ticket.number } },
      });
    }
    if (plans.length > 0)
      await tx.insertTickets(
        plans.map(({ value }) => ({ ticket: value.ticket, tokenHash: hashToken(value.request.accessToken) })),
      );
    return plans;
  })
    .then(
      async ({ committed, deliver }) => {
        for (const [request, error] of refused) request.reject(error);
        await previous;
        await deliver();
        for (const { value, queue } of committed) {
          const { request, ticket } = value;
          request.log.info('ticket issued', {
            queueId,
            ticketId: ticket.id,
            number: ticket.number,
            source: request.source,
          });
          request.resolve({
            ticket: { ...ticket, position: queue.waitingCount },
            accessToken: request.accessToken,
            accessUrl: ticketUrl(deps, request.accessToken),
          });
        }
      },
      async (error: unknown) => {
        // A transaction that never held the lock (no such queue, no connection) fails the joins it would take.
        for (const request of batch ?? take()) request.reject(error);
        await previous;
      },
    )
    .catch((error: unknown) =>
      deps.log.error('ticket issue not completed', { queueId, error: String(error) }),
    )
    .finally(() => {
      settle();
      if (line.delivered === delivered && !line.queued && line.waiting.length === 0) queues.delete(queueId);
    });
}
