/**
 * Who may do what at a venue. An account's role there (OWNER, MANAGER or CLERK) grants permissions; a clerk
 * only on the queues assigned to them. Someone who is not a member gets the same answer as for a queue that
 * does not exist (ids reveal nothing); a member whose role lacks the permission gets FORBIDDEN. Memberships
 * are read from SQL on every request, so a removal takes effect on the removed person's next request.
 */
import { ForbiddenError } from './errors';
import type { Queue } from './model';
import type { QueueTx } from './ports';
import type { Deps } from './deps';
import { queueNotFound } from './identity';

export type Role = 'OWNER' | 'MANAGER' | 'CLERK';

/** OPERATE: add, call, serve, recall, no-show, remove, put back, links, retries; SETTINGS: a queue's settings,
 * creating and deleting queues; STATS: statistics; AUDIT: the audit log; PEOPLE: inviting, changing and removing
 * the venue's managers and clerks; VENUE: the venue itself, and its owners. */
export type Permission = 'OPERATE' | 'SETTINGS' | 'STATS' | 'AUDIT' | 'PEOPLE' | 'VENUE';

export const ROLES: readonly Role[] = ['OWNER', 'MANAGER', 'CLERK'];

const GRANTS: Record<Role, readonly Permission[]> = {
  OWNER: ['OPERATE', 'SETTINGS', 'STATS', 'AUDIT', 'PEOPLE', 'VENUE'],
  MANAGER: ['OPERATE', 'SETTINGS', 'STATS', 'AUDIT', 'PEOPLE'],
  CLERK: ['OPERATE'],
};

export interface Membership {
  venueId: string;
  accountId: string;
  role: Role;
  /** A clerk's queues; null: every queue of the venue (owners and managers). */
  queueIds: string[] | null;
}

export type Decision = 'ALLOWED' | 'HIDDEN' | 'FORBIDDEN';

/** What `membership` may do with `permission` (on `queueId`, when it is about one queue). */
export function decide(
  membership: Membership | undefined,
  permission: Permission,
  queueId: string | null,
): Decision {
  if (!membership) return 'HIDDEN';
  if (!GRANTS[membership.role].includes(permission)) return 'FORBIDDEN';
  if (queueId !== null && membership.queueIds !== null && !membership.queueIds.includes(queueId))
    return 'FORBIDDEN';
  return 'ALLOWED';
}

export function forbidden(permission: Permission): ForbiddenError {
  return new ForbiddenError('Your role at this venue does not allow this.', {
    reason: `NEEDS_${permission}`,
  });
}

/** Throws unless the account may do `permission` to the queue; `hidden` is the error for a non-member. */
export function enforce(
  decision: Decision,
  permission: Permission,
  hidden: () => Error = queueNotFound,
): void {
  if (decision === 'HIDDEN') throw hidden();
  if (decision === 'FORBIDDEN') throw forbidden(permission);
}

/** The queue, if the account may do `permission` to it. */
export async function authorizedQueue(
  deps: Deps,
  accountId: string,
  queue: Queue | undefined,
  permission: Permission,
  hidden: () => Error = queueNotFound,
): Promise<Queue> {
  if (!queue) throw hidden();
  enforce(
    decide(await deps.venues.membership(queue.venueId, accountId), permission, queue.id),
    permission,
    hidden,
  );
  return queue;
}

/** Inside the queue's transaction: throws unless the account may do `permission` to it. */
export async function authorizeInQueue(
  tx: QueueTx,
  accountId: string,
  permission: Permission,
  hidden: () => Error = queueNotFound,
): Promise<void> {
  enforce(decide(await tx.membership(accountId), permission, tx.queue.id), permission, hidden);
}

/** The account's membership of the venue, if it may do `permission` there (not about one queue); `hidden` else. */
export async function authorizedVenue(
  deps: Deps,
  accountId: string,
  venueId: string,
  permission: Permission,
  hidden: () => Error,
): Promise<Membership> {
  const membership = await deps.venues.membership(venueId, accountId);
  enforce(decide(membership, permission, null), permission, hidden);
  return membership!;
}

/** The ids of the venues where the account may do `permission`. */
export async function venuesWhere(deps: Deps, accountId: string, permission: Permission): Promise<string[]> {
  return (await deps.venues.venuesOf(accountId))
    .filter(({ membership }) => decide(membership, permission, null) === 'ALLOWED')
    .map(({ venue }) => venue.id);
}
