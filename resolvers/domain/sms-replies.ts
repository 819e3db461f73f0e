/**
 * Text messages people send back: "cancel"/"sair" leaves the queue, "status"/"posição" answers the position and
 * the wait, anything else a short help. Only a number with a live ticket can do anything; a reply from any
 * other number changes nothing and gets no answer (no texts paid for strangers).
 */
import { enqueueMessage } from './changes';
import type { Deps } from './deps';
import { ConflictError, ValidationError } from './errors';
import { messageId, replyText, templateText, type MessageContext, type Outgoing } from './messages';
import type { Queue, Ticket } from './model';
import { positionOf } from './positions';
import { estimate, leaveTicket } from './tickets';

export type ReplyIntent = 'LEAVE' | 'STATUS' | 'HELP';

const LEAVE_WORDS = ['cancel', 'cancelar', 'sair', 'leave', 'quit'];
const STATUS_WORDS = ['status', 'posicao', 'position', 'fila', 'where'];

/** What a reply asks, from its first word, in English or Portuguese, in any case, with or without accents. */
export function replyIntent(body: string): ReplyIntent {
  const word = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .split(/[^a-z]+/)[0];
  if (word && LEAVE_WORDS.includes(word)) return 'LEAVE';
  if (word && STATUS_WORDS.includes(word)) return 'STATUS';
  return 'HELP';
}

export interface InboundSms {
  /** The provider's id of the inbound message: a redelivered one is handled once. */
  id: string;
  from: string;
  body: string;
}

export type ReplyOutcome = ReplyIntent | 'UNKNOWN_NUMBER' | 'DUPLICATE';

/** Checks a reply as the inbound paths receive it (the SNS topic's JSON, or /dev/sms/inbound). */
export function parseInboundSms(raw: unknown, fallbackId: string): InboundSms {
  const r = (raw ?? {}) as { id?: unknown; from?: unknown; body?: unknown };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ValidationError('A reply is an object with "from" and "body".');
  if (typeof r.from !== 'string' || !/^\+[1-9][0-9]{5,14}$/.test(r.from))
    throw new ValidationError('"from" must be a phone number in E.164, such as +5511912345678.', {
      field: 'from',
    });
  if (typeof r.body !== 'string' || r.body.length > 1600)
    throw new ValidationError('"body" must be text of at most 1,600 characters.', { field: 'body' });
  const id = typeof r.id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(r.id) ? r.id : fallbackId;
  return { id, from: r.from, body: r.body };
}

/** Handles one reply, at most once per inbound id. */
export async function handleSmsReply(deps: Deps, sms: InboundSms): Promise<ReplyOutcome> {
  const claimId = `inbound:${sms.id}`;
  const now = deps.now();
  const claim = await deps.deliveries.claim(claimId, now, now + 60_000);
  if (claim !== 'claimed') return 'DUPLICATE';
  try {
    const outcome = await act(deps, sms);
    await deps.deliveries.markDelivered(claimId, now + 15 * 24 * 60 * 60 * 1000);
    return outcome;
  } catch (error) {
    await deps.deliveries.markFailed(claimId, 1, false, now + 60_000).catch(() => undefined);
    throw error;
  }
}

async function act(deps: Deps, sms: InboundSms, retried = false): Promise<ReplyOutcome> {
  // The newest live ticket of that number: the one its last messages were about.
  const [ticket] = await deps.queues.activeTicketsByPhone(sms.from);
  const intent = replyIntent(sms.body);
  if (!ticket) {
    deps.log.info('sms reply from a number without a live ticket', { inboundId: sms.id, intent });
    return 'UNKNOWN_NUMBER';
  }
  deps.log.info('sms reply', { inboundId: sms.id, ticketId: ticket.id, queueId: ticket.queueId, intent });
  const reply = (context: MessageContext, text: string): Outgoing => ({
    ticketId: context.ticket.id,
    kind: 'REPLY',
    channel: 'SMS',
    job: {
      id: messageId('REPLY', context.ticket.id, sms.id, 'SMS'),
      channel: 'SMS',
      to: sms.from,
      body: text,
    },
  });
  if (intent === 'LEAVE') {
    try {
      await leaveTicket(deps, ticket, (t, queue) => [
        reply({ queue, ticket: t }, replyText('LEFT', { queue, ticket: t })),
      ]);
    } catch (error) {
      // It finished meanwhile (called and served, or this person's other "sair"): read again, once.
      if (error instanceof ConflictError && !retried) return act(deps, sms, true);
      throw error;
    }
    return 'LEAVE';
  }
  const queue = await deps.queues.queue(ticket.queueId);
  if (!queue) return 'UNKNOWN_NUMBER';
  const text =
    intent === 'STATUS' ? await statusText(deps, queue, ticket) : replyText('HELP', { queue, ticket });
  const message = reply({ queue, ticket }, text);
  await deps.queues.recordMessages(queue.id, [
    { id: message.job.id, ticketId: ticket.id, channel: 'SMS', kind: 'REPLY', createdAt: deps.now() },
  ]);
  await enqueueMessage(deps, message.job);
  return intent;
}

async function statusText(deps: Deps, queue: Queue, ticket: Ticket): Promise<string> {
  if (ticket.status === 'CALLED') return templateText('CALLED', { queue, ticket });
  const { position } = await positionOf(deps, queue, ticket);
  return replyText('STATUS', { queue, ticket, position, estimate: await estimate(deps, queue.id, position) });
}
