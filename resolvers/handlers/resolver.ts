import type { AppSyncResolverEvent } from 'aws-lambda';
import type { Deps } from '../domain/deps';
import { route, type ResolverResult } from './router';

/** The AppSync Lambda data source: one function serves every Query and Mutation field. */
export function createResolverHandler(deps: () => Promise<Deps>) {
  return async (event: AppSyncResolverEvent<Record<string, unknown>>): Promise<ResolverResult> =>
    route(await deps(), event);
}
