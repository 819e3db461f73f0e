/**
 * Messages to waiting people: which ones a change sends, on which channels, in whose language and with which
 * text. Pure: the queue's transaction records them (QueueTx.recordMessages) and the job queue delivers them.
 */
import { DEFAULT_TEMPLATES, fillTemplate, GO_TO_COUNTER, type TemplateKind } from '../../schema/sms';
import type { WaitRange } from './estimates';
import type { MessageLanguage, Queue, Ticket } from './model';
import type { MessageJob } from './ports';

export type MessageChannel = 'EMAIL' | 'SMS';
/** CALLED and ALMOST follow a template; MISSED tells a no-show the grace ran out; REPLY answers a text. */
export type MessageKind = TemplateKind | 'MISSED' | 'REPLY';

/** A queue's own text for one kind of message in one language (absent: the default below). */
export interface MessageTemplate {
  kind: TemplateKind;
  language: MessageLanguage;
  text: string;
}

/** A message a change sends, and the record of it kept with the ticket. */
export interface Outgoing {
  ticketId: string;
  kind: MessageKind;
  channel: MessageChannel;
  job: MessageJob;
}

/** How a ticket's message is identified: one per ticket, kind, occasion and channel (consumers dedupe on it). */
export function messageId(kind: MessageKind, ticketId: string, occasion: string, channel: MessageChannel) {
  return `${kind.toLowerCase()}:${ticketId}:${occasion}:${channel.toLowerCase()}`;
}

const REPLIES: Record<'LEFT' | 'STATUS' | 'HELP' | 'MISSED', Record<MessageLanguage, string>> = {
  MISSED: {
    en: 'Number {number} at {queue}: we called you and the time to come has run out. Please ask the staff.',
    'pt-BR': 'Senha {number} em {queue}: chamamos e o tempo para vir acabou. Por favor, fale com a equipe.',
  },
  LEFT: {
    en: 'You left the queue at {queue}. Number {number} is cancelled.',
    'pt-BR': 'Você saiu da fila {queue}. A senha {number} foi cancelada.',
  },
  STATUS: {
    en: 'Number {number} at {queue}: position {position}, wait {estimate}.',
    'pt-BR': 'Senha {number} em {queue}: posição {position}, espera {estimate}.',
  },
  HELP: {
    en: 'Reply STATUS for your place in line, or CANCEL to leave the queue.',
    'pt-BR': 'Responda POSIÇÃO para saber sua posição, ou SAIR para deixar a fila.',
  },
};

/** A wait range as a message says it: "5-8 min" (a hyphen keeps English texts in the GSM alphabet). */
export function estimateText(range: WaitRange | null, language: MessageLanguage): string {
  if (!range) return language === 'pt-BR' ? 'sem estimativa ainda' : 'not known yet';
  const low = Math.round(range.lowSeconds / 60);
  const high = Math.max(low, Math.round(range.highSeconds / 60));
  if (high < 1) return language === 'pt-BR' ? 'menos de 1 min' : 'under 1 min';
  return low === high ? `${high} min` : `${low}-${high} min`;
}

export interface MessageContext {
  queue: Queue;
  ticket: Ticket;
  /** The ticket's position (ALMOST and status replies). */
  position?: number | null;
  estimate?: WaitRange | null;
}

function values({ queue, ticket, position, estimate }: MessageContext): Record<string, string> {
  return {
    name: ticket.name,
    number: String(ticket.number),
    queue: queue.name,
    counter: ticket.counter ?? '',
    position: position === null || position === undefined ? '' : String(position),
    estimate: estimateText(estimate ?? null, ticket.language),
  };
}

/** The text of a CALLED or ALMOST message for this ticket: the queue's template in its language, or the default. */
export function templateText(kind: TemplateKind, context: MessageContext): string {
  const { queue, ticket } = context;
  const own = queue.messageTemplates.find((t) => t.kind === kind && t.language === ticket.language);
  let text = own?.text ?? DEFAULT_TEMPLATES[kind][ticket.language];
  // Called to a counter: the text says where to go, in the queue's own words or ours.
  if (kind === 'CALLED' && ticket.counter && !text.includes('{counter}'))
    text = `${text} ${GO_TO_COUNTER[ticket.language]}`;
  return fillTemplate(text, values(context));
}

export function replyText(reply: keyof typeof REPLIES, context: MessageContext): string {
  return fillTemplate(REPLIES[reply][context.ticket.language], values(context));
}

const MAIL_TEMPLATE = { CALLED: 'TICKET_CALLED', ALMOST: 'TICKET_ALMOST', MISSED: 'TICKET_MISSED' } as const;

/**
 * The numbers SMS can reach: E.164 (`+` and 8–15 digits). Phones are stored that way (see
 * validation.parseOptionalPhone); older tickets' phones written otherwise get no SMS.
 */
export function smsNumber(phone: string | null): string | null {
  return phone && /^\+[1-9][0-9]{7,14}$/.test(phone) ? phone : null;
}

/**
 * A CALLED or ALMOST message on every channel the ticket gave: its email and its phone. `occasion` tells two
 * messages of the same kind apart (a recall calls again: the change's version); the ALMOST alert has one.
 */
export function ticketMessages(
  kind: TemplateKind | 'MISSED',
  occasion: string,
  context: MessageContext,
): Outgoing[] {
  const { queue, ticket } = context;
  const text = kind === 'MISSED' ? replyText('MISSED', context) : templateText(kind, context);
  const out: Outgoing[] = [];
  if (ticket.email) {
    const id = messageId(kind, ticket.id, occasion, 'EMAIL');
    out.push({
      ticketId: ticket.id,
      kind,
      channel: 'EMAIL',
      job: {
        id,
        template: MAIL_TEMPLATE[kind],
        to: ticket.email,
        data: {
          queueName: queue.name,
          number: String(ticket.number),
          text,
          ...(kind === 'CALLED' ? { calledMessage: queue.calledMessage ?? '' } : {}),
          language: ticket.language,
        },
      },
    });
  }
  const to = smsNumber(ticket.phone);
  if (to) {
    const id = messageId(kind, ticket.id, occasion, 'SMS');
    out.push({ ticketId: ticket.id, kind, channel: 'SMS', job: { id, channel: 'SMS', to, body: text } });
  }
  return out;
}
