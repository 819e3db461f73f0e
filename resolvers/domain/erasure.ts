/**
 * A person's data across the caller's venues, by email or phone: what is held (an export to hand over), and
 * erasure — a waiting or called ticket is first removed, as any removal (event, positions, alerts), then every
 * ticket found loses name, email and phone as retention would. Owners and managers, for the venues where they
 * manage people. The audit log records that an erasure happened and how many tickets it changed, not whom.
 */
import { auditEntry, recordAudit } from './audit';
import type { Deps } from './deps';
import { ValidationError } from './errors';
import { exportedTicket, isoOrNull } from './exports';
import { requireOwner } from './identity';
import type { Identity, Ticket } from './model';
import { venuesWhere } from './roles';
import { transitionTicket } from './staff-tickets';
import { parseOptionalEmail, parseOptionalPhone } from './validation';

/** At most this many tickets per person are exported or erased in one request (ask again for the rest). */
const MAX_TICKETS = 5000;

interface Person {
  email: string | null;
  phone: string | null;
}

function parsePerson(deps: Deps, raw: { email?: unknown; phone?: unknown } | null | undefined): Person {
  const person = {
    email: parseOptionalEmail('email', raw?.email),
    phone: parseOptionalPhone('phone', raw?.phone, deps.phoneCountryCode),
  };
  if (!person.email && !person.phone)
    throw new ValidationError('Give the email or the phone number to look for.', { field: 'email' });
  return person;
}

/** The venues where the caller manages people, and the person's tickets in them. */
async function ticketsOf(deps: Deps, identity: Identity, person: Person): Promise<Ticket[]> {
  const venueIds = await venuesWhere(deps, requireOwner(identity), 'PEOPLE');
  return deps.queues.ticketsOfPerson(venueIds, person.email, person.phone, MAX_TICKETS);
}

/** Everything held about the person in the caller's venues: their tickets and the messages sent to them. */
export async function personalData(
  deps: Deps,
  identity: Identity,
  raw: { email?: unknown; phone?: unknown },
): Promise<string> {
  const person = parsePerson(deps, raw);
  const tickets = await ticketsOf(deps, identity, person);
  const queueNames = new Map<string, string>();
  for (const id of new Set(tickets.map((t) => t.queueId)))
    queueNames.set(id, (await deps.queues.queue(id))?.name ?? '');
  const byQueue = new Map<string, string[]>();
  for (const t of tickets) byQueue.set(t.queueId, [...(byQueue.get(t.queueId) ?? []), t.id]);
  const messages = (
    await Promise.all([...byQueue].map(([queueId, ids]) => deps.queues.messagesOfTickets(queueId, ids)))
  ).flat();
  return JSON.stringify({
    exportedAt: isoOrNull(deps.now()),
    search: person,
    tickets: tickets.map((t) => ({ queue: queueNames.get(t.queueId), ...exportedTicket(t, messages) })),
  });
}

/** Erases the person from the caller's venues; how many tickets were removed first and how many erased. */
export async function erasePerson(
  deps: Deps,
  identity: Identity,
  raw: { email?: unknown; phone?: unknown },
): Promise<{ removed: number; erased: number }> {
  const accountId = requireOwner(identity);
  const person = parsePerson(deps, raw);
  const tickets = await ticketsOf(deps, identity, person);
  let removed = 0;
  for (const t of tickets.filter((t) => t.status === 'WAITING' || t.status === 'CALLED')) {
    await transitionTicket(deps, identity, t.id, 'REMOVED');
    removed += 1;
  }
  const erased = await deps.queues.eraseTickets(
    tickets.map((t) => t.id),
    deps.now(),
  );
  const venues = new Set<string>();
  for (const queueId of new Set(tickets.map((t) => t.queueId)))
    venues.add((await deps.queues.queue(queueId))?.venueId ?? '');
  for (const venueId of venues)
    if (venueId)
      await recordAudit(deps, auditEntry(deps, accountId, 'ERASE_PERSON', { venueId }, null, String(erased)));
  deps.log.info('person erased', { removed, erased });
  return { removed, erased };
}
