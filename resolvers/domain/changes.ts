import type { Deps } from './deps';
import { queueNotFound } from './identity';
import type { Queue, QueueEvent, QueueEventKind } from './model';
import type { Outgoing } from './messages';
import type { IndexChange, MessageJob, QueuePatch, QueueTx } from './ports';
import { dropIndex, syncIndex } from './positions';

/** What an operation decided inside the queue's transaction. */
export interface Plan<T> {
  value: T;
  /** Absent: nothing changed (no version, no event), e.g. callNext on an empty queue. */
  kind?: QueueEventKind;
  ticketNumber?: number | null;
  /** The counter a CALLED or RECALLED number goes to. */
  counter?: string | null;
  /** The waiting position the ticket left, and the one it took (QueueEvent). */
  fromPosition?: number;
  toPosition?: number;
  /** The change renumbered the line's places: the index is rebuilt from SQL. */
  reindex?: boolean;
  queuePatch?: QueuePatch;
  index?: IndexChange;
  /** Messages to people this change sends (recorded in the transaction, queued after the commit). */
  messages?: Outgoing[];
}

export interface Committed<T> {
  value: T;
  /** The queue right after this change. */
  queue: Queue;
  event?: QueueEvent;
}

/**
 * How a queue or its tickets change (joins aside: GroupCommit takes them through QueueStore.join): under the queue's row lock, `decide` reads and writes tickets and
 * returns the changes it made, in order; each change gets the next version and one event, and the queue row is
 * written once in the same transaction, with the records of the messages the changes send. After commit, for
 * each change in order: the position index is brought up to date, its event is published, its messages are
 * queued. SQL is the truth: nothing after the commit can undo
 * it, and failures there are logged and healed by re-reads.
 */
export async function changeQueueInOrder<T>(
  deps: Deps,
  queueId: string,
  decide: (tx: QueueTx) => Promise<Plan<T>[]>,
): Promise<Committed<T>[]> {
  const results = await deps.queues.inQueueTransaction(queueId, async (tx) => {
    const plans = await decide(tx);
    const at = deps.now();
    let queue = tx.queue;
    const changes: (Committed<T> & { plan: Plan<T> })[] = [];
    for (const plan of plans) {
      if (!plan.kind) {
        changes.push({ plan, value: plan.value, queue });
        continue;
      }
      queue = { ...queue, ...plan.queuePatch, version: queue.version + 1, updatedAt: at };
      const event: QueueEvent = {
        queueId,
        version: queue.version,
        kind: plan.kind,
        ticketNumber: plan.ticketNumber ?? null,
        waitingCount: queue.waitingCount,
        nowServing: queue.nowServing,
        counter: plan.counter ?? null,
        fromPosition: plan.fromPosition ?? null,
        toPosition: plan.toPosition ?? null,
        at,
      };
      changes.push({ plan, value: plan.value, queue, event });
    }
    if (queue !== tx.queue) await tx.updateQueue(changedFields(tx.queue, queue));
    await tx.recordMessages(
      plans.flatMap((p) =>
        (p.messages ?? []).map(({ job, ticketId, kind, channel }) => ({
          id: job.id,
          ticketId,
          kind,
          channel,
          createdAt: at,
        })),
      ),
    );
    return changes;
  });
  if (!results) throw queueNotFound();
  await deliverChanges(
    deps,
    queueId,
    results.map(({ event, plan }) => ({
      event,
      index: plan.index,
      reindex: plan.reindex,
      messages: plan.messages?.map((m) => m.job),
    })),
  );
  return results.map(({ value, queue, event }) => ({ value, queue, ...(event ? { event } : {}) }));
}

/** What one committed change still has to reach after the commit. */
export interface Delivery {
  event?: QueueEvent;
  index?: IndexChange;
  reindex?: boolean;
  messages?: MessageJob[];
}

/**
 * Delivers one commit's changes, in version order: one index call for all of them, then their events,
 * dispatched together (subscribers re-read on any gap anyway), then their messages. Never throws: SQL already holds
 * the truth, and failures here are logged and healed by re-reads.
 */
export async function deliverChanges(deps: Deps, queueId: string, deliveries: Delivery[]): Promise<void> {
  const changes = deliveries.filter((d): d is Delivery & { event: QueueEvent } => !!d.event);
  // A renumbered line is not applied (the index stays behind, so readers rebuild it even if the drop fails).
  if (deliveries.some((d) => d.reindex)) await dropIndex(deps, queueId);
  else
    await syncIndex(
      deps,
      queueId,
      changes.map(({ event, index }) => ({ version: event.version, change: index ?? {} })),
    );
  await Promise.all(changes.map(({ event }) => publishEvent(deps, event)));
  for (const { messages } of deliveries) for (const job of messages ?? []) await enqueueMessage(deps, job);
}

/** One change (or none) to a queue: see changeQueueInOrder. */
export async function changeQueue<T>(
  deps: Deps,
  queueId: string,
  decide: (tx: QueueTx) => Promise<Plan<T>>,
): Promise<Committed<T>> {
  const [only] = await changeQueueInOrder(deps, queueId, async (tx) => [await decide(tx)]);
  return only!;
}

const QUEUE_FIELDS = [
  'name',
  'description',
  'calledMessage',
  'status',
  'selfJoin',
  'serveOnNext',
  'capacity',
  'alertAhead',
  'messageTemplates',
  'counters',
  'onePerContact',
  'presence',
  'graceMinutes',
  'graceCallsNext',
  'snoozePlaces',
  'snoozeLimit',
  'version',
  'nextNumber',
  'waitingCount',
  'waitingPeople',
  'nowServing',
  'lastCalledAt',
  'updatedAt',
] as const satisfies readonly (keyof QueuePatch)[];

function changedFields(before: Queue, after: Queue): QueuePatch {
  const patch: Record<string, unknown> = {};
  for (const field of QUEUE_FIELDS) if (before[field] !== after[field]) patch[field] = after[field];
  return patch as QueuePatch;
}

export async function publishEvent(deps: Deps, event: QueueEvent): Promise<void> {
  try {
    await deps.events.publish(event);
  } catch (error) {
    // Subscribers heal: the next event shows a gap and they re-read.
    deps.log.error('queue event not published', {
      queueId: event.queueId,
      version: event.version,
      error: String(error),
    });
  }
}

export async function enqueueMessage(deps: Deps, job: MessageJob): Promise<void> {
  try {
    await deps.jobs.enqueue(job);
  } catch (error) {
    deps.log.error('message not queued', { jobId: job.id, error: String(error) });
  }
}
