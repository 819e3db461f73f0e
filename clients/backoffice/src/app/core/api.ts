import { Injectable } from '@angular/core';
import {
  ApiError,
  onReconnected,
  request,
  subscribe,
  type TypedDocument,
} from '../../../../shared/amplify-client';

export { ApiError };

/** Typed queries, mutations and subscriptions over aws-amplify, as an injectable for the components. */
@Injectable({ providedIn: 'root' })
export class Api {
  request<R, V>(document: TypedDocument<R, V>, variables: V, authToken: string): Promise<R> {
    return request(document, variables, authToken);
  }

  subscribe<R, V>(
    document: TypedDocument<R, V>,
    variables: V,
    authToken: string,
    next: (data: R) => void,
    error?: (e: ApiError) => void,
    ready?: () => void,
  ): () => void {
    return subscribe(document, variables, authToken, {
      next,
      ...(error ? { error } : {}),
      ...(ready ? { ready } : {}),
    });
  }

  /** Calls back whenever the real-time connection is back after a disruption; returns the function that stops it. */
  onReconnected(reconnected: () => void): () => void {
    return onReconnected(reconnected);
  }
}
