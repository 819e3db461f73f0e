/**
 * A GraphQL error as a caller of the API receives it: a stable errorType, a human message, and machine-readable
 * info (`errorInfo`: reason, field, limits). Both apps branch on it, never on messages; the tests read the
 * router's answers through it too. (The server raises the domain's AppError family; the wire carries
 * AppSync's `errors[]`; this is the receiving end.)
 */
export class ApiError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly info: { reason?: string; field?: string; max?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
