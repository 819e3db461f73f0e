/**
 * An owner's whole account as JSON, in pages small enough for one response each: the first holds the account,
 * its venues (its role at each; for the ones it runs, their people, invitations and queues' settings), the
 * rest the tickets of the venues it owns, a queue at a time, with the messages each was sent. The backoffice
 * asks for pages until there is no `nextToken` and saves them as one file.
 */
import { accountView } from './account-deletion';
import { me } from './accounts';
import type { Deps } from './deps';
import type { Account, Identity, Queue } from './model';
import { exportedTicket, isoOrNull } from './exports';
import { everyQueueIn } from './queues';
import { decide } from './roles';
import { decodeCursor, encodeCursor } from './validation';

/** Tickets per page: with their messages, well under AppSync's 5 MB response. */
const TICKETS_PER_PAGE = 1000;

const exportQueue = (q: Queue) => ({
  id: q.id,
  venueId: q.venueId,
  name: q.name,
  description: q.description,
  calledMessage: q.calledMessage,
  status: q.status,
  selfJoin: q.selfJoin,
  serveOnNext: q.serveOnNext,
  capacity: q.capacity,
  alertAhead: q.alertAhead,
  messageTemplates: q.messageTemplates,
  counters: q.counters,
  onePerContact: q.onePerContact,
  presence: q.presence,
  graceMinutes: q.graceMinutes,
  graceCallsNext: q.graceCallsNext,
  snoozePlaces: q.snoozePlaces,
  snoozeLimit: q.snoozeLimit,
  createdAt: isoOrNull(q.createdAt),
});

/** The queues of the venues the account owns, by id (a stable order to page through). */
async function ownedQueues(
  deps: Deps,
  accountId: string,
  venues?: Awaited<ReturnType<Deps['venues']['venuesOf']>>,
): Promise<Queue[]> {
  const owned = (venues ?? (await deps.venues.venuesOf(accountId)))
    .filter((v) => v.membership.role === 'OWNER')
    .map((v) => v.venue.id);
  const queues = await everyQueueIn(deps, owned);
  return queues.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function firstPage(deps: Deps, owner: Account) {
  const accountId = owner.id;
  const account = await accountView(deps, owner);
  const venues = [];
  const memberships = await deps.venues.venuesOf(accountId);
  for (const { venue, membership } of memberships) {
    const runs = decide(membership, 'PEOPLE', null) === 'ALLOWED';
    const [members, invitations] = runs
      ? await Promise.all([deps.venues.members(venue.id), deps.venues.invitations(venue.id)])
      : [[], []];
    venues.push({
      ...venue,
      createdAt: isoOrNull(venue.createdAt),
      role: membership.role,
      ...(membership.queueIds ? { queueIds: membership.queueIds } : {}),
      ...(runs
        ? {
            members: members.map((m) => ({
              accountId: m.accountId,
              role: m.role,
              since: isoOrNull(m.since),
            })),
            invitations: invitations.map((i) => ({
              email: i.email,
              role: i.role,
              createdAt: isoOrNull(i.createdAt),
              expiresAt: isoOrNull(i.expiresAt),
              acceptedAt: isoOrNull(i.acceptedAt),
              revokedAt: isoOrNull(i.revokedAt),
            })),
          }
        : {}),
    });
  }
  return {
    exportedAt: isoOrNull(deps.now()),
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      status: account.status,
      createdAt: isoOrNull(account.createdAt),
      verifiedAt: isoOrNull(account.verifiedAt),
      deletionDueAt: isoOrNull(account.deletionDueAt),
    },
    venues,
    queues: (await ownedQueues(deps, accountId, memberships)).map(exportQueue),
  };
}

async function ticketsPage(deps: Deps, accountId: string, queueId: string, ticketToken: string | undefined) {
  const queues = await ownedQueues(deps, accountId);
  const index = queues.findIndex((q) => q.id === queueId);
  if (index < 0) return { page: { tickets: [] } };
  const page = await deps.queues.tickets(queueId, undefined, TICKETS_PER_PAGE, ticketToken);
  const messages = page.items.length
    ? await deps.queues.messagesOfTickets(
        queueId,
        page.items.map((t) => t.id),
      )
    : [];
  const next = page.nextToken
    ? { q: queueId, t: page.nextToken }
    : queues[index + 1] && { q: queues[index + 1]!.id, t: '' };
  return {
    page: { tickets: page.items.map((t) => ({ queueId: t.queueId, ...exportedTicket(t, messages) })) },
    next,
  };
}

/** One page of the caller's account export, as JSON; the token for the next page, absent after the last. */
export async function accountExport(
  deps: Deps,
  identity: Identity,
  rawNextToken: unknown,
): Promise<{ data: string; nextToken: string | null }> {
  const owner = await me(deps, identity);
  const cursor = decodeCursor(rawNextToken, { q: 'string', t: 'string' });
  if (!cursor) {
    const page = await firstPage(deps, owner);
    const first = page.queues[0];
    return { data: JSON.stringify(page), nextToken: first ? encodeCursor({ q: first.id, t: '' }) : null };
  }
  const { page, next } = await ticketsPage(
    deps,
    owner.id,
    cursor.q as string,
    (cursor.t as string) || undefined,
  );
  return { data: JSON.stringify(page), nextToken: next ? encodeCursor(next) : null };
}
