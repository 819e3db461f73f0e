import type { Deps } from './deps';
import { ValidationError } from './errors';
import { requireOwner } from './identity';
import { authorizedQueue } from './roles';
import type { Identity, Ticket } from './model';
import { parseId, parseInstant } from './validation';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
export const STATS_MAX_RANGE_MS = 93 * DAY;
const MAX_WAIT_SAMPLES = 1000;

export interface QueueStats {
  queueId: string;
  from: number;
  to: number;
  joinedCount: number;
  calledCount: number;
  servedCount: number;
  noShowCount: number;
  removedCount: number;
  leftCount: number;
  averageWaitSeconds: number | null;
  averageCallIntervalSeconds: number | null;
  servedPerHour: { hour: number; count: number }[];
  waits: WaitSample[];
  quoteAccuracy: { quoted: number; within: number; longer: number; shorter: number };
  byCounter: CounterStats[];
}

export interface CounterStats {
  counter: string;
  calledCount: number;
  servedCount: number;
  noShowCount: number;
  averageServiceSeconds: number | null;
}

/** Per counter, over the tickets called in the range: calls, served, no-shows, and the mean service time. */
function byCounter(called: Ticket[]): CounterStats[] {
  const groups = new Map<string, Ticket[]>();
  for (const t of called) if (t.counter) groups.set(t.counter, [...(groups.get(t.counter) ?? []), t]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'pt-BR', { numeric: true }))
    .map(([counter, tickets]) => {
      const served = tickets.filter((t) => t.status === 'SERVED' && t.finishedAt !== null);
      const service = mean(served.map((t) => (t.finishedAt! - t.calledAt!) / 1000));
      return {
        counter,
        calledCount: tickets.length,
        servedCount: served.length,
        noShowCount: tickets.filter((t) => t.status === 'NO_SHOW').length,
        averageServiceSeconds: service === null ? null : Math.round(service),
      };
    });
}

export interface WaitSample {
  ticketNumber: number;
  calledAt: number;
  waitSeconds: number;
  quote: Ticket['quote'];
  served: boolean;
}

const inRange = (t: number | null, from: number, to: number): t is number =>
  t !== null && t >= from && t < to;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Pure: the statistics of [from, to) from the tickets that touch it. */
export function computeStats(queueId: string, tickets: Ticket[], from: number, to: number): QueueStats {
  const called = tickets
    .filter((t) => inRange(t.calledAt, from, to))
    .sort((a, b) => a.calledAt! - b.calledAt!);
  const finished = (status: Ticket['status']) =>
    tickets.filter((t) => t.status === status && inRange(t.finishedAt, from, to));
  const served = finished('SERVED');
  const waits: WaitSample[] = called.map((t) => ({
    ticketNumber: t.number,
    calledAt: t.calledAt!,
    waitSeconds: Math.round((t.calledAt! - t.joinedAt) / 1000),
    quote: t.quote,
    served: t.status === 'SERVED',
  }));
  const quoted = waits.filter((w) => w.served && w.quote);
  const longer = quoted.filter((w) => w.waitSeconds > w.quote!.highSeconds).length;
  const shorter = quoted.filter((w) => w.waitSeconds < w.quote!.lowSeconds).length;
  const intervals = called.slice(1).map((t, i) => t.calledAt! - called[i]!.calledAt!);
  const perHour = new Map<number, number>();
  for (const t of served) {
    const hour = Math.floor(t.finishedAt! / HOUR) * HOUR;
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  const averageWait = mean(waits.map((w) => w.waitSeconds));
  const averageInterval = mean(intervals);
  return {
    queueId,
    from,
    to,
    joinedCount: tickets.filter((t) => inRange(t.joinedAt, from, to)).length,
    calledCount: called.length,
    servedCount: served.length,
    noShowCount: finished('NO_SHOW').length,
    removedCount: finished('REMOVED').length,
    leftCount: finished('LEFT').length,
    averageWaitSeconds: averageWait === null ? null : Math.round(averageWait),
    averageCallIntervalSeconds: averageInterval === null ? null : Math.round(averageInterval / 1000),
    servedPerHour: [...perHour].sort(([a], [b]) => a - b).map(([hour, count]) => ({ hour, count })),
    waits: waits.slice(-MAX_WAIT_SAMPLES),
    quoteAccuracy: { quoted: quoted.length, within: quoted.length - longer - shorter, longer, shorter },
    byCounter: byCounter(called),
  };
}

/** An owner's statistics for [from, to), by default the last 24 hours; at most 93 days. */
export async function queueStats(
  deps: Deps,
  identity: Identity,
  args: { queueId?: unknown; from?: unknown; to?: unknown },
): Promise<QueueStats> {
  const ownerId = requireOwner(identity);
  const queue = await authorizedQueue(
    deps,
    ownerId,
    await deps.queues.queue(parseId('queueId', args.queueId)),
    'STATS',
  );
  // The default range ends just after now, so what happened this very millisecond counts.
  const to = parseInstant('to', args.to) ?? deps.now() + 1;
  const from = parseInstant('from', args.from) ?? to - DAY;
  if (from >= to) throw new ValidationError('from must be before to.', { field: 'from' });
  if (to - from > STATS_MAX_RANGE_MS)
    throw new ValidationError('The range can be at most 93 days.', { field: 'from' });
  return computeStats(queue.id, await deps.queues.ticketsForStats(queue.id, from, to), from, to);
}
