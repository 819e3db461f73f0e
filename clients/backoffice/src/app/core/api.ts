import { Injectable } from '@angular/core';
import { generateClient } from 'aws-amplify/api';
import type { TypedDocumentString } from '../../gql/graphql';

/** A GraphQL error as the API reports it: a stable errorType, a human message, machine-readable info. */
export class ApiError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly info: { reason?: string; field?: string } = {},
  ) {
    super(message);
  }
}

// aws-amplify types its client for its own generated documents; ours are codegen's TypedDocumentString.
type Untyped = (options: { query: string; variables?: object; authMode: 'lambda'; authToken: string }) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

function toApiError(error: unknown): ApiError {
  const first = (
    error as {
      errors?: { errorType?: string; message?: string; errorInfo?: Record<string, string> }[];
    }
  )?.errors?.[0];
  if (first)
    return new ApiError(
      first.errorType ?? 'UNKNOWN',
      first.message ?? 'Request failed',
      first.errorInfo ?? {},
    );
  return new ApiError('NETWORK', error instanceof Error ? error.message : 'Network error');
}

/** Typed queries, mutations and subscriptions over aws-amplify, with the Authorization value given per call. */
@Injectable({ providedIn: 'root' })
export class Api {
  private untyped?: Untyped;

  private graphql(): Untyped {
    if (!this.untyped) {
      const client = generateClient();
      this.untyped = client.graphql.bind(client) as unknown as Untyped;
    }
    return this.untyped;
  }

  async request<R, V>(document: TypedDocumentString<R, V>, variables: V, authToken: string): Promise<R> {
    try {
      const answer = await this.graphql()({
        query: document.toString(),
        variables: variables as object,
        authMode: 'lambda',
        authToken,
      });
      if (answer.errors?.length) throw answer;
      return answer.data as R;
    } catch (error) {
      throw error instanceof ApiError ? error : toApiError(error);
    }
  }

  subscribe<R, V>(
    document: TypedDocumentString<R, V>,
    variables: V,
    authToken: string,
    next: (data: R) => void,
    error?: (e: ApiError) => void,
  ): () => void {
    const subscription = this.graphql()({
      query: document.toString(),
      variables: variables as object,
      authMode: 'lambda',
      authToken,
    }).subscribe({
      next: ({ data }: { data: R }) => next(data),
      error: (e: unknown) => error?.(toApiError(e)),
    });
    return () => subscription.unsubscribe();
  }
}
