/** Work keyed by a name that concurrent callers share: the second caller for a key waits on the first's run. */
export class InFlight<K> {
  private readonly running = new Map<K, Promise<void>>();

  run(key: K, work: () => Promise<void>): Promise<void> {
    const current = this.running.get(key);
    if (current) return current;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
