/** Staff's view of the messages sent to their queue's people, and sending a failed one again. */
import { auditEntry, recordAudit } from './audit';
import { enqueueMessage } from './changes';
import type { Deps } from './deps';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { requireOwner } from './identity';
import { authorizedQueue } from './roles';
import { ticketMessages as messagesFor, type MessageKind } from './messages';
import type { Identity } from './model';
import type { DeliveryStatus, SentMessage } from './ports';
import { positionOf } from './positions';
import { estimate } from './tickets';
import { LIMITS, parseId } from './validation';

export type TicketMessageView = SentMessage & DeliveryStatus;

/** `<kind>:<ticket id>:<occasion>:<channel>`, as messages.messageId writes them. */
const MESSAGE_ID = /^(called|almost|missed|reply):[0-9a-f-]{36}:[A-Za-z0-9_-]{1,100}:(email|sms)$/;

const messageNotFound = () => new NotFoundError('Message not found.');

async function withStatuses(deps: Deps, messages: SentMessage[]): Promise<TicketMessageView[]> {
  const statuses = await deps.deliveries.statuses(messages.map((m) => m.id));
  return messages.map((m) => ({ ...m, ...(statuses.get(m.id) ?? { state: 'QUEUED', failures: 0 }) }));
}

/** The messages of these tickets of one of the owner's queues, with where each one is now. */
export async function ticketMessages(
  deps: Deps,
  identity: Identity,
  args: { queueId?: unknown; ticketIds?: unknown },
): Promise<TicketMessageView[]> {
  const ownerId = requireOwner(identity);
  const queue = await authorizedQueue(
    deps,
    ownerId,
    await deps.queues.queue(parseId('queueId', args.queueId)),
    'OPERATE',
  );
  if (!Array.isArray(args.ticketIds) || args.ticketIds.length > LIMITS.pageMax)
    throw new ValidationError(`ticketIds must be a list of at most ${LIMITS.pageMax} ids.`, {
      field: 'ticketIds',
    });
  const ids = [...new Set(args.ticketIds.map((id) => parseId('ticketIds', id)))];
  return withStatuses(deps, await deps.queues.messagesOfTickets(queue.id, ids));
}

/**
 * Sends a FAILED message again from its first attempt, rebuilt from the ticket and queue as they are now: a
 * CALLED message while its ticket is still called, an ALMOST one while it still waits. Two staff members
 * retrying at once send it once (the failure is forgotten by one of them only).
 */
export async function retryMessage(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
): Promise<TicketMessageView> {
  const ownerId = requireOwner(identity);
  if (typeof rawId !== 'string' || !MESSAGE_ID.test(rawId))
    throw new ValidationError('id is not a valid message id.', { field: 'id' });
  const record = await deps.queues.message(rawId);
  if (!record) throw messageNotFound();
  const queue = await authorizedQueue(
    deps,
    ownerId,
    await deps.queues.queue(record.queueId),
    'OPERATE',
    messageNotFound,
  );
  const [status] = (await deps.deliveries.statuses([record.id])).values();
  if (status?.state !== 'FAILED')
    throw new ConflictError(
      `Only a FAILED message can be retried; this one is ${status?.state ?? 'QUEUED'}.`,
      {
        status: status?.state ?? 'QUEUED',
      },
    );
  const ticket = await deps.queues.ticket(record.ticketId);
  const still: Record<MessageKind, string | null> = {
    CALLED: 'CALLED',
    ALMOST: 'WAITING',
    MISSED: 'NO_SHOW',
    REPLY: null,
  };
  if (!ticket || still[record.kind] !== ticket.status)
    throw new ConflictError(
      record.kind === 'REPLY'
        ? 'A reply is not sent again: the person can text again.'
        : `The ticket is ${ticket?.status ?? 'gone'}: this message would no longer be true.`,
      { status: ticket?.status ?? null },
    );
  const occasion = record.id.split(':')[2]!;
  const { position } = await positionOf(deps, queue, ticket);
  const rebuilt = messagesFor(record.kind as 'CALLED' | 'ALMOST' | 'MISSED', occasion, {
    queue,
    ticket,
    position,
    estimate: await estimate(deps, queue.id, position),
  }).find((m) => m.job.id === record.id);
  if (!rebuilt) throw new ConflictError('The ticket no longer has that email address or phone number.');
  if (!(await deps.deliveries.resetFailed(record.id)))
    throw new ConflictError('This message is already being sent again.', { status: 'QUEUED' });
  await enqueueMessage(deps, rebuilt.job);
  await recordAudit(deps, auditEntry(deps, ownerId, 'RETRY_MESSAGE', queue, ticket.number, record.kind));
  deps.log.info('message retried', { queueId: queue.id, ticketId: ticket.id, messageId: record.id });
  return { ...record, state: 'QUEUED', failures: 0 };
}
