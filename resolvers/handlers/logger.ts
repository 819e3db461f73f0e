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
