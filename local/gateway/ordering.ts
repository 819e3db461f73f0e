import type { TriggerMessage } from './fanout';

export interface VersionOrderOptions {
  /** How long a version waits for the ones before it before it is delivered anyway (the client sees the gap). */
  holdMs?: number;
  /** Queues remembered at most; the least recently changed are forgotten first. */
  maxKeys?: number;
}

interface Stream<M> {
  /** The last version passed on; undefined while a queue new to this instance collects its first versions. */
  last: number | undefined;
  held: Map<number, M>;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Passes each queue's triggers on in version order. Instances publish their commits independently, so one
 * instance's version 3 can reach another before version 2: a version that arrives early waits (at most
 * `holdMs`) for the ones before it; one older than what was already passed on is dropped, since every
 * subscriber has seen a newer state. A queue this instance has not seen yet has no known last version, so its
 * first versions are collected for `holdMs` and then passed on in order. A gap that does not fill within
 * `holdMs` of the last version passed on is given up, the front one at a time: the versions after it go on in
 * order, and the subscriber detects the gap from the versions and re-reads. Triggers without a queue id and
 * version pass straight through.
 */
export class VersionOrder<M extends TriggerMessage = TriggerMessage> {
  private readonly streams = new Map<string, Stream<M>>();
  private readonly holdMs: number;
  private readonly maxKeys: number;
  /** Late duplicates or stragglers dropped (they were older than a version already delivered). */
  dropped = 0;

  constructor(
    private readonly deliver: (message: M) => void,
    options: VersionOrderOptions = {},
  ) {
    this.holdMs = options.holdMs ?? 250;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  accept(message: M): void {
    const { queueId, version } = message.payload;
    if (typeof queueId !== 'string' || typeof version !== 'number') return this.deliver(message);
    const stream = this.streams.get(queueId);
    if (!stream) {
      const collecting: Stream<M> = {
        last: undefined,
        held: new Map([[version, message]]),
        timer: undefined,
      };
      collecting.timer = setTimeout(() => this.giveUpWaiting(collecting), this.holdMs);
      return this.remember(queueId, collecting);
    }
    // Most recently changed queues stay; the map's order is the eviction order.
    this.streams.delete(queueId);
    this.streams.set(queueId, stream);
    if ((stream.last !== undefined && version <= stream.last) || stream.held.has(version)) {
      this.dropped += 1;
      return;
    }
    if (stream.last === undefined || version > stream.last + 1) {
      stream.held.set(version, message);
      stream.timer ??= setTimeout(() => this.giveUpWaiting(stream), this.holdMs);
      return;
    }
    stream.last = version;
    this.deliver(message);
    this.flushConsecutive(stream as Stream<M> & { last: number });
  }

  /** Cancels every hold (held versions are delivered in order). */
  close(): void {
    for (const stream of this.streams.values()) if (stream.timer) this.release(stream);
  }

  /**
   * After a version went out: delivers the held versions that now follow. The wait is for the gap now at the
   * front, so it starts again here: under a steady stream of reorderings each gap gets its full `holdMs`, not
   * what is left of an earlier one's.
   */
  private flushConsecutive(stream: Stream<M> & { last: number }): void {
    for (let next = stream.held.get(stream.last + 1); next; next = stream.held.get(stream.last + 1)) {
      stream.held.delete(stream.last + 1);
      stream.last += 1;
      this.deliver(next);
    }
    clearTimeout(stream.timer);
    stream.timer =
      stream.held.size > 0 ? setTimeout(() => this.giveUpWaiting(stream), this.holdMs) : undefined;
  }

  /**
   * The hold ran out with versions still missing: the gap at the front is given up (subscribers see it and
   * re-read) and what follows it goes out; versions behind a further gap wait again, a hold of their own.
   */
  private giveUpWaiting(stream: Stream<M>): void {
    // The lowest held version, found by a loop: a spread of a long hold could pass the engine's argument limit.
    let lowest = Infinity;
    for (const version of stream.held.keys()) lowest = Math.min(lowest, version);
    stream.last = lowest - 1;
    this.flushConsecutive(stream as Stream<M> & { last: number });
  }

  /** Delivers everything held, in order, gaps and all (closing, or forgetting the queue). */
  private release(stream: Stream<M>): void {
    clearTimeout(stream.timer);
    stream.timer = undefined;
    for (const version of [...stream.held.keys()].sort((a, b) => a - b)) {
      const message = stream.held.get(version)!;
      stream.held.delete(version);
      stream.last = version;
      this.deliver(message);
    }
  }

  private remember(queueId: string, stream: Stream<M>): void {
    this.streams.set(queueId, stream);
    while (this.streams.size > this.maxKeys) {
      const [oldest, forgotten] = this.streams.entries().next().value!;
      if (forgotten.timer) this.release(forgotten);
      this.streams.delete(oldest);
    }
  }
}
