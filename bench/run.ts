/**
 * `npm run bench`: every figure next to a baseline measured in the same run, as a ratio (the machine is shared
 * and noisy). Prints a markdown table and writes bench/RESULTS.md. Options: --only fanout|reads|joins|aws-joins|cost|retention|account-deletion,
 * BENCH_QUICK=1 for small sizes while iterating.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { EVENTS, fanoutBaseline, fanoutServer, type FanoutResult } from './fanout';
import { JOINS, joinBaseline, joinServer, WARM_UP, type JoinResult } from './joins';
import { READ_CONNECTIONS, readBaseline, readServer, type ReadResult } from './reads';
import { awsJoinBurst, CALLERS, CONNECTIONS, type AwsJoinResult } from './aws-joins';
import { costRun, type CostResult } from './cost';
import { retentionRun } from './retention';
import { accountDeletionRun } from './account-deletion';
import { lineChart, type Series } from './lib/chart';
import { killAll } from './lib/processes';
import { int, markdownTable, medianOf, ms, ratio, shuffled } from './lib/stats';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const quick = !!process.env.BENCH_QUICK;
const sections: string[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
/** What the cost section computes from: the fan-out run's measured publishes per change and message size. */
let measuredFanout: FanoutResult | undefined;
let measuredLambda: CostResult | undefined;

/** AppSync GraphQL prices, aws.amazon.com/appsync/pricing (stored copy read 2026-11-26; US East list prices). */
const PRICES = {
  operationPerMillion: 4.0,
  realtimeUpdatePerMillion: 2.0,
  connectionMinutesPerMillion: 0.08,
  updateUnitBytes: 5 * 1024,
  /** Lambda on Arm (aws.amazon.com/lambda/pricing, US East): per GB-second, and per million requests. */
  lambdaGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
};

/** The machine is shared: each fan-out configuration runs this many times, interleaved, and medians are reported. */
const REPEATS = quick ? 1 : 3;

function median(results: FanoutResult[]): FanoutResult {
  const mid = medianOf;
  const first = results[0]!;
  return {
    ...first,
    p50: mid(results, (r) => r.p50),
    p99: mid(results, (r) => r.p99),
    max: mid(results, (r) => r.max),
    delivered: results.reduce((sum, r) => sum + r.delivered, 0),
    expected: results.reduce((sum, r) => sum + r.expected, 0),
    duplicates: results.reduce((sum, r) => sum + r.duplicates, 0),
    cpuPerDeliveryUs: mid(results, (r) => r.cpuPerDeliveryUs),
    messagesPerChange: mid(results, (r) => r.messagesPerChange),
    ...(first.memoryPerSubscriberBytes === undefined
      ? {}
      : { memoryPerSubscriberBytes: mid(results, (r) => r.memoryPerSubscriberBytes!) }),
  };
}

/** Charts are written beside RESULTS.md by full runs only (quick sizes would overwrite them with toy figures). */
function chart(file: string, svg: string): string {
  if (!quick) writeFileSync(new URL(`./${file}`, import.meta.url), svg);
  return `![${file}](${file})`;
}

async function fanoutSection(): Promise<void> {
  const rows: (string | number)[][] = [];
  const p99s = new Map<string, Series>();
  const plot = (r: FanoutResult) => {
    const series = p99s.get(r.mode) ?? { name: r.mode, points: [] };
    series.points.push([r.n, r.p99 / 1000]);
    p99s.set(r.mode, series);
  };
  const us = (value: number) => `${int(value)} µs`;
  // Measured once for the baseline's payload: the server's message size at this N.
  for (const n of quick ? [200, 1000] : [1000, 10_000]) {
    type Config = 'embedded' | 'redis' | 'baseline-1' | 'baseline-2';
    const runs: Record<Config, FanoutResult[]> = {
      embedded: [],
      redis: [],
      'baseline-1': [],
      'baseline-2': [],
    };
    log(`fan-out: N=${n}, warm-up…`);
    const bytes = (await fanoutServer(Math.min(n, 200), 'embedded')).bytesPerMessage;
    for (let round = 1; round <= REPEATS; round += 1)
      for (const config of shuffled<Config>(['embedded', 'redis', 'baseline-1', 'baseline-2'])) {
        log(`fan-out: N=${n}, ${config}, round ${round}/${REPEATS}…`);
        runs[config].push(
          config === 'embedded' || config === 'redis'
            ? await fanoutServer(n, config)
            : await fanoutBaseline(n, bytes, config === 'baseline-1' ? 1 : 2),
        );
      }
    const [embedded, redis, one, two] = (['embedded', 'redis', 'baseline-1', 'baseline-2'] as const).map(
      (c) => median(runs[c]),
    ) as [FanoutResult, FanoutResult, FanoutResult, FanoutResult];
    measuredFanout ??= embedded;
    const baselineOf = (r: FanoutResult) => (r.processes === 1 ? one : two);
    for (const r of [embedded, one, redis, two]) {
      plot(r);
      const server = r === embedded || r === redis;
      const correct = r.delivered === r.expected && r.duplicates === 0;
      const verdict = !server
        ? '—'
        : [
            correct
              ? 'every event once'
              : `WRONG: ${int(r.expected - r.delivered)} missing, ${int(r.duplicates)} duplicates`,
            ...(n >= 10_000 ? [`p99 ${r.p99 <= 1.5 * baselineOf(r).p99 ? 'PASS' : 'MISS'}`] : []),
            `memory ${r.memoryPerSubscriberBytes! < 20 * 1024 ? 'PASS' : 'MISS'}`,
            `messages ${r.messagesPerChange === 1 ? 'PASS' : 'MISS'}`,
          ].join(', ');
      rows.push([
        int(n),
        r.mode,
        us(r.p50),
        us(r.p99),
        us(r.max),
        server ? ratio(r.p99, baselineOf(r).p99) : '—',
        `${int(r.delivered)}/${int(r.expected)}`,
        int(r.duplicates),
        us(r.cpuPerDeliveryUs),
        r.memoryPerSubscriberBytes === undefined
          ? '—'
          : `${(r.memoryPerSubscriberBytes / 1024).toFixed(1)} KB`,
        r.messagesPerChange.toFixed(3),
        `${Math.round(r.bytesPerMessage)} B`,
        verdict,
      ]);
    }
  }
  sections.push(
    [
      `### Fan-out: ${EVENTS} calls to N live subscribers of one queue`,
      `Latency: from sending \`callNext\` to each subscriber receiving the event (the baselines: from sending the broadcast requests). Every configuration is warmed up, then runs ${REPEATS}× in random order per round; medians of the runs' p50/p99/max, deliveries and duplicates summed. Each server configuration is compared with a bare broadcast on as many processes (1 for embedded, 2 for Redis) with the same payload size. Messages per change are counted at the subscribers. CPU per delivery: every serving process. Target: every event delivered once, p99 at N = 10,000 within 1.5× the bare broadcast, one message per change, memory per subscriber under 20 KB.`,
      '',
      markdownTable(
        [
          'N',
          'server',
          'p50',
          'p99',
          'max',
          'p99 vs baseline',
          'delivered',
          'duplicates',
          'CPU / delivery',
          'memory / subscriber',
          'messages / change',
          'message',
          'verdict',
        ],
        rows,
      ),
      '',
      chart(
        'fanout-p99.svg',
        lineChart({
          title: `Fan-out: p99 latency of ${EVENTS} calls vs subscribers`,
          x: 'subscribers (N)',
          y: 'p99 (ms)',
          series: [...p99s.values()],
        }),
      ),
    ].join('\n'),
  );
}

async function readsSection(): Promise<void> {
  const sizes = quick ? [100, 10_000, 100_000] : [100, 100_000, 1_000_000];
  const durationS = quick ? 3 : 8;
  log('reads: bare graphql-yoga baseline…');
  const yoga = await readBaseline(durationS);
  const rows: ReadResult[] = [];
  for (const mode of ['sqlite', 'mariadb'] as const) {
    log(`reads: ${mode}…`);
    rows.push(...(await readServer(mode, sizes, durationS, log)));
  }
  const us = (value: number) => `${int(value)} µs`;
  const cpu = (r: ReadResult) =>
    `${us(r.cpuUs)}${r.storesCpuUs === undefined ? '' : ` + ${us(r.storesCpuUs)}`}`;
  const direct = (r: ReadResult) =>
    rows.find((d) => d.side === 'direct' && d.stores === r.stores && d.waiting === r.waiting)!;
  const smallest = (r: ReadResult) =>
    rows.find((d) => d.side === r.side && d.stores === r.stores && d.waiting === sizes[0])!;
  const total = (r: ReadResult) => r.cpuUs + (r.storesCpuUs ?? 0);
  const verdicts = (r: ReadResult) => {
    if (r.side !== 'server') return '—';
    const efficiency = total(direct(r)) / total(r);
    const scale = r.waiting === sizes.at(-1) ? r.p99Us / smallest(r).p99Us : undefined;
    return [
      `CPU ${efficiency >= 0.5 ? 'PASS' : 'MISS'} (${efficiency.toFixed(2)}×)`,
      ...(scale === undefined ? [] : [`p99 ${scale <= 1.2 ? 'PASS' : 'MISS'} (${scale.toFixed(2)}×)`]),
      ...(r.errors > 0 ? ['ERRORS'] : []),
    ].join(', ');
  };
  const ordered = [...rows].sort(
    (a, b) => a.stores.localeCompare(b.stores) || a.waiting - b.waiting || a.side.localeCompare(b.side),
  );
  sections.push(
    [
      `### Position reads: \`ticket(token)\` over HTTP (${READ_CONNECTIONS} connections from a load generator of its own, ${durationS} s per row after a warm-up)`,
      "Each size on a fresh process, sizes and sides in random order; tokens drawn at random over the whole queue, every answer checked (HTTP 200, no GraphQL errors, the position equal to the ticket's number). \"direct\" is the tighter baseline: node:http + graphql-js running the domain's own read on the same stores, without the AppSync-compatible layers. CPU per read: the answering process (and its children) + MariaDB and Redis. Targets: the server's CPU per read within 2× the direct baseline's (≥ 0.5× its efficiency); p99 at the largest size within 1.2× of at 100.",
      '',
      markdownTable(
        [
          'stores',
          'waiting',
          'side',
          'req/s',
          'p50',
          'p99',
          'CPU / read',
          'errors',
          'distinct tokens',
          'verdict',
        ],
        [
          [
            yoga.stores,
            '—',
            'bare yoga',
            int(yoga.requestsPerSecond),
            us(yoga.p50Us),
            us(yoga.p99Us),
            cpu(yoga),
            yoga.errors,
            '—',
            '—',
          ],
          ...ordered.map((r) => [
            r.stores,
            int(r.waiting),
            r.side,
            int(r.requestsPerSecond),
            us(r.p50Us),
            us(r.p99Us),
            cpu(r),
            r.errors,
            int(r.distinctTokens),
            verdicts(r),
          ]),
        ],
      ),
    ].join('\n'),
  );
}

async function joinsSection(): Promise<void> {
  const runs: Record<'server' | 'baseline', JoinResult[]> = { server: [], baseline: [] };
  for (let round = 1; round <= REPEATS; round += 1) {
    log(`joins: MariaDB + Redis, round ${round}/${REPEATS}…`);
    runs.server.push(await joinServer());
    log(`joins: raw INSERT baseline, round ${round}/${REPEATS}…`);
    runs.baseline.push(await joinBaseline());
  }
  const mid = medianOf<JoinResult>;
  const [server, baseline] = [runs.server, runs.baseline].map((results) => ({
    ...results[0]!,
    perSecond: mid(results, (r) => r.perSecond),
    p99: mid(results, (r) => r.p99),
    cpuUs: mid(results, (r) => r.cpuUs),
    ...(results[0]!.databaseCpuUs === undefined
      ? {}
      : { databaseCpuUs: mid(results, (r) => r.databaseCpuUs!) }),
    numbersExact: results.every((r) => r.numbersExact),
  })) as [JoinResult, JoinResult];
  const each = (results: JoinResult[]) => results.map((r) => int(r.perSecond)).join(', ');
  sections.push(
    [
      `### Joins under contention: ${int(JOINS)} \`joinQueue\` from 50 concurrent connections on one queue (MariaDB + Redis)`,
      `Each side first runs ${int(WARM_UP)} operations that are not counted (JIT, pools), then ${int(JOINS)} timed to the last answer. ${REPEATS} rounds interleaved; medians (server ${each(runs.server)}/s, baseline ${each(runs.baseline)}/s). Target: at least 0.5× the raw INSERT baseline, numbers exactly 1..${int(JOINS)}.`,
      '',
      markdownTable(
        [
          'what',
          'per second',
          'vs baseline',
          'p99',
          'CPU / join (process + MariaDB)',
          `numbers 1..${int(JOINS)}`,
          'verdict',
        ],
        [server, baseline].map((r) => [
          r.label,
          int(r.perSecond),
          ratio(r.perSecond, baseline.perSecond),
          ms(r.p99),
          `${int(r.cpuUs)} µs + ${r.databaseCpuUs === undefined ? 'n/a' : `${int(r.databaseCpuUs)} µs`}`,
          r === server ? (r.numbersExact ? 'exact' : 'WRONG') : '—',
          r === server ? (r.perSecond >= 0.5 * baseline.perSecond && r.numbersExact ? 'PASS' : 'MISS') : '—',
        ]),
      ),
    ].join('\n'),
  );
}

/** The AWS topology's target: a 10,000-person burst on one queue absorbed at 2,000 joins/s with 1 ms hops. */
const AWS_JOINS_TARGET = 2000;

async function awsJoinsSection(): Promise<void> {
  const joins = quick ? 2000 : 10_000;
  const warmUp = quick ? 200 : 1000;
  const results: AwsJoinResult[] = [];
  for (const delayMs of [0, 0.5, 1]) {
    const rounds: Record<'server' | 'baseline', AwsJoinResult[]> = { server: [], baseline: [] };
    for (let round = 1; round <= REPEATS; round += 1)
      // Interleaved, the order flipped every other round: neither side always runs on a warmer machine.
      for (const mode of round % 2 ? (['server', 'baseline'] as const) : (['baseline', 'server'] as const)) {
        log(`aws joins: ${mode}, ${delayMs} ms per hop, round ${round}/${REPEATS}…`);
        rounds[mode].push(await awsJoinBurst(mode, delayMs, joins, warmUp));
      }
    for (const mode of ['server', 'baseline'] as const) {
      const runs = rounds[mode];
      results.push({
        ...runs[0]!,
        perSecond: medianOf(runs, (r) => r.perSecond),
        p50Us: medianOf(runs, (r) => r.p50Us),
        p99Us: medianOf(runs, (r) => r.p99Us),
        fleetCpuUs: medianOf(runs, (r) => r.fleetCpuUs),
        proxyAndRedisCpuUs: medianOf(runs, (r) => r.proxyAndRedisCpuUs),
        coresBusy: medianOf(runs, (r) => r.coresBusy),
        ...(runs[0]!.databaseCpuUs === undefined
          ? {}
          : { databaseCpuUs: medianOf(runs, (r) => r.databaseCpuUs!) }),
        statementsPerJoin: medianOf(runs, (r) => r.statementsPerJoin),
        failures: runs.reduce((sum, r) => sum + r.failures, 0),
        exact: runs.every((r) => r.exact !== false),
        outOfOrder: mode === 'server' ? runs.reduce((sum, r) => sum + (r.outOfOrder ?? 0), 0) : undefined,
        latestMs: mode === 'server' ? Math.max(...runs.map((r) => r.latestMs ?? 0)) : undefined,
      });
    }
  }
  const baselineOf = (r: AwsJoinResult) =>
    results.find((b) => b.mode === 'baseline' && b.delayMs === r.delayMs)!;
  const us = (value: number) => `${int(value)} µs`;
  sections.push(
    [
      `### Joins in the AWS topology: a burst of ${int(joins)} on one queue, each join its own invocation`,
      `${CALLERS} invocations at once on at most ${CONNECTIONS} database connections (as RDS Proxy multiplexes them), through a proxy adding the hop's delay to every packet each way; no batching across invocations; Redis for positions. Baseline: single-row INSERT transactions on the same connections and hops. ${REPEATS} interleaved rounds, medians; CPU per join from the processes' own counters and MariaDB's /proc times. Target: ≥ ${int(AWS_JOINS_TARGET)} joins/s at 1 ms, numbers exactly 1..${int(joins)}, every version published once.`,
      '',
      markdownTable(
        [
          'what',
          'hop',
          'per second',
          'vs baseline',
          'p50',
          'p99',
          'statements / join',
          'CPU / join (fleet + MariaDB + proxy & Redis)',
          'cores busy',
          'correct',
          'verdict',
        ],
        results.map((r) => [
          r.mode === 'server' ? 'joinQueue, one invocation each' : 'INSERT transactions (baseline)',
          `${r.delayMs} ms`,
          int(r.perSecond),
          ratio(r.perSecond, baselineOf(r).perSecond),
          us(r.p50Us),
          us(r.p99Us),
          r.statementsPerJoin.toFixed(1),
          `${us(r.fleetCpuUs)} + ${r.databaseCpuUs === undefined ? 'n/a' : us(r.databaseCpuUs)} + ${us(r.proxyAndRedisCpuUs)}`,
          r.coresBusy.toFixed(2),
          r.mode === 'server'
            ? `${r.exact ? 'exact' : 'WRONG'}${r.outOfOrder ? `, ${int(r.outOfOrder)} published out of order, the latest ${ms(r.latestMs!)} after a later version` : ''}`
            : r.failures === 0
              ? 'no failures'
              : `${r.failures} failed`,
          r.mode === 'server' && r.delayMs === 1
            ? r.perSecond >= AWS_JOINS_TARGET && r.exact
              ? 'PASS'
              : 'MISS'
            : '—',
        ]),
      ),
      '',
      chart(
        'aws-joins.svg',
        lineChart({
          title: `A burst of ${int(joins)} joins on one queue, one invocation each`,
          x: 'added delay per hop (ms)',
          y: 'joins per second',
          series: (['server', 'baseline'] as const).map((mode) => ({
            name: mode === 'server' ? 'joinQueue' : 'INSERT transactions',
            points: results
              .filter((r) => r.mode === mode)
              .map((r) => [r.delayMs, r.perSecond] as [number, number]),
          })),
        }),
      ),
    ].join('\n'),
  );
}

/** Per operation, as many as this in the AWS rehearsal (the self-join rate limit allows 300 per 5 minutes). */
const COST_OPERATIONS = quick ? 30 : 200;
const COST_SUBSCRIBERS = 30;

async function lambdaSection(): Promise<void> {
  log('cost: Lambda durations in npm run start:aws…');
  const result = (measuredLambda = await costRun(COST_OPERATIONS, COST_SUBSCRIBERS));
  const perMillion = (gbSeconds: number) =>
    `$${(gbSeconds * 1e6 * PRICES.lambdaGbSecond + PRICES.lambdaRequestPerMillion).toFixed(2)}`;
  sections.push(
    [
      '### Lambda per operation, measured in the AWS rehearsal (`npm run start:aws`)',
      `Each function runs from its bundle in the synthesized cloud assembly, in its own execution environments, with MySQL and Redis over TLS on loopback (no RDS Proxy hop: in AWS each round trip adds ~1 ms); durations are what Lambda's REPORT lines would say (the invocation, event in to answer out). ${COST_OPERATIONS} of each operation in a row on one queue watched by ${COST_SUBSCRIBERS} real-time subscribers, after warm-up. Billed: each duration rounded up to the millisecond × the function's memory. The authorizer runs here on every request; AppSync caches its answer per token (5 min for sessions, 1 h for Public), so in AWS it runs about once per person per TTL. At the subscribers: ${result.messagesPerChange.toFixed(3)} message per change (${result.missing} missing, ${result.duplicates} duplicates over ${int(result.changes)} changes × ${result.subscribers} subscribers).`,
      '',
      markdownTable(
        ['operation', 'function', 'invocations', 'p50', 'p99', 'mean', 'GB-s each', 'per million (Arm)'],
        result.durations.map((d) => [
          d.operation,
          d.function,
          int(d.invocations),
          ms(d.p50Ms),
          ms(d.p99Ms),
          ms(d.meanMs),
          d.gbSecondsEach.toFixed(5),
          perMillion(d.gbSecondsEach),
        ]),
      ),
    ].join('\n'),
  );
}

async function accountDeletionSection(): Promise<void> {
  const tickets = quick ? 50_000 : 1_000_000;
  log(
    `account deletion: deleting an owner with ${int(tickets)} tickets beside another owner's live queue (MariaDB)…`,
  );
  const r = await accountDeletionRun(tickets, quick ? 5 : 20, log);
  const slower = r.during.p99Ms / r.baseline.p99Ms;
  sections.push(
    [
      "### Deleting an account while another owner's queue is served (MariaDB + Redis)",
      `An owner due for deletion with a venue of ${int(r.tickets)} served tickets, and another owner's venue with a live queue of 200,000 waiting; \`callNext\` on the live queue one call at a time (the domain call, no HTTP), first alone for the baseline, then while the sweep deletes the account (\`deleteDueAccounts\` with the AWS sweeper's 5 s budget, run back to back: tickets in batches of 5,000, no queue lock). Target: nothing of the venue left, and callNext's p99 during it at most 2× its own baseline.`,
      '',
      markdownTable(
        ['', 'calls', 'p50', 'p99', 'vs baseline', 'verdict'],
        [
          [
            'callNext alone (baseline)',
            int(r.baseline.calls),
            ms(r.baseline.p50Ms),
            ms(r.baseline.p99Ms),
            '1.00×',
            '—',
          ],
          [
            'callNext during the deletion',
            int(r.during.calls),
            ms(r.during.p50Ms),
            ms(r.during.p99Ms),
            ratio(r.during.p99Ms, r.baseline.p99Ms),
            slower <= 2 ? 'PASS' : 'MISS',
          ],
        ],
      ),
      '',
      markdownTable(
        [
          'job',
          'tickets',
          'time',
          'sweeps of ≤ 5 s',
          'CPU per ticket (this process + MariaDB)',
          'left after',
          'verdict',
        ],
        [
          [
            'deleteDueAccounts',
            int(r.tickets),
            `${r.jobSeconds.toFixed(1)} s`,
            int(r.sweeps),
            `${r.cpuUsPerTicket.toFixed(0)} µs`,
            int(r.left),
            r.left === 0 ? 'PASS' : 'MISS',
          ],
        ],
      ),
    ].join('\n'),
  );
}

async function retentionSection(): Promise<void> {
  const finished = quick ? 50_000 : 1_000_000;
  log(`retention: anonymising ${int(finished)} finished tickets beside a live queue (MariaDB)…`);
  const r = await retentionRun(finished, quick ? 5 : 20, log);
  const slower = r.during.p99Ms / r.baseline.p99Ms;
  sections.push(
    [
      '### Retention: anonymising finished tickets while a queue is served (MariaDB + Redis)',
      `${int(r.finished)} served tickets of a venue keeping data 1 day, in one queue, and a live queue of the same venue with 200,000 waiting; \`callNext\` on the live queue one call at a time (the domain call, no HTTP), first alone for the baseline, then while \`anonymizeFinished\` runs (batches of 1,000 by id, no queue lock). Target: the job clears them all, and callNext's p99 during it is at most 2× its own baseline.`,
      '',
      markdownTable(
        ['', 'calls', 'p50', 'p99', 'vs baseline', 'verdict'],
        [
          [
            'callNext alone (baseline)',
            int(r.baseline.calls),
            ms(r.baseline.p50Ms),
            ms(r.baseline.p99Ms),
            '1.00×',
            '—',
          ],
          [
            'callNext during the job',
            int(r.during.calls),
            ms(r.during.p50Ms),
            ms(r.during.p99Ms),
            ratio(r.during.p99Ms, r.baseline.p99Ms),
            slower <= 2 ? 'PASS' : 'MISS',
          ],
        ],
      ),
      '',
      markdownTable(
        ['job', 'anonymised', 'time', 'per second', 'CPU per ticket (this process + MariaDB)', 'verdict'],
        [
          [
            'anonymizeFinished',
            int(r.anonymized),
            `${r.jobSeconds.toFixed(1)} s`,
            int(r.perSecond),
            `${r.cpuUsPerTicket.toFixed(0)} µs`,
            r.anonymized === r.finished ? 'PASS' : 'MISS',
          ],
        ],
      ),
    ].join('\n'),
  );
}

function costSection(): void {
  if (!measuredFanout) return;
  const watchers = 30;
  const publishes = measuredFanout.messagesPerChange;
  const units = Math.max(1, Math.ceil(measuredFanout.bytesPerMessage / PRICES.updateUnitBytes));
  const trigger = PRICES.operationPerMillion;
  const publish = publishes * PRICES.operationPerMillion;
  const deliveries = watchers * units * PRICES.realtimeUpdatePerMillion;
  const calls = measuredLambda?.durations.find((d) => d.operation === 'Mutation.callNext');
  const lambda = calls
    ? calls.gbSecondsEach * 1e6 * PRICES.lambdaGbSecond + PRICES.lambdaRequestPerMillion
    : 0;
  sections.push(
    [
      `### AppSync cost per million queue changes watched by ${watchers} people`,
      `From this run: ${publishes.toFixed(2)} message per change counted at the subscribers (one publish each), ${Math.round(measuredFanout.bytesPerMessage)} B per delivered message (${units} × 5 KB unit). Prices: AppSync GraphQL list prices (aws.amazon.com/appsync/pricing, read 2026-11-26): $${PRICES.operationPerMillion.toFixed(2)} per million queries/mutations, $${PRICES.realtimeUpdatePerMillion.toFixed(2)} per million real-time updates (5 KB units), $${PRICES.connectionMinutesPerMillion.toFixed(2)} per million connection-minutes. Regional prices (sa-east-1) may differ; the resolver Lambda is the callNext duration measured in the AWS rehearsal (when that part ran), Arm at $${PRICES.lambdaGbSecond} per GB-s + $${PRICES.lambdaRequestPerMillion.toFixed(2)} per million requests; RDS and data transfer are not included.`,
      '',
      markdownTable(
        ['part', 'per million changes'],
        [
          ['the staff mutation (e.g. callNext)', `$${trigger.toFixed(2)}`],
          [`publishQueueEvent (IAM), ${publishes} per change`, `$${publish.toFixed(2)}`],
          [`${watchers} deliveries × ${units} unit`, `$${deliveries.toFixed(2)}`],
          ...(calls
            ? [
                [
                  `resolver Lambda for the mutation: callNext measured at ${calls.gbSecondsEach.toFixed(5)} GB-s`,
                  `$${lambda.toFixed(2)}`,
                ],
              ]
            : []),
          ['**total**', `**$${(trigger + publish + deliveries + lambda).toFixed(2)}**`],
          [
            `(connections: ${watchers} people connected for an hour)`,
            `$${((watchers * 60 * PRICES.connectionMinutesPerMillion) / 1e6).toFixed(6)} per hour`,
          ],
        ],
      ),
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const started = new Date();
  const report = () =>
    [
      `## Queue Manager benchmarks — ${started.toISOString().slice(0, 10)}`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Servers and baselines each run in their own process, on loopback; the read and AWS-join load generators too, the fan-out and local-join ones in the harness's process.${quick ? ' QUICK sizes.' : ''}`,
      '',
      ...sections.flatMap((s) => [s, '']),
    ].join('\n');
  // A full run writes what it has after every part, so a part that fails loses only itself.
  const save = () => {
    if (!only && !quick) writeFileSync(new URL('./RESULTS.md', import.meta.url), report());
  };
  for (const [name, section] of [
    ['fanout', fanoutSection],
    ['reads', readsSection],
    ['joins', joinsSection],
    ['aws-joins', awsJoinsSection],
    ['cost', lambdaSection],
    ['retention', retentionSection],
    ['account-deletion', accountDeletionSection],
  ] as const)
    if (!only || only === name) {
      await section();
      save();
    }
  costSection();
  save();
  log(`\n${report()}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    killAll();
    process.exit(1);
  },
);
