import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { useEffect, useState } from 'react';
import type { TypedDocumentString } from './gql/graphql';

// aws-amplify types its client for its own generated documents; ours are codegen's TypedDocumentString.
type Untyped = (options: { query: string; variables?: object; authMode: 'lambda'; authToken: string }) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
let untyped: Untyped | undefined;
function graphql(): Untyped {
  if (!untyped) {
    const client = generateClient();
    untyped = client.graphql.bind(client) as unknown as Untyped;
  }
  return untyped;
}

/** A GraphQL error as the API reports it: a stable errorType, a human message, and machine-readable info. */
export class ApiError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly info: { reason?: string; field?: string } = {},
  ) {
    super(message);
  }
}

function toApiError(error: unknown): ApiError {
  const first = (
    error as { errors?: { errorType?: string; message?: string; errorInfo?: Record<string, string> }[] }
  )?.errors?.[0];
  if (first)
    return new ApiError(
      first.errorType ?? 'UNKNOWN',
      first.message ?? 'Request failed',
      first.errorInfo ?? {},
    );
  return new ApiError('NETWORK', error instanceof Error ? error.message : 'Network error');
}

/** Runs a typed query or mutation with the given Authorization value (`Public`, `Ticket <token>`). */
export async function request<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  authToken: string,
): Promise<Result> {
  try {
    const answer = await graphql()({
      query: document.toString(),
      variables: variables as object,
      authMode: 'lambda',
      authToken,
    });
    if (answer.errors?.length) throw answer;
    return answer.data as Result;
  } catch (error) {
    throw toApiError(error);
  }
}

/** Starts a typed subscription; returns the function that ends it. */
export function subscribe<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  authToken: string,
  handlers: { next(data: Result): void; error?(error: ApiError): void },
): () => void {
  const subscription = graphql()({
    query: document.toString(),
    variables: variables as object,
    authMode: 'lambda',
    authToken,
  }).subscribe({
    next: ({ data }: { data: Result }) => handlers.next(data),
    error: (error: unknown) => handlers.error?.(toApiError(error)),
  });
  return () => subscription.unsubscribe();
}

export type Connection = 'live' | 'reconnecting' | 'offline';

function fromAmplify(state: ConnectionState): Connection {
  switch (state) {
    case ConnectionState.Connected:
      return 'live';
    case ConnectionState.ConnectedPendingNetwork:
    case ConnectionState.ConnectionDisruptedPendingNetwork:
      return 'offline';
    default:
      return 'reconnecting';
  }
}

/**
 * The real-time connection as a person should read it: live only while connected and online. Anything else
 * means what the page shows may be stale.
 */
export function useConnection(): Connection {
  const [connection, setConnection] = useState<Connection>(navigator.onLine ? 'reconnecting' : 'offline');
  useEffect(() => {
    let amplify: Connection = 'reconnecting';
    const update = () => setConnection(navigator.onLine ? amplify : 'offline');
    const stopHub = Hub.listen('api', ({ payload }) => {
      if (payload.event !== CONNECTION_STATE_CHANGE) return;
      amplify = fromAmplify((payload.data as { connectionState: ConnectionState }).connectionState);
      update();
    });
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      stopHub();
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return connection;
}
