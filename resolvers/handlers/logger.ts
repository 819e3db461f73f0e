import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../domain/ports';

/** The one logger: JSON lines with the service name, context as keys. Callers never pass personal data. */
export function createLog(serviceName = 'queue-manager', logLevel?: string): Log & { logger: Logger } {
  const logger = new Logger({ serviceName, ...(logLevel ? { logLevel: logLevel as 'INFO' } : {}) });
  return {
    logger,
    info: (message, context) => logger.info(message, { ...context }),
    warn: (message, context) => logger.warn(message, { ...context }),
    error: (message, context) => logger.error(message, { ...context }),
  };
}

/** A Log that adds the request id to every line it passes on. */
class RequestLog implements Log {
  constructor(
    private readonly log: Log,
    private readonly requestId: string,
  ) {}

  info(message: string, context?: Record<string, unknown>): void {
    this.log.info(message, { requestId: this.requestId, ...context });
  }

  warn(message: string, context?: Record<string, unknown>): void {
    this.log.warn(message, { requestId: this.requestId, ...context });
  }

  error(message: string, context?: Record<string, unknown>): void {
    this.log.error(message, { requestId: this.requestId, ...context });
  }
}

/**
 * One invocation's dependencies: the same stores, a Log whose every line carries the request id (what one
 * request logged, findable together). Without an id, the shared dependencies as they are.
 */
export function forRequest<T extends { log: Log }>(deps: T, requestId: string | undefined): T {
  return requestId ? { ...deps, requestId, log: new RequestLog(deps.log, requestId) } : deps;
}
