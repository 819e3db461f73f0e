/** The waiting person's side of a ticket: joining, following it by its token, moving back, leaving. */
import type { JoinRefusal } from '../../schema/rules';
import { almostAlert } from './alerts';
import { changeQueue } from './changes';
import type { Deps } from './deps';
import { ConflictError, NotFoundError } from './errors';
import { paceAt, paceSlots, waitRange, type WaitRange } from './estimates';
import { acceptsPresenceCode } from './presence';
import type { Outgoing } from './messages';
import { queueNotFound } from './identity';
import type { JoinGuards } from './join-rules';
import { leaveLine, placeBehind } from './line';
import type { Queue, Ticket, TicketStatus } from './model';
import type { QueueTx, TicketPatch } from './ports';
import { positionOf } from './positions';
import { privacyNotice, type PrivacyNotice } from './retention';
import { hashToken } from './secrets';
import {
  LIMITS,
  parseCount,
  parseId,
  parseLanguage,
  parseName,
  parseOptionalEmail,
  parseOptionalPhone,
  parseToken,
} from './validation';

export interface TicketInput {
  name?: unknown;
  email?: unknown;
  phone?: unknown;
  language?: unknown;
  partySize?: unknown;
}

/** The waiting person's view of their own ticket: nothing about anyone else. */
export interface TicketView {
  ticketId: string;
  queueId: string;
  queueName: string;
  queueDescription: string | null;
  queueStatus: Queue['status'];
  name: string;
  number: number;
  status: TicketStatus;
  position: number | null;
  waitingCount: number;
  nowServing: number | null;
  /** Null: not enough history yet (or not waiting). */
  estimatedWait: WaitRange | null;
  calledMessage: string | null;
  /** The queue's "almost your turn" distance (the page says so within it); null: off. */
  alertAhead: number | null;
  /** Where to go once CALLED: the counter's name; null otherwise. */
  counter: string | null;
  /** How many places "I need a few more minutes" moves back; null: the queue does not allow it. */
  snoozePlaces: number | null;
  /** How many more times this ticket may move back. */
  snoozesLeft: number;
  /** Who keeps the holder's data, and for how long. */
  privacy: PrivacyNotice;
  version: number;
}

export function ticketNotFound(): NotFoundError {
  return new NotFoundError('Ticket not found.');
}

export function parseTicketInput(input: TicketInput, phoneCountryCode: string) {
  return {
    name: parseName('name', input.name),
    email: parseOptionalEmail('email', input.email),
    phone: parseOptionalPhone('phone', input.phone, phoneCountryCode),
    language: parseLanguage('language', input.language),
    partySize: parseCount('partySize', input.partySize, LIMITS.partySizeMax, 1),
  };
}

const SELF_JOIN: JoinGuards = { ownerId: null, selfJoin: true, statuses: ['OPEN'], capacity: true };

const SELF_JOIN_REFUSALS: Record<JoinRefusal, string> = {
  SELF_JOIN_OFF: 'This queue does not take self-service joins.',
  PAUSED: 'This queue is paused. Please try again soon.',
  CLOSED: 'This queue is closed.',
  FULL: 'This queue is full. Please try again later.',
  DUPLICATE: 'This phone number or email already has a place in this queue.',
  PRESENCE_CODE: 'This queue takes people at the venue only: enter the code shown there.',
};

/**
 * Self-join: only when the owner allows it, the queue is open, not full, the person's phone or email holds no
 * live ticket (when the owner asks for that), and, when the queue asks for it, with the venue's presence code.
 */
export async function joinQueue(deps: Deps, rawQueueId: unknown, input: TicketInput, rawCode?: unknown) {
  const queueId = parseId('queueId', rawQueueId);
  // Whether the code is the hourly or the daily one: the queue's setting is applied where the number is taken.
  const code = typeof rawCode === 'string' ? rawCode.replace(/\s/g, '') : '';
  const valid = (rotation: 'HOURLY' | 'DAILY') =>
    /^[0-9]{6}$/.test(code) && acceptsPresenceCode(deps.sessionKey, queueId, rotation, deps.now(), code);
  return deps.joins.issue(
    deps,
    queueId,
    'SELF',
    parseTicketInput(input, deps.phoneCountryCode),
    { ...SELF_JOIN, code: { HOURLY: valid('HOURLY'), DAILY: valid('DAILY') } },
    (code) =>
      code === 'NOT_OWNER' ? queueNotFound() : new ConflictError(SELF_JOIN_REFUSALS[code], { reason: code }),
  );
}

export async function lockedTicket(tx: QueueTx, id: string): Promise<Ticket> {
  const ticket = await tx.ticket(id);
  if (!ticket) throw ticketNotFound();
  return ticket;
}

async function ticketByToken(deps: Deps, rawToken: unknown): Promise<Ticket | undefined> {
  return deps.queues.ticketByTokenHash(hashToken(parseToken('token', rawToken)));
}

function view(
  ticket: Ticket,
  queue: Queue,
  position: number | null,
  version: number,
  estimatedWait: WaitRange | null,
  privacy: PrivacyNotice,
): TicketView {
  return {
    ticketId: ticket.id,
    queueId: queue.id,
    queueName: queue.name,
    queueDescription: queue.description,
    queueStatus: queue.status,
    name: ticket.name,
    number: ticket.number,
    status: ticket.status,
    position,
    waitingCount: queue.waitingCount,
    nowServing: queue.nowServing,
    estimatedWait,
    calledMessage: ticket.status === 'CALLED' ? queue.calledMessage : null,
    alertAhead: queue.alertAhead,
    counter: ticket.status === 'CALLED' ? ticket.counter : null,
    snoozePlaces: queue.snoozePlaces,
    snoozesLeft: queue.snoozePlaces === null ? 0 : Math.max(0, queue.snoozeLimit - ticket.snoozes),
    privacy,
    version,
  };
}

/** The wait at `position` now, from the queue's pace; null when not waiting or without enough history. */
export async function estimate(
  deps: Deps,
  queueId: string,
  position: number | null,
): Promise<WaitRange | null> {
  if (position === null) return null;
  const at = deps.now();
  return waitRange(position, paceAt(await deps.queues.pace(queueId, paceSlots(at)), at));
}

/** The waiting person's own ticket, by the token their link carries; null for an unknown token. */
export async function ticketView(deps: Deps, rawToken: unknown): Promise<TicketView | null> {
  const ticket = await ticketByToken(deps, rawToken);
  if (!ticket) return null;
  const queue = await deps.queues.queue(ticket.queueId);
  if (!queue) return null;
  const { position, version } = await positionOf(deps, queue, ticket);
  return view(
    ticket,
    queue,
    position,
    version,
    await estimate(deps, queue.id, position),
    await privacyNotice(deps, queue),
  );
}

/** The waiting person leaves; leaving twice is a conflict, not a second event. */
export async function leaveQueue(deps: Deps, rawToken: unknown): Promise<TicketView> {
  const found = await ticketByToken(deps, rawToken);
  if (!found) throw ticketNotFound();
  const { value, queue } = await leaveTicket(deps, found);
  return view(value, queue, null, queue.version, null, await privacyNotice(deps, queue));
}

/**
 * A WAITING or CALLED ticket leaves its queue (from its page, or by a text message): one LEFT change, and the
 * "almost your turn" alert it may bring someone behind. `reply` adds messages to the person who left.
 */
export async function leaveTicket(
  deps: Deps,
  found: Ticket,
  reply: (ticket: Ticket, queue: Queue) => Outgoing[] = () => [],
) {
  const committed = await changeQueue(deps, found.queueId, async (tx) => {
    const ticket = await lockedTicket(tx, found.id);
    if (ticket.status !== 'WAITING' && ticket.status !== 'CALLED')
      throw new ConflictError(`This ticket is already ${ticket.status.toLowerCase().replace('_', '-')}.`, {
        status: ticket.status,
      });
    const at = deps.now();
    const patch: TicketPatch = { status: 'LEFT', finishedAt: at };
    await tx.updateTicket(ticket.id, patch);
    await tx.endGrace(ticket.id);
    const { alerts, ...line } =
      ticket.status === 'WAITING' ? await leaveLine(tx, ticket, at) : { alerts: [] };
    return {
      value: { ...ticket, ...patch },
      kind: 'LEFT',
      ticketNumber: ticket.number,
      ...line,
      messages: [...reply(ticket, tx.queue), ...alerts],
    };
  });
  deps.log.info('ticket left', { queueId: committed.queue.id, ticketId: committed.value.id });
  return committed;
}

/**
 * "I need a few more minutes": the waiting person moves back by the queue's number of places (never past the
 * line's end), at most the queue's number of times per ticket. The people they let by move up one each.
 */
export async function snoozeTicket(deps: Deps, rawToken: unknown): Promise<TicketView> {
  const found = await ticketByToken(deps, rawToken);
  if (!found) throw ticketNotFound();
  const { value, queue } = await changeQueue(deps, found.queueId, async (tx) => {
    let ticket = await lockedTicket(tx, found.id);
    const { snoozePlaces, snoozeLimit, waitingCount } = tx.queue;
    if (ticket.status !== 'WAITING')
      throw new ConflictError('Only a waiting ticket can move back.', { status: ticket.status });
    if (snoozePlaces === null)
      throw new ConflictError('This queue does not let people move back.', { reason: 'SNOOZE_OFF' });
    if (ticket.snoozes >= snoozeLimit)
      throw new ConflictError('This ticket has moved back as often as the queue allows.', {
        reason: 'SNOOZE_LIMIT',
      });
    const from = (await tx.waitingBefore(ticket.place)) + 1;
    const to = Math.min(from + snoozePlaces, waitingCount);
    if (to === from) throw new ConflictError('Nobody is behind this ticket to let by.', { reason: 'LAST' });
    const { place, renumbered } = await placeBehind(tx, to);
    if (renumbered) ticket = await lockedTicket(tx, ticket.id);
    const patch: TicketPatch = { place, snoozes: ticket.snoozes + 1 };
    await tx.updateTicket(ticket.id, patch);
    const at = deps.now();
    return {
      value: { ...ticket, ...patch, position: to },
      kind: 'MOVED',
      ticketNumber: ticket.number,
      fromPosition: from,
      toPosition: to,
      index: { remove: ticket.id, add: { ticketId: ticket.id, place } },
      reindex: renumbered,
      messages: await almostAlert(tx, ticket.place, place, at),
    };
  });
  deps.log.info('ticket moved back', { queueId: queue.id, ticketId: value.id });
  return view(
    value,
    queue,
    value.position,
    queue.version,
    await estimate(deps, queue.id, value.position),
    await privacyNotice(deps, queue),
  );
}
