import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkBody, createLogShipper, expiredIndexes } from '../../resolvers/handlers/log-shipper';

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
  /** _bulk requests; the other calls (listing and deleting indexes) in `calls`. */
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const calls: { method: string; url: string; authorization: string }[] = [];
  let reply = '{"errors":false}';
  let indexes = ['queue-manager-logs-2026.11.26'];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = (answer: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (req.url === '/_bulk') {
        received.push({ headers: req.headers, body });
        return res.writeHead(200, { 'content-type': 'application/json' }).end(reply);
      }
      calls.push({ method: req.method!, url: req.url!, authorization: String(req.headers.authorization) });
      if (req.method === 'GET' && req.url?.startsWith('/_cat/indices/queue-manager-logs-*?'))
        return json(indexes.map((index) => ({ index })));
      if (req.method === 'DELETE' && indexes.includes(req.url!.slice(1))) {
        indexes = indexes.filter((i) => `/${i}` !== req.url);
        return json({ acknowledged: true });
      }
      res.writeHead(404).end();
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

  it('given daily indexes older and younger than 30 days, then the first batch of the hour deletes the older ones, signed, and the next batches of that hour do not look again', async () => {
    const now = Date.UTC(2026, 11, 1, 12);
    indexes = [
      'queue-manager-logs-2026.10.30', // 32 days: gone
      'queue-manager-logs-2026.10.31', // 31 days: gone
      'queue-manager-logs-2026.11.01', // 30 days ago: kept (its day is not over 30 days old)
      'queue-manager-logs-2026.12.01',
      'another-index-2020.01.01',
    ];
    expect(expiredIndexes(indexes, now)).toEqual([
      'queue-manager-logs-2026.10.30',
      'queue-manager-logs-2026.10.31',
    ]);
    let clock = now;
    const shipAt = createLogShipper(
      async () => ({
        endpoint,
        region: 'sa-east-1',
        credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' }),
      }),
      () => clock,
    );
    calls.length = 0;
    const batch = () => payload([{ id: `e${clock}`, timestamp: clock, message: 'x' }]) as never;
    expect(await shipAt(batch())).toEqual({ indexed: 1, indexesDeleted: 2 });
    expect(calls.map((c) => `${c.method} ${c.url.split('?')[0]}`)).toEqual([
      'GET /_cat/indices/queue-manager-logs-*',
      'DELETE /queue-manager-logs-2026.10.30',
      'DELETE /queue-manager-logs-2026.10.31',
    ]);
    for (const c of calls) expect(c.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\//);
    clock += 59 * 60 * 1000;
    expect(await shipAt(batch())).toEqual({ indexed: 1 });
    expect(calls).toHaveLength(3);
    clock += 60 * 1000;
    expect(await shipAt(batch())).toEqual({ indexed: 1, indexesDeleted: 0 });
    expect(indexes).toEqual([
      'queue-manager-logs-2026.11.01',
      'queue-manager-logs-2026.12.01',
      'another-index-2020.01.01',
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
