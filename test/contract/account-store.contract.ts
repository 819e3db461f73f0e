import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../resolvers/domain/model';
import type { AccountStore } from '../../resolvers/domain/ports';

export interface AccountStoreHarness {
  store: AccountStore;
  /** The store's clock, which the cases move. */
  clock: { now: number };
  cleanup(): Promise<void>;
}

/** The same cases for every AccountStore implementation. */
export function accountStoreContract(name: string, open: () => Promise<AccountStoreHarness>): void {
  describe(`AccountStore contract: ${name}`, () => {
    let h: AccountStoreHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h?.cleanup());

    const pending = (overrides: Partial<Account> = {}): Account => ({
      id: randomUUID(),
      email: `${randomUUID()}@example.com`,
      name: 'Zoë Ağaoğlu 🍕',
      passwordHash: 'scrypt$1$1$1$salt$hash',
      status: 'PENDING',
      createdAt: h.clock.now,
      verifiedAt: null,
      expiresAt: h.clock.now + 60_000,
      ...overrides,
    });

    it('given a new email, then the pending account is stored and found by email and by id, name intact', async () => {
      const account = pending();
      expect(await h.store.createPending(account)).toBe('created');
      expect(await h.store.byEmail(account.email)).toEqual(account);
      expect(await h.store.byId(account.id)).toEqual(account);
    });

    const choiceOf = (account: Account) => ({
      accountId: account.id,
      name: account.name,
      passwordHash: account.passwordHash,
    });

    it('given a pending sign-up, when another sign-up uses the email, then the later one is the pending account', async () => {
      const first = pending();
      await h.store.createPending(first);
      const second = pending({ email: first.email, name: 'Later', passwordHash: 'scrypt$later' });
      expect(await h.store.createPending(second)).toBe('created');
      expect(await h.store.byEmail(first.email)).toEqual(second);
    });

    it('given a pending account past its expiry, then it reads as gone and its email can sign up again', async () => {
      const account = pending({ expiresAt: h.clock.now + 10 });
      await h.store.createPending(account);
      h.clock.now += 20;
      expect(await h.store.byEmail(account.email)).toBeUndefined();
      expect(await h.store.byId(account.id)).toBeUndefined();
      const again = pending({ email: account.email });
      expect(await h.store.createPending(again)).toBe('created');
      expect((await h.store.byEmail(account.email))?.id).toBe(again.id);
    });

    it('given pending sign-ups, when one is activated, then the account is active for good with that sign-up, and no other can activate or replace it', async () => {
      const attacker = pending({ name: 'Mallory', passwordHash: 'scrypt$attacker' });
      await h.store.createPending(attacker);
      const owner = pending({ email: attacker.email, name: 'Dona Benta', passwordHash: 'scrypt$owner' });
      await h.store.createPending(owner);
      // The attacker's sign-up is activated although a later one is pending: the link used decides.
      const active = await h.store.activate(attacker.email, h.clock.now, choiceOf(owner));
      expect(active).toMatchObject({
        id: owner.id,
        name: 'Dona Benta',
        passwordHash: 'scrypt$owner',
        status: 'ACTIVE',
        verifiedAt: h.clock.now,
        expiresAt: null,
      });
      expect(await h.store.activate(attacker.email, h.clock.now, choiceOf(attacker))).toBeUndefined();
      h.clock.now += 10 * 60_000;
      expect(await h.store.byEmail(owner.email)).toMatchObject({
        status: 'ACTIVE',
        passwordHash: 'scrypt$owner',
      });
      expect(await h.store.byId(owner.id)).toMatchObject({ email: owner.email });
      expect(await h.store.createPending(pending({ email: owner.email }))).toBe('active');
      expect((await h.store.byEmail(owner.email))?.name).toBe('Dona Benta');
    });

    it('given an expired pending account or none, then activation finds nothing', async () => {
      const account = pending({ expiresAt: h.clock.now + 5 });
      await h.store.createPending(account);
      h.clock.now += 10;
      expect(await h.store.activate(account.email, h.clock.now, choiceOf(account))).toBeUndefined();
      expect(
        await h.store.activate(`${randomUUID()}@example.com`, h.clock.now, choiceOf(account)),
      ).toBeUndefined();
    });

    it('given a verification token with its sign-up, then consuming it returns the sign-up intact', async () => {
      const account = pending();
      await h.store.putToken({
        tokenHash: 'd'.repeat(64),
        purpose: 'VERIFY_EMAIL',
        email: account.email,
        expiresAt: h.clock.now + 1000,
        signUp: choiceOf(account),
      });
      expect(await h.store.consumeToken('d'.repeat(64), 'VERIFY_EMAIL', h.clock.now)).toEqual({
        tokenHash: 'd'.repeat(64),
        purpose: 'VERIFY_EMAIL',
        email: account.email,
        expiresAt: h.clock.now + 1000,
        signUp: choiceOf(account),
      });
    });

    it('given a token, then it can be consumed once, only for its purpose, and not after it expires', async () => {
      const email = `${randomUUID()}@example.com`;
      await h.store.putToken({
        tokenHash: 'a'.repeat(63) + '1',
        purpose: 'VERIFY_EMAIL',
        email,
        expiresAt: h.clock.now + 1000,
      });
      expect(await h.store.consumeToken('a'.repeat(63) + '1', 'RESET_PASSWORD', h.clock.now)).toBeUndefined();
      expect(await h.store.consumeToken('a'.repeat(63) + '1', 'VERIFY_EMAIL', h.clock.now)).toMatchObject({
        email,
      });
      expect(await h.store.consumeToken('a'.repeat(63) + '1', 'VERIFY_EMAIL', h.clock.now)).toBeUndefined();
      await h.store.putToken({
        tokenHash: 'b'.repeat(64),
        purpose: 'RESET_PASSWORD',
        email,
        expiresAt: h.clock.now + 1000,
      });
      expect(
        await h.store.consumeToken('b'.repeat(64), 'RESET_PASSWORD', h.clock.now + 1000),
      ).toBeUndefined();
    });

    it('given two concurrent uses of one token, then exactly one succeeds', async () => {
      await h.store.putToken({
        tokenHash: 'c'.repeat(64),
        purpose: 'VERIFY_EMAIL',
        email: 'x@example.com',
        expiresAt: h.clock.now + 1000,
      });
      const results = await Promise.all(
        [1, 2, 3].map(() => h.store.consumeToken('c'.repeat(64), 'VERIFY_EMAIL', h.clock.now)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('given login attempts, then exactly max pass in a window, a new window starts after it, and clearing starts over', async () => {
      const email = `${randomUUID()}@example.com`;
      const claim = (at: number) => h.store.claimAttempt(`login:${email}`, at, 1000, 3);
      expect([await claim(h.clock.now), await claim(h.clock.now + 1), await claim(h.clock.now + 2)]).toEqual([
        true,
        true,
        true,
      ]);
      expect(await claim(h.clock.now + 3)).toBe(false);
      expect(await claim(h.clock.now + 1000)).toBe(true);
      await h.store.clearAttempts(`login:${email}`);
      expect(await claim(h.clock.now + 1001)).toBe(true);
    });

    it('given 20 concurrent attempts on one address, then exactly max are let through', async () => {
      const email = `${randomUUID()}@example.com`;
      const results = await Promise.all(
        Array.from({ length: 20 }, () => h.store.claimAttempt(`login:${email}`, h.clock.now, 60_000, 5)),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
    });

    it('given an account, then its sessions start at version 0; ending one adds it; ending all raises the version and forgets the single ones', async () => {
      const accountId = randomUUID();
      expect(await h.store.sessionState(accountId)).toEqual({ version: 0, ended: new Set() });
      await h.store.endSession(accountId, 's1');
      await h.store.endSession(accountId, 's2');
      await h.store.endSession(accountId, 's1');
      expect(await h.store.sessionState(accountId)).toEqual({ version: 0, ended: new Set(['s1', 's2']) });
      expect(await h.store.endAllSessions(accountId)).toBe(1);
      expect(await h.store.sessionState(accountId)).toEqual({ version: 1, ended: new Set() });
      const concurrent = await Promise.all([1, 2, 3].map(() => h.store.endAllSessions(accountId)));
      expect(concurrent.sort()).toEqual([2, 3, 4]);
    });

    it('given a reset token issued under a session version, then consuming it returns that version', async () => {
      await h.store.putToken({
        tokenHash: 'e'.repeat(64),
        purpose: 'RESET_PASSWORD',
        email: 'x@example.com',
        expiresAt: h.clock.now + 1000,
        sessionVersion: 7,
      });
      expect(await h.store.consumeToken('e'.repeat(64), 'RESET_PASSWORD', h.clock.now)).toMatchObject({
        sessionVersion: 7,
      });
    });

    it('given a password change, then the account carries the new hash', async () => {
      const account = pending();
      await h.store.createPending(account);
      await h.store.setPasswordHash(account.email, 'scrypt$2$2$2$new$hash');
      expect((await h.store.byEmail(account.email))?.passwordHash).toBe('scrypt$2$2$2$new$hash');
    });
  });
}
