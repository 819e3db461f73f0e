import type { Log } from '../resolvers/domain/ports';

/** Runs `sweep` every `everyMs`, never two at once, until closed (which waits for a running one). */
export class Sweeper {
  private running: Promise<unknown> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sweep: () => Promise<unknown>,
    everyMs: number,
    private readonly log: Log,
  ) {
    this.timer = setInterval(() => this.run(), everyMs);
    this.timer.unref();
  }

  private run(): void {
    if (this.running) return;
    this.running = this.sweep()
      .catch((error: unknown) => this.log.warn('sweep failed', { error: String(error) }))
      .finally(() => (this.running = undefined));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
