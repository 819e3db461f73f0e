import type { DurationReport } from '../local/rehearsal/lambda-runtime';
import { openRealtimeSocket, protocolSubscribe } from './fanout';
import { gql, ownerSession } from './lib/owner';
import { runProcess } from './lib/processes';
import { sleep } from './lib/stats';

export interface CostResult {
  /** Lambda durations by operation, from the rehearsal's runtime (what Lambda's REPORT lines would say). */
  durations: DurationReport[];
  changes: number;
  subscribers: number;
  /** AppSync real-time messages each subscriber received per queue change, and duplicates among them. */
  messagesPerChange: number;
  duplicates: number;
  missing: number;
}

const TICKET_FIELDS = 'ticket { number } accessToken';

/**
 * What an operation costs in the AWS topology, measured in `npm run start:aws`: every function runs from its
 * bundle in the cloud assembly, with MySQL and Redis over TLS and AppSync's stand-in in front. Runs `perOperation`
 * staff adds, self-joins, ticket reads and calls on one queue watched by `subscribers` real-time subscribers,
 * then reads the Lambda durations per operation and counts at every subscriber the messages per change.
 */
export async function costRun(perOperation: number, subscribers: number): Promise<CostResult> {
  const server = await runProcess(
    'local/rehearsal/main.ts',
    { PORT: '0', LOG_LEVEL: 'ERROR' },
    /is ready at (http:\/\/\S+)/,
    240_000,
  );
  const sockets: Awaited<ReturnType<typeof openRealtimeSocket>>[] = [];
  try {
    const url = server.url;
    const owner = await ownerSession(url);
    const queue = (
      await gql(
        url,
        'mutation { createQueue(input: {name: "Cost", selfJoin: true}) { id version } }',
        {},
        owner,
      )
    ).createQueue as { id: string; version: number };

    const received = Array.from({ length: subscribers }, () => new Map<number, number>());
    for (let i = 0; i < subscribers; i += 1) {
      const ws = await openRealtimeSocket(url);
      await protocolSubscribe(queue.id)(ws);
      ws.on('message', (raw: Buffer) => {
        const text = raw.toString();
        const version = /"version":(\d+)/.exec(text);
        if (version && text.includes('"type":"data"'))
          received[i]!.set(Number(version[1]), (received[i]!.get(Number(version[1])) ?? 0) + 1);
      });
      sockets.push(ws);
    }

    // Warm every execution environment the operations use, then measure from a clean slate.
    const tokens: string[] = [];
    const add = async (name: string) =>
      (
        await gql(
          url,
          `mutation { addTicket(queueId: "${queue.id}", input: {name: "${name}"}) { ${TICKET_FIELDS} } }`,
          {},
          owner,
        )
      ).addTicket.accessToken as string;
    for (let i = 0; i < 5; i += 1) tokens.push(await add(`Warm ${i}`));
    await fetch(`${url}/rehearsal/lambda-durations`, { method: 'DELETE' });
    const versionBefore = queue.version + 5;

    for (let i = 0; i < perOperation; i += 1) tokens.push(await add(`Person ${i}`));
    for (let i = 0; i < perOperation; i += 1) {
      const joined = await gql(
        url,
        `mutation { joinQueue(queueId: "${queue.id}", input: {name: "Self ${i}"}) { ${TICKET_FIELDS} } }`,
        {},
        'Public',
      );
      tokens.push(joined.joinQueue.accessToken as string);
    }
    for (let i = 0; i < perOperation; i += 1)
      await gql(
        url,
        'query T($t: String!) { ticket(token: $t) { number position } }',
        { t: tokens[(i * 7) % tokens.length] },
        'Public',
      );
    for (let i = 0; i < perOperation; i += 1)
      await gql(url, `mutation { callNext(queueId: "${queue.id}") { number } }`, {}, owner);

    const changes = perOperation * 3;
    const last = versionBefore + changes;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && received.some((r) => !r.has(last))) await sleep(20);
    let messages = 0;
    let duplicates = 0;
    let missing = 0;
    for (const r of received)
      for (let v = versionBefore + 1; v <= last; v += 1) {
        const count = r.get(v) ?? 0;
        messages += count;
        duplicates += Math.max(0, count - 1);
        missing += count === 0 ? 1 : 0;
      }
    if (missing || duplicates)
      process.stderr.write(`cost: ${missing} missing and ${duplicates} duplicate deliveries\n`);
    const durations = (await (await fetch(`${url}/rehearsal/lambda-durations`)).json()) as DurationReport[];
    return {
      durations,
      changes,
      subscribers,
      messagesPerChange: messages / (changes * subscribers),
      duplicates,
      missing,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    await server.stop();
  }
}
