/** The stable GraphQL `errorType`s of the API (SPEC §4). Clients branch on these, never on messages. */
export type ErrorType =
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED' | 'INTERNAL';

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
  return { errorType: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' };
}
