import { performance } from 'node:perf_hooks';
import { ACCOUNT_DELETION_GRACE_MS, deleteDueAccounts } from '../resolvers/domain/account-deletion';
import { rebuildIndex } from '../resolvers/domain/positions';
import { callNextAs } from '../resolvers/domain/staff-tickets';
import { aQueue, aTicket } from '../test/support/fixtures';
import { openStack } from '../test/support/stack';
import { cpuMeter, mariadbPid } from './lib/cpu';
import { callLoop, seed, summary } from './retention';

const DAY = 24 * 60 * 60 * 1000;

export interface AccountDeletionResult {
  tickets: number;
  /** Tickets of the deleted venue left in SQL afterwards (0 when it worked). */
  left: number;
  jobSeconds: number;
  /** Minute sweeps it took (each stops taking batches after 5 s, as in AWS). */
  sweeps: number;
  /** callNext on another owner's live queue: alone (baseline), and while the deletion runs. */
  baseline: { calls: number; p50Ms: number; p99Ms: number };
  during: { calls: number; p50Ms: number; p99Ms: number };
  cpuUsPerTicket: number;
}

/**
 * An owner whose account is due for deletion, with a venue of `tickets` finished tickets (names, emails,
 * phones), and another owner's venue with a live queue of 200,000 waiting: callNext on that queue alone for
 * `baselineS`, then while the sweep (5 s budgets back to back, as the minute sweeper runs them) deletes the account.
 */
export async function accountDeletionRun(
  tickets: number,
  baselineS: number,
  log: (line: string) => void,
): Promise<AccountDeletionResult> {
  const stack = await openStack('mariadb+redis');
  try {
    const now = Date.now();
    const venue = (id: string) => ({
      id,
      name: id,
      address: null,
      timeZone: 'UTC',
      language: 'en' as const,
      createdAt: now,
      retentionDays: 30,
    });
    await stack.deps.venues.createVenue(venue('leaving-venue'), 'leaving-owner');
    await stack.deps.venues.createVenue(venue('staying-venue'), 'staying-owner');
    const archive = aQueue({ ownerId: 'leaving-owner', venueId: 'leaving-venue', createdAt: now - 30 * DAY });
    const live = aQueue({
      ownerId: 'staying-owner',
      venueId: 'staying-venue',
      createdAt: now,
      nextNumber: 200_001,
    });
    await stack.deps.queues.insertQueue(archive);
    await stack.deps.queues.insertQueue(live);
    const started = performance.now();
    await seed(stack, archive, tickets, (n) =>
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
    await stack.deps.deletions.schedule({
      accountId: 'leaving-owner',
      email: 'leaving@example.com',
      requestedAt: now - ACCOUNT_DELETION_GRACE_MS,
      dueAt: now,
    });
    log(
      `  seeded ${tickets.toLocaleString('en-US')} finished (to delete) and ${waiting.toLocaleString('en-US')} waiting in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const call = () => callNextAs(stack.deps, 'staying-owner', live.id, null);
    const baselineEnd = performance.now() + baselineS * 1000;
    const baseline = await callLoop(call, () => performance.now() > baselineEnd);

    const cpu = cpuMeter([process.pid, ...[mariadbPid()].filter((p): p is number => p !== undefined)]);
    let done = false;
    let sweeps = 0;
    const jobStarted = performance.now();
    const job = (async () => {
      while ((await stack.deps.deletions.scheduled('leaving-owner')) !== undefined) {
        sweeps += 1;
        await deleteDueAccounts(stack.deps, { budgetMs: 5000 });
      }
      done = true;
    })();
    // A failing call stops the run, but only once the deletion has stopped using the stores.
    const during = await callLoop(call, () => done).catch(async (error: unknown) => {
      done = true;
      await job.catch(() => undefined);
      throw error;
    });
    await job;
    const jobSeconds = (performance.now() - jobStarted) / 1000;
    const cpuSeconds = cpu.stop();
    const left = await stack.sql.sql.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('queue_id', '=', archive.id)
      .executeTakeFirstOrThrow();
    return {
      tickets,
      left: Number(left.n),
      jobSeconds,
      sweeps,
      baseline: summary(baseline),
      during: summary(during),
      cpuUsPerTicket: (cpuSeconds * 1e6) / Math.max(1, tickets),
    };
  } finally {
    await stack.cleanup();
  }
}
