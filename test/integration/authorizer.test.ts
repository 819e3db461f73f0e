import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION, sessionKey } from '../../resolvers/domain/sessions';
import { authorize, type AuthorizerDeps } from '../../resolvers/handlers/authorizer';
import { signedInOwner } from '../contract/backend.contract';
import { openStack, TEST_SESSION_SECRET, type TestStack } from '../support/stack';

describe('the Lambda authorizer', () => {
  let stack: TestStack;
  let deps: AuthorizerDeps;
  let ownerToken: string;
  let accountId: string;
  let ticketToken: string;
  let ticketQueueId: string;
  let ticketId: string;

  beforeAll(async () => {
    stack = await openStack('sqlite+memory');
    deps = { queues: stack.deps.queues, sessionKey: stack.deps.sessionKey, log: stack.log, now: Date.now };
    const owner = await signedInOwner(stack);
    ownerToken = owner.session.accessToken;
    accountId = owner.account.id;
    const queue = await owner.api('createQueue', { input: { name: 'Auth queue' } });
    const issued = await owner.api('addTicket', { queueId: queue.id, input: { name: 'Ana' } });
    ticketToken = issued.accessToken;
    ticketQueueId = queue.id;
    ticketId = issued.ticket.id;
  });
  afterAll(() => stack?.cleanup());

  const secret = new TextEncoder().encode(TEST_SESSION_SECRET);
  const claims = (overrides: Record<string, unknown> = {}) => ({ typ: SESSION.tokenType, ...overrides });
  const sign = (payload: Record<string, unknown>, build: (j: SignJWT) => SignJWT = (j) => j) =>
    build(
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(SESSION.issuer)
        .setAudience(SESSION.audience)
        .setSubject(accountId)
        .setIssuedAt()
        .setExpirationTime('1h'),
    ).sign(secret);

  it('given a fresh owner session, then the caller is that owner for 5 minutes of caching', async () => {
    expect(await authorize(deps, `Bearer ${ownerToken}`)).toEqual({
      isAuthorized: true,
      resolverContext: {
        kind: 'owner',
        accountId,
        sessionId: decodeJwt(ownerToken).sid,
        sessionVersion: '0',
        authTime: String(decodeJwt(ownerToken).auth_time),
      },
      ttlOverride: 300,
    });
  });

  it('given a ticket token, then the caller is that ticket of that queue', async () => {
    expect(await authorize(deps, `Ticket ${ticketToken}`)).toMatchObject({
      isAuthorized: true,
      resolverContext: { kind: 'ticket', ticketId, queueId: ticketQueueId },
    });
  });

  it('given Public, then the caller is anonymous', async () => {
    expect(await authorize(deps, 'Public')).toMatchObject({
      isAuthorized: true,
      resolverContext: { kind: 'public' },
    });
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no header', async () => undefined],
    ['an empty header', async () => ''],
    ['an unknown scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['Bearer with nothing', async () => 'Bearer'],
    ['Public with a credential', async () => 'Public anything'],
    [
      'an expired session',
      () => sign(claims(), (j) => j.setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_600)),
    ],
    [
      'a tampered signature',
      async () => ownerToken.slice(0, -3) + (ownerToken.endsWith('AAA') ? 'BBB' : 'AAA'),
    ],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = ownerToken.split('.');
        const payload = Buffer.from(
          JSON.stringify({
            ...claims(),
            sub: 'someone-else',
            iss: SESSION.issuer,
            aud: SESSION.audience,
            exp: 9_999_999_999,
            iat: 1,
          }),
        ).toString('base64url');
        return `${h}.${payload}.${s}`;
      },
    ],
    ['the wrong audience', () => sign(claims(), (j) => j.setAudience('another-api'))],
    ['the wrong issuer', () => sign(claims(), (j) => j.setIssuer('someone-else'))],
    ['no token type', () => sign({})],
    ['another token type', () => sign(claims({ typ: 'ticket' }))],
    [
      'a key that is not ours',
      () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(SESSION.issuer)
          .setAudience(SESSION.audience)
          .setSubject(accountId)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('x'.repeat(40))),
    ],
    [
      'alg none',
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claims(), sub: accountId, iss: SESSION.issuer, aud: SESSION.audience, iat: 1, exp: 9_999_999_999 })}.`;
      },
    ],
    [
      'HS512 instead of the pinned HS256',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS512' })
          .setIssuer(SESSION.issuer)
          .setAudience(SESSION.audience)
          .setSubject(accountId)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(secret),
    ],
    ['a ticket token as an owner session', async () => ticketToken],
    [
      'a verification token as an owner session',
      async () => {
        const job = stack.mail.find((m) => m.template === 'VERIFY_EMAIL')!;
        return job.data.link!.split('/').at(-1)!;
      },
    ],
    ['an unknown ticket token', async () => 'A'.repeat(43)],
    ['an owner session as a ticket', async () => ownerToken],
  ];

  it.each(refused)('given %s, then the call is refused', async (label, header) => {
    const value = await header();
    const scheme =
      label.includes('as a ticket') || label.startsWith('an unknown ticket') ? 'Ticket' : 'Bearer';
    const authorization =
      value === undefined || value === '' || /^(Basic|Bearer$|Public)/.test(value)
        ? value
        : `${scheme} ${value}`;
    expect(await authorize(deps, authorization)).toEqual({ isAuthorized: false, ttlOverride: 0 });
  });

  it('given a key shorter than 32 bytes, then no session key can be made from it', () => {
    expect(() => sessionKey('short')).toThrow();
  });
});
