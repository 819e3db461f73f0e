import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, owner, type Api } from '../support/appsync';
import { postGraphql } from '../support/http';
import { startTestServer, type TestServer } from '../support/local-server';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';

let t: TestServer;
let api: Api;
beforeAll(async () => {
  t = await startTestServer('embedded', { keepAliveMs: 150 });
  api = apiAs(t.server.system.deps, owner(randomUUID()));
});
afterAll(() => t?.cleanup());

const newQueue = async () => (await api('createQueue', { input: { name: 'Protocol queue' } })).id as string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the real-time protocol at /graphql/realtime (raw ws)', () => {
  it('given connection_init, then connection_ack with the connection timeout, and ka at the configured interval', async () => {
    const c = await RawRealtimeClient.open(t.url, 'Public');
    expect(c.ws.protocol).toBe('graphql-ws');
    const ack = await c.init();
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } });
    const started = Date.now();
    await sleep(700);
    const kas = c.messages.filter((m) => m.type === 'ka').length;
    expect(kas).toBeGreaterThanOrEqual(4);
    expect(kas).toBeLessThanOrEqual(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    c.close();
  });

  it('given the older ?header= form, then the connection is accepted too', async () => {
    const c = await RawRealtimeClient.open(t.url, 'Public', 'query');
    expect((await c.init()).type).toBe('connection_ack');
    c.close();
  });

  it('given no or wrong connection credentials, then connection_error 401 and the socket closes', async () => {
    for (const auth of [undefined, 'Bearer nope']) {
      const c = await RawRealtimeClient.open(t.url, auth);
      expect(await c.init()).toEqual({
        type: 'connection_error',
        payload: {
          errors: [
            {
              errorType: 'UnauthorizedException',
              errorCode: 401,
              message: 'You are not authorized to make this call.',
            },
          ],
        },
      });
      await sleep(50);
      expect(c.closed).toBeDefined();
    }
  });

  it('given a socket without the graphql-ws subprotocol, then the upgrade is refused', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql/realtime`, ['something-else']);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', (e) => resolve(e.message));
    });
    expect(outcome).toMatch(/400/);
  });

  it('given a subscription, then start_ack, one data message per change with only the selected fields, and stop → complete ends it', async () => {
    const queueId = await newQueue();
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    const ack = await c.start(
      's1',
      'subscription S($q: ID!) { onQueueEvent(queueId: $q) { version kind } }',
      { q: queueId },
      'Public',
    );
    expect(ack).toEqual({ id: 's1', type: 'start_ack' });
    await api('addTicket', { queueId, input: { name: 'Ana' } });
    const data = await c.next((m) => m.id === 's1' && m.type === 'data');
    expect(data.payload).toEqual({ data: { onQueueEvent: { version: 2, kind: 'JOINED' } } });
    c.send({ id: 's1', type: 'stop' });
    expect(await c.next((m) => m.id === 's1' && m.type === 'complete')).toEqual({
      id: 's1',
      type: 'complete',
    });
    await api('addTicket', { queueId, input: { name: 'Bia' } });
    await sleep(100);
    expect(c.dataFor('s1')).toHaveLength(1);
    c.close();
  });

  it('given malformed JSON or an unknown message type, then an error message, and the socket keeps working', async () => {
    const queueId = await newQueue();
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    c.send('{not json');
    expect(await c.next((m) => m.type === 'error')).toMatchObject({
      payload: { errors: [{ errorType: 'MalformedMessage' }] },
    });
    c.send({ id: 'x', type: 'subscribe_please' });
    expect(await c.next((m) => m.id === 'x' && m.type === 'error')).toMatchObject({
      payload: { errors: [{ errorType: 'UnsupportedOperation' }] },
    });
    expect((await c.start('ok', ON_QUEUE_EVENT, { queueId }, 'Public')).type).toBe('start_ack');
    c.close();
  });

  it('given start before connection_init, a duplicate id, a query, or an invalid document, then per-subscription errors', async () => {
    const queueId = await newQueue();
    const c = await RawRealtimeClient.open(t.url, 'Public');
    expect(await c.start('early', ON_QUEUE_EVENT, { queueId }, 'Public')).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'UnsupportedOperation' }] },
    });
    await c.init();
    await c.start('a', ON_QUEUE_EVENT, { queueId }, 'Public');
    expect(await c.start('a', ON_QUEUE_EVENT, { queueId }, 'Public')).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'DuplicateSubscription' }] },
    });
    expect(await c.start('q', '{ queueDisplay(queueId: "x") { name } }', {}, 'Public')).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'UnsupportedOperation' }] },
    });
    expect(
      await c.start('v', 'subscription { onQueueEvent(queueId: "x") { nope } }', {}, 'Public'),
    ).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'ValidationError' }] } });
    expect(await c.start('id', ON_QUEUE_EVENT, { queueId: 'not-a-uuid' }, 'Public')).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'VALIDATION' }] },
    });
    c.close();
  });

  it('given one subscription with wrong credentials, then only it is refused: the others on the socket keep receiving', async () => {
    const queueId = await newQueue();
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    await c.start('good', ON_QUEUE_EVENT, { queueId }, 'Public');
    expect(await c.start('bad', ON_QUEUE_EVENT, { queueId }, 'Bearer forged')).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'UnauthorizedException' }] },
    });
    await api('addTicket', { queueId, input: { name: 'Ana' } });
    await c.next((m) => m.id === 'good' && m.type === 'data');
    expect(c.closed).toBeUndefined();
    expect(c.dataFor('bad')).toEqual([]);
    c.close();
  });

  it('given 100 subscriptions on one socket, then each gets the event once, and other queues stay silent', async () => {
    const [queueId, otherId] = [await newQueue(), await newQueue()];
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    for (let i = 0; i < 100; i += 1) await c.start(`s${i}`, ON_QUEUE_EVENT, { queueId }, 'Public');
    await c.start('other', ON_QUEUE_EVENT, { queueId: otherId }, 'Public');
    await api('addTicket', { queueId, input: { name: 'Ana' } });
    for (let i = 0; i < 100; i += 1) await c.next((m) => m.id === `s${i}` && m.type === 'data');
    await sleep(50);
    for (let i = 0; i < 100; i += 1) expect(c.dataFor(`s${i}`)).toHaveLength(1);
    expect(c.dataFor('other')).toEqual([]);
    c.close();
  });

  it('given a frame larger than the limit, then the socket is closed with 1009', async () => {
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    c.send({ type: 'start', id: 'big', payload: { data: 'x'.repeat(200 * 1024) } });
    await sleep(200);
    expect(c.closed?.code).toBe(1009);
  });

  it('given a closed socket, then its subscriptions are released', async () => {
    const queueId = await newQueue();
    const before = t.server.gateway.hub.size;
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    await c.start('a', ON_QUEUE_EVENT, { queueId }, 'Public');
    expect(t.server.gateway.hub.size).toBe(before + 1);
    c.close();
    await sleep(100);
    expect(t.server.gateway.hub.size).toBe(before);
  });
});

describe('POST /graphql as AppSync answers it', () => {
  const display = {
    query: 'query D($q: ID!) { queueDisplay(queueId: $q) { name } }',
    variables: { q: randomUUID() },
  };

  it('given no Authorization, then 401 UnauthorizedException; a refused one, 401 too', async () => {
    expect(await postGraphql(t.url, display)).toMatchObject({
      status: 401,
      body: {
        errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }],
      },
    });
    expect(await postGraphql(t.url, display, 'Bearer forged')).toMatchObject({
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException' }] },
    });
  });

  it('given a SigV4 (IAM) signature, then 401: this server issues no IAM credentials, so no publish from outside', async () => {
    const publish = {
      query: 'mutation P($e: QueueEventInput!) { publishQueueEvent(event: $e) { queueId } }',
      variables: {
        e: {
          queueId: randomUUID(),
          version: 1,
          kind: 'JOINED',
          waitingCount: 1,
          at: new Date().toISOString(),
        },
      },
    };
    const signature = `AWS4-HMAC-SHA256 Credential=ASIAANY/20261130/local/appsync/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`;
    expect(await postGraphql(t.url, publish, signature)).toMatchObject({
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException' }] },
    });
  });

  it('given an empty or unparsable body, then 400 MalformedHttpRequestException', async () => {
    expect(await postGraphql(t.url, '', 'Public')).toMatchObject({
      status: 400,
      body: { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }] },
    });
    for (const body of ['meow', '{}', '[]'])
      expect(await postGraphql(t.url, body, 'Public')).toMatchObject({
        status: 400,
        body: {
          errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
        },
      });
  });

  it('given an invalid document or variable, then 200 with errors that carry locations and no data', async () => {
    const invalid = await postGraphql(t.url, { query: '{ badfield }' }, 'Public');
    expect(invalid).toMatchObject({
      status: 200,
      body: { data: null, errors: [{ path: null, locations: [{ line: 1, column: 3, sourceName: null }] }] },
    });
    const badEmail = await postGraphql(
      t.url,
      {
        query: 'mutation R($e: AWSEmail!) { resendVerification(email: $e) }',
        variables: { e: 'not-an-email' },
      },
      'Public',
    );
    expect(badEmail.status).toBe(200);
    expect(badEmail.body.errors[0].message).toMatch(/AWSEmail/);
  });

  it('given a resolver error, then 200 with the field null and errorType, path, locations', async () => {
    const refused = await postGraphql(t.url, { query: '{ me { id } }' }, 'Public');
    expect(refused).toMatchObject({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            path: ['me'],
            data: null,
            errorType: 'UNAUTHENTICATED',
            errorInfo: null,
            message: 'Please sign in.',
          },
        ],
      },
    });
    expect(refused.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given a client calling the @aws_iam publish mutation, then it is not authorized and nothing is published', async () => {
    const queueId = await newQueue();
    const c = await RawRealtimeClient.open(t.url, 'Public');
    await c.init();
    await c.start('s', ON_QUEUE_EVENT, { queueId }, 'Public');
    const forged = await postGraphql(
      t.url,
      {
        query: `mutation { publishQueueEvent(event: {queueId: "${queueId}", version: 99, kind: CALLED, waitingCount: 0, at: "2026-01-01T00:00:00Z"}) { queueId } }`,
      },
      'Public',
    );
    expect(forged.body.errors[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access publishQueueEvent on type Mutation',
    });
    await sleep(100);
    expect(c.dataFor('s')).toEqual([]);
    c.close();
  });

  it('given AppSync scalars, then malformed dates, URLs and phones are refused before any resolver runs', async () => {
    const stats = await postGraphql(
      t.url,
      {
        query: 'query S($f: AWSDateTime) { queueStats(queueId: "x", from: $f) { servedCount } }',
        variables: { f: '2026-13-45' },
      },
      'Public',
    );
    expect(stats.body.errors[0].message).toMatch(/AWSDateTime/);
    const phone = await postGraphql(
      t.url,
      {
        query: 'mutation J($i: TicketInput!) { joinQueue(queueId: "x", input: $i) { accessToken } }',
        variables: { i: { name: 'Ana', phone: 'call me maybe' } },
      },
      'Public',
    );
    expect(phone.body.errors[0].message).toMatch(/AWSPhone/);
  });

  /** Someone joins the queue; the first message of the event stream, parsed. */
  async function firstEventAfterJoin(response: Response, queueId: string): Promise<unknown> {
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    await api('addTicket', { queueId, input: { name: 'Ana' } });
    while (!text.includes('event: next')) text += new TextDecoder().decode((await reader.read()).value);
    return JSON.parse(text.split('event: next\ndata: ')[1]!.split('\n')[0]!);
  }

  it('given the playground subscribing over SSE, then each change arrives as an event stream message', async () => {
    const queueId = await newQueue();
    const controller = new AbortController();
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Public' },
      body: JSON.stringify({ query: ON_QUEUE_EVENT, variables: { queueId } }),
      signal: controller.signal,
    });
    expect(await firstEventAfterJoin(response, queueId)).toMatchObject({
      data: { onQueueEvent: { queueId, version: 2, kind: 'JOINED' } },
    });
    controller.abort();
  });

  it('given GraphiQL’s GET with Accept: text/event-stream, then the subscription streams as over POST; without it, the playground page', async () => {
    const queueId = (await api('createQueue', { input: { name: 'GET SSE queue' } })).id;
    const params = new URLSearchParams({
      query: ON_QUEUE_EVENT,
      variables: JSON.stringify({ queueId }),
      operationName: 'OnQueueEvent',
    });
    const controller = new AbortController();
    const response = await fetch(`${t.url}/graphql?${params}`, {
      headers: { accept: 'text/event-stream', authorization: 'Public' },
      signal: controller.signal,
    });
    expect(await firstEventAfterJoin(response, queueId)).toMatchObject({
      data: { onQueueEvent: { queueId, kind: 'JOINED' } },
    });
    controller.abort();
    // Hostile: no auth, a document that is not JSON-variabled, an oversized query string.
    const refused = await fetch(`${t.url}/graphql?${params}`, { headers: { accept: 'text/event-stream' } });
    expect(refused.status).toBe(401);
    const bad = await fetch(`${t.url}/graphql?query=subscription%20%7B&variables=%7Bnope`, {
      headers: { accept: 'text/event-stream', authorization: 'Public' },
    });
    expect((await bad.json()).errors[0].message).toBeTruthy();
    const huge = await fetch(`${t.url}/graphql?query=${'a'.repeat(70_000)}`, {
      headers: { accept: 'text/event-stream', authorization: 'Public' },
    });
    expect([413, 414, 431]).toContain(huge.status);
    const page = await fetch(`${t.url}/graphql`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('subscription Watch($queueId: ID!)');
  });

  it('given requests, then every log line of a request carries its id, and none carries a name or an email', async () => {
    const queueId = (await api('createQueue', { input: { name: 'Logged queue', selfJoin: true } })).id;
    const email = `${randomUUID()}@example.com`;
    const joined = await postGraphql(
      t.url,
      {
        query: `mutation { joinQueue(queueId: "${queueId}", input: {name: "Zélia Privada", email: "${email}"}) { accessToken } }`,
      },
      'Public',
    );
    expect(joined.body.data.joinQueue.accessToken).toBeTruthy();
    const requests = t.log.entries.filter((e) => e.message === 'graphql request');
    expect(requests.length).toBeGreaterThan(0);
    for (const entry of requests) expect(entry.context.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // What the resolver logged for this join carries the same id as the request line.
    const join = requests.at(-1)!.context.requestId;
    const issued = t.log.entries.filter((e) => e.message === 'ticket issued');
    expect(issued.at(-1)?.context.requestId).toBe(join);
    // A refused session's line, written by the authorizer, carries its request's id too.
    await postGraphql(t.url, { query: '{ myQueues { items { id } } }' }, 'Bearer not.a.session');
    expect(t.log.entries.find((e) => e.message === 'owner session refused')?.context.requestId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    const logged = JSON.stringify(t.log.entries);
    expect(logged).not.toContain('Zélia');
    expect(logged).not.toContain(email);
  });

  it('given mail that cannot be delivered, then /dev/mail lists it as a dead letter after 3 attempts, and its button re-drives it', async () => {
    const outboxDir = join(t.config.dataDir, 'outbox');
    rmSync(outboxDir, { recursive: true, force: true });
    writeFileSync(outboxDir, 'not a folder');
    const email = `${randomUUID()}@example.com`;
    await postGraphql(t.url, { query: `mutation { resendVerification(email: "${email}") }` }, 'Public');
    await postGraphql(
      t.url,
      {
        query: 'mutation S($i: SignUpInput!) { signUp(input: $i) { accepted } }',
        variables: { i: { name: 'Dead Letter', email, password: 'correct horse battery' } },
      },
      'Public',
    );
    const deadline = Date.now() + 8000;
    while (t.server.system.messageQueue.deadLetters().length === 0 && Date.now() < deadline) await sleep(100);
    const [dead] = t.server.system.messageQueue.deadLetters();
    expect(dead).toMatchObject({ attempts: 3, job: { template: 'VERIFY_EMAIL', to: email } });
    const page = await (await fetch(`${t.url}/dev/mail`)).text();
    expect(page).toContain('Dead letters (1)');
    expect(page).toContain(`<input type="hidden" name="id" value="${dead!.job.id}">`);
    rmSync(outboxDir, { force: true });
    const formToken = /name="token" value="([^"]+)"/.exec(page)![1]!;
    const post = (form: Record<string, string>, headers: Record<string, string>) =>
      fetch(`${t.url}/dev/mail/redrive`, {
        method: 'POST',
        body: new URLSearchParams(form),
        redirect: 'manual',
        headers,
      });
    // Another origin, no origin, no token or a wrong one: refused, and nothing is re-driven.
    for (const [form, headers] of [
      [{ id: dead!.job.id, token: formToken }, { origin: 'http://evil.example' }],
      [{ id: dead!.job.id, token: formToken }, {}],
      [{ id: dead!.job.id }, { origin: t.url }],
      [
        { id: dead!.job.id, token: formToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
        { origin: t.url },
      ],
    ] as const)
      expect((await post(form, headers)).status).toBe(403);
    expect(t.server.system.messageQueue.deadLetters()).toHaveLength(1);
    const redrive = await post({ id: dead!.job.id, token: formToken }, { origin: t.url });
    expect(redrive.status).toBe(303);
    await t.server.system.messageQueue.drain();
    expect(t.server.system.messageQueue.deadLetters()).toEqual([]);
    const after = await (await fetch(`${t.url}/dev/mail`)).text();
    expect(after).toContain('Dead letters (0)');
    expect(after).toMatch(
      new RegExp(`to ${email.replace('.', '\\.')}[\\s\\S]*href="${t.url}/backoffice/verify/`),
    );
  }, 20_000);

  it('serves the playground, the dev outbox and the runtime configuration', async () => {
    const playground = await fetch(`${t.url}/playground`);
    expect(playground.status).toBe(200);
    expect(await playground.text()).toContain('renderYogaGraphiQL');
    expect((await fetch(`${t.url}/dev/mail`)).status).toBe(200);
    expect(await (await fetch(`${t.url}/runtime-config.json`)).json()).toEqual({
      graphqlEndpoint: `${t.url}/graphql`,
      realtimeEndpoint: `${t.url.replace('http', 'ws')}/graphql/realtime`,
      region: 'local',
      authMode: 'lambda',
      publicUrl: t.url,
    });
  });
});
