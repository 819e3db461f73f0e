/**
 * Owner sessions: logging in, refreshing, ending one or all, changing the password, and the check every owner
 * request passes (see ARCHITECTURE.md, "Ending sessions").
 */
import { ACCOUNT_RULES, loginCounter, sendPasswordChanged } from './accounts';
import type { Deps } from './deps';
import { ConflictError, RateLimitedError, UnauthenticatedError, ValidationError } from './errors';
import { requireOwner } from './identity';
import type { Identity } from './model';
import { hashPassword, newToken, verifyPassword, type ScryptCost } from './secrets';
import { issueSession, SESSION } from './sessions';
import { parseEmail, parsePassword } from './validation';

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: number;
}

/** Counts a password check before it happens, atomically (concurrent guesses cannot all slip in), or refuses it. */
export async function requireLoginAttempt(deps: Deps, email: string): Promise<void> {
  const allowed = await deps.accounts.claimAttempt(
    loginCounter(email),
    deps.now(),
    ACCOUNT_RULES.failedLoginWindowMs,
    ACCOUNT_RULES.maxFailedLogins,
  );
  if (!allowed)
    throw new RateLimitedError('Too many failed attempts. Please wait a few minutes and try again.');
}

/** A hash of nothing anyone knows, at the deployment's cost: what unknown addresses are checked against. */
const dummyHashes = new Map<string, Promise<string>>();
function dummyHash(cost: ScryptCost | undefined): Promise<string> {
  const key = cost ? `${cost.N}:${cost.r}:${cost.p}` : 'default';
  let hash = dummyHashes.get(key);
  if (!hash) dummyHashes.set(key, (hash = hashPassword(newToken(), cost)));
  return hash;
}

export async function login(deps: Deps, rawEmail: unknown, rawPassword: unknown): Promise<Session> {
  const email = parseEmail('email', rawEmail);
  if (typeof rawPassword !== 'string' || rawPassword.length === 0)
    throw new ValidationError('password is required.', { field: 'password' });
  // Unknown addresses are counted and answered the same way.
  await requireLoginAttempt(deps, email);
  const account = await deps.accounts.byEmail(email);
  // The same work for an unknown address: a hash is checked either way, so time does not tell them apart.
  const valid = await verifyPassword(
    rawPassword,
    account?.passwordHash ?? (await dummyHash(deps.scryptCost)),
  );
  if (!account || !valid) throw new UnauthenticatedError('Wrong email or password.');
  if (account.status !== 'ACTIVE')
    throw new ConflictError('Please verify your email first: we sent you a link.', {
      reason: 'NOT_VERIFIED',
    });
  await deps.accounts.clearAttempts(loginCounter(email));
  const session = await startSession(deps, account.id);
  deps.log.info('owner logged in', { accountId: account.id });
  return session;
}

/** A new session for the account, under its current session version unless the caller knows it. */
async function startSession(deps: Deps, accountId: string, version?: number): Promise<Session> {
  const sessionVersion = version ?? (await deps.accounts.sessionState(accountId)).version;
  return bearer(deps, { accountId, sessionId: newToken(), sessionVersion });
}

/**
 * A fresh access token for a live session (the router has checked it): the same session, version and login
 * time, so ending the session still ends it, and never past SESSION.maxAgeSeconds since the login.
 */
export async function refreshSession(deps: Deps, identity: Identity): Promise<Session> {
  if (identity.kind !== 'owner' || identity.authTime === undefined) {
    requireOwner(identity);
    throw new UnauthenticatedError('Please log in again.', { reason: 'SESSION_ENDED' });
  }
  if (Math.floor(deps.now() / 1000) >= identity.authTime + SESSION.maxAgeSeconds)
    throw new UnauthenticatedError('Your session is over. Please log in again.', { reason: 'SESSION_ENDED' });
  const { accountId, sessionId, sessionVersion, authTime } = identity;
  return bearer(deps, { accountId, sessionId, sessionVersion, authTime });
}

/** Signs a session's access token for the caller. */
async function bearer(deps: Deps, claims: Parameters<typeof issueSession>[1]): Promise<Session> {
  const session = await issueSession(deps.sessionKey, claims, deps.now(), deps.sessionLifetimeSeconds);
  return { ...session, tokenType: 'Bearer' };
}

/**
 * Whether an owner's session is still live: not ended on its own, and issued under the account's current
 * session version. Checked on every owner request, because AppSync keeps the authorizer's answer for a
 * session for minutes: ending a session must take effect at once. One strongly consistent read.
 */
export async function requireLiveSession(deps: Deps, identity: Identity): Promise<void> {
  if (identity.kind !== 'owner') return;
  const state = await deps.accounts.sessionState(identity.accountId);
  if (state.version !== identity.sessionVersion || state.ended.has(identity.sessionId))
    throw new UnauthenticatedError('This session has ended. Please log in again.', {
      reason: 'SESSION_ENDED',
    });
}

/** Ends this session only (logging out here). */
export async function logout(deps: Deps, identity: Identity): Promise<true> {
  const accountId = requireOwner(identity);
  if (identity.kind === 'owner') await deps.accounts.endSession(accountId, identity.sessionId);
  deps.log.info('owner logged out', { accountId });
  return true;
}

/** Ends every session of the account, this one too, and voids every reset link sent before. */
export async function logoutEverywhere(deps: Deps, identity: Identity): Promise<true> {
  const accountId = requireOwner(identity);
  await deps.accounts.endAllSessions(accountId);
  deps.log.info('owner logged out everywhere', { accountId });
  return true;
}

/**
 * Changes the password after checking the current one (counted like a login attempt), ends every other session
 * and reset link, and answers with a fresh session for the caller.
 */
export async function changePassword(
  deps: Deps,
  identity: Identity,
  rawCurrent: unknown,
  rawNew: unknown,
): Promise<Session> {
  const accountId = requireOwner(identity);
  const account = await deps.accounts.byId(accountId);
  if (!account) throw new UnauthenticatedError('Your account no longer exists. Please sign up again.');
  const password = parsePassword('newPassword', rawNew, account.email);
  if (typeof rawCurrent !== 'string' || rawCurrent.length === 0)
    throw new ValidationError('currentPassword is required.', { field: 'currentPassword' });
  await requireLoginAttempt(deps, account.email);
  if (!(await verifyPassword(rawCurrent, account.passwordHash)))
    throw new ValidationError('The current password is not right.', {
      field: 'currentPassword',
      reason: 'WRONG_PASSWORD',
    });
  await deps.accounts.clearAttempts(loginCounter(account.email));
  await deps.accounts.setPasswordHash(account.email, await hashPassword(password, deps.scryptCost));
  const version = await deps.accounts.endAllSessions(accountId);
  await sendPasswordChanged(deps, account.email);
  deps.log.info('password changed', { accountId });
  return startSession(deps, accountId, version);
}
