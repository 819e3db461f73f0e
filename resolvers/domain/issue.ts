import { deliverChanges, type Delivery } from './changes';
import type { Deps } from './deps';
import { paceAt, paceSlots, waitRange } from './estimates';
import { queueNotFound } from './identity';
import { takenTicket, type JoinGuards, type JoinRefusalCode } from './join-rules';
import type { MessageLanguage, Ticket, TicketSource } from './model';
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
  language: MessageLanguage;
  /** How many people the ticket is for. */
  partySize: number;
}

/** The waiting person's page: the link and QR code a ticket's token travels in. */
export const ticketUrl = (deps: Deps, accessToken: string) => `${deps.publicUrl}/t/${accessToken}`;

/** One join waiting for a transaction to take it. */
interface Join {
  /** The joining request's log (its lines carry that request's id). */
  log: Log;
  source: TicketSource;
  person: Person;
  guards: JoinGuards;
  /** The error a refused join gets. */
  refuse(code: JoinRefusalCode): Error;
  accessToken: string;
  resolve(issued: IssuedTicket): void;
  reject(error: unknown): void;
}

/** How many joins one transaction takes at most. */
const MAX_JOINS_PER_COMMIT = 200;

/**
 * One queue's joins in this server instance: those waiting for the next transaction, whether one is in flight,
 * and `delivered`, which settles when the last started transaction has delivered (index, events), so the next
 * one's deliveries follow it.
 */
interface JoinLine {
  waiting: Join[];
  inFlight: boolean;
  delivered: Promise<void>;
}

/**
 * Issues tickets with group commit. Joins that arrive while their queue's transaction is in flight are
 * committed together in the next one (QueueStore.join: one round trip, the queue's lock held only inside the
 * database on MySQL), which starts the moment the current one returns. Each join still gets its own number,
 * version and event, in arrival order, exactly as if they had run one after another; a refused join takes no
 * number. Deliveries follow commit order. In AWS each invocation carries one request, so its batch is that one
 * join; the lock is still held for no client round trip.
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
    guards: JoinGuards,
    refuse: (code: JoinRefusalCode) => Error,
  ): Promise<IssuedTicket> {
    return new Promise((resolve, reject) => {
      let line = this.lines.get(queueId);
      if (!line)
        this.lines.set(queueId, (line = { waiting: [], inFlight: false, delivered: Promise.resolve() }));
      line.waiting.push({
        log: deps.log,
        source,
        person,
        guards,
        refuse,
        accessToken: newToken(),
        resolve,
        reject,
      });
      if (!line.inFlight) void this.commitNext(deps, queueId, line);
    });
  }

  private async commitNext(deps: Deps, queueId: string, line: JoinLine): Promise<void> {
    line.inFlight = true;
    const batch = line.waiting.splice(0, MAX_JOINS_PER_COMMIT);
    const previous = line.delivered;
    let settle!: () => void;
    const delivered = new Promise<void>((resolve) => (settle = resolve));
    line.delivered = delivered;
    try {
      const taken = await this.commit(deps, queueId, batch).finally(() => {
        // The next transaction starts as soon as this one has committed (or failed).
        line.inFlight = false;
        if (line.waiting.length > 0) void this.commitNext(deps, queueId, line);
      });
      await previous;
      if (!taken) return;
      await Promise.all([
        deliverChanges(deps, queueId, taken.deliveries),
        recordQuotes(deps, queueId, taken.issued),
      ]);
      for (const { join, ticket } of taken.issued) {
        join.log.info('ticket issued', {
          queueId,
          ticketId: ticket.id,
          number: ticket.number,
          source: join.source,
        });
        join.resolve({
          ticket,
          accessToken: join.accessToken,
          accessUrl: ticketUrl(deps, join.accessToken),
        });
      }
    } catch (error) {
      deps.log.error('ticket issue not completed', { queueId, error: String(error) });
    } finally {
      settle();
      if (line.delivered === delivered && !line.inFlight && line.waiting.length === 0)
        this.lines.delete(queueId);
    }
  }

  /** One transaction: the batch's outcomes (refused joins are rejected here), or undefined if it failed. */
  private async commit(deps: Deps, queueId: string, batch: Join[]) {
    const at = deps.now();
    const tickets = batch.map((join) => ({
      id: deps.newId(),
      ...join.person,
      source: join.source,
      tokenHash: hashToken(join.accessToken),
      guards: join.guards,
    }));
    // What each person is told when they join, kept to compare with what they then wait: read beside the join,
    // not before it (one round trip less on the way), and advisory, so a failed read only leaves the quote out.
    const pace = deps.queues.pace(queueId, paceSlots(at)).then(
      (samples) => paceAt(samples, at),
      (error: unknown) => {
        deps.log.warn('pace not read for wait quotes', { queueId, error: String(error) });
        return null;
      },
    );
    let result;
    try {
      result = await deps.queues.join(queueId, tickets, at);
      if (!result) throw queueNotFound();
    } catch (error) {
      // A transaction that never committed (no such queue, no connection) fails the joins it would take.
      for (const join of batch) join.reject(error);
      await pace;
      return undefined;
    }
    const paced = await pace;
    const { queue, outcomes } = result;
    // The queue after the batch, walked back to where each taken join left it.
    const taken = outcomes.filter((o) => 'number' in o).length;
    let version = queue.version - taken;
    let waiting = queue.waitingCount - taken;
    const issued: { join: Join; ticket: PositionedTicket }[] = [];
    const deliveries: Delivery[] = [];
    batch.forEach((join, i) => {
      const outcome = outcomes[i]!;
      if ('refused' in outcome) return join.reject(join.refuse(outcome.refused));
      version += 1;
      waiting += 1;
      const ticket: PositionedTicket = {
        ...takenTicket(queueId, tickets[i]!, outcome.number, at),
        quote: waitRange(waiting, paced),
        position: waiting,
      };
      issued.push({ join, ticket });
      deliveries.push({
        event: {
          queueId,
          version,
          kind: 'JOINED',
          ticketNumber: ticket.number,
          waitingCount: waiting,
          nowServing: queue.nowServing,
          counter: null,
          // The line's end: every place before it is below the number it takes.
          fromPosition: null,
          toPosition: waiting,
          at,
        },
        index: { add: { ticketId: ticket.id, place: ticket.number } },
      });
    });
    return { issued, deliveries };
  }
}

/** Keeps what each person was told to expect; advisory, so a failure is logged and the join stands. */
async function recordQuotes(deps: Deps, queueId: string, issued: { ticket: Ticket }[]): Promise<void> {
  const quotes = issued.flatMap(({ ticket }) =>
    ticket.quote ? [{ ticketId: ticket.id, quote: ticket.quote }] : [],
  );
  if (quotes.length === 0) return;
  try {
    await deps.queues.recordQuotes(quotes);
  } catch (error) {
    deps.log.warn('wait quotes not recorded', { queueId, error: String(error) });
  }
}
