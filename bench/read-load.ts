/**
 * The read load generator, in its own process (never in the measured server's or the harness's): CONNECTIONS
 * keep-alive connections post `ticket(token)` for DURATION_S seconds (and on until MIN_REQUESTS answers, at most
 * 10 minutes), each with a token drawn at random from
 * the queue's SIZE tickets (or the one TOKEN). Every answer is checked: HTTP 200, no GraphQL `errors`, and a
 * ticket whose position is its number. Prints one JSON line: requests, seconds, errors, p50 and p99 (µs).
 */
import { Agent, request } from 'node:http';
import { percentile } from './lib/stats';
import { tokenOf } from './lib/tokens';

const url = new URL(`${process.env.URL!}/graphql`);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? '16');
const DURATION_MS = Number(process.env.DURATION_S ?? '8') * 1000;
const MIN_REQUESTS = Number(process.env.MIN_REQUESTS ?? '0');
const SIZE = Number(process.env.SIZE ?? '0');
const QUEUE_ID = process.env.QUEUE_ID ?? '';
const READ = 'query T($t: String!) { ticket(token: $t) { position version } }';
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          authorization: 'Public',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const latencies: number[] = [];
const distinct = new Set<number>();
let errors = 0;
const started = performance.now();
const deadline = started + DURATION_MS;
const limit = started + 600_000;
const going = () => {
  const now = performance.now();
  return now < limit && (now < deadline || latencies.length < MIN_REQUESTS);
};
await Promise.all(
  Array.from({ length: CONNECTIONS }, async () => {
    while (going()) {
      const i = SIZE > 0 ? Math.floor(Math.random() * SIZE) : 0;
      if (distinct.size < 1_000_000) distinct.add(i);
      const token = SIZE > 0 ? tokenOf(QUEUE_ID, i) : 'A'.repeat(43);
      const one = process.hrtime.bigint();
      try {
        const { status, text } = await post(JSON.stringify({ query: READ, variables: { t: token } }));
        const answer = JSON.parse(text) as {
          data?: { ticket?: { position?: number } | null };
          errors?: unknown[];
        };
        const position = answer.data?.ticket?.position;
        if (
          status !== 200 ||
          answer.errors ||
          (SIZE > 0 && position !== i + 1) ||
          (SIZE === 0 && !answer.data?.ticket)
        )
          errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(Number(process.hrtime.bigint() - one) / 1000);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const result = {
  requests: latencies.length,
  seconds,
  errors,
  distinctTokens: distinct.size,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
};
// Exit once the line is written: a pipe takes it asynchronously.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
