/**
 * The grace after a call: a queue can give a called person some minutes to come; unserved by then, they become
 * a no-show on their own (an event, a message on their channels) and, if the queue asks, the counter that
 * called them calls the next person. Timers live in SQL beside the tickets (they survive restarts); every
 * instance sweeps the due ones, and the check under the queue's lock makes each act once.
 */
import { auditEntry, SYSTEM_ACTOR } from './audit';
import { changeQueue } from './changes';
import type { Deps } from './deps';
import { ticketMessages } from './messages';
import type { QueueTx } from './ports';
import { callNextAs } from './staff-tickets';

const MINUTE = 60 * 1000;

/** Inside the call's transaction: (re)starts the called ticket's timer when the queue gives a grace. */
export async function startGrace(tx: QueueTx, ticketId: string, calledAt: number): Promise<void> {
  if (tx.queue.graceMinutes === null) return;
  await tx.startGrace({
    ticketId,
    queueId: tx.queue.id,
    calledAt,
    dueAt: calledAt + tx.queue.graceMinutes * MINUTE,
  });
}

/**
 * Acts on the timers due now: each still-unserved call made when its timer was set becomes NO_SHOW, once,
 * whoever sweeps (another instance, or again after a restart); a timer whose call ended is dropped; one a
 * recall restarted waits for its new time. Returns how many people became no-shows.
 */
export async function sweepGrace(deps: Deps, limit = 100): Promise<number> {
  const due = await deps.queues.dueGraceTimers(deps.now(), limit);
  let noShows = 0;
  for (const timer of due) {
    try {
      const { value, queue } = await changeQueue(deps, timer.queueId, async (tx) => {
        const ticket = await tx.ticket(timer.ticketId);
        if (ticket?.status === 'CALLED' && ticket.calledAt !== timer.calledAt) return { value: null };
        await tx.endGrace(timer.ticketId);
        if (!ticket || ticket.status !== 'CALLED') return { value: null };
        const at = deps.now();
        await tx.updateTicket(ticket.id, { status: 'NO_SHOW', finishedAt: at });
        await tx.recordAudit(auditEntry(deps, SYSTEM_ACTOR, 'GRACE_NO_SHOW', tx.queue, ticket.number));
        const missed = { ...ticket, status: 'NO_SHOW' as const, finishedAt: at };
        return {
          value: missed,
          kind: 'NO_SHOW',
          ticketNumber: ticket.number,
          messages: ticketMessages('MISSED', String(ticket.calledAt), { queue: tx.queue, ticket: missed }),
        };
      });
      if (!value) continue;
      noShows += 1;
      deps.log.info('grace ran out: no-show', { queueId: queue.id, ticketId: value.id });
      if (queue.graceCallsNext) {
        const counter = queue.counters.find((c) => c.name === value.counter) ?? null;
        await callNextAs(deps, SYSTEM_ACTOR, queue.id, counter?.id ?? null);
      }
    } catch (error) {
      // The next sweep tries again: the timer is still there unless the change committed.
      deps.log.warn('grace timer not handled', {
        queueId: timer.queueId,
        ticketId: timer.ticketId,
        error: String(error),
      });
    }
  }
  return noShows;
}
