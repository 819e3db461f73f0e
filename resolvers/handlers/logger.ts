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

/**
 * One invocation's dependencies: the same stores, a Log whose every line carries the request id (what one
 * request logged, findable together). Without an id, the shared dependencies as they are.
 */
export function forRequest<T extends { log: Log }>(deps: T, requestId: string | undefined): T {
  if (!requestId) return deps;
  const { log } = deps;
  return {
    ...deps,
    log: {
      info: (message, context) => log.info(message, { requestId, ...context }),
      warn: (message, context) => log.warn(message, { requestId, ...context }),
      error: (message, context) => log.error(message, { requestId, ...context }),
    },
  };
}
