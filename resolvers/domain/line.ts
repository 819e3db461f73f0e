/**
 * The waiting line's order: a ticket's place (its number, unless it was moved) and what leaving the line,
 * moving back in it ("I need a few more minutes") and being put back into it change. Positions are what
 * everyone sees; places only order the line.
 */
import { almostAlert } from './alerts';
import type { Plan } from './changes';
import type { Outgoing } from './messages';
import type { Ticket } from './model';
import type { QueueTx } from './ports';

/**
 * A place strictly between a neighbour's (`before`; null: the line's front) and the next one's; null when the
 * two are adjacent doubles (then the line is renumbered). Places are above zero: numbers start at 1.
 */
export function placeBetween(before: number | null, after: number): number | null {
  const low = before ?? 0;
  const place = low + (after - low) / 2;
  return place > low && place < after ? place : null;
}

type LineChange = Required<Pick<Plan<unknown>, 'fromPosition' | 'queuePatch' | 'index'>> & {
  alerts: Outgoing[];
};

/**
 * A WAITING ticket has just left the line (its new status written): the position it left, the queue's
 * counts, the index, and the alert it may bring the one now at the queue's alert distance.
 */
export async function leaveLine(tx: QueueTx, ticket: Ticket, at: number): Promise<LineChange> {
  return {
    fromPosition: (await tx.waitingBefore(ticket.place)) + 1,
    queuePatch: {
      waitingCount: tx.queue.waitingCount - 1,
      waitingPeople: tx.queue.waitingPeople - ticket.partySize,
    },
    index: { remove: ticket.id },
    alerts: await almostAlert(tx, ticket.place, null, at),
  };
}

/**
 * The place right behind the ticket now at `position` (the line's end: before the next number, which the
 * next join takes); when there is none left between them, the line is renumbered first (`renumbered`).
 */
export async function placeBehind(
  tx: QueueTx,
  position: number,
): Promise<{ place: number; renumbered: boolean }> {
  const between = async () => {
    const before = position === 0 ? null : ((await tx.waitingAt(position))?.place ?? null);
    const after = (await tx.waitingAt(position + 1))?.place ?? tx.queue.nextNumber;
    return placeBetween(before, after);
  };
  const place = await between();
  if (place !== null) return { place, renumbered: false };
  await tx.renumberWaiting();
  return { place: (await between())!, renumbered: true };
}
