/** The "almost your turn" alert: once per ticket, when its position first comes within the queue's distance. */
import { paceAt, paceSlots, waitRange } from './estimates';
import { ticketMessages, type Outgoing } from './messages';
import type { QueueTx } from './ports';

/**
 * Call inside the queue's transaction after the waiting ticket numbered `removed` stopped waiting (called,
 * removed, left): positions behind it moved up by one, so the ticket now at the queue's `alertAhead` position
 * has just crossed into it — unless the one that stopped waiting was behind it. Someone who joined that close
 * never crosses (positions only shrink), so they get no alert; `almostAt`, set in the same transaction, keeps
 * it to one per ticket whatever happens later.
 */
export async function almostAlert(tx: QueueTx, removed: number, at: number): Promise<Outgoing[]> {
  const ahead = tx.queue.alertAhead;
  if (ahead === null) return [];
  const ticket = await tx.waitingAt(ahead);
  if (!ticket || ticket.number < removed || ticket.almostAt !== null) return [];
  await tx.updateTicket(ticket.id, { almostAt: at });
  const estimate = waitRange(ahead, paceAt(await tx.pace(paceSlots(at)), at));
  return ticketMessages('ALMOST', 'once', { queue: tx.queue, ticket, position: ahead, estimate });
}
