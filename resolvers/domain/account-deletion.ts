/**
 * An owner deletes their account: asked for with the password (a session alone is not enough), carried out
 * when a grace period has passed — until then the account works as before and its owner can keep it. Then the
 * venues it alone owns go with everything in them (queues, tickets, message records, people, invitations,
 * audit log), it leaves the venues it shares with other owners, and the accounts table forgets it (account,
 * links, counters; its sessions end). Copies of messages to its address and to the people of its venues go
 * too. A deletion that stops half way is carried on by the next sweep: every step can run again.
 */
import { enqueueMessage } from './changes';
import type { Deps } from './deps';
import { UnauthenticatedError, ValidationError } from './errors';
import { requireOwner } from './identity';
import type { Account, Identity } from './model';
import { requireLoginAttempt } from './owner-sessions';
import { loginCounter, mailCounter } from './accounts';
import type { AccountDeletion } from './ports';
import { announceQueueGone, everyQueueIn } from './queues';
import { verifyPassword } from './secrets';

export const ACCOUNT_DELETION_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** The account as its owner sees it: with the deletion it has asked for, if any. */
export type AccountView = Account & { deletionDueAt: number | null };

async function ownAccount(deps: Deps, identity: Identity): Promise<Account> {
  const account = await deps.accounts.byId(requireOwner(identity));
  if (!account) throw new UnauthenticatedError('Your account no longer exists. Please sign up again.');
  return account;
}

export async function accountView(deps: Deps, account: Account): Promise<AccountView> {
  return { ...account, deletionDueAt: (await deps.deletions.scheduled(account.id))?.dueAt ?? null };
}

/**
 * Schedules the caller's account for deletion after the grace period, once its password is checked (counted
 * like a login attempt); asking again changes nothing. The owner is mailed the date and how to keep it.
 */
export async function requestAccountDeletion(
  deps: Deps,
  identity: Identity,
  rawPassword: unknown,
): Promise<AccountView> {
  const account = await ownAccount(deps, identity);
  if (typeof rawPassword !== 'string' || rawPassword.length === 0)
    throw new ValidationError('password is required.', { field: 'password' });
  await requireLoginAttempt(deps, account.email);
  if (!(await verifyPassword(rawPassword, account.passwordHash)))
    throw new ValidationError('The password is not right.', { field: 'password', reason: 'WRONG_PASSWORD' });
  await deps.accounts.clearAttempts(loginCounter(account.email));
  const at = deps.now();
  const asked = {
    accountId: account.id,
    email: account.email,
    requestedAt: at,
    dueAt: at + (deps.accountDeletionGraceMs ?? ACCOUNT_DELETION_GRACE_MS),
  };
  const { deletion, created } = await deps.deletions.schedule(asked);
  if (created) {
    await enqueueMessage(deps, {
      id: `account-deletion:${account.id}:${at}`,
      template: 'ACCOUNT_DELETION',
      to: account.email,
      data: {
        dueAt: new Date(deletion.dueAt).toISOString().slice(0, 16).replace('T', ' '),
        link: `${deps.publicUrl}/backoffice/account`,
      },
    });
    deps.log.info('account deletion scheduled', { accountId: account.id, dueAt: deletion.dueAt });
  }
  return { ...account, deletionDueAt: deletion.dueAt };
}

/** Keeps the caller's account: its scheduled deletion is cancelled (nothing when none was). */
export async function cancelAccountDeletion(deps: Deps, identity: Identity): Promise<AccountView> {
  const account = await ownAccount(deps, identity);
  if (await deps.deletions.cancel(account.id))
    deps.log.info('account deletion cancelled', { accountId: account.id });
  return { ...account, deletionDueAt: null };
}

/**
 * Rows (tickets, then audit entries) deleted per transaction: a venue with a million goes a batch at a time,
 * by key, never locking another venue's rows or its own queues.
 */
const TICKET_BATCH = 5000;

/**
 * Deletes one account whose grace period has passed (see the top of this file); can run again after a crash.
 * False when `inBudget` ran out while a big venue's tickets were going: the next sweep carries on.
 */
export async function deleteAccount(
  deps: Deps,
  deletion: AccountDeletion,
  inBudget: () => boolean = () => true,
): Promise<boolean> {
  let copies = 0;
  const venues = await deps.deletions.soleOwnedVenues(deletion.accountId);
  for (const venueId of venues) {
    // Copies go before the tickets that name their addresses, so a run cut short leaves none behind. (Only
    // where copies are kept beside the queue: in AWS, SQS forgets them within a day, and a venue's contacts
    // can be a million addresses.)
    if (deps.messageCopies)
      copies += await deps.messageCopies.forget(await deps.deletions.contactsOfVenue(venueId));
    for (let n = TICKET_BATCH; n === TICKET_BATCH;) {
      if (!inBudget()) return false;
      n = await deps.deletions.deleteVenueRows(venueId, TICKET_BATCH);
    }
    const queues = await everyQueueIn(deps, [venueId]);
    await deps.deletions.deleteVenue(venueId);
    for (const queue of queues) await announceQueueGone(deps, queue);
  }
  copies += (await deps.messageCopies?.forget([deletion.email])) ?? 0;
  await deps.accounts.clearAttempts(loginCounter(deletion.email));
  await deps.accounts.clearAttempts(mailCounter(deletion.email));
  await deps.accounts.deleteAccount(deletion.accountId, deletion.email, deps.now());
  await deps.deletions.forget(deletion);
  deps.log.info('account deleted', { accountId: deletion.accountId, venues: venues.length, copies });
  return true;
}

/** Carries out the deletions that are due, until none are left or `budgetMs` has passed; how many. */
export async function deleteDueAccounts(deps: Deps, options: { budgetMs?: number } = {}): Promise<number> {
  const started = Date.now();
  const inBudget = () => options.budgetMs === undefined || Date.now() - started < options.budgetMs;
  let deleted = 0;
  for (const deletion of await deps.deletions.due(deps.now(), 20)) {
    if (!inBudget() || !(await deleteAccount(deps, deletion, inBudget))) break;
    deleted += 1;
  }
  return deleted;
}
