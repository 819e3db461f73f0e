/**
 * The AppSync semantics the local server mirrors, in one class: the schema with AppSync's scalars and auth
 * directives, auth modes per field, resolver evaluation on data sources, limits, and subscriptions with their
 * filters. Over ~300 lines because these rules interlock (a field's auth decides what its resolver sees).
 */
import type { AppSyncAuthorizerResult } from 'aws-lambda';
import {
  buildSchema,
  execute,
  getArgumentValues,
  getDirectiveValues,
  getOperationAST,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueueEvent } from '../../resolvers/domain/model';
import type { ResolverContext } from '../../resolvers/handlers/identity';
import { presentEvent } from '../../resolvers/handlers/present';
import { PUBLISH_QUEUE_EVENT } from '../../resolvers/handlers/publisher';
import type { ResolverResult } from '../../resolvers/handlers/router';
import type { AppSyncJsResolver, Evaluation } from '../appsync-js/runner';
import { DocumentPreparer, type Prepared } from './documents';
import { wiringFromSources, type ApiWiring } from './wiring';
import { AppSyncError } from './errors';
import type { FanOut, TriggerMessage } from './fanout';
import { SubscriptionHub, type Sink } from './hub';
import { VersionOrder } from './ordering';
import { appSyncScalars } from './scalars';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The backend's one publish, parsed once. */
const PUBLISH_DOCUMENT = parse(PUBLISH_QUEUE_EVENT);

export type AuthMode = 'AWS_LAMBDA' | 'AWS_IAM';

/** Who is calling and how, as AppSync establishes it before any resolver runs. */
export interface Caller {
  authMode: AuthMode;
  /** AppSync's ctx.identity: `{ resolverContext }` for the Lambda authorizer, the IAM principal for IAM. */
  identity: Record<string, unknown>;
}

export interface RequestContext {
  caller: Caller;
  requestId: string;
  headers: Record<string, string>;
  variables: Record<string, unknown>;
}

/** The same functions AppSync invokes: the resolver Lambda and the authorizer Lambda. */
export interface Lambdas {
  /** `context` as Lambda gives it: the invocation's request id (the AppSync request's, locally). */
  resolver(event: unknown, context: { awsRequestId: string }): Promise<ResolverResult>;
  authorizer(event: {
    authorizationToken: string;
    requestContext: Record<string, unknown>;
    requestHeaders: Record<string, string>;
  }): Promise<AppSyncAuthorizerResult<ResolverContext>>;
}

const DIRECTIVE_MODES: Record<string, AuthMode> = { aws_lambda: 'AWS_LAMBDA', aws_iam: 'AWS_IAM' };
const DEFAULT_MODE: AuthMode = 'AWS_LAMBDA';

/** AppSync's rule: a field's auth directives win over its type's; with none, the API's default mode. */
function allowedModes(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Set<AuthMode> {
  const of = (node: { directives?: readonly { name: { value: string } }[] } | null | undefined) =>
    new Set(
      (node?.directives ?? []).map((d) => DIRECTIVE_MODES[d.name.value]).filter((m): m is AuthMode => !!m),
    );
  const onField = of(field.astNode);
  if (onField.size) return onField;
  const onType = of(type.astNode);
  return onType.size ? onType : new Set([DEFAULT_MODE]);
}

function notAuthorized(type: string, field: string): AppSyncError {
  return new AppSyncError(`Not Authorized to access ${field} on type ${type}`, 'Unauthorized');
}

function fail(evaluation: Evaluation): never {
  const { message, errorType, data, errorInfo } = evaluation.error!;
  throw new AppSyncError(message, errorType ?? 'Unknown', data ?? null, errorInfo ?? null);
}

/** The top-level field names a selection set asks for (fragments included): what AppSync forwards to subscribers. */
function selectedFields(
  selectionSet: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  into = new Set<string>(),
): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') into.add(selection.name.value);
    else if (selection.kind === 'InlineFragment') selectedFields(selection.selectionSet, info, into);
    else selectedFields(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

function selectionSetList(info: GraphQLResolveInfo): string[] {
  return [...selectedFields(info.fieldNodes[0]?.selectionSet, info)];
}

/**
 * The local AppSync: the deployed schema file, AppSync's scalars and auth modes, the APPSYNC_JS resolvers of
 * resolvers/appsync, the resolver and authorizer Lambdas called in-process with AppSync-shaped events, and
 * @aws_subscribe fan-out. HTTP and WebSocket front ends (http.ts, realtime.ts) only translate the protocols.
 */
export class Gateway {
  readonly schema: GraphQLSchema;
  readonly hub: SubscriptionHub;
  /** How many events the backend has published (one per change): the benchmarks read it from /health. */
  publishes = 0;
  private readonly triggers = new Map<string, string[]>();
  private readonly documents: DocumentPreparer;

  private readonly resolvers: ApiWiring['resolvers'];

  private constructor(
    private readonly lambdas: Lambdas,
    private readonly fanOut: FanOut,
    wiring: ApiWiring,
  ) {
    this.resolvers = wiring.resolvers;
    // AppSync declares its own scalars and directives; graphql-js needs them spelled out.
    this.schema = buildSchema(
      `${readFileSync(join(ROOT, 'schema/appsync.graphql'), 'utf8')}\n${wiring.schema}`,
    );
    for (const scalar of appSyncScalars) {
      // graphql-js keeps a scalar's coercion functions as instance properties: give the built-ins AppSync's.
      Object.assign(this.schema.getType(scalar.name)!, {
        serialize: scalar.serialize,
        parseValue: scalar.parseValue,
        parseLiteral: scalar.parseLiteral,
      });
    }
    this.hub = new SubscriptionHub(this.schema);
    this.documents = new DocumentPreparer(this.schema, new Set(['Query', 'Mutation']));
    this.wireRootFields();
    // Each queue's events reach this instance's subscribers in version order, whichever instance published them
    // (one process publishes in commit order already).
    if (fanOut.inOrder) fanOut.listen((message) => this.hub.deliver(message));
    else {
      const ordered = new VersionOrder<TriggerMessage & { arrival: number }>((m) =>
        this.hub.deliver(m, m.arrival),
      );
      fanOut.listen((message) => ordered.accept({ ...message, arrival: this.hub.arrive() }));
    }
  }

  /** `wiring`: what AppSync is given; by default the sources in this repository, as infra/lib/api.ts deploys them. */
  static async create(
    lambdas: Lambdas,
    fanOut: FanOut,
    wiring: ApiWiring | Promise<ApiWiring> = wiringFromSources(),
  ): Promise<Gateway> {
    return new Gateway(lambdas, fanOut, await wiring);
  }

  /** Runs the Lambda authorizer on an Authorization header, as AppSync does for every request and subscription. */
  async authorize(
    authorization: string | undefined,
    request: {
      requestId: string;
      query?: string;
      operationName?: string | null;
      variables?: Record<string, unknown>;
      headers: Record<string, string>;
    },
  ): Promise<Caller | 'missing' | 'refused'> {
    if (!authorization) return 'missing';
    const result = await this.lambdas.authorizer({
      authorizationToken: authorization,
      requestContext: {
        apiId: 'local',
        accountId: 'local',
        requestId: request.requestId,
        queryString: request.query ?? '',
        operationName: request.operationName ?? undefined,
        variables: request.variables ?? {},
      },
      requestHeaders: request.headers,
    });
    if (!result.isAuthorized) return 'refused';
    return { authMode: 'AWS_LAMBDA', identity: { resolverContext: result.resolverContext ?? {} } };
  }

  /** Parses and validates a document against the schema under AppSync's limits; errors come back GraphQL-shaped. */
  prepare(query: string): Prepared {
    return this.documents.prepare(query);
  }

  /** What the document cache holds (its bounds are in documents.ts). */
  get preparedDocuments(): { documents: number; bytes: number } {
    return this.documents.size;
  }

  execute(
    document: DocumentNode,
    context: RequestContext,
    operationName?: string | null,
  ): Promise<ExecutionResult> {
    return Promise.resolve(
      execute({
        schema: this.schema,
        document,
        variableValues: context.variables,
        operationName: operationName ?? null,
        contextValue: context,
      }),
    );
  }

  /** Starts a subscription for one sink; an AppSyncError says why it was refused. */
  subscribe(
    document: DocumentNode,
    context: RequestContext,
    sink: Sink,
    operationName?: string | null,
  ): () => void {
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation || operation.operation !== 'subscription')
      throw new AppSyncError('Only subscription operations can be started here.', 'UnsupportedOperation');
    const type = this.schema.getSubscriptionType()!;
    const node = operation.selectionSet.selections[0] as FieldNode;
    const field = type.getFields()[node.name.value]!;
    if (!allowedModes(type, field).has(context.caller.authMode)) throw notAuthorized(type.name, field.name);
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, context.variables);
    } catch (error) {
      throw new AppSyncError((error as Error).message, 'ValidationError');
    }
    const resolver = this.resolvers.get(`Subscription.${field.name}`)?.code;
    let filter;
    if (resolver) {
      const ctx = {
        arguments: args,
        args,
        identity: context.caller.identity,
        source: null,
        stash: {},
        info: { fieldName: field.name, parentTypeName: type.name, variables: context.variables },
      };
      const request = resolver.request(ctx);
      if (request.error) fail(request);
      const response = resolver.response({ ...ctx, result: null });
      if (response.error) fail(response);
      filter = response.subscriptionFilter;
    }
    const { mutations } = getDirectiveValues(this.schema.getDirective('aws_subscribe')!, field.astNode!) as {
      mutations: string[];
    };
    const nonNullArgs = Object.fromEntries(
      Object.entries(args).filter(([, value]) => value !== null && value !== undefined),
    );
    return this.hub.add(
      { document, variables: context.variables, mutations, args: nonNullArgs, filter },
      sink,
    );
  }

  /** The backend's publish: `publishQueueEvent` with IAM credentials, exactly one per change. */
  async publish(event: QueueEvent): Promise<void> {
    this.publishes += 1;

    const result = await this.execute(PUBLISH_DOCUMENT, {
      caller: {
        authMode: 'AWS_IAM',
        identity: { accountId: 'local', userArn: 'arn:aws:iam::local:role/queue-manager-publisher' },
      },
      requestId: randomUUID(),
      headers: {},
      variables: { event: presentEvent(event) },
    });
    if (result.errors?.length) throw new Error(`publishQueueEvent failed: ${result.errors[0]!.message}`);
  }

  private wireRootFields(): void {
    for (const subscription of Object.values(this.schema.getSubscriptionType()?.getFields() ?? {})) {
      const values = getDirectiveValues(this.schema.getDirective('aws_subscribe')!, subscription.astNode!) as
        { mutations?: string[] } | undefined;
      for (const mutation of values?.mutations ?? [])
        this.triggers.set(mutation, [...(this.triggers.get(mutation) ?? []), subscription.name]);
    }
    for (const type of [this.schema.getQueryType()!, this.schema.getMutationType()!]) {
      for (const field of Object.values(type.getFields())) {
        const resolver = this.resolvers.get(`${type.name}.${field.name}`);
        const modes = allowedModes(type, field);
        field.resolve = async (source, args, context: RequestContext, info) => {
          if (!modes.has(context.caller.authMode)) throw notAuthorized(type.name, field.name);
          const ctx = {
            arguments: args,
            args,
            identity: context.caller.identity,
            source: source ?? null,
            stash: {},
            prev: null,
            request: { headers: context.headers, domainName: null },
            info: {
              fieldName: field.name,
              parentTypeName: type.name,
              variables: context.variables,
              selectionSetList: selectionSetList(info),
            },
          };
          // A field without a resolver resolves to null, as in AppSync.
          const result = !resolver
            ? null
            : resolver.dataSource === 'none'
              ? await this.runNone(resolver.code, ctx)
              : await this.runLambda(resolver.code, ctx, context.requestId);
          if (this.triggers.has(field.name) && result && typeof result === 'object') {
            const selected = selectedFields(info.fieldNodes[0]?.selectionSet, info);
            const payload = Object.fromEntries(Object.entries(result).filter(([k]) => selected.has(k)));
            await this.fanOut.publish({ mutation: field.name, payload });
          }
          return result;
        };
      }
    }
  }

  private async runNone(resolver: AppSyncJsResolver, ctx: Record<string, unknown>): Promise<unknown> {
    const response = await resolver.resolve(ctx, async (request) => ({
      result: (request as { payload?: unknown })?.payload ?? null,
    }));
    if (response.error) fail(response);
    return response.result;
  }

  private async runLambda(
    resolver: AppSyncJsResolver,
    ctx: Record<string, unknown>,
    requestId: string,
  ): Promise<unknown> {
    const response = await resolver.resolve(ctx, async (request) => {
      const { payload } = request as { payload: unknown };
      try {
        // Through JSON both ways, as a real invocation: nothing shared between the gateway and the function.
        const answer = await this.lambdas.resolver(JSON.parse(JSON.stringify(payload)), {
          awsRequestId: requestId,
        });
        return { result: JSON.parse(JSON.stringify(answer)) };
      } catch (thrown) {
        return { result: null, error: { message: (thrown as Error).message, type: 'Lambda:Unhandled' } };
      }
    });
    if (response.error) fail(response);
    return response.result;
  }
}
