import { getOperationAST, type ExecutionResult } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '../../resolvers/domain/ports';
import { API_LIMITS, RATE_LIMITED_BODY } from '../../schema/limits';
import { AppSyncError, formatError, httpErrors } from './errors';
import type { Caller, Gateway, RequestContext } from './gateway';
import type { RateLimiter } from './rate-limits';

const MAX_BODY_BYTES = API_LIMITS.maxBodyBytes;
/** After a 413, this much more of the body is read and dropped before the connection is cut. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

export function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** What POST /graphql needs from the server it runs in. */
export interface GraphqlHttp {
  gateway: Gateway;
  log: Log;
  /** Open playground (Server-Sent Events) subscriptions. */
  streams: Set<ServerResponse>;
  /** The API's WAF rate-based rules; absent when the operator turned them off (benchmarks). */
  rateLimiter: RateLimiter | undefined;
  /**
   * AppSync's IAM mode: checks a SigV4-signed request (signature, and the caller's policy for what it asks).
   * Absent, every signed request is refused: only the AWS rehearsal issues credentials.
   */
  iam?: (request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: Buffer;
  }) => Promise<Caller | 'refused'>;
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  sendRaw(res, status, JSON.stringify(body), requestId);
}

function sendRaw(res: ServerResponse, status: number, json: string, requestId: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(json),
    'x-amzn-requestid': requestId,
    ...CORS,
  });
  res.end(json);
}

/** Like AppSync: any origin may call; credentials travel in the Authorization header, never in cookies. */
export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, x-amz-date, x-amz-user-agent, x-api-key',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '86400',
};

/**
 * The body, or 'too-large' past AppSync's limit. A declared length over the limit is refused before reading;
 * an undeclared one is read up to the limit and the rest is discarded (bounded), so the 413 answer reaches the
 * client instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const discard = () => {
      let drained = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > MAX_DRAIN_BYTES) req.destroy();
      });
      resolve('too-large');
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return discard();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) discard();
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The playground's subscriptions: GraphiQL sends them as GET with the request in the query string (`query`,
 * `variables` as JSON, `operationName`; `extensions` is not read, as in a POST body), like GraphQL over HTTP.
 * Read as the same JSON body a POST carries, bounded like one.
 */
function requestFromQueryString(url: string): Buffer | 'too-large' {
  if (url.length > MAX_BODY_BYTES) return 'too-large';
  const params = new URL(url, 'http://local').searchParams;
  const json = (name: string) => {
    const raw = params.get(name);
    if (raw === null || raw === '') return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw; // left for the usual checks to refuse
    }
  };
  return Buffer.from(
    JSON.stringify({
      query: params.get('query') ?? undefined,
      variables: json('variables'),
      operationName: params.get('operationName') ?? undefined,
    }),
  );
}

function httpError(
  res: ServerResponse,
  requestId: string,
  error: (typeof httpErrors)[keyof typeof httpErrors],
): void {
  send(res, error.status, { errors: [{ errorType: error.errorType, message: error.message }] }, requestId);
}

const result = (r: ExecutionResult) => ({
  data: r.data ?? null,
  ...(r.errors?.length ? { errors: r.errors.map(formatError) } : {}),
});

/**
 * POST /graphql as AppSync answers it: 401 UnauthorizedException before anything else, 400 for a body that is
 * not a GraphQL request, 200 for everything GraphQL (validation and resolver errors in `errors[]`).
 */
export async function handleGraphqlHttp(
  { gateway, log, streams, rateLimiter, iam }: GraphqlHttp,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const started = performance.now();
  const headers = headersOf(req);
  const body = req.method === 'GET' ? requestFromQueryString(req.url ?? '') : await readBody(req);
  if (body === 'too-large') {
    res.setHeader('connection', 'close');
    return httpError(res, requestId, httpErrors.tooLarge);
  }
  // As AWS WAF in front of AppSync: before authorisation, on the body as sent.
  if (rateLimiter?.blocks(req.socket.remoteAddress ?? '', body)) {
    log.warn('rate limited', { requestId });
    return sendRaw(res, 429, RATE_LIMITED_BODY, requestId);
  }
  let request: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (body.length > 0) {
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      request = undefined;
    }
  }
  let caller: Awaited<ReturnType<Gateway['authorize']>>;
  try {
    caller = headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')
      ? iam
        ? await iam({ method: req.method ?? 'POST', url: req.url ?? '/', headers, body })
        : 'refused'
      : await gateway.authorize(headers.authorization, {
          requestId,
          headers,
          ...(typeof request?.query === 'string' ? { query: request.query } : {}),
        });
  } catch (thrown) {
    // The authorizer's store is down: this request fails, retryably; the process goes on.
    log.error('authorization failed', { requestId, error: String(thrown) });
    return httpError(res, requestId, httpErrors.unavailable);
  }
  if (caller === 'missing') return httpError(res, requestId, httpErrors.missingAuth);
  if (caller === 'refused') return httpError(res, requestId, httpErrors.refused);
  if (body.length === 0) return httpError(res, requestId, httpErrors.emptyBody);
  if (
    !request ||
    typeof request !== 'object' ||
    typeof request.query !== 'string' ||
    request.query.trim() === ''
  )
    return httpError(res, requestId, httpErrors.unparsable);
  const variables =
    request.variables && typeof request.variables === 'object'
      ? (request.variables as Record<string, unknown>)
      : {};
  const operationName = typeof request.operationName === 'string' ? request.operationName : null;
  const prepared = gateway.prepare(request.query);
  if ('errors' in prepared)
    return send(res, 200, { data: null, errors: prepared.errors.map(formatError) }, requestId);
  const context: RequestContext = { caller, requestId, headers, variables };
  const operation = getOperationAST(prepared.document, operationName ?? undefined);
  if (operation?.operation === 'subscription') {
    if ((headers.accept ?? '').includes('text/event-stream'))
      return streamSubscription(gateway, context, prepared.document, operationName, res, streams);
    return send(
      res,
      200,
      {
        data: null,
        errors: [
          {
            path: null,
            locations: null,
            errorType: 'UnsupportedOperation',
            message: 'Subscriptions are served over the real-time WebSocket at /graphql/realtime.',
          },
        ],
      },
      requestId,
    );
  }
  const executed = await gateway.execute(prepared.document, context, operationName);
  send(res, 200, result(executed), requestId);
  log.info('graphql request', {
    requestId,
    operationName,
    operation: operation?.operation,
    errors: executed.errors?.length ?? 0,
    durationMs: Math.round(performance.now() - started),
  });
}

/**
 * Playground only (AppSync has no such transport): a subscription as Server-Sent Events, for GraphiQL. The
 * stream is in `streams` while it is open and is released however it ends (client abort, error, server close).
 */
function streamSubscription(
  gateway: Gateway,
  context: RequestContext,
  document: Parameters<Gateway['subscribe']>[0],
  operationName: string | null,
  res: ServerResponse,
  streams: Set<ServerResponse>,
): void {
  let unsubscribe: () => void;
  try {
    unsubscribe = gateway.subscribe(
      document,
      context,
      (json) => {
        if (!res.writableEnded) res.write(`event: next\ndata: ${json}\n\n`);
      },
      operationName,
    );
  } catch (error) {
    const e =
      error instanceof AppSyncError ? error : new AppSyncError('Subscription failed.', 'InternalFailure');
    return send(
      res,
      200,
      { data: null, errors: [{ errorType: e.errorType, message: e.message }] },
      context.requestId,
    );
  }
  streams.add(res);
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...CORS,
  });
  res.write(': subscribed\n\n');
  const keepAlive = setInterval(() => res.write(': ka\n\n'), 15_000);
  // The response's 'close' fires however the stream ends; the request's fires as soon as its body is read.
  res.once('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
    streams.delete(res);
  });
}
