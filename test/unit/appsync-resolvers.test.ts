import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAppSyncJs, passesFilter, type AppSyncJsResolver } from '../../local/appsync-js/runner';

const file = (name: string) => fileURLToPath(new URL(`../../resolvers/appsync/${name}`, import.meta.url));
const ctx = (
  args: Record<string, unknown>,
  resolverContext?: Record<string, string>,
  extra: Record<string, unknown> = {},
) => ({
  args,
  arguments: args,
  identity: resolverContext ? { resolverContext } : null,
  source: null,
  info: { fieldName: 'f', parentTypeName: 'Query', variables: {}, selectionSetList: [] },
  stash: {},
  ...extra,
});

describe('Subscription.onQueueEvent (APPSYNC_JS)', () => {
  let resolver: AppSyncJsResolver;
  beforeAll(async () => {
    resolver = await loadAppSyncJs(file('Subscription.onQueueEvent.[NONE].ts'));
  });
  const queueId = randomUUID();
  const event = (id: string) => ({
    queueId: id,
    version: 3,
    kind: 'CALLED',
    ticketNumber: 1,
    waitingCount: 2,
    nowServing: 1,
    at: '2026-11-26T10:00:00.000Z',
  });

  it.each([
    ['an owner', { kind: 'owner', accountId: randomUUID() }],
    ['a ticket of the queue', { kind: 'ticket', ticketId: randomUUID(), queueId }],
    ['the public (display fields only)', { kind: 'public' }],
  ])('given %s, then the subscription is admitted and filtered on its queue', (_who, identity) => {
    const admitted = resolver.request(ctx({ queueId }, identity));
    expect(admitted).toEqual({ result: { payload: null } });
    const { subscriptionFilter } = resolver.response(ctx({ queueId }, identity));
    expect(subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'queueId', operator: 'eq', value: queueId }] }],
    });
    expect(passesFilter(subscriptionFilter, event(queueId))).toBe(true);
    expect(passesFilter(subscriptionFilter, event(randomUUID()))).toBe(false);
  });

  it('given a ticket of another queue, then it is forbidden', () => {
    expect(
      resolver.request(ctx({ queueId }, { kind: 'ticket', ticketId: randomUUID(), queueId: randomUUID() }))
        .error,
    ).toMatchObject({ errorType: 'FORBIDDEN' });
  });

  it('given no identity or an unknown kind, then it is unauthorized', () => {
    expect(resolver.request(ctx({ queueId })).error).toMatchObject({ errorType: 'Unauthorized' });
    expect(resolver.request(ctx({ queueId }, { kind: 'admin' })).error).toMatchObject({
      errorType: 'Unauthorized',
    });
  });

  it('given a queue id that is not a UUID, then it is a validation error', () => {
    expect(resolver.request(ctx({ queueId: "x' or '1'='1" }, { kind: 'public' })).error).toMatchObject({
      errorType: 'VALIDATION',
    });
    expect(resolver.request(ctx({ queueId: `${queueId}0` }, { kind: 'public' })).error).toMatchObject({
      errorType: 'VALIDATION',
    });
  });
});

describe('Mutation.publishQueueEvent (APPSYNC_JS)', () => {
  it('given an event, then the NONE data source receives it and it comes back as the result', async () => {
    const resolver = await loadAppSyncJs(file('Mutation.publishQueueEvent.[NONE].ts'));
    const event = {
      queueId: randomUUID(),
      version: 2,
      kind: 'JOINED',
      ticketNumber: 1,
      waitingCount: 1,
      nowServing: null,
      at: '2026-11-26T10:00:00.000Z',
    };
    expect(resolver.request(ctx({ event })).result).toEqual({ payload: event });
    expect(resolver.response(ctx({ event }, undefined, { result: event })).result).toEqual(event);
  });
});

describe('invokeResolver (APPSYNC_JS, Lambda data source)', () => {
  let resolver: AppSyncJsResolver;
  beforeAll(async () => {
    resolver = await loadAppSyncJs(file('invokeResolver.[LAMBDA].ts'));
  });

  it('given a field, then the Lambda is invoked with a Direct-Lambda-shaped event', () => {
    const identity = { kind: 'owner', accountId: 'a1' };
    const { result } = resolver.request({
      ...ctx({ id: 'q1' }, identity),
      info: {
        fieldName: 'queue',
        parentTypeName: 'Query',
        variables: { id: 'q1' },
        selectionSetList: ['id', 'name'],
      },
    });
    expect(result).toEqual({
      operation: 'Invoke',
      payload: {
        arguments: { id: 'q1' },
        identity: { resolverContext: identity },
        source: null,
        info: {
          fieldName: 'queue',
          parentTypeName: 'Query',
          variables: { id: 'q1' },
          selectionSetList: ['id', 'name'],
        },
      },
    });
  });

  it("given the Lambda's error envelope, then the GraphQL error keeps its errorType, message and errorInfo", () => {
    const error = { errorType: 'CONFLICT', message: 'This queue is full.', errorInfo: { reason: 'FULL' } };
    expect(resolver.response(ctx({}, undefined, { result: { error } })).error).toEqual({
      ...error,
      data: null,
    });
    const bare = resolver.response(
      ctx({}, undefined, { result: { error: { errorType: 'NOT_FOUND', message: 'Queue not found.' } } }),
    );
    expect(bare.error).toEqual({
      errorType: 'NOT_FOUND',
      message: 'Queue not found.',
      data: null,
      errorInfo: null,
    });
  });

  it('given data, then it is the field value, including null and false', () => {
    expect(resolver.response(ctx({}, undefined, { result: { data: { id: 'q1' } } })).result).toEqual({
      id: 'q1',
    });
    expect(resolver.response(ctx({}, undefined, { result: { data: null } })).result).toBeNull();
    expect(resolver.response(ctx({}, undefined, { result: { data: false } })).result).toBe(false);
  });

  it('given a Lambda that failed to run, then the caller sees INTERNAL and no internals', () => {
    const answer = resolver.response(
      ctx({}, undefined, {
        error: { message: 'Task timed out after 10.01 seconds', type: 'Lambda:Unhandled' },
        result: null,
      }),
    );
    expect(answer.error?.errorType).toBe('INTERNAL');
    expect(answer.error?.message).not.toContain('Task timed out');
  });
});

describe('the APPSYNC_JS runner', () => {
  let resolver: AppSyncJsResolver;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-appsync-js-'));
    const source = join(dir, 'Query.echo.[NONE].ts');
    writeFileSync(
      source,
      `import { util } from '@aws-appsync/utils';
      export function request(ctx) {
        if (ctx.args.refuse) util.error('Refused.', 'Refused');
        ctx.stash.seenBy = 'request';
        ctx.args.mutated = true;
        return { payload: ctx.args };
      }
      export function response(ctx) {
        return { stash: ctx.stash, result: ctx.result, error: ctx.error };
      }`,
    );
    resolver = await loadAppSyncJs(source);
    rmSync(dir, { recursive: true });
  });

  it('given a resolution, then the stash reaches the response and the caller’s context is left untouched', async () => {
    const context = ctx({ name: 'Ana' });
    const sources: unknown[] = [];
    const answer = await resolver.resolve(context, async (request) => {
      sources.push(request);
      return { result: { id: 't1' } };
    });
    expect(sources).toEqual([{ payload: { name: 'Ana', mutated: true } }]);
    expect(answer.result).toEqual({ stash: { seenBy: 'request' }, result: { id: 't1' }, error: null });
    expect(context).toEqual(ctx({ name: 'Ana' }));
  });

  it('given a data source error, then the response sees it', async () => {
    const error = { message: 'Task timed out', type: 'Lambda:Unhandled' };
    const answer = await resolver.resolve(ctx({}), async () => ({ result: null, error }));
    expect(answer.result).toMatchObject({ result: null, error });
  });

  it('given a request that raises an error, then the data source is never called', async () => {
    let called = false;
    const answer = await resolver.resolve(ctx({ refuse: true }), async () => {
      called = true;
      return { result: null };
    });
    expect(answer.error).toMatchObject({ message: 'Refused.', errorType: 'Refused' });
    expect(called).toBe(false);
  });
});

describe('enhanced subscription filters', () => {
  it('given several groups, then an event passes when every filter of one group passes', () => {
    const filter = {
      filterGroup: [
        {
          filters: [
            { fieldName: 'kind', operator: 'in', value: ['CALLED', 'RECALLED'] },
            { fieldName: 'version', operator: 'gt', value: 3 },
          ],
        },
        { filters: [{ fieldName: 'ticketNumber', operator: 'between', value: [10, 20] }] },
      ],
    };
    expect(passesFilter(filter, { kind: 'CALLED', version: 4 })).toBe(true);
    expect(passesFilter(filter, { kind: 'CALLED', version: 3 })).toBe(false);
    expect(passesFilter(filter, { kind: 'JOINED', version: 9, ticketNumber: 15 })).toBe(true);
    expect(passesFilter(filter, { kind: 'JOINED', version: 9, ticketNumber: 21 })).toBe(false);
  });
});
