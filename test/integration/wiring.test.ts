import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppSyncJs, type AppSyncJsResolver } from '../../local/appsync-js/runner';
import { route, routedFields } from '../../resolvers/handlers/router';
import { PUBLIC } from '../support/appsync';
import { resolverEvent } from '../support/appsync';
import { openStack, type TestStack } from '../support/stack';
import { noneResolverField } from '../../resolvers/appsync-files';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const schema = buildSchema(
  readFileSync(root('schema/appsync.graphql'), 'utf8') + readFileSync(root('schema/schema.graphql'), 'utf8'),
);
const fieldsOf = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {});

describe('wiring: schema ↔ resolvers', () => {
  it('given the schema, then every Query, Mutation and Subscription field has exactly one resolver', () => {
    const appsyncJs = readdirSync(root('resolvers/appsync'))
      .map(noneResolverField)
      .filter((f) => f !== null)
      .map((f) => `${f.typeName}.${f.fieldName}`);
    const lambda = [
      ...routedFields.Query.map((f) => `Query.${f}`),
      ...routedFields.Mutation.map((f) => `Mutation.${f}`),
    ];
    const schemaFields = [
      ...fieldsOf(schema.getQueryType()).map((f) => `Query.${f}`),
      ...fieldsOf(schema.getMutationType()).map((f) => `Mutation.${f}`),
      ...fieldsOf(schema.getSubscriptionType()).map((f) => `Subscription.${f}`),
    ];
    expect([...lambda, ...appsyncJs].sort()).toEqual(schemaFields.sort());
    expect(lambda.filter((f) => appsyncJs.includes(f))).toEqual([]);
  });
});

describe('the AppSync chain: invoke resolver → Lambda router → invoke resolver', () => {
  let stack: TestStack;
  let invoke: AppSyncJsResolver;
  beforeAll(async () => {
    stack = await openStack('sqlite+memory');
    invoke = await loadAppSyncJs(root('resolvers/appsync/invokeResolver.[LAMBDA].ts'));
  });
  afterAll(() => stack?.cleanup());

  async function field(
    parentTypeName: 'Query' | 'Mutation',
    fieldName: string,
    args: Record<string, unknown>,
  ) {
    const ctx = { ...resolverEvent(parentTypeName, fieldName, args, PUBLIC), args };
    const { result: lambdaRequest } = invoke.request(ctx);
    const lambdaResult = await route(
      stack.deps,
      (lambdaRequest as { payload: Parameters<typeof route>[1] }).payload,
    );
    return invoke.response({ ...ctx, result: JSON.parse(JSON.stringify(lambdaResult)) });
  }

  it('given a public call that succeeds, then the field value comes through', async () => {
    expect(
      (
        await field('Mutation', 'signUp', {
          input: { name: 'Ana', email: 'ana@example.com', password: 'long enough pass' },
        })
      ).result,
    ).toEqual({ accepted: true, email: 'ana@example.com' });
    expect((await field('Query', 'ticket', { token: 'A'.repeat(43) })).result).toBeNull();
  });

  it('given a refused call, then the GraphQL error has the stable errorType, a human message and its errorInfo', async () => {
    expect((await field('Mutation', 'createQueue', { input: { name: 'x' } })).error).toEqual({
      errorType: 'UNAUTHENTICATED',
      message: 'Please sign in.',
      data: null,
      errorInfo: null,
    });
    expect((await field('Mutation', 'joinQueue', { queueId: 'nope', input: { name: 'x' } })).error).toEqual({
      errorType: 'VALIDATION',
      message: 'queueId is not a valid id.',
      data: null,
      errorInfo: { field: 'queueId' },
    });
  });
});
