import type { GraphQLError } from 'graphql';

/**
 * An error raised the AppSync way: by a resolver (util.error / util.unauthorized, inside its sandbox) or by the
 * gateway itself. It becomes one entry of the response's `errors[]`.
 */
export class AppSyncError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
    this.name = 'AppSyncError';
  }
}

/** One entry of AppSync's `errors[]`: field errors carry errorType; validation errors have none. */
export function formatError(error: GraphQLError): Record<string, unknown> {
  const locations =
    error.locations?.map((l) => ({ line: l.line, column: l.column, sourceName: null })) ?? null;
  const original = error.originalError;
  if (original instanceof AppSyncError)
    return {
      path: error.path ?? null,
      data: original.data,
      errorType: original.errorType,
      errorInfo: original.errorInfo,
      locations,
      message: original.message,
    };
  if (original && error.path)
    // An unexpected failure inside the gateway: say so, without internals.
    return {
      path: error.path,
      data: null,
      errorType: 'InternalFailure',
      errorInfo: null,
      locations,
      message: 'An internal failure occurred.',
    };
  return { path: error.path ?? null, locations, message: error.message };
}

/** The HTTP-level errors AppSync answers before any GraphQL runs. */
export const httpErrors = {
  missingAuth: {
    status: 401,
    errorType: 'UnauthorizedException',
    message: 'Valid authorization header not provided.',
  },
  refused: {
    status: 401,
    errorType: 'UnauthorizedException',
    message: 'You are not authorized to make this call.',
  },
  emptyBody: { status: 400, errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' },
  unparsable: {
    status: 400,
    errorType: 'MalformedHttpRequestException',
    message: 'Unable to parse GraphQL query.',
  },
  tooLarge: { status: 413, errorType: 'PayloadTooLargeException', message: 'The request is too large.' },
  unavailable: {
    status: 503,
    errorType: 'ServiceUnavailableException',
    message: 'The service is unavailable right now. Try again shortly.',
  },
} as const;

/** One entry of a real-time `error` or `connection_error` payload. */
export type RealtimeErrorEntry = { errorType: string; message: string; errorCode?: number };

/** The real-time protocol's refusals, each spelled once. */
export const realtimeErrors = {
  unauthorized: {
    errorType: 'UnauthorizedException',
    errorCode: 401,
    message: 'You are not authorized to make this call.',
  },
  unavailable: {
    errorType: 'ServiceUnavailableException',
    errorCode: 503,
    message: 'The service is unavailable right now. Try again shortly.',
  },
  internal: { errorType: 'InternalFailure', message: 'An internal failure occurred.' },
  notJson: { errorType: 'MalformedMessage', message: 'Messages must be JSON objects.' },
  binary: { errorType: 'MalformedMessage', message: 'Messages must be text frames.' },
  badId: { errorType: 'MalformedMessage', message: 'id must be a string of 1 to 256 characters.' },
  missingId: { errorType: 'MalformedMessage', message: 'start and stop need an id.' },
  badData: {
    errorType: 'MalformedMessage',
    message: 'payload.data must be a JSON string of {query, variables}.',
  },
  noQuery: { errorType: 'MalformedMessage', message: 'payload.data has no query.' },
  badVariables: { errorType: 'MalformedMessage', message: 'variables must be a JSON object.' },
  initFirst: { errorType: 'UnsupportedOperation', message: 'Send connection_init first.' },
  duplicate: (id: string): RealtimeErrorEntry => ({
    errorType: 'DuplicateSubscription',
    message: `A subscription with id ${id} is already running.`,
  }),
  tooMany: (max: number): RealtimeErrorEntry => ({
    errorType: 'LimitExceededError',
    message: `At most ${max} subscriptions per connection.`,
  }),
  unsupported: (type: string): RealtimeErrorEntry => ({
    errorType: 'UnsupportedOperation',
    message: `${type} is not supported through the realtime channel.`,
  }),
} as const;
