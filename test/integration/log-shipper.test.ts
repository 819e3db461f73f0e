import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkBody, createLogShipper } from '../../resolvers/handlers/log-shipper';

const payload = (logEvents: { id: string; timestamp: number; message: string }[]) => ({
  awslogs: {
    data: gzipSync(
      JSON.stringify({
        messageType: 'DATA_MESSAGE',
        owner: '1',
        logGroup: '/aws/lambda/resolver',
        logStream: 's1',
        subscriptionFilters: ['f'],
        logEvents,
      }),
    ).toString('base64'),
  },
});

describe('the log shipper', () => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let reply = '{"errors":false}';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(reply);
    });
  });
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const ship = createLogShipper(async () => ({
    endpoint,
    region: 'sa-east-1',
    credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
  }));

  it('given a batch of JSON and plain lines, then one signed _bulk request indexes each line once, by its event id, in a daily index', async () => {
    const at = Date.UTC(2026, 10, 26, 10);
    await ship(
      payload([
        {
          id: 'e1',
          timestamp: at,
          message: '{"level":"INFO","message":"ticket issued","queueId":"q1","requestId":"r1"}',
        },
        { id: 'e2', timestamp: at + 1, message: 'START RequestId: r2 Version: $LATEST' },
      ]) as never,
    );
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/sa-east-1\/es\/aws4_request/,
    );
    const lines = received[0]!.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { index: { _index: 'queue-manager-logs-2026.11.26', _id: 'e1' } },
      expect.objectContaining({
        level: 'INFO',
        message: expect.stringContaining('ticket issued'),
        queueId: 'q1',
        requestId: 'r1',
        '@timestamp': '2026-11-26T10:00:00.000Z',
        logGroup: '/aws/lambda/resolver',
      }),
      { index: { _index: 'queue-manager-logs-2026.11.26', _id: 'e2' } },
      expect.objectContaining({ message: 'START RequestId: r2 Version: $LATEST' }),
    ]);
  });

  it('given OpenSearch reports item errors, then the batch fails so it is retried', async () => {
    reply = '{"errors":true}';
    await expect(ship(payload([{ id: 'e3', timestamp: Date.now(), message: 'x' }]) as never)).rejects.toThrow(
      /item errors/,
    );
    reply = '{"errors":false}';
  });

  it('given a control message, then nothing is sent', () => {
    expect(
      bulkBody({
        messageType: 'CONTROL_MESSAGE',
        owner: '',
        logGroup: '',
        logStream: '',
        subscriptionFilters: [],
        logEvents: [],
      }),
    ).toBe('');
  });
});
