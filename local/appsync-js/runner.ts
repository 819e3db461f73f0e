import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import type { EvaluationSlot, SubscriptionFilter } from './utils';

const SHIM = fileURLToPath(new URL('./utils.ts', import.meta.url));

export interface Evaluation {
  result?: unknown;
  /** An error raised with util.error / util.unauthorized. */
  error?: { message: string; errorType: string | undefined; data?: unknown; errorInfo?: unknown };
  subscriptionFilter?: SubscriptionFilter;
}

export interface AppSyncJsResolver {
  /** Evaluates the request function alone on a JSON copy of `ctx` (as AppSync's EvaluateCode does). */
  request(ctx: unknown): Evaluation;
  /** Evaluates the response function alone on a JSON copy of `ctx`. */
  response(ctx: unknown): Evaluation;
  /**
   * A resolution as AppSync runs it: one JSON copy of `ctx` goes through the request function, the data source
   * (given the request's result; what it returns must not be shared with the caller) and the response
   * function, so what the request puts in `ctx.stash` reaches the response. The request's error stops it.
   */
  resolve(
    ctx: Record<string, unknown>,
    dataSource: (request: unknown) => Promise<{ result: unknown; error?: unknown }>,
  ): Promise<Evaluation>;
}

/**
 * Bundles an APPSYNC_JS resolver the way it is deployed (one ES module, `@aws-appsync/utils` resolved to the
 * local implementation) and evaluates its request and response functions in a fresh V8 context without Node's
 * APIs, as AppSync does: what the resolver did not import, it cannot use. `file` is a source file of
 * resolvers/appsync, or `{ code, name }` the deployed code itself (a template's inline `Code`).
 */
export async function loadAppSyncJs(
  source: string | { code: string; name: string },
): Promise<AppSyncJsResolver> {
  const file = typeof source === 'string' ? source : source.name;
  const bundle = await build({
    ...(typeof source === 'string'
      ? { entryPoints: [source] }
      : { stdin: { contents: source.code, loader: 'js', sourcefile: source.name } }),
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__resolver',
    platform: 'neutral',
    target: 'es2021',
    alias: { '@aws-appsync/utils': SHIM },
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]!.text;
  // One context per resolver, as the code is loaded once; each evaluation gets a fresh slot for what it records.
  const sandbox = createContext({ __appsyncEvaluation: {} });
  runInContext(code, sandbox, { filename: file, timeout: 1000 });
  const resolver = sandbox.__resolver as Record<string, (c: unknown) => unknown>;
  // The context goes in as JSON, as AppSync hands it over: no shared objects with the caller.
  const copy = (ctx: unknown) => JSON.parse(JSON.stringify(ctx)) as Record<string, unknown>;
  const evaluate = (fn: 'request' | 'response', ctx: Record<string, unknown>): Evaluation => {
    const evaluation: EvaluationSlot = {};
    sandbox.__appsyncEvaluation = evaluation;
    try {
      const result = resolver[fn]!(ctx);
      return {
        result,
        ...(evaluation.subscriptionFilter ? { subscriptionFilter: evaluation.subscriptionFilter } : {}),
      };
    } catch (error) {
      const e = error as {
        name?: string;
        message: string;
        errorType?: string;
        data?: unknown;
        errorInfo?: unknown;
      };
      // Raised in the sandbox (another realm): recognised by name, not instanceof.
      if (e?.name !== 'AppSyncError') throw error;
      return { error: { message: e.message, errorType: e.errorType, data: e.data, errorInfo: e.errorInfo } };
    }
  };
  return {
    request: (ctx) => evaluate('request', copy(ctx)),
    response: (ctx) => evaluate('response', copy(ctx)),
    async resolve(ctx, dataSource) {
      const resolution = copy(ctx);
      const request = evaluate('request', resolution);
      if (request.error) return request;
      const { result, error = null } = await dataSource(request.result);
      return evaluate('response', Object.assign(resolution, { result, error }));
    },
  };
}

/** AppSync's enhanced-filter semantics: any filter group passes when all of its filters pass. */
export function passesFilter(
  filter: SubscriptionFilter | undefined,
  payload: Record<string, unknown>,
): boolean {
  if (!filter) return true;
  return filter.filterGroup.some((group) =>
    group.filters.every(({ fieldName, operator, value }) => {
      const actual = payload[fieldName];
      switch (operator) {
        case 'eq':
          return actual === value;
        case 'ne':
          return actual !== value;
        case 'gt':
          return (actual as number) > (value as number);
        case 'ge':
          return (actual as number) >= (value as number);
        case 'lt':
          return (actual as number) < (value as number);
        case 'le':
          return (actual as number) <= (value as number);
        case 'in':
          return (value as unknown[]).includes(actual);
        case 'notIn':
          return !(value as unknown[]).includes(actual);
        case 'contains':
          return typeof actual === 'string' || Array.isArray(actual)
            ? actual.includes(value as never)
            : false;
        case 'notContains':
          return typeof actual === 'string' || Array.isArray(actual)
            ? !actual.includes(value as never)
            : true;
        case 'beginsWith':
          return typeof actual === 'string' && actual.startsWith(value as string);
        case 'between': {
          const [low, high] = value as [number, number];
          return (actual as number) >= low && (actual as number) <= high;
        }
        default:
          return false;
      }
    }),
  );
}
