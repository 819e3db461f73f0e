/** Staff's side of tickets: adding people, calling, moving a ticket along its life, putting back, links. */
import { auditEntry, recordAudit, SYSTEM_ACTOR } from './audit';
import { startGrace } from './grace';
import { changeQueue, changeQueueInOrder, type Plan } from './changes';
import type { Deps } from './deps';
import { ConflictError, ValidationError } from './errors';
import { paceInterval, paceSlots, withSample } from './estimates';
import { queueNotFound, requireOwner } from './identity';
import { authorizedQueue, authorizeInQueue } from './roles';
import { ticketUrl, type IssuedTicket, type PositionedTicket } from './issue';
import type { JoinGuards } from './join-rules';
import { leaveLine, placeBehind } from './line';
import { ticketMessages } from './messages';
import type { Identity, Ticket, TicketStatus } from './model';
import type { AuditOperation, QueueTx, TicketPatch } from './ports';
import { positionOf } from './positions';
import { hashToken, newToken } from './secrets';
import { lockedTicket, parseTicketInput, ticketNotFound, type TicketInput } from './tickets';
import { parseCount, parseId } from './validation';

/** Staff adds a person: allowed while the queue is open or paused, whatever its self-join capacity. */
export async function addTicket(deps: Deps, identity: Identity, rawQueueId: unknown, input: TicketInput) {
  const accountId = requireOwner(identity);
  const queueId = parseId('queueId', rawQueueId);
  await authorizedQueue(deps, accountId, await deps.queues.queue(queueId), 'OPERATE');
  // Who may add was decided above, by role; the join itself only checks the queue's status.
  const guards: JoinGuards = {
    ownerId: null,
    selfJoin: false,
    statuses: ['OPEN', 'PAUSED'],
    capacity: false,
  };
  const issued = await deps.joins.issue(
    deps,
    queueId,
    'STAFF',
    parseTicketInput(input, deps.phoneCountryCode),
    guards,
    (code) =>
      code === 'NOT_OWNER'
        ? queueNotFound()
        : new ConflictError('The queue is closed. Open it to add people.'),
  );
  // The join committed in the database's own call: its entry follows it.
  const queue = await deps.queues.queue(issued.ticket.queueId);
  if (queue) await recordAudit(deps, auditEntry(deps, accountId, 'ADD_TICKET', queue, issued.ticket.number));
  return issued;
}

/**
 * Calls the first waiting ticket, to `counter` when given (one of the queue's counters: several call in
 * parallel, each person once, as the queue's lock orders them); null when nobody waits.
 */
export async function callNext(
  deps: Deps,
  identity: Identity,
  rawQueueId: unknown,
  rawCounter?: unknown,
): Promise<PositionedTicket | null> {
  const ownerId = requireOwner(identity);
  const queueId = parseId('queueId', rawQueueId);
  const counterId = rawCounter === undefined || rawCounter === null ? null : parseId('counter', rawCounter);
  return callNextAs(deps, ownerId, queueId, counterId);
}

/**
 * callNext for a checked queue and counter, by `actor`: an account, whose role there is checked, or the grace
 * sweep (SYSTEM_ACTOR), calling the next person on its own.
 */
export async function callNextAs(
  deps: Deps,
  actor: string,
  queueId: string,
  counterId: string | null,
): Promise<PositionedTicket | null> {
  const committed = await changeQueueInOrder(deps, queueId, async (tx) => {
    if (actor !== SYSTEM_ACTOR) await authorizeInQueue(tx, actor, 'OPERATE');
    if (tx.queue.status === 'CLOSED')
      throw new ConflictError('The queue is closed. Open or pause it to call people.');
    const counter = counterId === null ? null : (tx.queue.counters.find((c) => c.id === counterId) ?? null);
    if (counterId !== null && !counter)
      throw new ValidationError("counter is not one of this queue's counters.", { field: 'counter' });
    const at = deps.now();
    // Whoever is still called at this counter is done (unless the owner turned this off): one SERVED change
    // each, so their pages learn it, before the next person is called. Other counters' people stay called.
    const plans: Plan<PositionedTicket | null>[] = [];
    const stillCalled = tx.queue.serveOnNext ? await tx.calledTickets() : [];
    for (const done of stillCalled.filter((t) => t.counter === (counter?.name ?? null))) {
      const served: TicketPatch = { status: 'SERVED', finishedAt: at };
      await tx.updateTicket(done.id, served);
      await tx.endGrace(done.id);
      plans.push({
        value: { ...done, ...served, position: null },
        kind: 'SERVED',
        ticketNumber: done.number,
      });
    }
    const next = await tx.firstWaiting();
    if (!next) return [...plans, { value: null }];
    const patch: TicketPatch = { status: 'CALLED', calledAt: at, counter: counter?.name ?? null };
    const called = { ...next, ...patch, position: null } as PositionedTicket;
    await startGrace(tx, next.id, at);
    await tx.updateTicket(next.id, patch);
    await recordPace(tx, at);
    await tx.recordAudit(auditEntry(deps, actor, 'CALL_NEXT', tx.queue, next.number, counter?.name ?? null));
    const { alerts, queuePatch, ...line } = await leaveLine(tx, next, at);
    // Its event's version: after the queue's, and after each SERVED change above.
    const version = tx.queue.version + plans.length + 1;
    return [
      ...plans,
      {
        value: called,
        kind: 'CALLED',
        ticketNumber: next.number,
        counter: called.counter,
        ...line,
        queuePatch: { ...queuePatch, nowServing: next.number, lastCalledAt: at },
        messages: [
          ...ticketMessages('CALLED', String(version), { queue: tx.queue, ticket: called }),
          ...alerts,
        ],
      },
    ];
  });
  return committed.at(-1)?.value ?? null;
}

/** Adds this call's interval to the queue's pace (its hour-of-week and its recent samples), when it is pace. */
async function recordPace(tx: QueueTx, at: number): Promise<void> {
  const interval = paceInterval(tx.queue.lastCalledAt, at);
  if (interval === null) return;
  const slots = paceSlots(at);
  const samples = await tx.pace(slots);
  for (const slot of slots) await tx.savePace(slot, withSample(slot, samples.get(slot) ?? [], at, interval));
}

type Transition = 'RECALLED' | 'SERVED' | 'NO_SHOW' | 'REMOVED';

const FROM: Record<Transition, readonly TicketStatus[]> = {
  RECALLED: ['CALLED', 'NO_SHOW'],
  SERVED: ['CALLED'],
  NO_SHOW: ['CALLED'],
  REMOVED: ['WAITING', 'CALLED'],
};
const TO: Record<Transition, TicketStatus> = {
  RECALLED: 'CALLED',
  SERVED: 'SERVED',
  NO_SHOW: 'NO_SHOW',
  REMOVED: 'REMOVED',
};
const AUDITED: Record<Transition, AuditOperation> = {
  RECALLED: 'RECALL',
  SERVED: 'SERVE',
  NO_SHOW: 'NO_SHOW',
  REMOVED: 'REMOVE',
};

/**
 * One change to one of the owner's tickets, by its id, under its queue's lock, audited as `operation`: another
 * owner's ticket answers exactly like a missing one.
 */
async function changeOwnedTicket<T>(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
  operation: AuditOperation,
  decide: (tx: QueueTx, ticket: Ticket) => Promise<Plan<T>>,
) {
  const ownerId = requireOwner(identity);
  const id = parseId('id', rawId);
  const found = await deps.queues.ticket(id);
  if (!found) throw ticketNotFound();
  return changeQueue(deps, found.queueId, async (tx) => {
    await authorizeInQueue(tx, ownerId, 'OPERATE', ticketNotFound);
    const ticket = await lockedTicket(tx, id);
    const plan = await decide(tx, ticket);
    await tx.recordAudit(auditEntry(deps, ownerId, operation, tx.queue, ticket.number));
    return plan;
  });
}

/** Staff moves any ticket (not only the head) along its life: recall, served, no-show, remove. */
export async function transitionTicket(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
  transition: Transition,
): Promise<PositionedTicket> {
  const { value, queue } = await changeOwnedTicket(
    deps,
    identity,
    rawId,
    AUDITED[transition],
    async (tx, ticket) => {
      const id = ticket.id;
      if (!FROM[transition].includes(ticket.status))
        throw new ConflictError(
          `A ${ticket.status} ticket cannot be ${transition.toLowerCase().replace('_', '-')}.`,
          {
            status: ticket.status,
          },
        );
      const at = deps.now();
      const status = TO[transition];
      const patch: TicketPatch =
        transition === 'RECALLED' ? { status, calledAt: at, finishedAt: null } : { status, finishedAt: at };
      await tx.updateTicket(id, patch);
      // A recall gives them the grace again; any other end of a call ends its timer.
      if (transition === 'RECALLED') await startGrace(tx, id, at);
      else await tx.endGrace(id);
      const { alerts, ...line } =
        ticket.status === 'WAITING' ? await leaveLine(tx, ticket, at) : { alerts: [] };
      return {
        value: { ...ticket, ...patch, position: null },
        kind: transition,
        ticketNumber: ticket.number,
        ...line,
        // A recall calls them again to the counter they were called to.
        ...(transition === 'RECALLED'
          ? { counter: ticket.counter, queuePatch: { nowServing: ticket.number } }
          : {}),
        messages: [
          ...(transition === 'RECALLED'
            ? ticketMessages('CALLED', String(tx.queue.version + 1), { queue: tx.queue, ticket })
            : []),
          ...alerts,
        ],
      };
    },
  );
  deps.log.info('ticket updated', { queueId: queue.id, ticketId: value.id, transition });
  return value;
}

/** GraphQL's Int: a position past the line's end means its end. */
const INT_MAX = 2 ** 31 - 1;

/**
 * Staff puts a no-show back in the waiting line at `position` (1, the default: next; past the end: last);
 * everyone from there on moves down one. Their grace, alert and history stay as they were.
 */
export async function returnTicket(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
  rawPosition?: unknown,
): Promise<PositionedTicket> {
  const wanted = parseCount('position', rawPosition, INT_MAX, 1);
  const { value, queue } = await changeOwnedTicket(deps, identity, rawId, 'RETURN', async (tx, ticket) => {
    if (ticket.status !== 'NO_SHOW')
      throw new ConflictError(`A ${ticket.status} ticket cannot be put back in the line.`, {
        status: ticket.status,
      });
    if (tx.queue.status === 'CLOSED')
      throw new ConflictError('The queue is closed. Open or pause it to put people back.');
    const position = Math.min(wanted, tx.queue.waitingCount + 1);
    const { place, renumbered } = await placeBehind(tx, position - 1);
    const patch: TicketPatch = { status: 'WAITING', finishedAt: null, place };
    await tx.updateTicket(ticket.id, patch);
    return {
      value: { ...ticket, ...patch, position },
      kind: 'RETURNED',
      ticketNumber: ticket.number,
      toPosition: position,
      queuePatch: {
        waitingCount: tx.queue.waitingCount + 1,
        waitingPeople: tx.queue.waitingPeople + ticket.partySize,
      },
      index: { add: { ticketId: ticket.id, place } },
      reindex: renumbered,
    };
  });
  deps.log.info('ticket returned', { queueId: queue.id, ticketId: value.id, position: value.position });
  return value;
}

/**
 * Staff shows a ticket's link again: only the token's hash is stored, so the ticket gets a new token and the
 * previous link stops working (the person's page says so). Only while the ticket is WAITING or CALLED.
 */
export async function newTicketLink(deps: Deps, identity: Identity, rawId: unknown): Promise<IssuedTicket> {
  const accessToken = newToken();
  const { value: ticket, queue } = await changeOwnedTicket(
    deps,
    identity,
    rawId,
    'NEW_LINK',
    async (tx, locked) => {
      if (locked.status !== 'WAITING' && locked.status !== 'CALLED')
        throw new ConflictError(`A ${locked.status} ticket needs no link.`, { status: locked.status });
      await tx.replaceTokenHash(locked.id, hashToken(accessToken));
      return { value: locked };
    },
  );
  deps.log.info('ticket link replaced', { queueId: queue.id, ticketId: ticket.id });
  const { position } = await positionOf(deps, queue, ticket);
  return { ticket: { ...ticket, position }, accessToken, accessUrl: ticketUrl(deps, accessToken) };
}
