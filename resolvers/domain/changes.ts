import type { Deps } from './deps';
import { queueNotFound } from './identity';
import type { Queue, QueueEvent, QueueEventKind } from './model';
import type { IndexChange, MailJob, QueuePatch, QueueTx } from './ports';
import { syncIndex } from './positions';

/** What an operation decided inside the queue's transaction. */
export interface Plan<T> {
  value: T;
  /** Absent: nothing changed (no version, no event), e.g. callNext on an empty queue. */
  kind?: QueueEventKind;
  ticketNumber?: number | null;
  queuePatch?: QueuePatch;
  index?: IndexChange;
  mail?: MailJob[];
}

export interface Committed<T> {
  value: T;
  queue: Queue;
  event?: QueueEvent;
}

/**
 * The one way a queue or its tickets change: under the queue's row lock, `decide` reads and writes tickets and
 * says what happened; the version goes up by one in the same transaction. After commit, the position index is
 * brought up to date, then one event is published, then mail is queued. SQL is the truth: nothing after the
 * commit can undo it, and failures there are logged and healed by re-reads.
 */
export async function changeQueue<T>(
  deps: Deps,
  queueId: string,
  decide: (tx: QueueTx) => Promise<Plan<T>>,
): Promise<Committed<T>> {
  const committed = await deps.queues.inQueueTransaction(queueId, async (tx) => {
    const plan = await decide(tx);
    if (!plan.kind) return { plan, queue: tx.queue, event: undefined };
    const at = deps.now();
    const patch: QueuePatch = { ...plan.queuePatch, version: tx.queue.version + 1, updatedAt: at };
    await tx.updateQueue(patch);
    const queue: Queue = { ...tx.queue, ...patch };
    const event: QueueEvent = {
      queueId,
      version: queue.version,
      kind: plan.kind,
      ticketNumber: plan.ticketNumber ?? null,
      waitingCount: queue.waitingCount,
      nowServing: queue.nowServing,
      at,
    };
    return { plan, queue, event };
  });
  if (!committed) throw queueNotFound();
  const { plan, queue, event } = committed;
  if (event) {
    await syncIndex(deps, queueId, event.version, plan.index ?? {});
    await publishEvent(deps, event);
  }
  for (const job of plan.mail ?? []) await enqueueMail(deps, job);
  return { value: plan.value, queue, event };
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

export async function enqueueMail(deps: Deps, job: MailJob): Promise<void> {
  try {
    await deps.jobs.enqueue(job);
  } catch (error) {
    deps.log.error('mail not queued', { jobId: job.id, template: job.template, error: String(error) });
  }
}
