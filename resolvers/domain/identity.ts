import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors';
import type { Identity, Queue } from './model';
import type { Deps } from './deps';

/** The owner's account id, or the error that explains why this caller is not an owner. */
export function requireOwner(identity: Identity): string {
  if (identity.kind === 'owner') return identity.accountId;
  if (identity.kind === 'ticket') throw new ForbiddenError('This needs an owner session, not a ticket.');
  throw new UnauthenticatedError('Please sign in.');
}

/** Another owner's queue answers exactly like a missing one: ids reveal nothing. */
export function queueNotFound(): NotFoundError {
  return new NotFoundError('Queue not found.');
}

export function assertOwns(accountId: string, queue: Queue | undefined): Queue {
  if (!queue || queue.ownerId !== accountId) throw queueNotFound();
  return queue;
}

export async function ownedQueue(deps: Deps, accountId: string, queueId: string): Promise<Queue> {
  return assertOwns(accountId, await deps.queues.queue(queueId));
}
