import type { InFlight } from './in-flight';
import type { GroupCommit } from './issue';
import type {
  AccountDeletionStore,
  AccountStore,
  DeliveryLog,
  EventPublisher,
  JobQueue,
  Log,
  MessageCopies,
  PositionIndex,
  QueueStore,
  VenueStore,
} from './ports';
import type { ScryptCost } from './secrets';
import type { SessionKey } from './sessions';

/** Everything the domain's operations need, passed in by the handler wiring. */
export interface Deps {
  queues: QueueStore;
  venues: VenueStore;
  positions: PositionIndex;
  accounts: AccountStore;
  /** Where each queued message is (mail and SMS): staff see it, and retry the failed ones. */
  deliveries: DeliveryLog;
  jobs: JobQueue;
  /** Where copies of sent messages are kept, when anywhere but the job queue itself (the embedded mode). */
  messageCopies?: MessageCopies;
  /** Owners' requests to delete their accounts. */
  deletions: AccountDeletionStore;
  events: EventPublisher;
  log: Log;
  sessionKey: SessionKey;
  /** Where the clients live: links in emails and QR codes start here (no trailing slash). */
  publicUrl: string;
  /** The country calling code for phone numbers typed without one (digits, e.g. "55"). */
  phoneCountryCode: string;
  now(): number;
  newId(): string;
  scryptCost?: ScryptCost;
  /** Joins in flight, committed in groups per queue (made with `queues`; every request's copy shares it). */
  joins: GroupCommit;
  /** Position index rebuilds in flight, one per queue (made with `positions`). */
  indexRebuilds: InFlight<string>;
  /** The request being served (its id goes into audit entries); absent outside a request. */
  requestId?: string;
  /** Days audit entries are kept (default 365). */
  auditRetentionDays?: number;
  /** Between asking to delete an account and its deletion (default ACCOUNT_DELETION_GRACE_MS); short only in tests. */
  accountDeletionGraceMs?: number;
  /** How long one access token lives (default SESSION.lifetimeSeconds); short only in tests. */
  sessionLifetimeSeconds?: number;
}
