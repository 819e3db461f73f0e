/** Domain records → the GraphQL types of schema.graphql (generated), with ISO-8601 times. */
import type { AuditView } from '../domain/audit';
import type { VenueView } from '../domain/venues';
import type { InvitationView, MemberView } from '../domain/people';
import type { Deps } from '../domain/deps';
import type { Session } from '../domain/owner-sessions';
import { displayKey, presenceCode } from '../domain/presence';
import type { Account, MessageLanguage, Queue, QueueEvent } from '../domain/model';
import type { TicketMessageView } from '../domain/ticket-messages';
import type { Page, RecentCall } from '../domain/ports';
import type { QueueStats as DomainStats } from '../domain/stats';
import type { PositionedTicket } from '../domain/issue';
import type * as G from '../generated/graphql';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentSession(s: Session): G.Session {
  return { accessToken: s.accessToken, tokenType: s.tokenType, expiresAt: iso(s.expiresAt) };
}

export function presentAccount(a: Account & { deletionDueAt?: number | null }): G.Account {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    status: a.status,
    createdAt: iso(a.createdAt),
    verifiedAt: isoOrNull(a.verifiedAt),
    deletionDueAt: isoOrNull(a.deletionDueAt ?? null),
  };
}

/** What presenting a queue to its owner needs beyond the queue: links, and the key its codes derive from. */
export type QueueContext = Pick<Deps, 'publicUrl' | 'sessionKey' | 'now'>;

const presentCode = (c: { code: string; validUntil: number }) => ({
  code: c.code,
  validUntil: iso(c.validUntil),
});

export function presentQueue(q: Queue, context: QueueContext): G.Queue {
  const { publicUrl, sessionKey } = context;
  return {
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
    messageTemplates: q.messageTemplates.map((t) => ({ ...t, language: apiLanguage(t.language) })),
    counters: q.counters,
    waitingPeople: q.waitingPeople,
    onePerContact: q.onePerContact,
    presence: q.presence,
    graceMinutes: q.graceMinutes,
    graceCallsNext: q.graceCallsNext,
    snoozePlaces: q.snoozePlaces,
    snoozeLimit: q.snoozeLimit,
    presenceCode:
      q.presence === 'OFF' ? null : presentCode(presenceCode(sessionKey, q.id, q.presence, context.now())),
    displayUrl: `${publicUrl}/d/${q.id}?key=${displayKey(sessionKey, q.id)}`,
    waitingCount: q.waitingCount,
    nowServing: q.nowServing,
    version: q.version,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
    joinUrl: `${publicUrl}/j/${q.id}`,
  };
}

export function presentQueueDisplay(
  q: Queue,
  recentCalls: RecentCall[],
  counterCalls: RecentCall[],
  code: { code: string; validUntil: number } | null,
  privacy: G.PrivacyNotice,
): G.QueueDisplay {
  const call = (c: RecentCall) => ({ number: c.number, calledAt: iso(c.calledAt), counter: c.counter });
  return {
    recentCalls: recentCalls.map(call),
    counters: q.counters.map((c) => c.name),
    counterCalls: counterCalls.map(call),
    presenceCode: code && presentCode(code),
    privacy,
    queueId: q.id,
    name: q.name,
    status: q.status,
    nowServing: q.nowServing,
    waitingCount: q.waitingCount,
    version: q.version,
  };
}

export function presentTicket(t: PositionedTicket): G.Ticket {
  return {
    id: t.id,
    queueId: t.queueId,
    number: t.number,
    name: t.name,
    email: t.email,
    phone: t.phone,
    status: t.status,
    source: t.source,
    position: t.position,
    snoozes: t.snoozes,
    counter: t.counter,
    partySize: t.partySize,
    joinedAt: iso(t.joinedAt),
    calledAt: isoOrNull(t.calledAt),
    finishedAt: isoOrNull(t.finishedAt),
  };
}

export function presentPage<T, U>(
  page: Page<T>,
  present: (item: T) => U,
): { items: U[]; nextToken: string | null } {
  return { items: page.items.map(present), nextToken: page.nextToken ?? null };
}

export function presentStats(s: DomainStats): G.QueueStats {
  return {
    ...s,
    from: iso(s.from),
    to: iso(s.to),
    servedPerHour: s.servedPerHour.map((h) => ({ hour: iso(h.hour), count: h.count })),
    waits: s.waits.map((w) => ({ ...w, calledAt: iso(w.calledAt) })),
  };
}

export function presentEvent(e: QueueEvent): G.QueueEvent {
  return { ...e, at: iso(e.at) };
}

const apiLanguage = (language: MessageLanguage): G.Language => (language === 'pt-BR' ? 'PT_BR' : 'EN');

export function presentTicketMessage(m: TicketMessageView): G.TicketMessage {
  return {
    id: m.id,
    ticketId: m.ticketId,
    channel: m.channel,
    kind: m.kind,
    status: m.state,
    failures: m.failures,
    createdAt: iso(m.createdAt),
  };
}

export function presentAuditEntry(e: AuditView): G.AuditEntry {
  return {
    id: e.id,
    at: iso(e.at),
    accountId: e.accountId,
    accountName: e.accountName,
    operation: e.operation,
    queueId: e.queueId,
    queueName: e.queueName,
    ticketNumber: e.ticketNumber,
    detail: e.detail,
    requestId: e.requestId,
  };
}

export function presentVenue(v: VenueView): G.Venue {
  return {
    id: v.id,
    name: v.name,
    address: v.address,
    timeZone: v.timeZone,
    language: apiLanguage(v.language),
    role: v.role,
    retentionDays: v.retentionDays,
    createdAt: iso(v.createdAt),
  };
}

export function presentInvitation(i: InvitationView): G.Invitation {
  return {
    id: i.id,
    venueId: i.venueId,
    email: i.email,
    role: i.role,
    queueIds: i.queueIds,
    status: i.status,
    createdAt: iso(i.createdAt),
    expiresAt: iso(i.expiresAt),
  };
}

export function presentMember(m: MemberView): G.VenueMember {
  return {
    accountId: m.accountId,
    name: m.name,
    email: m.email,
    role: m.role,
    queueIds: m.queueIds,
    since: iso(m.since),
  };
}
