import { describe, expect, it } from 'vitest';
import { configFromEnv, devMailExposure, isLoopback } from '../../local/config';
import { braceDepth } from '../../local/gateway/documents';
import { isStoreUnreachable, toPublicError } from '../../resolvers/domain/errors';
import { CircuitBreaker } from '../../resolvers/stores/breaker';

describe('who counts as this machine for /health details', () => {
  it('given loopback peers, then yes; given any other address or none, then no', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address)).toBe(true);
    for (const address of [
      '10.0.0.1',
      '192.168.1.5',
      '::ffff:10.0.0.1',
      '1270.0.0.1',
      '127.0.0.1.evil',
      '::2',
      '',
      undefined,
    ])
      expect(isLoopback(address)).toBe(false);
  });
});

describe('nesting of a document, read from its text before parsing', () => {
  it('given braces inside strings, block strings and comments, then they do not count', () => {
    expect(braceDepth('{ a { b } }')).toBe(2);
    expect(braceDepth('{ a(s: "{{{{") { b } }')).toBe(2);
    expect(braceDepth('{ a(s: """ {{{ \n {{ """) }')).toBe(1);
    expect(braceDepth('# {{{{\n{ a }')).toBe(1);
    expect(braceDepth('{ a(s: "\\"{{") }')).toBe(1);
    expect(braceDepth('{'.repeat(10_000))).toBe(10_000);
  });
});

describe('a store that cannot be reached is told apart from a bug', () => {
  it('given driver errors that mean unreachable, then UNAVAILABLE; given anything else, then a bare INTERNAL', () => {
    const unreachable = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' }),
      Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) }),
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed'),
      new Error('Connection is closed.'),
      Object.assign(new Error('Reached the max retries per request limit'), {
        name: 'MaxRetriesPerRequestError',
      }),
    ];
    for (const error of unreachable) expect(toPublicError(error).errorType).toBe('UNAVAILABLE');
    for (const error of [new Error('boom'), new TypeError('x is undefined'), 'a string', null, { code: 42 }])
      expect(toPublicError(error)).toEqual({
        errorType: 'INTERNAL',
        message: 'Something went wrong on our side. Please try again.',
      });
    // A cause chain that points at itself ends.
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isStoreUnreachable(loop)).toBe(false);
  });
});

describe('a circuit breaker in front of a store', () => {
  it('given an unreachable store, then calls fail at once during the cool-down and go through after it; other errors leave it closed', async () => {
    let now = 0;
    const breaker = new CircuitBreaker(1000, () => now);
    let calls = 0;
    const refused = () => {
      calls += 1;
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    };
    await expect(breaker.run(refused)).rejects.toThrow('ECONNREFUSED');
    expect(breaker.isOpen).toBe(true);
    await expect(breaker.run(refused)).rejects.toMatchObject({ errorType: 'UNAVAILABLE' });
    expect(calls).toBe(1);
    now = 1000;
    expect(await breaker.run(async () => 'answered')).toBe('answered');
    expect(breaker.isOpen).toBe(false);
    await expect(breaker.run(() => Promise.reject(new Error('bad script')))).rejects.toThrow('bad script');
    expect(breaker.isOpen).toBe(false);
  });
});

describe('who may read /dev/mail (it shows every verification and reset link)', () => {
  const base = configFromEnv({});
  it('given the file outbox on a loopback listener, then served; beyond this machine only when asked for, with a warning; never with SMTP or DEV_MAIL=off', () => {
    expect(devMailExposure({ ...base, host: '127.0.0.1' })).toEqual({ served: true });
    expect(devMailExposure({ ...base, host: 'localhost' }).served).toBe(true);
    expect(devMailExposure({ ...base, host: '0.0.0.0' })).toMatchObject({ served: false });
    expect(devMailExposure({ ...base, host: '192.168.1.10' }).reason).toMatch(/DEV_MAIL=on/);
    const optedIn = devMailExposure({ ...base, host: '0.0.0.0', devMail: 'on' });
    expect(optedIn.served).toBe(true);
    expect(optedIn.warning).toMatch(/anyone who reaches this server/);
    expect(devMailExposure({ ...base, devMail: 'off' }).served).toBe(false);
    expect(
      devMailExposure({ ...base, smtp: { host: 'smtp.example.com', port: 587, secure: false, from: 'x' } })
        .served,
    ).toBe(false);
  });
});
