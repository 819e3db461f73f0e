/**
 * Retention of waiting people's data: a finished ticket (served, no-show, removed, left) keeps its holder's name,
 * email and phone for its venue's `retentionDays`, then loses them — the name becomes a marker, email and phone
 * go — while its number, times and status stay, so stats are the same before and after. Waiting and called
 * tickets are never touched. The job is idempotent (it takes only tickets not yet anonymised) and resumable (it
 * commits a batch at a time), and it never takes a queue's lock: live queues go on while it runs.
 */
import type { Deps } from './deps';
import type { Queue } from './model';

export const DEFAULT_RETENTION_DAYS = 30;
export const RETENTION_DAYS_MAX = 3650;
/** What an anonymised ticket's name reads. */
export const ANONYMIZED_NAME = '—';

const DAY = 24 * 60 * 60 * 1000;

/** What the join and ticket pages tell people: who keeps their data, and for how long. */
export interface PrivacyNotice {
  /** The venue's name; a queue in its owner's default venue (which has no real name) names itself. */
  keptBy: string;
  retentionDays: number;
}

/** The notice for a queue, from its venue's settings (the defaults when the venue is gone). */
export async function privacyNotice(deps: Deps, queue: Queue): Promise<PrivacyNotice> {
  const venue = await deps.venues.venue(queue.venueId);
  return {
    keptBy: venue && venue.id !== queue.ownerId ? venue.name : queue.name,
    retentionDays: venue?.retentionDays ?? DEFAULT_RETENTION_DAYS,
  };
}

/**
 * Anonymises every venue's finished tickets past its retention, in batches, until none are left or `budgetMs`
 * has passed (the rest is for the next run); how many tickets it changed.
 */
export async function anonymizeFinished(
  deps: Deps,
  options: { batch?: number; budgetMs?: number } = {},
): Promise<number> {
  const batch = options.batch ?? 1000;
  const started = Date.now();
  const inBudget = () => options.budgetMs === undefined || Date.now() - started < options.budgetMs;
  let changed = 0;
  for (const { venueId, retentionDays } of await deps.venues.retentions()) {
    const at = deps.now();
    const cutoff = at - retentionDays * DAY;
    for (let n = batch; n === batch && inBudget(); changed += n)
      n = await deps.queues.anonymizeFinished(venueId, cutoff, at, batch);
    if (!inBudget()) break;
  }
  if (changed) deps.log.info('finished tickets anonymised', { count: changed });
  return changed;
}

/**
 * Invitations that ended (accepted, revoked or expired) go after their venue's retention, with the address
 * they were sent to (an accepted one's person is a member by then, by account). How many.
 */
export async function purgeEndedInvitations(deps: Deps): Promise<number> {
  let purged = 0;
  for (let n = 1000; n === 1000; purged += n) n = await deps.venues.purgeEndedInvitations(deps.now(), 1000);
  if (purged) deps.log.info('ended invitations deleted', { count: purged });
  return purged;
}

/**
 * Copies of messages (addresses and bodies, where the runtime keeps any beside the queue) are kept for a day,
 * the shortest retention a venue can choose: no copy outlives its venue's retention. Their counts stay in the
 * message records of each ticket (`ticket_messages`: channel and kind only).
 */
export const MESSAGE_COPY_DAYS = 1;

export async function purgeMessageCopies(deps: Deps): Promise<number> {
  const purged = (await deps.messageCopies?.purgeBefore(deps.now() - MESSAGE_COPY_DAYS * DAY)) ?? 0;
  if (purged) deps.log.info('message copies purged', { count: purged });
  return purged;
}
