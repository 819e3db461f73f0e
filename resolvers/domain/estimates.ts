/**
 * Wait estimates from a queue's call history. Pure computation, no I/O.
 *
 * Every call of the next person records the time since the previous call (a "pace sample") twice: in the
 * hour-of-week it happened in (Tuesday 10:00–11:00 UTC is one slot, kept 4 weeks) and in the queue's recent
 * samples (the last 2 hours). A waiting person's estimate is a range: from the same hour-of-week over recent
 * weeks when there are enough samples there, otherwise from the recent ones; never below what the people
 * ahead would take at the recent pace; and none at all ("not enough data yet") without enough of either.
 */

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;

/** `[calledAt, msSincePreviousCall]`. */
export type PaceSample = readonly [at: number, intervalMs: number];

/** Slots 0–167: the hour of the week (UTC, Monday 00:00 is 0); this one holds the recent samples. */
export const RECENT_SLOT = 168;

export const PACE_RULES = {
  /** Shorter gaps are staff skipping through absent people, not service. */
  minIntervalMs: 5 * 1000,
  /** Longer gaps are a break (a closed evening), not service. */
  maxIntervalMs: HOUR,
  historyMaxAgeMs: 4 * WEEK,
  historyCap: 80,
  historyMinSamples: 8,
  recentMaxAgeMs: 2 * HOUR,
  recentCap: 12,
  recentMinSamples: 5,
  /** The recent pace bounds the estimate from below once this many recent samples exist. */
  floorMinSamples: 3,
} as const;

export function hourOfWeek(at: number): number {
  const date = new Date(at);
  return ((date.getUTCDay() + 6) % 7) * 24 + date.getUTCHours();
}

/** The slots whose samples an estimate at `at` reads. */
export function paceSlots(at: number): [number, number] {
  return [hourOfWeek(at), RECENT_SLOT];
}

/** The interval a call at `at` adds to the pace, or null when it is not service pace. */
export function paceInterval(lastCalledAt: number | null, at: number): number | null {
  if (lastCalledAt === null) return null;
  const interval = at - lastCalledAt;
  return interval >= PACE_RULES.minIntervalMs && interval <= PACE_RULES.maxIntervalMs ? interval : null;
}

/** A slot's samples after a call at `at`: the new one added, the stale and the surplus (oldest) dropped. */
export function withSample(
  slot: number,
  samples: readonly PaceSample[],
  at: number,
  intervalMs: number,
): PaceSample[] {
  const recent = slot === RECENT_SLOT;
  const cap = recent ? PACE_RULES.recentCap : PACE_RULES.historyCap;
  return [...fresh(slot, samples, at), [at, intervalMs] as const].slice(-cap);
}

function fresh(slot: number, samples: readonly PaceSample[], at: number): readonly PaceSample[] {
  const maxAge = slot === RECENT_SLOT ? PACE_RULES.recentMaxAgeMs : PACE_RULES.historyMaxAgeMs;
  return samples.filter(([t]) => at - t <= maxAge && t <= at);
}

/** Quantile by linear interpolation over sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const index = (sorted.length - 1) * q;
  const below = Math.floor(index);
  const above = Math.ceil(index);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (index - below);
}

/** The time one place takes, as a median and the quartiles around it, in milliseconds. */
export interface PlacePace {
  lowMs: number;
  medianMs: number;
  highMs: number;
  /** The recent median, when there are enough recent samples: no estimate goes below position × this. */
  floorMs: number | null;
}

/** The pace behind estimates at `at`, from the samples of the two slots `paceSlots(at)` names. */
export function placePace(
  history: readonly PaceSample[],
  recentSamples: readonly PaceSample[],
  at: number,
): PlacePace | null {
  const slot = hourOfWeek(at);
  const past = fresh(slot, history, at).map(([, ms]) => ms);
  const recent = fresh(RECENT_SLOT, recentSamples, at).map(([, ms]) => ms);
  const source =
    past.length >= PACE_RULES.historyMinSamples
      ? past
      : recent.length >= PACE_RULES.recentMinSamples
        ? recent
        : null;
  if (!source) return null;
  const sorted = [...source].sort((a, b) => a - b);
  const recentSorted = [...recent].sort((a, b) => a - b);
  return {
    lowMs: quantile(sorted, 0.25),
    medianMs: quantile(sorted, 0.5),
    highMs: quantile(sorted, 0.75),
    floorMs: recent.length >= PACE_RULES.floorMinSamples ? quantile(recentSorted, 0.5) : null,
  };
}

/** `placePace` from the samples a store read for `paceSlots(at)`. */
export function paceAt(samples: ReadonlyMap<number, readonly PaceSample[]>, at: number): PlacePace | null {
  return placePace(samples.get(hourOfWeek(at)) ?? [], samples.get(RECENT_SLOT) ?? [], at);
}

export interface WaitRange {
  lowSeconds: number;
  highSeconds: number;
}

/**
 * The wait of the person at `position`: position × the median, widened by the quartiles' distance × √position
 * (places are independent: the spread of a sum grows with its square root), and never below position × the
 * recent median.
 */
export function waitRange(position: number | null, pace: PlacePace | null): WaitRange | null {
  if (position === null || position < 1 || !pace) return null;
  const centre = position * pace.medianMs;
  const spread = Math.sqrt(position);
  let low = Math.max(0, centre - spread * (pace.medianMs - pace.lowMs));
  let high = centre + spread * (pace.highMs - pace.medianMs);
  if (pace.floorMs !== null) {
    low = Math.max(low, position * pace.floorMs);
    high = Math.max(high, low);
  }
  return { lowSeconds: Math.floor(low / 1000), highSeconds: Math.ceil(high / 1000) };
}
