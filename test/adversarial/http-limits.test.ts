import { getIntrospectionQuery } from 'graphql';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { API_LIMITS, RATE_LIMITED_BODY, RATE_LIMITS } from '../../schema/limits';
import { postGraphql } from '../support/http';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';
import { serverForThisFile } from '../support/spawned-server';

/** Hostile HTTP requests, document shapes and subscription bursts against a real server process. */
const server = serverForThisFile();

type Health = {
  heapUsed: number;
  sockets: number;
  subscriptions: { hub: number; realtime: number; playground: number };
  preparedDocuments: { documents: number; bytes: number };
};
const health = async (): Promise<Health> => (await fetch(`${server().url}/health`)).json() as Promise<Health>;
const queueId = '00000000-0000-4000-8000-000000000000';

async function until(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('HTTP edges as AppSync answers them', () => {
  it('given a body over 1 MB, with or without a declared length, then 413 PayloadTooLargeException as JSON, not a reset', async () => {
    const big = JSON.stringify({
      query: `{ __typename }`,
      padding: 'x'.repeat(API_LIMITS.maxBodyBytes + 10),
    });
    const declared = await postGraphql(server().url, big, 'Public');
    expect(declared.status).toBe(413);
    expect(declared.body.errors[0].errorType).toBe('PayloadTooLargeException');
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server().url}/graphql`,
        { method: 'POST', headers: { authorization: 'Public' } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('x'.repeat(300 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).errors[0].errorType).toBe('PayloadTooLargeException');
  });

  it('given PUT, DELETE or PATCH on /graphql, then 405 with Allow and a JSON error, not the app', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${server().url}/graphql`, {
        method,
        body: method === 'DELETE' ? null : '{}',
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect((await response.json()).errors[0].errorType).toBe('MethodNotAllowedException');
    }
  });
});

describe("AppSync's query depth and resolver count limits", () => {
  const errorTypeOf = async (query: string) => {
    const started = performance.now();
    const answer = await postGraphql(server().url, { query }, 'Public');
    expect(answer.status).toBe(200);
    return {
      errorType: answer.body.errors?.[0]?.errorType,
      message: answer.body.errors?.[0]?.message as string | undefined,
      data: answer.body.data,
      ms: performance.now() - started,
    };
  };

  it('given the playground introspection query, then it runs within the depth limit', async () => {
    const answer = await postGraphql(server().url, { query: getIntrospectionQuery() }, 'Public');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.__schema.queryType.name).toBe('Query');
  });

  it('given documents past the limits, then each is refused before any resolver runs, quickly', async () => {
    // A legal shape of any depth: introspection's ofType chain. `levels` counts every selection level.
    const nested = (levels: number) =>
      `{ __type(name: "Queue") ${'{ ofType '.repeat(levels - 2)}{ name }${' }'.repeat(levels - 2)} }`;
    const fragments = (n: number) =>
      `query { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1}` : '__typename'} }`).join(' ')}`;
    const aliases = (n: number, field: string) =>
      `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    const cases = [
      {
        name: 'depth 16 by nesting',
        query: nested(API_LIMITS.queryDepthLimit + 1),
        expect: 'QueryDepthLimitExceeded',
      },
      { name: 'depth 5,000 by nesting', query: nested(5000), expect: 'QueryDepthLimitExceeded' },
      // Refused by the parser's token bound (a GraphQL syntax error, which carries no errorType).
      { name: '5,000 nested fragments', query: fragments(5000), expect: undefined, message: /tokens/ },
      {
        name: '101 nested fragments',
        query: fragments(101),
        expect: 'ValidationError',
        message: /fragments/,
      },
      {
        name: '1,000 aliases of a field',
        query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: queueDisplay(queueId: "${queueId}") { name }`).join(' ')} }`,
        expect: 'ResolverCountLimitExceeded',
      },
      {
        name: '10 aliased signUps',
        query: aliases(
          10,
          'signUp(input: {name: "Mallory", email: "mallory@example.com", password: "a long enough password"}) { accepted }',
        ),
        expect: 'ResolverCountLimitExceeded',
      },
    ];
    for (const c of cases) {
      const outcome = await errorTypeOf(c.query);
      process.stdout.write(`limits: ${c.name} → ${outcome.errorType} in ${outcome.ms.toFixed(0)} ms\n`);
      expect(outcome.errorType, c.name).toBe(c.expect);
      if ('message' in c) expect(outcome.message).toMatch(c.message!);
      expect(outcome.data).toBeNull();
      expect(outcome.ms, c.name).toBeLessThan(1000);
    }
    // Within the limits the same shapes run.
    expect((await errorTypeOf(nested(API_LIMITS.queryDepthLimit))).errorType).toBeUndefined();
    const five = await postGraphql(
      server().url,
      {
        query: `{ ${Array.from({ length: 5 }, (_, i) => `a${i}: queueDisplay(queueId: "${queueId}") { name }`).join(' ')} }`,
      },
      'Public',
    );
    expect(five.body).toEqual({ data: { a0: null, a1: null, a2: null, a3: null, a4: null } });
  });

  it('given 30 distinct documents of ~0.9 MB, then the document cache stays within its byte bound and the heap does not keep them', async () => {
    const before = await health();
    for (let i = 0; i < 30; i++) {
      const query = `{ queueDisplay(queueId: "${queueId}") { name } } # ${i} ${'x'.repeat(900 * 1024)}`;
      const answer = await postGraphql(server().url, { query }, 'Public');
      expect(answer.body).toEqual({ data: { queueDisplay: null } });
    }
    await new Promise((r) => setTimeout(r, 200));
    const after = await health();
    process.stdout.write(
      `document cache: ${after.preparedDocuments.documents} documents, ${after.preparedDocuments.bytes} B; heap ${(before.heapUsed / 1e6).toFixed(0)} → ${(after.heapUsed / 1e6).toFixed(0)} MB\n`,
    );
    expect(after.preparedDocuments.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(150 * 1e6);
  });
});

describe('subscriptions are counted, bounded and released', () => {
  it('given a burst of 1,000 starts on one socket, then exactly the limit is acknowledged; 300 starts of one id give one; closing releases all', async () => {
    const client = await RawRealtimeClient.open(server().url, 'Public');
    await client.init();
    const start = (id: string) => ({
      id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId } }),
        extensions: { authorization: { Authorization: 'Public' } },
      },
    });
    for (let i = 0; i < 1000; i++) client.send(start(`s${i}`));
    await until(
      async () => client.messages.filter((m) => m.type === 'start_ack' || m.type === 'error').length >= 1000,
      10_000,
    );
    const acks = client.messages.filter((m) => m.type === 'start_ack').length;
    const refused = client.messages.filter(
      (m) => m.type === 'error' && m.payload.errors[0].errorType === 'LimitExceededError',
    ).length;
    expect(acks).toBe(200);
    expect(refused).toBe(800);
    expect((await health()).subscriptions).toMatchObject({ hub: 200, realtime: 200 });

    const same = await RawRealtimeClient.open(server().url, 'Public');
    await same.init();
    for (let i = 0; i < 300; i++) same.send(start('one'));
    await until(
      async () => same.messages.filter((m) => m.type === 'start_ack' || m.type === 'error').length >= 300,
    );
    expect(same.messages.filter((m) => m.type === 'start_ack')).toHaveLength(1);
    expect(
      same.messages.filter(
        (m) => m.type === 'error' && m.payload.errors[0].errorType === 'DuplicateSubscription',
      ),
    ).toHaveLength(299);
    expect((await health()).subscriptions).toMatchObject({ hub: 201, realtime: 201 });

    client.close();
    same.close();
    await until(async () => {
      const h = await health();
      return h.subscriptions.hub === 0 && h.sockets === 0;
    });
    process.stdout.write(
      `subscription burst: 1,000 starts → ${acks} acks, ${refused} refused; 300 of one id → 1; after close: hub 0\n`,
    );
  });

  it('given playground (SSE) subscriptions aborted by the client, then every one is released', async () => {
    const aborts = Array.from({ length: 20 }, () => new AbortController());
    await Promise.all(
      aborts.map(async (abort) => {
        const response = await fetch(`${server().url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            authorization: 'Public',
          },
          body: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId } }),
          signal: abort.signal,
        });
        expect(response.headers.get('content-type')).toBe('text/event-stream');
      }),
    );
    expect((await health()).subscriptions).toMatchObject({ hub: 20, playground: 20 });
    for (const abort of aborts) abort.abort();
    await until(async () => {
      const h = await health();
      return h.subscriptions.hub === 0 && h.subscriptions.playground === 0;
    });
  });
});

describe("per-source rate limits on unauthenticated mutations (AWS WAF's rules, same numbers)", () => {
  /** POST /graphql from a given loopback address, as a distinct client would arrive. */
  const postFrom = (source: string, query: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(
        `${server().url}/graphql`,
        {
          method: 'POST',
          localAddress: source,
          headers: { authorization: 'Public', 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(body) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query }));
    });

  it('given one source past a rule, then its matching requests get 429 RATE_LIMITED while other requests and other sources go on', async () => {
    for (const rule of RATE_LIMITS) {
      const source = `127.0.0.${10 + RATE_LIMITS.indexOf(rule)}`;
      const field = rule.fields[0]!;
      const query =
        field === 'joinQueue'
          ? `mutation { joinQueue(queueId: "${queueId}", input: {name: "Ana"}) { accessToken } }`
          : `mutation { verifyEmail(token: "not-a-token") { email } }`;
      const answers = [];
      for (let i = 0; i < rule.limit; i++) answers.push(await postFrom(source, query));
      // Every counted request was answered by the API itself (refused for its own reasons, not blocked).
      expect(answers.every((a) => a.status === 200 && a.body.errors?.[0]?.errorType !== 'RATE_LIMITED')).toBe(
        true,
      );
      const blocked = await postFrom(source, query);
      expect(blocked).toEqual({ status: 429, body: JSON.parse(RATE_LIMITED_BODY) });
      // Requests outside the rule from the same source, and the same request from another source, go through.
      expect((await postFrom(source, `{ queueDisplay(queueId: "${queueId}") { name } }`)).status).toBe(200);
      expect((await postFrom(`127.0.0.${20 + RATE_LIMITS.indexOf(rule)}`, query)).status).toBe(200);
      process.stdout.write(
        `rate limit ${rule.name}: ${rule.limit} answered, request ${rule.limit + 1} → 429\n`,
      );
    }
  });
});
