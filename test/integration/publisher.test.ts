import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../resolvers/domain/model';
import { AppSyncIamPublisher, PUBLISH_QUEUE_EVENT } from '../../resolvers/handlers/publisher';
import { apiAs, owner } from '../support/appsync';
import { openStack } from '../support/stack';
import { signedInOwner } from '../contract/backend.contract';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token',
};

describe('the AppSync IAM publisher', () => {
  const received: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
  let answer = { status: 200, body: '{"data":{"publishQueueEvent":{"queueId":"x"}}}' };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, path: req.url ?? '' });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const event: QueueEvent = {
    queueId: randomUUID(),
    version: 7,
    kind: 'CALLED',
    ticketNumber: 3,
    waitingCount: 4,
    nowServing: 3,
    counter: 'Guichê 3',
    fromPosition: 1,
    toPosition: null,
    at: Date.UTC(2026, 10, 26, 12),
  };

  it('given an event, then it calls publishQueueEvent once with every field, signed with SigV4 for appsync in the region', async () => {
    const publisher = new AppSyncIamPublisher({
      url,
      region: 'sa-east-1',
      credentials: async () => credentials,
    });
    await publisher.publish(event);
    expect(received).toHaveLength(1);
    const { headers, body, path } = received[0]!;
    expect(JSON.parse(body)).toEqual({
      query: PUBLISH_QUEUE_EVENT,
      variables: { event: { ...event, at: '2026-11-26T12:00:00.000Z' } },
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/sa-east-1\/appsync\/aws4_request, SignedHeaders=[\w;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-security-token']).toBe('session-token');
    // The server side of SigV4: the same request signed again at the same instant gives the same signature.
    const amzDate = String(headers['x-amz-date']);
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const signer = new SignatureV4({ credentials, region: 'sa-east-1', service: 'appsync', sha256: Sha256 });
    const { port, hostname } = new URL(url);
    const again = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname,
        port: Number(port),
        path,
        query: {},
        headers: { 'content-type': 'application/json', host: String(headers.host) },
        body,
      },
      { signingDate },
    );
    expect(again.headers.authorization).toBe(headers.authorization);
  });

  it('given AppSync refuses the publish, then publishing fails loudly', async () => {
    const publisher = new AppSyncIamPublisher({
      url,
      region: 'sa-east-1',
      credentials: async () => credentials,
    });
    answer = {
      status: 200,
      body: '{"errors":[{"errorType":"UnauthorizedException","message":"Not Authorized"}]}',
    };
    await expect(publisher.publish(event)).rejects.toThrow(/UnauthorizedException/);
    answer = { status: 500, body: '' };
    await expect(publisher.publish(event)).rejects.toThrow(/HTTP 500/);
  });

  it('given publishing fails, then the change is still committed and the failure is logged', async () => {
    const stack = await openStack('sqlite+memory');
    try {
      const { account } = await signedInOwner(stack);
      stack.deps.events = { publish: () => Promise.reject(new Error('AppSync is down')) };
      const api = apiAs(stack.deps, owner(account.id));
      const queue = await api('createQueue', { input: { name: 'Offline fan-out' } });
      const issued = await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } });
      expect(issued.ticket.number).toBe(1);
      expect((await api('queue', { id: queue.id })).version).toBe(2);
      expect(stack.log.entries).toContainEqual(
        expect.objectContaining({ level: 'error', message: 'queue event not published' }),
      );
    } finally {
      await stack.cleanup();
    }
  });
});
