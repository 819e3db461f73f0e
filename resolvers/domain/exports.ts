/** How the exports (a person's data, an owner's whole account) write tickets and times: one shape for both. */
import type { Ticket } from './model';
import type { SentMessage } from './ports';

export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A ticket as an export holds it, with the messages sent to it (of `messages`, those that are its own). */
export function exportedTicket(t: Ticket, messages: SentMessage[]) {
  return {
    number: t.number,
    name: t.name,
    email: t.email,
    phone: t.phone,
    language: t.language,
    partySize: t.partySize,
    status: t.status,
    source: t.source,
    counter: t.counter,
    joinedAt: isoOrNull(t.joinedAt),
    calledAt: isoOrNull(t.calledAt),
    finishedAt: isoOrNull(t.finishedAt),
    messages: messages
      .filter((m) => m.ticketId === t.id)
      .map((m) => ({ kind: m.kind, channel: m.channel, sentAt: isoOrNull(m.createdAt) })),
  };
}
