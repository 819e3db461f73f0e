import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors';
import type { Identity } from './model';

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
