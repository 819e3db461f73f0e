/** The "almost your turn" alert: once per ticket, when its position first comes within the queue's distance. */
import { paceAt, paceSlots, waitRange } from './estimates';
import { ticketMessages, type Outgoing } from './messages';
import type { QueueTx } from './ports';

/**
 * Call inside the queue's transaction after a waiting ticket left the line from place `from` (called, removed,
 * left), or moved back from there to place `to`: the tickets after `from` (and before `to`) moved up by one, so
 * the ticket now at the queue's `alertAhead` position has just crossed into it — unless it was not one of them.
 * Someone who joined that close never crosses (positions only shrink), so they get no alert; `almostAt`, set in
 * the same transaction, keeps it to one per ticket whatever happens later.
 */
export async function almostAlert(
  tx: QueueTx,
  from: number,
  to: number | null,
  at: number,
): Promise<Outgoing[]> {
  const ahead = tx.queue.alertAhead;
  if (ahead === null) return [];
  const ticket = await tx.waitingAt(ahead);
  if (!ticket || ticket.place < from || (to !== null && ticket.place >= to) || ticket.almostAt !== null)
    return [];
  await tx.updateTicket(ticket.id, { almostAt: at });
  const estimate = waitRange(ahead, paceAt(await tx.pace(paceSlots(at)), at));
  return ticketMessages('ALMOST', 'once', { queue: tx.queue, ticket, position: ahead, estimate });
}
