/** Owner accounts: sign-up and verification, password reset, the account itself (sessions: owner-sessions.ts). */
import { enqueueMessage } from './changes';
import type { Deps } from './deps';
import { NotFoundError, UnauthenticatedError } from './errors';
import { requireOwner } from './identity';
import type { Account, Identity } from './model';
import type { StoredToken, TokenPurpose } from './ports';
import { hashPassword, hashToken, newToken } from './secrets';
import { parseEmail, parseName, parsePassword, parseToken } from './validation';

export const ACCOUNT_RULES = {
  verifyTokenMs: 24 * 60 * 60 * 1000,
  resetTokenMs: 60 * 60 * 1000,
  /** A pending account disappears when its verification link has expired (DynamoDB TTL). */
  pendingAccountMs: 24 * 60 * 60 * 1000,
  maxFailedLogins: 5,
  failedLoginWindowMs: 15 * 60 * 1000,
  /** Account mails (verification, reset, "someone tried") to one address per window; past it, none. */
  maxMailsPerAddress: 5,
  mailWindowMs: 60 * 60 * 1000,
} as const;

/**
 * The named counters of an address's login attempts (cleared by a login, a reset or a change) and of the
 * account mails sent to it: by the address's hash, so the counters, kept for anyone's typing, hold no address.
 */
export const loginCounter = (email: string) => `login:${hashToken(email)}`;
export const mailCounter = (email: string) => `mail:${hashToken(email)}`;

/** Tells the owner the password changed (never capped: only the owner, through a link or a session, can cause it). */
export const sendPasswordChanged = (deps: Deps, email: string) =>
  enqueueMessage(deps, {
    id: `password-changed:${newToken()}`,
    template: 'PASSWORD_CHANGED',
    to: email,
    data: { link: `${deps.publicUrl}/backoffice/forgot` },
  });

/**
 * Whether another account mail may go to this address now. Counted for every address asked about, known or
 * not, so the cap neither tells them apart nor lets anyone flood an inbox; past it the caller answers as usual
 * and sends nothing (per source, AWS WAF caps the requests themselves).
 */
export async function mayMail(deps: Deps, email: string): Promise<boolean> {
  const allowed = await deps.accounts.claimAttempt(
    mailCounter(email),
    deps.now(),
    ACCOUNT_RULES.mailWindowMs,
    ACCOUNT_RULES.maxMailsPerAddress,
  );
  if (!allowed) deps.log.warn('account mail not sent: too many to one address this hour', {});
  return allowed;
}

async function sendToken(
  deps: Deps,
  email: string,
  purpose: TokenPurpose,
  path: string,
  lifetimeMs: number,
  carries: Pick<StoredToken, 'signUp' | 'sessionVersion'>,
) {
  const token = newToken();
  const expiresAt = deps.now() + lifetimeMs;
  await deps.accounts.putToken({ tokenHash: hashToken(token), purpose, email, expiresAt, ...carries });
  await enqueueMessage(deps, {
    id: `${purpose.toLowerCase()}:${hashToken(token).slice(0, 32)}`,
    template: purpose,
    to: email,
    data: { link: `${deps.publicUrl}${path}/${token}`, expiresAt: new Date(expiresAt).toISOString() },
  });
}

/** A verification link that confirms this sign-up (and no other) for the account's email. */
const sendVerification = (deps: Deps, account: Account) =>
  sendToken(deps, account.email, 'VERIFY_EMAIL', '/backoffice/verify', ACCOUNT_RULES.verifyTokenMs, {
    signUp: { accountId: account.id, name: account.name, passwordHash: account.passwordHash },
  });

/**
 * Stores the pending sign-up and emails a link that confirms it. Each link carries its own sign-up, so whoever
 * signs up first with someone else's address gains nothing: the account takes the name and password of the
 * sign-up whose link is used, and every other link for that address is void from then on. On a verified
 * address nothing changes and its owner is told someone tried. The answer (and the work: one password hash)
 * is the same in every case: no account enumeration.
 */
export async function signUp(
  deps: Deps,
  input: { name?: unknown; email?: unknown; password?: unknown },
): Promise<{ accepted: true; email: string }> {
  const name = parseName('name', input.name);
  const email = parseEmail('email', input.email);
  const password = parsePassword('password', input.password, email);
  const at = deps.now();
  const account: Account = {
    id: deps.newId(),
    email,
    name,
    passwordHash: await hashPassword(password, deps.scryptCost),
    status: 'PENDING',
    createdAt: at,
    verifiedAt: null,
    expiresAt: at + ACCOUNT_RULES.pendingAccountMs,
  };
  const created = (await deps.accounts.createPending(account)) === 'created';
  if (created) deps.log.info('account signed up', { accountId: account.id });
  if (!(await mayMail(deps, email))) return { accepted: true, email };
  if (created) await sendVerification(deps, account);
  else {
    await enqueueMessage(deps, {
      id: `account-exists:${newToken()}`,
      template: 'ACCOUNT_EXISTS',
      to: email,
      data: { link: `${deps.publicUrl}/backoffice/forgot` },
    });
  }
  return { accepted: true, email };
}

export async function verifyEmail(deps: Deps, rawToken: unknown): Promise<Account> {
  const token = await deps.accounts.consumeToken(
    hashToken(parseToken('token', rawToken)),
    'VERIFY_EMAIL',
    deps.now(),
  );
  if (!token?.signUp)
    throw new NotFoundError('This verification link is invalid or has expired. Ask for a new one.', {
      reason: 'LINK_INVALID',
    });
  const account = await deps.accounts.activate(token.email, deps.now(), token.signUp);
  if (!account)
    throw new NotFoundError(
      'This verification link is no longer valid: the address is already confirmed, or the sign-up expired.',
      { reason: 'LINK_VOID' },
    );
  deps.log.info('account verified', { accountId: account.id });
  return account;
}

/** True whatever the email: no account enumeration. */
export async function resendVerification(deps: Deps, rawEmail: unknown): Promise<true> {
  const email = parseEmail('email', rawEmail);
  if (!(await mayMail(deps, email))) return true;
  const account = await deps.accounts.byEmail(email);
  // The link confirms the latest sign-up for the address.
  if (account?.status === 'PENDING') await sendVerification(deps, account);
  return true;
}

/** True whatever the email: no account enumeration. */
export async function requestPasswordReset(deps: Deps, rawEmail: unknown): Promise<true> {
  const email = parseEmail('email', rawEmail);
  if (!(await mayMail(deps, email))) return true;
  const account = await deps.accounts.byEmail(email);
  if (account?.status === 'ACTIVE') {
    // The link is good only under the current session version: a reset, a password change or "log out
    // everywhere" voids every link sent before it.
    const { version } = await deps.accounts.sessionState(account.id);
    await sendToken(deps, email, 'RESET_PASSWORD', '/backoffice/reset-password', ACCOUNT_RULES.resetTokenMs, {
      sessionVersion: version,
    });
  }
  return true;
}

export async function resetPassword(deps: Deps, rawToken: unknown, rawPassword: unknown): Promise<true> {
  const token = parseToken('token', rawToken);
  const password = parsePassword('password', rawPassword);
  const stored = await deps.accounts.consumeToken(hashToken(token), 'RESET_PASSWORD', deps.now());
  const account = stored && (await deps.accounts.byEmail(stored.email));
  const current = account && (await deps.accounts.sessionState(account.id)).version;
  if (!stored || !account || current !== stored.sessionVersion)
    throw new NotFoundError('This reset link is invalid or has expired. Ask for a new one.', {
      reason: 'LINK_INVALID',
    });
  try {
    parsePassword('password', password, stored.email);
  } catch (refused) {
    // The link is not spent on a password that names the account: it works again with another one.
    await deps.accounts.putToken(stored);
    throw refused;
  }
  await deps.accounts.setPasswordHash(stored.email, await hashPassword(password, deps.scryptCost));
  await deps.accounts.endAllSessions(account.id);
  await deps.accounts.clearAttempts(loginCounter(stored.email));
  await sendPasswordChanged(deps, stored.email);
  deps.log.info('password reset: every session ended', { accountId: account.id });
  return true;
}

export async function me(deps: Deps, identity: Identity): Promise<Account> {
  const account = await deps.accounts.byId(requireOwner(identity));
  if (!account) throw new UnauthenticatedError('Your account no longer exists. Please sign up again.');
  return account;
}
