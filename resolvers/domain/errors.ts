/** The stable GraphQL `errorType`s of the API. Clients branch on these, never on messages. */
export type ErrorType =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** An error meant for the caller: its message is safe to show and carries no internals. */
export abstract class AppError extends Error {
  abstract readonly errorType: ErrorType;
  constructor(
    message: string,
    /** Machine-readable details (field names, limits); never personal data. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly errorType = 'VALIDATION';
}
export class UnauthenticatedError extends AppError {
  readonly errorType = 'UNAUTHENTICATED';
}
export class ForbiddenError extends AppError {
  readonly errorType = 'FORBIDDEN';
}
export class NotFoundError extends AppError {
  readonly errorType = 'NOT_FOUND';
}
export class ConflictError extends AppError {
  readonly errorType = 'CONFLICT';
}
export class RateLimitedError extends AppError {
  readonly errorType = 'RATE_LIMITED';
}

/** A store could not be reached: nothing was changed, and the same request may succeed shortly. */
export class UnavailableError extends AppError {
  readonly errorType = 'UNAVAILABLE';
}

/** Driver error codes (Node sockets, mysql2) that mean "the store is not reachable", not "the request is wrong". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
]);
/** ioredis and the AWS SDK say it by name or message rather than by code. */
const UNREACHABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'TimeoutError', 'StoreUnavailable']);
const UNREACHABLE_MESSAGES =
  /^(Connection is closed|Stream isn't writeable|Command timed out|connect ETIMEDOUT)/;

/** True when an error (or its cause, or one of an aggregate's errors) says a store is unreachable. */
export function isStoreUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, name, message, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (typeof name === 'string' && UNREACHABLE_NAMES.has(name)) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isStoreUnreachable(e, depth + 1))) return true;
  return isStoreUnreachable(cause, depth + 1);
}

/** What the caller sees of any error: app errors as they are, everything else as a bare INTERNAL. */
export function toPublicError(error: unknown): {
  errorType: ErrorType;
  message: string;
  errorInfo?: Record<string, unknown>;
} {
  if (error instanceof AppError)
    return {
      errorType: error.errorType,
      message: error.message,
      ...(error.details ? { errorInfo: error.details } : {}),
    };
  if (isStoreUnreachable(error))
    return {
      errorType: 'UNAVAILABLE',
      message: 'The service is unavailable right now. Please try again shortly.',
    };
  return { errorType: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' };
}
