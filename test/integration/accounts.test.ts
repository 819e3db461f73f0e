import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_RULES } from '../../resolvers/domain/accounts';
import { SESSION } from '../../resolvers/domain/sessions';
import { authorize } from '../../resolvers/handlers/authorizer';
import { apiAs, owner, PUBLIC, type Api } from '../support/appsync';
import { openStack, type TestStack } from '../support/stack';
import { expectError, signedInOwner } from '../contract/backend.contract';

describe('owner accounts through the router', () => {
  let stack: TestStack;
  let anonymous: Api;
  const clock = { offset: 0 };
  const password = 'correct horse battery';

  beforeAll(async () => {
    stack = await openStack('sqlite+memory');
    const now = stack.deps.now;
    stack.deps.now = () => now() + clock.offset;
    anonymous = apiAs(stack.deps, PUBLIC);
  });
  beforeEach(() => {
    clock.offset = 0;
  });
  afterAll(() => stack?.cleanup());

  const mailTo = (email: string, template: string) =>
    stack.mail.filter((m) => m.to === email && m.template === template);
  const tokenOf = (link: string) => link.split('/').at(-1)!;

  it('given a taken email, then sign-up answers exactly as for a new one, and the existing account is untouched', async () => {
    const { email, account } = await signedInOwner(stack, 'Original Owner');
    const fresh = `${randomUUID()}@example.com`;
    const forNew = await anonymous('signUp', { input: { name: 'New', email: fresh, password } });
    const forTaken = await anonymous('signUp', {
      input: { name: 'Impostor', email: email.toUpperCase(), password: 'another password!' },
    });
    expect(forTaken).toEqual({ ...forNew, email });
    expect(mailTo(email, 'VERIFY_EMAIL')).toHaveLength(1);
    // The owner hears that someone tried, with a way to reset if it was them.
    expect(mailTo(email, 'ACCOUNT_EXISTS')).toHaveLength(1);
    expect(mailTo(email, 'ACCOUNT_EXISTS')[0]!.data.link).toMatch(/\/backoffice\/forgot$/);
    await expectError(anonymous('login', { email, password: 'another password!' }), 'UNAUTHENTICATED');
    const session = await anonymous('login', { email, password });
    expect((await apiAs(stack.deps, owner(account.id))('me')).name).toBe('Original Owner');
    expect(decodeJwt(session.accessToken).sub).toBe(account.id);
  });

  it("given an attacker who signs up first with the victim's address, then the account takes the password of the link the victim uses and the attacker's link is void", async () => {
    const email = `${randomUUID()}@example.com`;
    const victimPassword = 'victim chose this one';
    const attackerPassword = 'attacker knows this one';
    await anonymous('signUp', { input: { name: 'Mallory', email, password: attackerPassword } });
    await anonymous('signUp', { input: { name: 'Dona Benta', email, password: victimPassword } });
    // Both links land in the victim's inbox; the victim uses the one of their own sign-up.
    const [attackerLink, victimLink] = mailTo(email, 'VERIFY_EMAIL').map((m) => tokenOf(m.data.link!));
    const verified = await anonymous('verifyEmail', { token: victimLink });
    expect(verified).toMatchObject({ name: 'Dona Benta', status: 'ACTIVE' });
    const session = await anonymous('login', { email, password: victimPassword });
    await expectError(anonymous('login', { email, password: attackerPassword }), 'UNAUTHENTICATED');
    // The attacker's pending sign-up can no longer take the account.
    await expectError(anonymous('verifyEmail', { token: attackerLink }), 'NOT_FOUND');
    expect((await anonymous('login', { email, password: victimPassword })).accessToken).toBeTruthy();
    const me = await apiAs(stack.deps, owner(decodeJwt(session.accessToken).sub!))('me');
    expect(me).toMatchObject({ email, name: 'Dona Benta' });
  });

  it("given two pending sign-ups, when the older link is used, then that sign-up's name and password are the account's", async () => {
    const email = `${randomUUID()}@example.com`;
    await anonymous('signUp', { input: { name: 'First', email, password: 'the first password' } });
    await anonymous('signUp', { input: { name: 'Second', email, password: 'the second password' } });
    const [first, second] = mailTo(email, 'VERIFY_EMAIL').map((m) => tokenOf(m.data.link!));
    expect(await anonymous('verifyEmail', { token: first })).toMatchObject({ name: 'First' });
    await expectError(anonymous('verifyEmail', { token: second }), 'NOT_FOUND');
    expect((await anonymous('login', { email, password: 'the first password' })).accessToken).toBeTruthy();
    await expectError(anonymous('login', { email, password: 'the second password' }), 'UNAUTHENTICATED');
  });

  it('given a flood of account requests for one address, then at most 5 mails reach it in an hour, every answer unchanged, and the next hour it works again', async () => {
    const { email } = await signedInOwner(stack);
    for (let i = 0; i < 10; i++) expect(await anonymous('requestPasswordReset', { email })).toBe(true);
    expect(mailTo(email, 'RESET_PASSWORD')).toHaveLength(ACCOUNT_RULES.maxMailsPerAddress - 1);
    const pending = `${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++)
      expect(await anonymous('signUp', { input: { name: 'Flood', email: pending, password } })).toEqual({
        accepted: true,
        email: pending,
      });
    for (let i = 0; i < 10; i++) expect(await anonymous('resendVerification', { email: pending })).toBe(true);
    expect(mailTo(pending, 'VERIFY_EMAIL')).toHaveLength(ACCOUNT_RULES.maxMailsPerAddress);
    clock.offset = ACCOUNT_RULES.mailWindowMs + 1;
    await anonymous('requestPasswordReset', { email });
    expect(mailTo(email, 'RESET_PASSWORD')).toHaveLength(ACCOUNT_RULES.maxMailsPerAddress);
  });

  it('given a pending sign-up, then signing up again or asking for a resend mails a fresh link, and each link works once', async () => {
    const email = `${randomUUID()}@Example.com`;
    await anonymous('signUp', { input: { name: 'Pending Pat', email, password } });
    await anonymous('signUp', { input: { name: 'Pending Pat', email, password } });
    expect(await anonymous('resendVerification', { email })).toBe(true);
    const links = mailTo(email.toLowerCase(), 'VERIFY_EMAIL').map((m) => m.data.link!);
    expect(links).toHaveLength(3);
    expect(new Set(links).size).toBe(3);
    await expectError(anonymous('login', { email, password }), 'CONFLICT');
    const verified = await anonymous('verifyEmail', { token: tokenOf(links[1]!) });
    expect(verified).toMatchObject({ email: email.toLowerCase(), status: 'ACTIVE', name: 'Pending Pat' });
    await expectError(anonymous('verifyEmail', { token: tokenOf(links[1]!) }), 'NOT_FOUND');
    expect(await anonymous('resendVerification', { email })).toBe(true);
    expect(mailTo(email.toLowerCase(), 'VERIFY_EMAIL')).toHaveLength(3);
    expect(await anonymous('resendVerification', { email: `${randomUUID()}@example.com` })).toBe(true);
  });

  it('given a verification link older than 24 hours, then it no longer verifies', async () => {
    const email = `${randomUUID()}@example.com`;
    await anonymous('signUp', { input: { name: 'Late Larry', email, password } });
    clock.offset = ACCOUNT_RULES.verifyTokenMs + 1000;
    await expectError(
      anonymous('verifyEmail', { token: tokenOf(mailTo(email, 'VERIFY_EMAIL')[0]!.data.link!) }),
      'NOT_FOUND',
    );
    await anonymous('signUp', { input: { name: 'Late Larry again', email, password } });
    expect(mailTo(email, 'VERIFY_EMAIL')).toHaveLength(2);
  });

  it('given a login, then the session is a JWT with the pinned algorithm, issuer, audience, type, its login time and a 1-hour expiry', async () => {
    const { session, account } = await signedInOwner(stack);
    const claims = decodeJwt(session.accessToken);
    const header = JSON.parse(Buffer.from(session.accessToken.split('.')[0]!, 'base64url').toString());
    expect(header.alg).toBe('HS256');
    expect(claims).toMatchObject({
      iss: SESSION.issuer,
      aud: SESSION.audience,
      sub: account.id,
      typ: SESSION.tokenType,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.auth_time).toBe(claims.iat);
    expect(session.tokenType).toBe('Bearer');
    expect(Date.parse(session.expiresAt)).toBe(claims.exp! * 1000);
    const auth = await authorize({ ...stack.deps, now: Date.now }, `Bearer ${session.accessToken}`);
    expect(auth.resolverContext).toEqual({
      kind: 'owner',
      accountId: account.id,
      sessionId: claims.sid,
      sessionVersion: '0',
      authTime: String(claims.auth_time),
    });
    expect(claims).toMatchObject({ ver: 0, sid: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) });
  });

  it('given wrong passwords, then the same answer as an unknown email, and after 5 failures even the right one is rate limited until the window passes', async () => {
    const { email } = await signedInOwner(stack);
    const unknown = await expectError(
      anonymous('login', { email: `${randomUUID()}@example.com`, password }),
      'UNAUTHENTICATED',
    );
    for (let i = 0; i < ACCOUNT_RULES.maxFailedLogins; i += 1) {
      const wrong = await expectError(
        anonymous('login', { email, password: 'wrong password!!' }),
        'UNAUTHENTICATED',
      );
      expect(wrong.message).toBe(unknown.message);
    }
    await expectError(anonymous('login', { email, password }), 'RATE_LIMITED');
    clock.offset = ACCOUNT_RULES.failedLoginWindowMs + 1000;
    expect((await anonymous('login', { email, password })).accessToken).toBeTruthy();
  });

  it('given a password reset, then only the emailed link sets a new password, once, and the old one stops working', async () => {
    const { email } = await signedInOwner(stack);
    expect(await anonymous('requestPasswordReset', { email: `${randomUUID()}@example.com` })).toBe(true);
    expect(await anonymous('requestPasswordReset', { email })).toBe(true);
    const token = tokenOf(mailTo(email, 'RESET_PASSWORD')[0]!.data.link!);
    expect(mailTo(email, 'RESET_PASSWORD')[0]!.data.link).toContain('/backoffice/reset-password/');
    await expectError(anonymous('resetPassword', { token, password: 'short' }), 'VALIDATION');
    expect(await anonymous('resetPassword', { token, password: 'a brand new passphrase' })).toBe(true);
    await expectError(anonymous('resetPassword', { token, password: 'yet another passphrase' }), 'NOT_FOUND');
    await expectError(anonymous('login', { email, password }), 'UNAUTHENTICATED');
    expect(
      (await anonymous('login', { email, password: 'a brand new passphrase' })).accessToken,
    ).toBeTruthy();
  });

  it('given a reset link older than an hour, then it is refused', async () => {
    const { email } = await signedInOwner(stack);
    await anonymous('requestPasswordReset', { email });
    clock.offset = ACCOUNT_RULES.resetTokenMs + 1000;
    await expectError(
      anonymous('resetPassword', {
        token: tokenOf(mailTo(email, 'RESET_PASSWORD')[0]!.data.link!),
        password: 'a brand new passphrase',
      }),
      'NOT_FOUND',
    );
  });

  it('given two owners with the same password, then their stored hashes differ (salted scrypt)', async () => {
    const a = await signedInOwner(stack);
    const b = await signedInOwner(stack);
    const [ha, hb] = await Promise.all(
      [a, b].map(async (o) => (await stack.deps.accounts.byEmail(o.email))!.passwordHash),
    );
    expect(ha).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(ha).not.toBe(hb);
    expect(ha).not.toContain(password);
  });
});
