import type { Log } from '../resolvers/domain/ports';

/**
 * The last line of defence of a long-running server: an exception or rejection that no request path handled
 * is logged and the process goes on serving everyone else. Every request and socket path handles its own
 * failures; a line from here is a bug to fix, never an expected outcome.
 */
export function guardProcess(log: Log): void {
  process.on('uncaughtException', (error) =>
    log.error('uncaught exception (survived)', { error: String(error), stack: error.stack }),
  );
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled rejection (survived)', {
      error: String(reason),
      stack: reason instanceof Error ? reason.stack : undefined,
    }),
  );
}

/**
 * Stops on SIGINT or SIGTERM: says what it does, runs `close` once, and exits 0 when it finished, 1 when it
 * failed or took longer than `graceMs`.
 */
export function stopOnSignals(stopping: string, close: () => Promise<unknown>, graceMs = 10_000): void {
  let started = false;
  const stop = (signal: string) => {
    if (started) return;
    started = true;
    process.stdout.write(`\n${signal}: ${stopping}…\n`);
    setTimeout(() => process.exit(1), graceMs).unref();
    close().then(
      () => {
        process.stdout.write('Stopped cleanly.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
