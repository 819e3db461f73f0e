import { auditEntry, recordAudit } from './audit';
import { changeQueue, publishEvent } from './changes';
import type { Deps } from './deps';
import { ValidationError } from './errors';
import { requireOwner } from './identity';
import { authorizedQueue, authorizeInQueue, decide } from './roles';
import { privacyNotice, type PrivacyNotice } from './retention';
import { venueForNewQueue } from './venues';
import type { Identity, Queue, QueueStatus } from './model';
import { isDisplayKey, presenceCode, type PresenceRotation } from './presence';
import type { Page, QueuePatch, RecentCall } from './ports';
import { dropIndex } from './positions';
import {
  LIMITS,
  parseCapacity,
  parseCount,
  parseCounters,
  parseId,
  parseLimit,
  parseName,
  parseTemplates,
  parseText,
} from './validation';

export interface QueueInput {
  name?: unknown;
  description?: unknown;
  calledMessage?: unknown;
  selfJoin?: unknown;
  serveOnNext?: unknown;
  capacity?: unknown;
  alertAhead?: unknown;
  messageTemplates?: unknown;
  counters?: unknown;
  onePerContact?: unknown;
  presence?: unknown;
  graceMinutes?: unknown;
  graceCallsNext?: unknown;
  snoozePlaces?: unknown;
  snoozeLimit?: unknown;
  /** createQueue only: the venue (the caller's default venue when left out). */
  venueId?: unknown;
}

const STATUSES: readonly QueueStatus[] = ['OPEN', 'PAUSED', 'CLOSED'];

const ROTATIONS: readonly PresenceRotation[] = ['OFF', 'HOURLY', 'DAILY'];

function parsePresence(raw: unknown): PresenceRotation | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!ROTATIONS.includes(raw as PresenceRotation))
    throw new ValidationError('presence must be OFF, HOURLY or DAILY.', { field: 'presence' });
  return raw as PresenceRotation;
}

function parseFlag(name: string, raw: unknown, absent: boolean): boolean {
  if (raw === undefined || raw === null) return absent;
  if (typeof raw !== 'boolean') throw new ValidationError(`${name} must be true or false.`, { field: name });
  return raw;
}

export async function createQueue(deps: Deps, identity: Identity, input: QueueInput): Promise<Queue> {
  const ownerId = requireOwner(identity);
  const venueId = await venueForNewQueue(deps, ownerId, input.venueId);
  const at = deps.now();
  const queue: Queue = {
    id: deps.newId(),
    ownerId,
    venueId,
    name: parseName('name', input.name),
    description: parseText('description', input.description),
    calledMessage: parseText('calledMessage', input.calledMessage),
    status: 'OPEN',
    selfJoin: parseFlag('selfJoin', input.selfJoin, false),
    serveOnNext: parseFlag('serveOnNext', input.serveOnNext, true),
    capacity: parseCapacity('capacity', input.capacity),
    alertAhead: parseCount('alertAhead', input.alertAhead, LIMITS.alertAheadMax, null),
    messageTemplates: parseTemplates('messageTemplates', input.messageTemplates),
    counters: parseCounters('counters', input.counters, [], deps.newId),
    onePerContact: parseFlag('onePerContact', input.onePerContact, false),
    presence: parsePresence(input.presence) ?? 'OFF',
    graceMinutes: parseCount('graceMinutes', input.graceMinutes, LIMITS.graceMinutesMax, null),
    graceCallsNext: parseFlag('graceCallsNext', input.graceCallsNext, false),
    snoozePlaces: parseCount('snoozePlaces', input.snoozePlaces, LIMITS.snoozePlacesMax, null),
    snoozeLimit: parseCount('snoozeLimit', input.snoozeLimit, LIMITS.snoozeLimitMax, 1),
    version: 1,
    nextNumber: 1,
    waitingCount: 0,
    waitingPeople: 0,
    nowServing: null,
    lastCalledAt: null,
    createdAt: at,
    updatedAt: at,
  };
  await deps.queues.insertQueue(queue);
  await recordAudit(deps, auditEntry(deps, ownerId, 'CREATE_QUEUE', queue));
  deps.log.info('queue created', { queueId: queue.id, ownerId });
  return queue;
}

/** Fields left out stay; null clears the optional ones. */
export async function updateQueue(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
  input: QueueInput,
): Promise<Queue> {
  const ownerId = requireOwner(identity);
  const id = parseId('id', rawId);
  const patch: QueuePatch = {};
  if (input.name !== undefined) patch.name = parseName('name', input.name);
  if (input.description !== undefined) patch.description = parseText('description', input.description);
  if (input.calledMessage !== undefined)
    patch.calledMessage = parseText('calledMessage', input.calledMessage);
  if (input.selfJoin !== undefined && input.selfJoin !== null)
    patch.selfJoin = parseFlag('selfJoin', input.selfJoin, false);
  if (input.serveOnNext !== undefined && input.serveOnNext !== null)
    patch.serveOnNext = parseFlag('serveOnNext', input.serveOnNext, true);
  if (input.capacity !== undefined) patch.capacity = parseCapacity('capacity', input.capacity);
  if (input.alertAhead !== undefined)
    patch.alertAhead = parseCount('alertAhead', input.alertAhead, LIMITS.alertAheadMax, null);
  if (input.onePerContact !== undefined && input.onePerContact !== null)
    patch.onePerContact = parseFlag('onePerContact', input.onePerContact, false);
  const presence = parsePresence(input.presence);
  if (presence) patch.presence = presence;
  if (input.graceMinutes !== undefined)
    patch.graceMinutes = parseCount('graceMinutes', input.graceMinutes, LIMITS.graceMinutesMax, null);
  if (input.snoozePlaces !== undefined)
    patch.snoozePlaces = parseCount('snoozePlaces', input.snoozePlaces, LIMITS.snoozePlacesMax, null);
  if (input.snoozeLimit !== undefined && input.snoozeLimit !== null)
    patch.snoozeLimit = parseCount('snoozeLimit', input.snoozeLimit, LIMITS.snoozeLimitMax, 1);
  if (input.graceCallsNext !== undefined && input.graceCallsNext !== null)
    patch.graceCallsNext = parseFlag('graceCallsNext', input.graceCallsNext, false);
  if (input.messageTemplates !== undefined)
    patch.messageTemplates = parseTemplates('messageTemplates', input.messageTemplates);
  const { queue } = await changeQueue(deps, id, async (tx) => {
    await authorizeInQueue(tx, ownerId, 'SETTINGS');
    // Counters keep their ids against the queue as locked: a counter renamed stays the same counter.
    if (input.counters !== undefined)
      patch.counters = parseCounters('counters', input.counters, tx.queue.counters, deps.newId);
    await tx.recordAudit(
      auditEntry(
        deps,
        ownerId,
        'UPDATE_QUEUE',
        { ...tx.queue, ...patch },
        null,
        Object.keys(patch).join(','),
      ),
    );
    return { value: null, kind: 'QUEUE_UPDATED', queuePatch: patch };
  });
  return queue;
}

export async function setQueueStatus(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
  status: unknown,
): Promise<Queue> {
  const ownerId = requireOwner(identity);
  const id = parseId('id', rawId);
  if (!STATUSES.includes(status as QueueStatus))
    throw new ValidationError('status must be OPEN, PAUSED or CLOSED.');
  const { queue } = await changeQueue(deps, id, async (tx) => {
    await authorizeInQueue(tx, ownerId, 'SETTINGS');
    if (tx.queue.status === status) return { value: null };
    await tx.recordAudit(auditEntry(deps, ownerId, 'SET_QUEUE_STATUS', tx.queue, null, String(status)));
    return { value: null, kind: 'QUEUE_UPDATED', queuePatch: { status: status as QueueStatus } };
  });
  return queue;
}

/** Deletes the queue and its tickets; watchers get a last event and find their tickets gone on re-read. */
export async function deleteQueue(deps: Deps, identity: Identity, rawId: unknown): Promise<true> {
  const ownerId = requireOwner(identity);
  const id = parseId('id', rawId);
  const queue = await authorizedQueue(deps, ownerId, await deps.queues.queue(id), 'SETTINGS');
  await deps.queues.deleteQueue(queue.id);
  await recordAudit(deps, auditEntry(deps, ownerId, 'DELETE_QUEUE', queue));
  await announceQueueGone(deps, queue);
  deps.log.info('queue deleted', { queueId: queue.id, ownerId });
  return true;
}

/** Every queue of these venues, page after page (deleting or exporting them all). */
export async function everyQueueIn(deps: Deps, venueIds: string[]): Promise<Queue[]> {
  const queues: Queue[] = [];
  let nextToken: string | undefined;
  if (venueIds.length)
    do {
      const page = await deps.queues.queuesIn(venueIds, [], 500, nextToken);
      queues.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken);
  return queues;
}

/** After a queue's rows are deleted: its position index goes, and screens still open on it hear of it. */
export async function announceQueueGone(deps: Deps, queue: Queue): Promise<void> {
  await dropIndex(deps, queue.id);
  await publishEvent(deps, {
    queueId: queue.id,
    version: queue.version + 1,
    kind: 'QUEUE_UPDATED',
    ticketNumber: null,
    waitingCount: 0,
    nowServing: queue.nowServing,
    counter: null,
    fromPosition: null,
    toPosition: null,
    at: deps.now(),
  });
}

/** One queue the caller works on (any role that may operate it); null otherwise, as for a missing one. */
export async function getQueue(deps: Deps, identity: Identity, rawId: unknown): Promise<Queue | null> {
  const accountId = requireOwner(identity);
  const queue = await deps.queues.queue(parseId('id', rawId));
  if (!queue) return null;
  return decide(await deps.venues.membership(queue.venueId, accountId), 'OPERATE', queue.id) === 'ALLOWED'
    ? queue
    : null;
}

/** The queues the caller works on: every queue of the venues where it is an owner or manager, a clerk's own. */
export async function myQueues(
  deps: Deps,
  identity: Identity,
  limit: unknown,
  nextToken: unknown,
): Promise<Page<Queue>> {
  const accountId = requireOwner(identity);
  const memberships = (await deps.venues.venuesOf(accountId)).map((v) => v.membership);
  return deps.queues.queuesIn(
    memberships.filter((m) => m.queueIds === null).map((m) => m.venueId),
    memberships.flatMap((m) => m.queueIds ?? []),
    parseLimit(limit, 50, 100),
    nextTokenOf(nextToken),
  );
}

/** How many of the last calls the venue display shows. */
export const DISPLAY_CALLS = 5;

/**
 * What the venue's screen shows: the queue's public fields, its last calls' numbers (never names) and, per
 * counter, the number it called last (from the last 100 calls: a counter idle longer shows none).
 */
export async function queueDisplay(
  deps: Deps,
  rawId: unknown,
  key?: unknown,
): Promise<{
  queue: Queue;
  recentCalls: RecentCall[];
  counterCalls: RecentCall[];
  /** Only for the screen's own key: anyone may read the rest, not the code that proves presence. */
  presenceCode: { code: string; validUntil: number } | null;
  privacy: PrivacyNotice;
} | null> {
  const queue = await deps.queues.queue(parseId('queueId', rawId));
  if (!queue) return null;
  const calls = await deps.queues.recentCalls(queue.id, queue.counters.length ? 100 : DISPLAY_CALLS);
  const counterCalls = queue.counters.flatMap((c) => calls.find((call) => call.counter === c.name) ?? []);
  const code =
    queue.presence !== 'OFF' && isDisplayKey(deps.sessionKey, queue.id, key)
      ? presenceCode(deps.sessionKey, queue.id, queue.presence, deps.now())
      : null;
  return {
    queue,
    recentCalls: calls.slice(0, DISPLAY_CALLS),
    counterCalls,
    presenceCode: code,
    privacy: await privacyNotice(deps, queue),
  };
}

export function nextTokenOf(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw new ValidationError('nextToken must be text.');
  return raw;
}
