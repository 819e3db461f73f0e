import { commitChanges, type Plan } from './changes';
import type { Deps } from './deps';
import { paceAt, paceSlots, waitRange } from './estimates';
import type { Queue, Ticket, TicketSource } from './model';
import type { Log } from './ports';
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

/** The waiting person's page: the link and QR code a ticket's token travels in. */
export const ticketUrl = (deps: Deps, accessToken: string) => `${deps.publicUrl}/t/${accessToken}`;

/** One join waiting for a transaction to take it. */
interface Join {
  /** The joining request's log (its lines carry that request's id). */
  log: Log;
  source: TicketSource;
  person: Person;
  check(queue: Queue): void;
  accessToken: string;
  resolve(issued: IssuedTicket): void;
  reject(error: unknown): void;
}

/** How many joins one transaction takes at most. */
const MAX_JOINS_PER_COMMIT = 200;

/**
 * One queue's joins in this server instance. `next` is the transaction that will take the joins waiting now:
 * absent while none is started, `waiting-for-lock` from the first join that arrives until that transaction
 * holds the queue's lock and takes them. `delivered` settles when the last started transaction has delivered
 * (index, events), so the next one's deliveries follow it.
 */
interface JoinLine {
  waiting: Join[];
  next: 'waiting-for-lock' | null;
  delivered: Promise<void>;
}

/**
 * Issues tickets with group commit. Joins that arrive while their queue's transaction is in flight are
 * committed together in the next one: one lock and one round-trip sequence for many joins, where one at a time
 * would serialise every join of a busy queue on that lock. That next transaction starts as soon as the first
 * such join arrives and waits for the lock in the database, so it holds it the moment the current one commits;
 * it takes the joins waiting then. Each join still gets its own number, version and event, in arrival order,
 * exactly as if they had run one after another; a refused join takes no number. Deliveries follow commit order.
 *
 * One per queue store (`Deps.joins`, made with the stores): each request's Deps is a copy sharing it.
 */
export class GroupCommit {
  private readonly lines = new Map<string, JoinLine>();

  issue(
    deps: Deps,
    queueId: string,
    source: TicketSource,
    person: Person,
    check: (queue: Queue) => void,
  ): Promise<IssuedTicket> {
    return new Promise((resolve, reject) => {
      let line = this.lines.get(queueId);
      if (!line) this.lines.set(queueId, (line = { waiting: [], next: null, delivered: Promise.resolve() }));
      line.waiting.push({ log: deps.log, source, person, check, accessToken: newToken(), resolve, reject });
      if (line.next === null) void this.commitNext(deps, queueId, line);
    });
  }

  /** The joins the transaction now holding the lock takes; more than it takes start the next one at once. */
  private take(deps: Deps, queueId: string, line: JoinLine): Join[] {
    const batch = line.waiting.splice(0, MAX_JOINS_PER_COMMIT);
    line.next = null;
    if (line.waiting.length > 0) void this.commitNext(deps, queueId, line);
    return batch;
  }

  private async commitNext(deps: Deps, queueId: string, line: JoinLine): Promise<void> {
    line.next = 'waiting-for-lock';
    const previous = line.delivered;
    let settle!: () => void;
    const delivered = new Promise<void>((resolve) => (settle = resolve));
    line.delivered = delivered;
    let batch: Join[] | undefined;
    const refused = new Map<Join, unknown>();
    try {
      let commit;
      try {
        // What each person is told when they join, kept to compare with what they then wait. Read before the
        // queue's lock is taken: the pace is advisory, and the lock is held for as few round trips as can be.
        const paced = deps.now();
        const pace = paceAt(await deps.queues.pace(queueId, paceSlots(paced)), paced);
        commit = await commitChanges(deps, queueId, async (tx) => {
          batch = this.take(deps, queueId, line);
          const at = deps.now();
          let queue = tx.queue;
          const plans: Plan<{ join: Join; ticket: Ticket }>[] = [];
          for (const join of batch) {
            try {
              join.check(queue);
            } catch (error) {
              refused.set(join, error);
              continue;
            }
            const ticket: Ticket = {
              id: deps.newId(),
              queueId,
              number: queue.nextNumber,
              ...join.person,
              status: 'WAITING',
              source: join.source,
              joinedAt: at,
              calledAt: null,
              finishedAt: null,
              quote: waitRange(queue.waitingCount + 1, pace),
            };
            const queuePatch = { nextNumber: queue.nextNumber + 1, waitingCount: queue.waitingCount + 1 };
            queue = { ...queue, ...queuePatch };
            plans.push({
              value: { join, ticket },
              kind: 'JOINED',
              ticketNumber: ticket.number,
              queuePatch,
              index: { add: { ticketId: ticket.id, number: ticket.number } },
            });
          }
          if (plans.length > 0)
            await tx.insertTickets(
              plans.map(({ value }) => ({
                ticket: value.ticket,
                tokenHash: hashToken(value.join.accessToken),
              })),
            );
          return plans;
        });
      } catch (error) {
        // A transaction that never held the lock (no such queue, no connection) fails the joins it would take.
        for (const join of batch ?? this.take(deps, queueId, line)) join.reject(error);
        await previous;
        return;
      }
      for (const [join, error] of refused) join.reject(error);
      await previous;
      await commit.deliver();
      for (const { value, queue } of commit.committed) {
        const { join, ticket } = value;
        join.log.info('ticket issued', {
          queueId,
          ticketId: ticket.id,
          number: ticket.number,
          source: join.source,
        });
        join.resolve({
          ticket: { ...ticket, position: queue.waitingCount },
          accessToken: join.accessToken,
          accessUrl: ticketUrl(deps, join.accessToken),
        });
      }
    } catch (error) {
      deps.log.error('ticket issue not completed', { queueId, error: String(error) });
    } finally {
      settle();
      if (line.delivered === delivered && line.next === null && line.waiting.length === 0)
        this.lines.delete(queueId);
    }
  }
}
