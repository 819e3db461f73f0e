import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionSpec } from './assembly';

const BOOTSTRAP = fileURLToPath(new URL('./lambda-bootstrap.mjs', import.meta.url));

/** An invocation that failed as Lambda reports it: the function threw, timed out or its runtime died. */
export class InvocationError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** One execution environment: a Node process running the bundle, one invocation at a time. */
class ExecutionEnvironment {
  readonly child: ChildProcess;
  private readonly pending = new Map<string, Pending>();
  busy = false;

  constructor(spec: FunctionSpec, env: Record<string, string>, log: WriteStream) {
    // execArgv empty: the parent's loaders (tsx) and flags are not Lambda's; NODE_OPTIONS comes from env.
    this.child = fork(BOOTSTRAP, [spec.assetDir, spec.handler], {
      env,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stdout!.pipe(log, { end: false });
    this.child.stderr!.pipe(log, { end: false });
    this.child.on('message', (message: { id: string; result?: unknown; error?: Record<string, string> }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error)
        waiting.reject(new InvocationError(message.error.errorType!, message.error.errorMessage!));
      else waiting.resolve(message.result);
    });
    this.child.on('exit', (code, signal) => {
      for (const waiting of this.pending.values())
        waiting.reject(
          new InvocationError('Runtime.ExitError', `Runtime exited with ${signal ?? `code ${code}`}`),
        );
      this.pending.clear();
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  invoke(event: unknown, requestId: string, timeoutMs: number): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Lambda ends an environment whose invocation times out; the next one starts cold.
        this.pending.delete(id);
        this.child.kill('SIGKILL');
        reject(new InvocationError('Sandbox.Timedout', `Task timed out after ${timeoutMs / 1000} seconds`));
      }, timeoutMs);
      const done =
        <T>(settle: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          settle(value);
        };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      this.child.send({ id, event, requestId, deadline: Date.now() + timeoutMs });
    });
  }

  async close(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** What Lambda would report for one kind of invocation of a function (REPORT lines: Duration, Billed). */
export interface DurationReport {
  function: string;
  /** `Type.field` for a resolver invocation, else the function's handler. */
  operation: string;
  invocations: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Billed duration (rounded up to the millisecond) × memory, per invocation. */
  gbSecondsEach: number;
}

/** Kept per operation for percentiles; beyond it only the count and the sum grow. */
const DURATION_SAMPLES = 20_000;

/** The operation an event is for: AppSync's resolver events name their field; other events their function. */
function operationOf(event: unknown, handler: string): string {
  const info = (event as { info?: { parentTypeName?: unknown; fieldName?: unknown } } | null)?.info;
  return typeof info?.parentTypeName === 'string' && typeof info.fieldName === 'string'
    ? `${info.parentTypeName}.${info.fieldName}`
    : handler;
}

/**
 * One function of the cloud assembly run as Lambda runs it: its own bundle in separate Node processes
 * (execution environments), started on demand, reused while they live, one invocation each at a time, up to
 * `concurrency` at once; invocations beyond that wait. Events and results cross as JSON.
 */
export class LambdaFunction {
  private readonly environments: ExecutionEnvironment[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly log: WriteStream;
  /** Cold starts so far (the rehearsal's report). */
  coldStarts = 0;
  /** Invocation durations by operation, as Lambda measures them: from the event handed over to the answer. */
  private durations = new Map<string, { count: number; sumMs: number; samples: number[] }>();

  constructor(
    readonly spec: FunctionSpec,
    private readonly env: Record<string, string>,
    logFile: string,
    private readonly concurrency = 4,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  async invoke(event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const environment = await this.acquire();
    const started = performance.now();
    try {
      return await environment.invoke(
        JSON.parse(JSON.stringify(event)),
        requestId,
        this.spec.timeoutSeconds * 1000,
      );
    } finally {
      this.record(operationOf(event, this.spec.handler), performance.now() - started);
      environment.busy = false;
      this.waiting.shift()?.();
    }
  }

  private record(operation: string, ms: number): void {
    let entry = this.durations.get(operation);
    if (!entry) this.durations.set(operation, (entry = { count: 0, sumMs: 0, samples: [] }));
    entry.count += 1;
    entry.sumMs += ms;
    if (entry.samples.length < DURATION_SAMPLES) entry.samples.push(ms);
  }

  /** Durations by operation since the start or the last reset. */
  durationReport(): DurationReport[] {
    return [...this.durations].map(([operation, { count, sumMs, samples }]) => {
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
      const billedMs = samples.reduce((sum, ms) => sum + Math.ceil(ms), 0) / samples.length;
      return {
        function: this.spec.handler,
        operation,
        invocations: count,
        p50Ms: at(50),
        p99Ms: at(99),
        meanMs: sumMs / count,
        gbSecondsEach: (billedMs / 1000) * (this.spec.memoryMb / 1024),
      };
    });
  }

  resetDurations(): void {
    this.durations = new Map();
  }

  private async acquire(): Promise<ExecutionEnvironment> {
    for (;;) {
      for (let i = this.environments.length - 1; i >= 0; i--)
        if (!this.environments[i]!.alive) this.environments.splice(i, 1);
      const idle = this.environments.find((e) => !e.busy);
      if (idle) return ((idle.busy = true), idle);
      if (this.environments.length < this.concurrency) {
        const fresh = new ExecutionEnvironment(this.spec, this.env, this.log);
        this.coldStarts += 1;
        this.environments.push(fresh);
        fresh.busy = true;
        return fresh;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.environments.map((e) => e.close()));
    this.environments.length = 0;
    await new Promise((resolve) => this.log.end(resolve));
  }
}
