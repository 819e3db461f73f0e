/** The domain's own records. Times are epoch milliseconds; the API layer formats them. */
import type { WaitRange } from './estimates';
import type { MessageTemplate } from './messages';
import type { PresenceRotation } from './presence';

export type QueueStatus = 'OPEN' | 'PAUSED' | 'CLOSED';
export type TicketStatus = 'WAITING' | 'CALLED' | 'SERVED' | 'NO_SHOW' | 'REMOVED' | 'LEFT';
export type TicketSource = 'STAFF' | 'SELF';
export type AccountStatus = 'PENDING' | 'ACTIVE';
export type QueueEventKind =
  | 'JOINED'
  | 'CALLED'
  | 'SERVED'
  | 'NO_SHOW'
  | 'REMOVED'
  | 'LEFT'
  | 'RECALLED'
  | 'QUEUE_UPDATED'
  /** A waiting person moved back a few places from their page. */
  | 'MOVED'
  /** Staff put a no-show back in the waiting line. */
  | 'RETURNED';

export interface Queue {
  id: string;
  /** The account that created it. */
  ownerId: string;
  /** The venue it belongs to: who may do what to it is decided there (roles.ts). */
  venueId: string;
  name: string;
  description: string | null;
  calledMessage: string | null;
  status: QueueStatus;
  selfJoin: boolean;
  /** Calling the next person marks whoever is still called as served. */
  serveOnNext: boolean;
  capacity: number | null;
  /** Waiting people get one "almost your turn" message when their position first becomes this or less; null: off. */
  alertAhead: number | null;
  /** The queue's own message texts (the defaults for kinds and languages it has none for). */
  messageTemplates: MessageTemplate[];
  /** The counters (desks) calling this queue in parallel; none: one "now serving" as before counters. */
  counters: Counter[];
  /** Self-joins refused for a phone or email that already holds a live (waiting or called) ticket here. */
  onePerContact: boolean;
  /** Whether self-joining needs the venue's rotating presence code, and how often it changes. */
  presence: PresenceRotation;
  /** Minutes after a call before an unserved person becomes a no-show; null: never on its own. */
  graceMinutes: number | null;
  /** When the grace runs out, the counter that called them calls the next person. */
  graceCallsNext: boolean;
  /** How many places a waiting person may move back from their page ("I need a few more minutes"); null: not at all. */
  snoozePlaces: number | null;
  /** How often one ticket may do so. */
  snoozeLimit: number;
  /** Increases by one with every change to the queue or its tickets. */
  version: number;
  /** The number the next ticket gets; numbers are never reused. */
  nextNumber: number;
  waitingCount: number;
  /** The people waiting: the waiting tickets' party sizes summed (capacity counts these). */
  waitingPeople: number;
  nowServing: number | null;
  lastCalledAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Ticket {
  id: string;
  queueId: string;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: TicketStatus;
  source: TicketSource;
  joinedAt: number;
  calledAt: number | null;
  finishedAt: number | null;
  /** The wait it was quoted when it joined (seconds), for comparing with the real one; null without one. */
  quote: WaitRange | null;
  /** The language the person's messages are written in. */
  language: MessageLanguage;
  /** When its "almost your turn" alert went out; null before (or never). */
  almostAt: number | null;
  /** The counter it was last called to (its name then); null when called without one, or never called. */
  counter: string | null;
  /** How many people this ticket is for (1 unless told). */
  partySize: number;
  /**
   * Where it stands in the waiting line: its number, unless it was moved (moved back, put back), then a value
   * between its neighbours' places then. Internal: clients see positions.
   */
  place: number;
  /** How often its holder moved it back. */
  snoozes: number;
}

/** A place with queues (a clinic, a branch); an account's default venue has the account's id. */
export interface Venue {
  id: string;
  name: string;
  address: string | null;
  /** IANA time zone, e.g. America/Sao_Paulo. */
  timeZone: string;
  language: MessageLanguage;
  createdAt: number;
  /** Days a finished ticket keeps its holder's name, email and phone (then the retention job removes them). */
  retentionDays: number;
}

/** A desk calling people from a queue ("Guichê 3"). */
export interface Counter {
  id: string;
  name: string;
}

/** The languages messages are written in (the apps' two languages). */
export type MessageLanguage = 'en' | 'pt-BR';

export interface Account {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  status: AccountStatus;
  createdAt: number;
  verifiedAt: number | null;
  /** Pending accounts expire (DynamoDB TTL); active ones do not. Epoch ms. */
  expiresAt: number | null;
}

/** One event per change, the same for everyone watching. No names, emails or phones. */
export interface QueueEvent {
  queueId: string;
  version: number;
  kind: QueueEventKind;
  ticketNumber: number | null;
  waitingCount: number;
  nowServing: number | null;
  /** CALLED and RECALLED: the counter the number is called to (its name); null otherwise or without counters. */
  counter: string | null;
  /** The waiting position the ticket left (null: it was not waiting): everyone behind it moved up one. */
  fromPosition: number | null;
  /** The waiting position it took (null: it is not waiting now): everyone from there on moved down one. */
  toPosition: number | null;
  at: number;
}

/** Who is calling, as the authorizer established it. */
export type Identity =
  /** An owner's session: its id and the account's session version when it was issued (see sessions.ts). */
  | { kind: 'owner'; accountId: string; sessionId: string; sessionVersion: number; authTime?: number }
  | { kind: 'ticket'; ticketId: string; queueId: string }
  | { kind: 'public' };

/** A waiting ticket as the position index holds it. */
export interface WaitingEntry {
  ticketId: string;
  /** Its place in the line (Ticket.place). */
  place: number;
}
