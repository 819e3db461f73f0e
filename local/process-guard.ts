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
