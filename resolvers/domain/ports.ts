/**
 * The interfaces the domain needs from the outside world. Stores implement them (resolvers/stores);
 * the contract suites in test/contract run the same cases against every implementation.
 */
import type { PaceSample, WaitRange } from './estimates';
import type { JoinGuards, JoinOutcome } from './join-rules';
import type { MessageChannel, MessageKind } from './messages';
import type { Account, Queue, QueueEvent, Ticket, TicketStatus, Venue, WaitingEntry } from './model';
import type { Membership, Role } from './roles';

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextToken?: string;
}

export interface TicketPatch {
  status?: TicketStatus;
  calledAt?: number | null;
  finishedAt?: number | null;
  /** When its one "almost your turn" alert went out. */
  almostAt?: number;
  counter?: string | null;
  /** A new place in the waiting line (moved back, or put back). */
  place?: number;
  snoozes?: number;
}

export type QueuePatch = Partial<
  Pick<
    Queue,
    | 'name'
    | 'description'
    | 'calledMessage'
    | 'status'
    | 'selfJoin'
    | 'serveOnNext'
    | 'capacity'
    | 'alertAhead'
    | 'messageTemplates'
    | 'counters'
    | 'snoozePlaces'
    | 'snoozeLimit'
    | 'onePerContact'
    | 'presence'
    | 'graceMinutes'
    | 'graceCallsNext'
    | 'version'
    | 'nextNumber'
    | 'waitingCount'
    | 'waitingPeople'
    | 'nowServing'
    | 'lastCalledAt'
    | 'updatedAt'
  >
>;

/** A transaction holding the queue's row lock: every change to a queue and its tickets goes through one. */
export interface QueueTx {
  /** The queue as locked at the start of the transaction. */
  readonly queue: Queue;
  firstWaiting(): Promise<Ticket | undefined>;
  /** Which of these phones and emails hold a live (waiting or called) ticket of this queue ('p:' / 'e:' + it). */
  liveContacts(phones: string[], emails: string[]): Promise<Set<string>>;
  /** The waiting ticket at this 1-based position, or undefined. */
  waitingAt(position: number): Promise<Ticket | undefined>;
  /** How many tickets wait ahead of this place in the line. */
  waitingBefore(place: number): Promise<number>;
  /**
   * Gives the waiting tickets, in their order, the waiting numbers in theirs as places: the same line, with
   * whole numbers between any two neighbours again (moves halve the gap they land in).
   */
  renumberWaiting(): Promise<void>;
  /** The tickets being called now (usually one per counter), in number order. */
  calledTickets(): Promise<Ticket[]>;
  /** A ticket of this queue, or undefined. */
  ticket(id: string): Promise<Ticket | undefined>;
  /** Rows as given, in few statements (seeding tests and benchmarks); people join through QueueStore.join. */
  insertTickets(tickets: { ticket: Ticket; tokenHash: string }[]): Promise<void>;
  /** Gives a ticket of this queue a new token: the old one no longer finds it. */
  replaceTokenHash(id: string, tokenHash: string): Promise<void>;
  /** The queue's pace samples in these slots (a slot without any is absent). */
  pace(slots: number[]): Promise<Map<number, PaceSample[]>>;
  /** Replaces one slot's samples. */
  savePace(slot: number, samples: PaceSample[]): Promise<void>;
  updateTicket(id: string, patch: TicketPatch): Promise<void>;
  updateQueue(patch: QueuePatch): Promise<void>;
  /** Keeps the record of messages sent to the queue's tickets (ids already recorded are left as they are). */
  recordMessages(messages: SentMessage[]): Promise<void>;
  /** Starts (or, for a recall, restarts) a called ticket's grace timer. */
  startGrace(timer: GraceTimer): Promise<void>;
  /** Ends a ticket's grace timer, if it has one. */
  endGrace(ticketId: string): Promise<void>;
  /** Writes an audit entry in this transaction: it stands or falls with the change. */
  recordAudit(entry: AuditEntry): Promise<void>;
  /** The account's role at this queue's venue, read in this transaction; undefined: not a member. */
  membership(accountId: string): Promise<Membership | undefined>;
}

export type AuditOperation =
  | 'CREATE_QUEUE'
  | 'UPDATE_QUEUE'
  | 'SET_QUEUE_STATUS'
  | 'DELETE_QUEUE'
  | 'ADD_TICKET'
  | 'CALL_NEXT'
  | 'RECALL'
  | 'SERVE'
  | 'NO_SHOW'
  | 'REMOVE'
  | 'RETURN'
  | 'NEW_LINK'
  | 'RETRY_MESSAGE'
  | 'GRACE_NO_SHOW'
  | 'INVITE'
  | 'REVOKE_INVITATION'
  | 'ACCEPT_INVITATION'
  | 'CHANGE_ROLE'
  | 'REMOVE_MEMBER'
  | 'ERASE_PERSON';

/** Who did what, when, from which request: no personal data of waiting people (a ticket by its number). */
export interface AuditEntry {
  id: string;
  venueId: string;
  at: number;
  /** An account's id, or 'system'. */
  accountId: string;
  operation: AuditOperation;
  queueId: string | null;
  /** The queue's name then (the entry outlives a deleted queue). */
  queueName: string | null;
  ticketNumber: number | null;
  /** Which status, which settings (names only), which counter. */
  detail: string | null;
  requestId: string | null;
}

/** Which entries to list: [from, to), and optionally one queue, operation or account. */
export interface AuditFilter {
  from: number | null;
  to: number | null;
  queueId: string | null;
  operation: AuditOperation | null;
  accountId: string | null;
}

/** A called ticket's grace: due when the call, made at `calledAt`, has waited the queue's minutes unserved. */
export interface GraceTimer {
  ticketId: string;
  queueId: string;
  calledAt: number;
  dueAt: number;
}

export interface RecentCall {
  number: number;
  calledAt: number;
  counter: string | null;
}

/** The record of one message sent to a ticket: no address, no text. */
export interface SentMessage {
  id: string;
  ticketId: string;
  channel: MessageChannel;
  kind: MessageKind;
  createdAt: number;
}

/** A person joining, as the store receives them: the ticket's number and times are the store's to give. */
export interface NewTicket {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: Ticket['language'];
  partySize: number;
  source: Ticket['source'];
  tokenHash: string;
  guards: JoinGuards;
}

export type VenuePatch = Partial<Pick<Venue, 'name' | 'address' | 'timeZone' | 'language' | 'retentionDays'>>;

/** An invitation to a venue, as stored (the link's token by its hash only). */
export interface Invitation {
  id: string;
  venueId: string;
  email: string;
  role: Role;
  queueIds: string[] | null;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  acceptedBy: string | null;
  revokedAt: number | null;
}

/** Venues and who works there (SQL, beside the queues: roles.ts reads a membership on every request). */
export interface VenueStore {
  /** The venue's members, oldest first, with when each joined. */
  members(venueId: string): Promise<(Membership & { since: number })[]>;
  createInvitation(invitation: Invitation, tokenHash: string): Promise<void>;
  /** The venue's invitations, newest first (at most 200). */
  invitations(venueId: string): Promise<Invitation[]>;
  invitation(id: string): Promise<Invitation | undefined>;
  invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  /** Marks a pending, unexpired invitation used by the account, once: false when it was not (any more). */
  claimInvitation(id: string, accountId: string, at: number): Promise<boolean>;
  /** Marks a pending invitation revoked: false when it was already used or revoked. */
  revokeInvitation(id: string, at: number): Promise<boolean>;
  /** The account's role at a venue; undefined: not a member. */
  membership(venueId: string, accountId: string): Promise<Membership | undefined>;
  venue(id: string): Promise<Venue | undefined>;
  /** Every venue the account is a member of, with its role there, oldest first. */
  venuesOf(accountId: string): Promise<{ venue: Venue; membership: Membership }[]>;
  /** Creates the venue with the account as its OWNER; nothing when it exists (the default venue, made on use). */
  createVenue(venue: Venue, ownerId: string): Promise<void>;
  updateVenue(id: string, patch: VenuePatch): Promise<void>;
  /** Every venue's retention, for the retention job. */
  retentions(): Promise<{ venueId: string; retentionDays: number }[]>;
  /** Deletes up to `limit` invitations that ended longer ago than their venue's retention; how many. */
  purgeEndedInvitations(now: number, limit: number): Promise<number>;
  /** Makes the account a member with this role (replacing its role there). */
  setMember(membership: Membership, at: number): Promise<void>;
  /** Ends the account's membership of the venue. */
  removeMember(venueId: string, accountId: string): Promise<void>;
}

/** An owner's request to delete their account, carried out when `dueAt` has passed. */
export interface AccountDeletion {
  accountId: string;
  email: string;
  requestedAt: number;
  dueAt: number;
}

/** Deleting owners' accounts, the SQL side: the schedule, and the venues and memberships that go. */
export interface AccountDeletionStore {
  /** Schedules the deletion unless one already is: the one in force, and whether this call scheduled it. */
  schedule(deletion: AccountDeletion): Promise<{ deletion: AccountDeletion; created: boolean }>;
  /** Unschedules it: false when none was scheduled. */
  cancel(accountId: string): Promise<boolean>;
  scheduled(accountId: string): Promise<AccountDeletion | undefined>;
  /** Deletions due at `now`, soonest first. */
  due(now: number, limit: number): Promise<AccountDeletion[]>;
  /** The venues the account owns with no other owner: they are deleted with it. */
  soleOwnedVenues(accountId: string): Promise<string[]>;
  /** The emails and phones on a venue's tickets and invitations (their message copies go with the venue). */
  contactsOfVenue(venueId: string): Promise<string[]>;
  /**
   * Deletes up to `limit` of a venue's tickets (with their message records and timers), or when none are left
   * of its audit entries: a big venue goes a batch at a time, by key. How many rows; 0 when none are left.
   */
  deleteVenueRows(venueId: string, limit: number): Promise<number>;
  /** Deletes a venue with its queues, tickets, message records, timers, members, invitations and audit log. */
  deleteVenue(venueId: string): Promise<void>;
  /** Ends the account's memberships and deletes invitations to its email, then the schedule itself (last). */
  forget(deletion: AccountDeletion): Promise<void>;
}

/** The durable record (SQL): queues and tickets. */
export interface QueueStore {
  insertQueue(queue: Queue): Promise<void>;
  queue(id: string): Promise<Queue | undefined>;
  /** Deletes the queue and its tickets. */
  deleteQueue(id: string): Promise<void>;
  /** Runs `work` with the queue's row locked; commits when it resolves. Undefined if the queue is gone. */
  inQueueTransaction<T>(queueId: string, work: (tx: QueueTx) => Promise<T>): Promise<T | undefined>;
  /**
   * Takes a batch of joins in one transaction holding the queue's lock, allocated as join-rules' `allocate`
   * does: the queue after the batch and each join's outcome, in order; undefined if the queue is gone.
   */
  join(
    queueId: string,
    tickets: NewTicket[],
    at: number,
  ): Promise<{ queue: Queue; outcomes: JoinOutcome[] } | undefined>;
  /** Stores what each new ticket's holder was told to expect (advisory: no lock, no version). */
  recordQuotes(quotes: { ticketId: string; quote: WaitRange }[]): Promise<void>;
  ticket(id: string): Promise<Ticket | undefined>;
  ticketByTokenHash(tokenHash: string): Promise<Ticket | undefined>;
  /** A queue's pace samples in these slots, as QueueTx.pace reads them. */
  pace(queueId: string, slots: number[]): Promise<Map<number, PaceSample[]>>;
  /** Tickets in number order. */
  tickets(
    queueId: string,
    statuses: TicketStatus[] | undefined,
    limit: number,
    nextToken?: string,
  ): Promise<Page<Ticket>>;
  /** The waiting tickets and the version they belong to, read consistently. */
  waitingSnapshot(queueId: string): Promise<{ version: number; waiting: WaitingEntry[] } | undefined>;
  /** The queue's last `limit` calls (a recall counts again), newest first, with the counter called to. */
  recentCalls(queueId: string, limit: number): Promise<RecentCall[]>;
  /** How many tickets of the queue are WAITING ahead of this place in the line (the SQL fallback for positions). */
  countWaitingBefore(queueId: string, place: number): Promise<number>;
  /** Grace timers due at `now`, soonest first (every instance sweeps them: acting on one is idempotent). */
  dueGraceTimers(now: number, limit: number): Promise<GraceTimer[]>;
  /** Queues of these venues (every one) and these queues (a clerk's), newest first. */
  queuesIn(venueIds: string[], queueIds: string[], limit: number, nextToken?: string): Promise<Page<Queue>>;
  /** Writes an audit entry on its own (for changes outside a queue's transaction). */
  recordAudit(entry: AuditEntry): Promise<void>;
  /** These venues' audit entries, newest first. */
  auditLog(
    venueIds: string[],
    filter: AuditFilter,
    limit: number,
    nextToken?: string,
  ): Promise<Page<AuditEntry>>;
  /**
   * Removes name, email and phone from up to `limit` of a venue's finished tickets that finished before
   * `cutoff` and still have them; how many it changed (numbers, times and statuses stay).
   */
  anonymizeFinished(venueId: string, cutoff: number, at: number, limit: number): Promise<number>;
  /** Up to `limit` tickets of these venues' queues with this email or phone, oldest first. */
  ticketsOfPerson(
    venueIds: string[],
    email: string | null,
    phone: string | null,
    limit: number,
  ): Promise<Ticket[]>;
  /** Removes name, email and phone from these tickets (erasure); how many it changed. */
  eraseTickets(ids: string[], at: number): Promise<number>;
  /** Deletes up to `limit` entries older than `before`; how many it deleted. */
  purgeAudit(before: number, limit: number): Promise<number>;
  /** Keeps the record of messages that are no change to the queue (replies), as QueueTx.recordMessages. */
  recordMessages(queueId: string, messages: SentMessage[]): Promise<void>;
  /** The records of the messages sent to these tickets of the queue, oldest first. */
  messagesOfTickets(queueId: string, ticketIds: string[]): Promise<SentMessage[]>;
  /** One message's record and its queue, or undefined. */
  message(id: string): Promise<(SentMessage & { queueId: string }) | undefined>;
  /** The WAITING or CALLED tickets with this phone number (E.164), newest first. */
  activeTicketsByPhone(phone: string): Promise<Ticket[]>;
  /** Tickets that joined before `to` and were still open or finished at or after `from`. */
  ticketsForStats(queueId: string, from: number, to: number): Promise<Ticket[]>;
}

export type ApplyResult = 'applied' | 'ahead' | 'held' | 'behind';

/** Changes a position index holds per queue at most while earlier versions are missing (PositionIndex.apply). */
export const MAX_HELD_CHANGES = 1000;

export interface IndexChange {
  add?: WaitingEntry;
  remove?: string;
}

/** The fast per-queue ordered set of waiting tickets (Redis sorted set, or in-process). */
export interface PositionIndex {
  /**
   * Applies changes committed at consecutive versions `from`, `from + 1`, …, atomically: those the index lacks
   * when it is at `from - 1` or later, then any held changes that now follow (`applied`); none when it already
   * reflects them all (`ahead`). Commits from concurrent callers can arrive out of version order: a run that
   * arrives while versions before it are missing is held (`held`) and applied the moment they arrive (a
   * rebuild drops those it covers), up to a bound; past that bound, or with no index, none (`behind`: the
   * caller rebuilds it from SQL). Readers see the version the index reflects, so a gap that never fills (a
   * committer that died) is healed by their rebuild. One call per commit.
   */
  apply(queueId: string, from: number, changes: IndexChange[]): Promise<ApplyResult>;
  /** Replaces the queue's index with a snapshot, unless the index already reflects a newer version. */
  rebuild(queueId: string, version: number, waiting: WaitingEntry[]): Promise<void>;
  /** 1-based position (null when not waiting) and the version the index reflects; undefined if no index. */
  position(
    queueId: string,
    ticketId: string,
  ): Promise<{ version: number; position: number | null } | undefined>;
  drop(queueId: string): Promise<void>;
}

export interface AccountStore {
  /**
   * Stores the pending sign-up for an email, replacing an earlier pending one; `active` (and nothing changes)
   * when the email belongs to a verified account.
   */
  createPending(account: Account): Promise<'created' | 'active'>;
  byEmail(email: string): Promise<Account | undefined>;
  byId(id: string): Promise<Account | undefined>;
  /**
   * Makes the pending account for the email active with the sign-up whose link was used, and removes its
   * expiry; nothing (undefined) when the email has no live pending account, such as one already verified.
   */
  activate(email: string, at: number, signUp: SignUpChoice): Promise<Account | undefined>;
  setPasswordHash(email: string, passwordHash: string): Promise<void>;
  /** Stores a single-use token by its hash. */
  putToken(token: StoredToken): Promise<void>;
  /** Deletes and returns the token if it exists, is of that purpose and has not expired: single use. */
  consumeToken(tokenHash: string, purpose: TokenPurpose, now: number): Promise<StoredToken | undefined>;
  /**
   * Counts one attempt on a named counter (accounts.ts: `loginCounter`, `mailCounter`), atomically across instances:
   * false (and nothing counted) when `max` attempts were already made in the current window of `windowMs`.
   */
  claimAttempt(counter: string, now: number, windowMs: number, max: number): Promise<boolean>;
  clearAttempts(counter: string): Promise<void>;
  /** The account's session version and the sessions ended one by one (read strongly consistent). */
  sessionState(accountId: string): Promise<SessionState>;
  /** Ends every session of the account (and every reset link issued before): the new session version. */
  endAllSessions(accountId: string): Promise<number>;
  /** Ends one session. */
  endSession(accountId: string, sessionId: string): Promise<void>;
  /**
   * Deletes the account and everything the table keeps under its email (the links sent to it); its sessions
   * end, and only their version stays (no email, no name) until the last of them would have expired anyway.
   */
  deleteAccount(accountId: string, email: string, now: number): Promise<void>;
}

export interface SessionState {
  version: number;
  ended: ReadonlySet<string>;
}

export type DeliveryClaim = 'claimed' | 'delivered' | 'busy';

/** Where a message is: no record yet means QUEUED. */
export type DeliveryState = 'QUEUED' | 'SENDING' | 'SENT' | 'RETRYING' | 'FAILED';

export interface DeliveryStatus {
  state: DeliveryState;
  /** Attempts that failed so far. */
  failures: number;
}

/**
 * Makes consumers idempotent (a message id is delivered at most once, even when the queue redelivers it) and
 * tells staff where each message is.
 */
export interface DeliveryLog {
  /**
   * `claimed`: this consumer may deliver it now (until `leaseUntil`); `delivered`: it already was, skip it;
   * `busy`: another consumer holds a live claim, try later. A message that failed may be claimed again.
   */
  claim(id: string, now: number, leaseUntil: number): Promise<DeliveryClaim>;
  markDelivered(id: string, keepUntil: number): Promise<void>;
  /**
   * Gives the claim back after failed attempt number `failures`: RETRYING, so a retry can claim it, or FAILED
   * when it was the last (kept until `keepUntil` so staff can see it and retry it).
   */
  markFailed(id: string, failures: number, final: boolean, keepUntil: number): Promise<void>;
  /** The status of each of these messages (QUEUED for those without a record). */
  statuses(ids: string[]): Promise<Map<string, DeliveryStatus>>;
  /** Forgets a FAILED message, so it can be queued again from the start; false when it is not FAILED. */
  resetFailed(id: string): Promise<boolean>;
}

export type TokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

export interface StoredToken {
  tokenHash: string;
  purpose: TokenPurpose;
  email: string;
  expiresAt: number;
  /** A verification link carries the sign-up it confirms: the link that is used decides the account. */
  signUp?: SignUpChoice;
  /** A reset link works only while the account's session version is the one it was issued under. */
  sessionVersion?: number;
}

/** What one sign-up chose for its account. */
export interface SignUpChoice {
  accountId: string;
  name: string;
  passwordHash: string;
}

export type MailTemplate =
  | 'VERIFY_EMAIL'
  | 'ACCOUNT_EXISTS'
  | 'RESET_PASSWORD'
  | 'PASSWORD_CHANGED'
  | 'TICKET_CALLED'
  | 'TICKET_ALMOST'
  | 'TICKET_MISSED'
  | 'INVITATION'
  | 'ACCOUNT_DELETION';

/** A mail job: the message is rendered when it is sent, so a job carries no more than it needs. */
export interface MailJob {
  /** Unique per message; consumers deliver each id at most once. */
  id: string;
  template: MailTemplate;
  to: string;
  data: Record<string, string>;
}

/** A text message, written when the change that sends it commits (its template is the queue's). */
export interface SmsJob {
  id: string;
  channel: 'SMS';
  /** E.164. */
  to: string;
  body: string;
}

/** What the job queue carries: mail (no `channel`, as every job did before SMS) or SMS. */
export type MessageJob = MailJob | SmsJob;

export interface JobQueue {
  enqueue(job: MessageJob): Promise<void>;
}

/**
 * Copies of messages kept beside their delivery (addresses and bodies): the embedded mode's outboxes, pending
 * jobs and dead letters. In AWS the queues keep them (SQS retention, see infra/lib/messaging.ts).
 */
export interface MessageCopies {
  /** Deletes the copies made before `before` (dead letters by when they failed); how many went. */
  purgeBefore(before: number): Promise<number>;
  /** Deletes every copy to one of these addresses (emails, E.164 phones), pending ones too; how many went. */
  forget(addresses: string[]): Promise<number>;
}

export interface SmsTransport {
  send(message: { id: string; to: string; body: string }): Promise<void>;
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** Fans a queue event out to subscribers (AppSync publishQueueEvent over IAM, or the local gateway). */
export interface EventPublisher {
  publish(event: QueueEvent): Promise<void>;
}

/** Structured logging without personal data: callers pass ids and counts, never names or emails. */
export interface Log {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}
