import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Log } from '../../resolvers/domain/ports';
import { AppSyncError } from './errors';
import type { Caller, Gateway } from './gateway';
import { headersOf } from './http';

export interface RealtimeOptions {
  /** How often `ka` is sent; aws-amplify flags a connection after 65 s of silence. */
  keepAliveMs?: number;
  maxSubscriptionsPerConnection?: number;
  /** Larger client frames close the socket (1009). */
  maxPayloadBytes?: number;
  /** A socket that sends no connection_init by then is closed. */
  initTimeoutMs?: number;
  /** A subscriber this far behind is disconnected (it reconnects and re-reads). */
  maxBufferedBytes?: number;
}

const PATH = '/graphql/realtime';
const CONNECTION_TIMEOUT_MS = 300_000;
const KA = '{"type":"ka"}';

type Message = { type?: unknown; id?: unknown; payload?: unknown };
type ErrorEntry = { errorType: string; message: string; errorCode?: number };

/** The connection's auth headers: `header-<base64url JSON>` subprotocol (aws-amplify v6) or `?header=` (older clients). */
export function connectionHeaders(req: IncomingMessage): Record<string, string> | undefined {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const fromProtocol = offered.find((p) => p.startsWith('header-'))?.slice('header-'.length);
  const fromQuery = new URL(req.url ?? '/', 'http://local').searchParams.get('header') ?? undefined;
  const encoded = fromProtocol ?? fromQuery;
  if (!encoded) return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(encoded, fromProtocol ? 'base64url' : 'base64').toString('utf8'),
    ) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

const authorizationOf = (headers: Record<string, unknown> | undefined) =>
  typeof headers?.Authorization === 'string'
    ? headers.Authorization
    : typeof headers?.authorization === 'string'
      ? headers.authorization
      : undefined;

/**
 * AppSync's real-time protocol at /graphql/realtime (see ../shared/notes/stack.md): `graphql-ws` subprotocol,
 * connection_init → connection_ack → `ka` keep-alives; start → start_ack → data…; stop → complete. Each
 * subscription is authorised on its own and refused with a per-subscription `error`, never by closing a socket
 * that carries others.
 */
export function attachRealtime(server: Server, gateway: Gateway, log: Log, options: RealtimeOptions = {}) {
  const keepAliveMs = options.keepAliveMs ?? 60_000;
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? 200;
  const maxBuffered = options.maxBufferedBytes ?? 16 * 1024 * 1024;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? 128 * 1024,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const offered = String(req.headers['sec-websocket-protocol'] ?? '');
    if (path !== PATH || !offered.split(',').some((p) => p.trim() === 'graphql-ws')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // One timer sends every initialised socket its keep-alive, rather than a timer per socket.
  const initialised = new WeakSet<WebSocket>();
  const keepAlive = setInterval(() => {
    for (const client of wss.clients)
      if (initialised.has(client) && client.readyState === client.OPEN) client.send(KA);
  }, keepAliveMs);
  keepAlive.unref();

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const connectionId = randomUUID();
    // What the authorizer sees of the request; the rest of the headers are not kept for the socket's life.
    const { host = '', origin = '', 'user-agent': userAgent = '' } = headersOf(req);
    const requestHeaders = { host, origin, 'user-agent': userAgent };
    const connectionAuth = connectionHeaders(req);
    const subscriptions = new Map<string, () => void>();
    const send = (message: object | string) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) {
        log.warn('realtime subscriber too slow, disconnected', { connectionId });
        ws.terminate();
        return;
      }
      ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    };
    const error = (id: string | undefined, errors: ErrorEntry[]) =>
      send({ ...(id ? { id } : {}), type: 'error', payload: { errors } });
    const initTimer = setTimeout(() => {
      if (!initialised.has(ws)) ws.close(1000, 'connection_init not received');
    }, options.initTimeoutMs ?? 15_000);

    // The connection itself is authorised with the header it was opened with.
    const connectionCaller: Promise<Caller | 'missing' | 'refused'> = gateway.authorize(
      authorizationOf(connectionAuth),
      {
        requestId: connectionId,
        headers: requestHeaders,
      },
    );

    const start = async (
      id: string,
      payload: { data?: unknown; extensions?: { authorization?: Record<string, string> } },
    ) => {
      if (subscriptions.has(id))
        return error(id, [
          { errorType: 'DuplicateSubscription', message: `A subscription with id ${id} is already running.` },
        ]);
      if (subscriptions.size >= maxSubscriptions)
        return error(id, [
          {
            errorType: 'LimitExceededError',
            message: `At most ${maxSubscriptions} subscriptions per connection.`,
          },
        ]);
      let request: { query?: unknown; variables?: unknown; operationName?: unknown };
      try {
        request = JSON.parse(String(payload?.data));
      } catch {
        return error(id, [
          {
            errorType: 'MalformedMessage',
            message: 'payload.data must be a JSON string of {query, variables}.',
          },
        ]);
      }
      if (typeof request?.query !== 'string')
        return error(id, [{ errorType: 'MalformedMessage', message: 'payload.data has no query.' }]);
      const variables =
        request.variables && typeof request.variables === 'object'
          ? (request.variables as Record<string, unknown>)
          : {};
      const requestId = randomUUID();
      const caller = await gateway.authorize(authorizationOf(payload?.extensions?.authorization), {
        requestId,
        headers: requestHeaders,
        query: request.query,
        variables,
      });
      if (caller === 'missing' || caller === 'refused')
        return error(id, [
          {
            errorType: 'UnauthorizedException',
            message: 'You are not authorized to make this call.',
            errorCode: 401,
          },
        ]);
      const prepared = gateway.prepare(request.query);
      if ('errors' in prepared)
        return error(
          id,
          prepared.errors.map((e) => ({ errorType: 'ValidationError', message: e.message })),
        );
      const prefix = `{"id":${JSON.stringify(id)},"type":"data","payload":`;
      try {
        const operationName = typeof request.operationName === 'string' ? request.operationName : null;
        const stop = gateway.subscribe(
          prepared.document,
          { caller, requestId, headers: requestHeaders, variables },
          (json) => send(`${prefix}${json}}`),
          operationName,
        );
        if (ws.readyState !== ws.OPEN) return stop();
        subscriptions.set(id, stop);
        send({ id, type: 'start_ack' });
      } catch (thrown) {
        const e =
          thrown instanceof AppSyncError
            ? thrown
            : new AppSyncError('The subscription could not be started.', 'InternalFailure');
        if (!(thrown instanceof AppSyncError))
          log.error('subscription failed to start', { connectionId, error: String(thrown) });
        error(id, [{ errorType: e.errorType, message: e.message }]);
      }
    };

    ws.on('message', (raw: RawData) => {
      let message: Message;
      try {
        message = JSON.parse(raw.toString('utf8')) as Message;
      } catch {
        return error(undefined, [{ errorType: 'MalformedMessage', message: 'Messages must be JSON.' }]);
      }
      const id =
        typeof message.id === 'string' && message.id.length > 0 && message.id.length <= 256
          ? message.id
          : undefined;
      switch (message.type) {
        case 'connection_init':
          if (initialised.has(ws)) return;
          void connectionCaller.then((caller) => {
            if (caller === 'missing' || caller === 'refused') {
              send({
                type: 'connection_error',
                payload: {
                  errors: [
                    {
                      errorType: 'UnauthorizedException',
                      errorCode: 401,
                      message: 'You are not authorized to make this call.',
                    },
                  ],
                },
              });
              ws.close(1000);
              return;
            }
            initialised.add(ws);
            clearTimeout(initTimer);
            send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
            send(KA);
          });
          return;
        case 'start':
          if (!initialised.has(ws))
            return error(id, [{ errorType: 'UnsupportedOperation', message: 'Send connection_init first.' }]);
          if (!id)
            return error(undefined, [{ errorType: 'MalformedMessage', message: 'start needs an id.' }]);
          void start(id, (message.payload ?? {}) as Parameters<typeof start>[1]);
          return;
        case 'stop': {
          if (!id) return error(undefined, [{ errorType: 'MalformedMessage', message: 'stop needs an id.' }]);
          subscriptions.get(id)?.();
          subscriptions.delete(id);
          send({ id, type: 'complete' });
          return;
        }
        default:
          return error(id, [
            {
              errorType: 'UnsupportedOperation',
              message: `${String(message.type)} is not supported through the realtime channel.`,
            },
          ]);
      }
    });

    ws.on('close', () => {
      clearTimeout(initTimer);
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
    });
    ws.on('error', (e) => log.warn('realtime socket error', { connectionId, error: e.message }));
  });

  return {
    /** Closes every socket (going away) and stops accepting new ones. */
    close(): Promise<void> {
      clearInterval(keepAlive);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      return new Promise((resolve) => wss.close(() => resolve()));
    },
    connections: () => wss.clients.size,
  };
}
