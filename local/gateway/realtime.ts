import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Log } from '../../resolvers/domain/ports';
import { API_LIMITS } from '../../schema/limits';
import type { Gateway } from './gateway';
import { headersOf } from './http';
import { authorizationOf, KEEP_ALIVE, RealtimeConnection } from './realtime-connection';

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

/**
 * AppSync's real-time protocol at /graphql/realtime: `graphql-ws` subprotocol, connection_init →
 * connection_ack → `ka` keep-alives; start → start_ack → data…; stop → complete (one RealtimeConnection per
 * socket). Each subscription is authorised on its own and refused with a per-subscription `error`, never by
 * closing a socket that carries others.
 */
export function attachRealtime(server: Server, gateway: Gateway, log: Log, options: RealtimeOptions = {}) {
  const keepAliveMs = options.keepAliveMs ?? 60_000;
  const limits = {
    maxSubscriptions: options.maxSubscriptionsPerConnection ?? 200,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
  };
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? API_LIMITS.maxRealtimeFrameBytes,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });
  const connections = new Map<WebSocket, RealtimeConnection>();

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
  const keepAlive = setInterval(() => {
    for (const [ws, connection] of connections)
      if (connection.isInitialised && ws.readyState === ws.OPEN) ws.send(KEEP_ALIVE);
  }, keepAliveMs);
  keepAlive.unref();

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const { host = '', origin = '', 'user-agent': userAgent = '' } = headersOf(req);
    const connection = new RealtimeConnection(
      ws,
      gateway,
      log,
      {
        headers: { host, origin, 'user-agent': userAgent },
        authorization: authorizationOf(connectionHeaders(req)),
      },
      limits,
    );
    connections.set(ws, connection);
    const initTimer = setTimeout(() => {
      if (!connection.isInitialised) ws.close(1000, 'connection_init not received');
    }, options.initTimeoutMs ?? 15_000);
    ws.on('message', (raw: RawData, isBinary: boolean) => connection.receive(raw, isBinary));
    ws.on('close', () => {
      clearTimeout(initTimer);
      connection.close();
      connections.delete(ws);
    });
    ws.on('error', (e) =>
      log.warn('realtime socket error', { connectionId: connection.id, error: e.message }),
    );
  });

  return {
    /**
     * Asks every client to reconnect (1012, service restart): their subscriptions may have missed events, and
     * clients re-read what they show after every reconnect.
     */
    resync(): void {
      for (const client of wss.clients) client.close(1012, 'events may have been missed: reconnect');
    },
    /** Closes every socket (going away) and stops accepting new ones. */
    close(): Promise<void> {
      clearInterval(keepAlive);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      return new Promise((resolve) => wss.close(() => resolve()));
    },
    connections: () => wss.clients.size,
    /** Subscriptions held by open sockets (started or starting): /health compares it with the hub. */
    subscriptions: () => [...connections.values()].reduce((n, c) => n + c.size, 0),
  };
}
