/**
 * Every Query and Mutation field that the resolver Lambda serves (handlers/router.ts) — Lambda data source.
 * Sends the field as a Direct-Lambda-shaped event and turns the Lambda's `{ error }` answer into a GraphQL
 * error with its stable errorType (a Lambda that throws would surface as Lambda:Unhandled).
 */
import { util, type Context } from '@aws-appsync/utils';

type ResolverResult = {
  data?: unknown;
  error?: { errorType: string; message: string; errorInfo?: Record<string, unknown> };
};

export function request(ctx: Context) {
  return {
    operation: 'Invoke',
    payload: {
      arguments: ctx.args,
      identity: ctx.identity,
      source: ctx.source,
      info: {
        fieldName: ctx.info.fieldName,
        parentTypeName: ctx.info.parentTypeName,
        variables: ctx.info.variables,
        selectionSetList: ctx.info.selectionSetList,
      },
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error('Something went wrong on our side. Please try again.', 'INTERNAL');
  const result = ctx.result as ResolverResult;
  // errorInfo carries machine-readable details (a field, a limit, a reason) for clients to translate.
  if (result.error)
    util.error(result.error.message, result.error.errorType, null, result.error.errorInfo ?? null);
  return result.data;
}
