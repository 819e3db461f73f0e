/** Staff's list of a queue's tickets: the line's order, with the positions of the waiting ones. */
import type { Deps } from './deps';
import { ValidationError } from './errors';
import { requireOwner } from './identity';
import type { PositionedTicket } from './issue';
import type { Identity, TicketStatus } from './model';
import type { Page } from './ports';
import { nextTokenOf } from './queues';
import { authorizedQueue } from './roles';
import { LIMITS, parseId, parseLimit } from './validation';

const TICKET_STATUSES: readonly TicketStatus[] = [
  'WAITING',
  'CALLED',
  'SERVED',
  'NO_SHOW',
  'REMOVED',
  'LEFT',
];

/** An owner's view of a queue's tickets in the line's order, with the positions of the waiting ones. */
export async function queueTickets(
  deps: Deps,
  identity: Identity,
  args: { queueId?: unknown; statuses?: unknown; limit?: unknown; nextToken?: unknown },
): Promise<Page<PositionedTicket>> {
  const ownerId = requireOwner(identity);
  const queue = await authorizedQueue(
    deps,
    ownerId,
    await deps.queues.queue(parseId('queueId', args.queueId)),
    'OPERATE',
  );
  const statuses = parseStatuses(args.statuses);
  const page = await deps.queues.tickets(
    queue.id,
    statuses,
    parseLimit(args.limit, 100, LIMITS.pageMax),
    nextTokenOf(args.nextToken),
  );
  const first = page.items.find((t) => t.status === 'WAITING');
  let position = first ? await deps.queues.countWaitingBefore(queue.id, first.place) : 0;
  const items = page.items.map((t) => ({ ...t, position: t.status === 'WAITING' ? (position += 1) : null }));
  return { items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

function parseStatuses(raw: unknown): TicketStatus[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.some((s) => !TICKET_STATUSES.includes(s as TicketStatus)))
    throw new ValidationError('statuses must be ticket statuses.');
  return raw.length === 0 ? undefined : (raw as TicketStatus[]);
}
