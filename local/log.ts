import { AsyncLocalStorage } from 'node:async_hooks';
import type { Log } from '../resolvers/domain/ports';

const request = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` with a request id that every log line written meanwhile carries. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return request.run({ requestId }, work);
}

/** A Log whose lines carry the current request id, when there is one. */
export function requestScopedLog(base: Log): Log {
  const withId = (context?: Record<string, unknown>) => {
    const requestId = request.getStore()?.requestId;
    return requestId ? { requestId, ...context } : context;
  };
  return {
    info: (message, context) => base.info(message, withId(context)),
    warn: (message, context) => base.warn(message, withId(context)),
    error: (message, context) => base.error(message, withId(context)),
  };
}
