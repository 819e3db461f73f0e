import type { AppSyncResolverEvent } from 'aws-lambda';
import type { Deps } from '../../resolvers/domain/deps';
import type { Identity } from '../../resolvers/domain/model';
import { toResolverContext } from '../../resolvers/handlers/identity';
import { route } from '../../resolvers/handlers/router';
import { ApiError } from '../../clients/shared/api-error';

/** An event shaped as AppSync sends it to a Lambda data source behind a Lambda authorizer. */
export function resolverEvent(
  parentTypeName: 'Query' | 'Mutation',
  fieldName: string,
  args: Record<string, unknown>,
  identity: Identity,
): AppSyncResolverEvent<Record<string, unknown>> {
  return {
    arguments: args,
    identity: {
      resolverContext: toResolverContext(identity),
    } as unknown as AppSyncResolverEvent<object>['identity'],
    source: null,
    request: { headers: { authorization: 'redacted', host: 'api.example.com' }, domainName: null },
    info: { fieldName, parentTypeName, variables: args, selectionSetList: [], selectionSetGraphQL: '' },
    prev: null,
    stash: {},
  };
}

export { ApiError };

export type Api = <T = any>(field: string, args?: Record<string, unknown>) => Promise<T>;

/** Calls fields through the router as `identity`; Query or Mutation is told by the field name. */
export function apiAs(deps: Deps, identity: Identity): Api {
  return async (field, args = {}) => {
    const type = QUERIES.has(field) ? 'Query' : 'Mutation';
    const result = await route(deps, resolverEvent(type, field, args, identity));
    if ('error' in result)
      throw new ApiError(result.error.errorType, result.error.message, result.error.errorInfo ?? {});
    return result.data as never;
  };
}

const QUERIES = new Set([
  'me',
  'myVenues',
  'venueMembers',
  'venueInvitations',
  'personalData',
  'accountExport',
  'myQueues',
  'queue',
  'queueTickets',
  'queueStats',
  'ticket',
  'queueDisplay',
  'ticketMessages',
  'auditLog',
]);

export const PUBLIC: Identity = { kind: 'public' };
/** An owner as the authorizer passes one: a session issued under the account's first session version. */
export const owner = (accountId: string, sessionId = 'test-session', sessionVersion = 0): Identity => ({
  kind: 'owner',
  accountId,
  sessionId,
  sessionVersion,
});
