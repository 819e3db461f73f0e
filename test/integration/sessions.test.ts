import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION } from '../../resolvers/domain/sessions';
import { authorize } from '../../resolvers/handlers/authorizer';
import { fromResolverContext } from '../../resolvers/handlers/identity';
import { expectError, signedInOwner } from '../contract/backend.contract';
import { apiAs, PUBLIC, type Api } from '../support/appsync';
import { openStack, type TestStack } from '../support/stack';

/**
 * Ending sessions, as AppSync would run it: the authorizer checks only the token (AppSync keeps its answer for
 * minutes), and every owner request is checked against the account's sessions by the resolver.
 */
describe('owner sessions that can be ended', () => {
  let stack: TestStack;
  let anonymous: Api;
  const password = 'correct horse battery';

  beforeAll(async () => {
    stack = await openStack('sqlite+memory');
    anonymous = apiAs(stack.deps, PUBLIC);
  });
  afterAll(() => stack?.cleanup());

  /** The API as a bearer of this token gets it: through the authorizer, then the router. */
  const asBearer = async (accessToken: string): Promise<Api> => {
    const auth = await authorize({ ...stack.deps, now: Date.now }, `Bearer ${accessToken}`);
    expect(auth.isAuthorized).toBe(true);
    return apiAs(stack.deps, fromResolverContext(auth.resolverContext));
  };
  const login = async (email: string, pass = password) =>
    (await anonymous('login', { email, password: pass })).accessToken as string;
  const resetLink = (email: string) =>
    stack.mail
      .filter((m) => m.to === email && m.template === 'RESET_PASSWORD')
      .at(-1)!
      .data.link!.split('/')
      .at(-1)!;

  it('given two sessions, when one logs out, then only that one ends', async () => {
    const { email } = await signedInOwner(stack);
    const [here, there] = [await asBearer(await login(email)), await asBearer(await login(email))];
    expect(await here('logout')).toBe(true);
    const ended = await expectError(here('me'), 'UNAUTHENTICATED');
    expect(ended.message).toMatch(/session has ended/);
    expect((await there('me')).email).toBe(email);
  });

  it('given sessions on several devices, when one logs out everywhere, then all end, the caller too, and a new login works', async () => {
    const { email } = await signedInOwner(stack);
    const devices = [await asBearer(await login(email)), await asBearer(await login(email))];
    expect(await devices[0]!('logoutEverywhere')).toBe(true);
    for (const device of devices) await expectError(device('myQueues'), 'UNAUTHENTICATED');
    expect((await (await asBearer(await login(email)))('me')).email).toBe(email);
  });

  it('given a password reset, then every earlier session ends and an older reset link no longer works', async () => {
    const { email } = await signedInOwner(stack);
    const before = await asBearer(await login(email));
    await anonymous('requestPasswordReset', { email });
    const older = resetLink(email);
    await anonymous('requestPasswordReset', { email });
    const newer = resetLink(email);
    expect(await anonymous('resetPassword', { token: newer, password: 'a brand new passphrase' })).toBe(true);
    await expectError(before('me'), 'UNAUTHENTICATED');
    await expectError(
      anonymous('resetPassword', { token: older, password: 'the attacker picks this' }),
      'NOT_FOUND',
    );
    await expectError(login(email, 'the attacker picks this'), 'UNAUTHENTICATED');
    expect((await (await asBearer(await login(email, 'a brand new passphrase')))('me')).email).toBe(email);
    // The owner is told, with a way back if it was not them.
    const told = stack.mail.filter((m) => m.to === email && m.template === 'PASSWORD_CHANGED');
    expect(told).toHaveLength(1);
    expect(told[0]!.data.link).toMatch(/\/backoffice\/forgot$/);
  });

  it('given a password change, then the wrong current password is refused, and the right one ends every other session and links while the caller gets a fresh session', async () => {
    const { email } = await signedInOwner(stack);
    const mine = await asBearer(await login(email));
    const elsewhere = await asBearer(await login(email));
    await anonymous('requestPasswordReset', { email });
    const pendingLink = resetLink(email);
    const wrong = await expectError(
      mine('changePassword', { currentPassword: 'not it at all', newPassword: 'another good passphrase' }),
      'VALIDATION',
    );
    expect(wrong.message).toMatch(/current password/);
    const fresh = await mine('changePassword', {
      currentPassword: password,
      newPassword: 'another good passphrase',
    });
    await expectError(elsewhere('me'), 'UNAUTHENTICATED');
    await expectError(mine('me'), 'UNAUTHENTICATED');
    expect((await (await asBearer(fresh.accessToken))('me')).email).toBe(email);
    await expectError(
      anonymous('resetPassword', { token: pendingLink, password: 'hijack attempt!!' }),
      'NOT_FOUND',
    );
    await expectError(login(email), 'UNAUTHENTICATED');
    expect(await login(email, 'another good passphrase')).toBeTruthy();
    expect(stack.mail.filter((m) => m.to === email && m.template === 'PASSWORD_CHANGED')).toHaveLength(1);
  });

  it('given a live session, then refreshing gives a later token of the same session; once ended or 12 hours after the login, no more', async () => {
    const { email } = await signedInOwner(stack);
    const token = await login(email);
    const api = await asBearer(token);
    const fresh = await api('refreshSession');
    const [before, after] = [decodeJwt(token), decodeJwt(fresh.accessToken)];
    expect(after).toMatchObject({ sid: before.sid, ver: before.ver, auth_time: before.auth_time });
    expect(after.exp).toBeGreaterThanOrEqual(before.exp!);
    const refreshed = await asBearer(fresh.accessToken);
    expect((await refreshed('me')).email).toBe(email);

    const now = stack.deps.now;
    stack.deps.now = () => now() + SESSION.maxAgeSeconds * 1000;
    try {
      await expectError(refreshed('refreshSession'), 'UNAUTHENTICATED');
    } finally {
      stack.deps.now = now;
    }
    await refreshed('logout');
    await expectError(refreshed('refreshSession'), 'UNAUTHENTICATED');
    await expectError(api('refreshSession'), 'UNAUTHENTICATED');
  });

  it('given hostile callers and inputs on the session mutations, then each is refused with a stable errorType and nothing changes', async () => {
    const { email, account } = await signedInOwner(stack);
    const token = await login(email);
    const mine = await asBearer(token);
    const ticket = apiAs(stack.deps, { kind: 'ticket', ticketId: randomUUID(), queueId: randomUUID() });
    for (const caller of [anonymous, ticket])
      for (const field of ['logout', 'logoutEverywhere', 'refreshSession'] as const) {
        const refused = await caller(field).then(
          () => undefined,
          (e: unknown) => e as { errorType?: string },
        );
        expect(['UNAUTHENTICATED', 'FORBIDDEN'], field).toContain(refused?.errorType);
      }
    const bad: [unknown, unknown][] = [
      [undefined, 'a perfectly fine passphrase'],
      [12345, 'a perfectly fine passphrase'],
      [{ toString: 'x' }, 'a perfectly fine passphrase'],
      ['correct horse battery', undefined],
      ['correct horse battery', ['an', 'array']],
      ['correct horse battery', 'x'.repeat(1_000_000)],
      ['correct horse battery', 'qwerty123456'],
    ];
    for (const [currentPassword, newPassword] of bad)
      await expectError(mine('changePassword', { currentPassword, newPassword }), 'VALIDATION');
    // Nothing changed: the session still works and the password is the old one.
    expect((await mine('me')).id).toBe(account.id);
    expect(await login(email)).toBeTruthy();
    expect((await stack.deps.accounts.sessionState(account.id)).version).toBe(0);
  });

  it('given an ended session, then the authorizer still accepts its token (AppSync may cache that for minutes) but no owner request goes through', async () => {
    const { email } = await signedInOwner(stack);
    const token = await login(email);
    const api = await asBearer(token);
    await api('logoutEverywhere');
    const auth = await authorize({ ...stack.deps, now: Date.now }, `Bearer ${token}`);
    expect(auth.isAuthorized).toBe(true);
    for (const field of ['me', 'myQueues'] as const) await expectError(api(field), 'UNAUTHENTICATED');
    await expectError(
      api('createQueue', { input: { name: `After logout ${randomUUID()}` } }),
      'UNAUTHENTICATED',
    );
  });
});
