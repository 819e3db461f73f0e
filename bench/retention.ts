import { performance } from 'node:perf_hooks';
import { anonymizeFinished } from '../resolvers/domain/retention';
import type { Queue, Ticket } from '../resolvers/domain/model';
import { callNextAs } from '../resolvers/domain/staff-tickets';
import { rebuildIndex } from '../resolvers/domain/positions';
import { aQueue, aTicket } from '../test/support/fixtures';
import { openStack } from '../test/support/stack';
import { cpuMeter, mariadbPid } from './lib/cpu';
import { percentile } from './lib/stats';

const DAY = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  finished: number;
  anonymized: number;
  jobSeconds: number;
  /** Tickets anonymised per second of the job. */
  perSecond: number;
  /** callNext on a live queue of the same venue: alone (baseline), and while the job runs. */
  baseline: { calls: number; p50Ms: number; p99Ms: number };
  during: { calls: number; p50Ms: number; p99Ms: number };
  /** CPU of this process and of MariaDB per anonymised ticket (µs), while the job and the calls ran. */
  cpuUsPerTicket: number;
}

/** Seeds `count` tickets of one queue in batched transactions (500 rows a statement). */
export async function seed(
  stack: Awaited<ReturnType<typeof openStack>>,
  queue: Queue,
  count: number,
  make: (n: number) => Ticket,
): Promise<void> {
  for (let start = 0; start < count; start += 20_000) {
    const end = Math.min(count, start + 20_000);
    await stack.deps.queues.inQueueTransaction(queue.id, async (tx) => {
      const rows = [];
      for (let n = start + 1; n <= end; n += 1)
        rows.push({
          ticket: make(n),
          tokenHash: `${queue.id.replace(/-/g, '')}${String(n).padStart(32, '0')}`,
        });
      await tx.insertTickets(rows);
    });
  }
}

/** Calls next on the live queue, one call at a time, until `until` says stop; each call's milliseconds. */
export async function callLoop(call: () => Promise<unknown>, until: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until()) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

export const summary = (samples: number[]) => ({
  calls: samples.length,
  p50Ms: percentile(samples, 50),
  p99Ms: percentile(samples, 99),
});

/**
 * `finished` served tickets (with names, emails and phones) in one queue of a venue keeping data 1 day, a live
 * queue beside it; callNext alone for `baselineS`, then again while anonymizeFinished clears them all.
 */
export async function retentionRun(
  finished: number,
  baselineS: number,
  log: (line: string) => void,
): Promise<RetentionResult> {
  const stack = await openStack('mariadb+redis');
  try {
    const accountId = 'bench-owner';
    const venueId = 'bench-venue';
    const now = Date.now();
    await stack.deps.venues.createVenue(
      {
        id: venueId,
        name: 'Bench',
        address: null,
        timeZone: 'UTC',
        language: 'en',
        createdAt: now,
        retentionDays: 1,
      },
      accountId,
    );
    const archive = aQueue({ ownerId: accountId, venueId, createdAt: now - 30 * DAY });
    const live = aQueue({ ownerId: accountId, venueId, createdAt: now, nextNumber: 200_001 });
    await stack.deps.queues.insertQueue(archive);
    await stack.deps.queues.insertQueue(live);
    const started = performance.now();
    await seed(stack, archive, finished, (n) =>
      aTicket(archive, n, {
        name: `Pessoa ${n}`,
        email: `p${n}@example.com`,
        phone: `+5511${String(900000000 + n)}`,
        status: 'SERVED',
        calledAt: now - 3 * DAY,
        finishedAt: now - 2 * DAY,
      }),
    );
    const waiting = 200_000;
    await seed(stack, live, waiting, (n) => aTicket(live, n));
    await stack.deps.queues.inQueueTransaction(live.id, (tx) => tx.updateQueue({ waitingCount: waiting }));
    await rebuildIndex(stack.deps, live.id);
    log(
      `  seeded ${finished.toLocaleString('en-US')} finished and ${waiting.toLocaleString('en-US')} waiting in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const call = () => callNextAs(stack.deps, accountId, live.id, null);
    const baselineEnd = performance.now() + baselineS * 1000;
    const baseline = await callLoop(call, () => performance.now() > baselineEnd);

    const cpu = cpuMeter([process.pid, ...[mariadbPid()].filter((p): p is number => p !== undefined)]);
    let done = false;
    const jobStarted = performance.now();
    const job = anonymizeFinished(stack.deps).then((n) => {
      done = true;
      return n;
    });
    const during = await callLoop(call, () => done);
    const anonymized = await job;
    const jobSeconds = (performance.now() - jobStarted) / 1000;
    const cpuSeconds = cpu.stop();
    return {
      finished,
      anonymized,
      jobSeconds,
      perSecond: anonymized / jobSeconds,
      baseline: summary(baseline),
      during: summary(during),
      cpuUsPerTicket: (cpuSeconds * 1e6) / Math.max(1, anonymized),
    };
  } finally {
    await stack.cleanup();
  }
}
