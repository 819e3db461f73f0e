import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { withoutAddresses } from '../../domain/deliver';
import type { JobQueue, Log, MessageJob } from '../../domain/ports';

export interface DeadLetter {
  job: MessageJob;
  attempts: number;
  lastError: string;
  failedAt: string;
}

interface Pending {
  job: MessageJob;
  attempts: number;
  notBefore: number;
}

export interface InProcessJobQueueOptions {
  /** `attempt`: 1 for the first try of this job, 2 for its first retry, and so on. */
  handle(job: MessageJob, attempt: number): Promise<unknown>;
  log: Log;
  /** Attempts before a job is dead-lettered (SQS: maxReceiveCount). */
  maxAttempts?: number;
  /** Delay before attempt n + 1 after n failures. */
  backoffMs?(failures: number): number;
  /** Where pending and dead-lettered jobs are kept across restarts; memory only when absent. */
  file?: string;
}

/**
 * The embedded mode's job queue, with SQS's semantics: each job is tried up to 3 times with backoff, then kept
 * in a dead-letter list that can be listed and re-driven. One failing job never blocks the others. Pending and
 * dead-lettered jobs are written to `file` on every change, so a restart (or a crash) loses none.
 */
export class InProcessJobQueue implements JobQueue {
  private pending: Pending[] = [];
  private dead: DeadLetter[] = [];
  /** Jobs being attempted now, and their attempts. */
  private readonly running = new Map<Pending, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];
  private closed = false;
  private readonly maxAttempts: number;
  private readonly backoffMs: (failures: number) => number;

  constructor(private readonly options: InProcessJobQueueOptions) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoffMs = options.backoffMs ?? ((failures) => 500 * 4 ** (failures - 1));
    if (options.file) this.load(options.file);
    this.schedule();
  }

  async enqueue(job: MessageJob): Promise<void> {
    if (this.closed) throw new Error('The job queue is closed.');
    this.pending.push({ job, attempts: 0, notBefore: 0 });
    this.save();
    this.schedule();
  }

  deadLetters(): DeadLetter[] {
    return this.dead.map((d) => ({ ...d }));
  }

  /** Jobs waiting for an attempt (not counting the ones being attempted now). */
  pendingJobs(): MessageJob[] {
    return this.pending.map((p) => p.job);
  }

  /**
   * Deletes pending jobs and dead letters to these addresses; an attempt under way is let finish first (its
   * copy is in the outbox when this resolves, for the caller to delete). How many jobs went.
   */
  async forget(addresses: string[]): Promise<number> {
    const to = new Set(addresses);
    const drop = () => {
      const before = this.pending.length + this.dead.length;
      this.pending = this.pending.filter((p) => !to.has(p.job.to));
      this.dead = this.dead.filter((d) => !to.has(d.job.to));
      return before - this.pending.length - this.dead.length;
    };
    let gone = drop();
    await Promise.all([...this.running].filter(([entry]) => to.has(entry.job.to)).map(([, run]) => run));
    gone += drop();
    if (gone) this.save();
    return gone;
  }

  /** Deletes dead letters that failed before `before` (epoch ms); how many. */
  purgeDeadBefore(before: number): number {
    const kept = this.dead.filter((d) => Date.parse(d.failedAt) >= before);
    const gone = this.dead.length - kept.length;
    this.dead = kept;
    if (gone) this.save();
    return gone;
  }

  /** Moves dead letters (all, or the one with that job id) back to the queue with fresh attempts. */
  redrive(jobId?: string): number {
    const chosen = this.dead.filter((d) => jobId === undefined || d.job.id === jobId);
    this.dead = this.dead.filter((d) => !chosen.includes(d));
    for (const d of chosen) this.pending.push({ job: d.job, attempts: 0, notBefore: 0 });
    this.save();
    this.schedule();
    return chosen.length;
  }

  /** Resolves when nothing is pending or running. */
  drain(): Promise<void> {
    if (this.pending.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops taking and starting jobs and waits for the running ones; pending jobs stay in the file. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.all(this.running.values());
    this.save();
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const now = Date.now();
    for (const entry of this.pending.filter((p) => p.notBefore <= now)) this.start(entry);
    const next = Math.min(...this.pending.map((p) => p.notBefore));
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.schedule(), Math.max(0, next - Date.now()));
    this.settle();
  }

  private start(entry: Pending): void {
    this.pending = this.pending.filter((p) => p !== entry);
    entry.attempts += 1;
    const run = (async () => {
      let failure: { error: unknown } | undefined;
      try {
        await this.options.handle(entry.job, entry.attempts);
      } catch (error) {
        failure = { error };
      }
      this.running.delete(entry);
      if (failure) this.failed(entry, failure.error);
      else this.save();
      this.schedule();
    })();
    this.running.set(entry, run);
  }

  private failed(entry: Pending, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const context = {
      jobId: entry.job.id,
      channel: 'channel' in entry.job ? 'SMS' : 'EMAIL',
      attempt: entry.attempts,
      error: withoutAddresses(reason),
    };
    if (entry.attempts >= this.maxAttempts) {
      this.dead.push({
        job: entry.job,
        attempts: entry.attempts,
        lastError: reason,
        failedAt: new Date().toISOString(),
      });
      this.options.log.error('job dead-lettered', context);
    } else {
      entry.notBefore = Date.now() + this.backoffMs(entry.attempts);
      this.pending.push(entry);
      this.options.log.warn('job failed, will retry', context);
    }
    this.save();
  }

  private settle(): void {
    if (this.pending.length > 0 || this.running.size > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private load(file: string): void {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { pending: Pending[]; dead: DeadLetter[] };
      this.pending = saved.pending.map((p) => ({ ...p, notBefore: 0 }));
      this.dead = saved.dead;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    // Jobs being attempted count as pending: a crash mid-attempt retries them.
    const state = { pending: [...this.pending, ...this.running.keys()], dead: this.dead };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  }
}
