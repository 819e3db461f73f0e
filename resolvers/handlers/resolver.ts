import type { AppSyncResolverEvent, Context } from 'aws-lambda';
import type { Deps } from '../domain/deps';
import { forRequest } from './logger';
import { route, type ResolverResult } from './router';

/** The AppSync Lambda data source: one function serves every Query and Mutation field. */
export function createResolverHandler(deps: () => Promise<Deps>) {
  return async (
    event: AppSyncResolverEvent<Record<string, unknown>>,
    context?: Pick<Context, 'awsRequestId'>,
  ): Promise<ResolverResult> => route(forRequest(await deps(), context?.awsRequestId), event);
}
