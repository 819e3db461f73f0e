import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { Log } from '../../resolvers/domain/ports';
import { AppSyncError, realtimeErrors, type RealtimeErrorEntry } from './errors';
import type { Caller, Gateway } from './gateway';

export interface ConnectionLimits {
  maxSubscriptions: number;
  /** A subscriber this far behind is disconnected (it reconnects and re-reads). */
  maxBufferedBytes: number;
}

export interface ConnectionRequest {
  /** What the authorizer sees of the upgrade request; the rest of its headers are not kept. */
  headers: Record<string, string>;
  /** The Authorization value the socket was opened with (`header-` subprotocol or `?header=`). */
  authorization: string | undefined;
}

type AuthOutcome = Caller | 'missing' | 'refused' | 'unavailable';
/** A start whose authorisation is under way holds its id (and its place in the limit) until it ends. */
const STARTING = Symbol('starting');

const MAX_ID_LENGTH = 256;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Authorization value of an AppSync auth-header object, in either spelling. */
export function authorizationOf(headers: unknown): string | undefined {
  if (!isObject(headers)) return undefined;
  const value = headers.Authorization ?? headers.authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * One socket of AppSync's real-time protocol: connection_init → connection_ack; start → start_ack → data…;
 * stop → complete. Every frame is checked before use and every failure becomes an `error` frame for that
 * subscription (a store that is down: ServiceUnavailableException), never an exception out of the socket.
 * Subscriptions are counted and registered in the same turn as the frame that asks for them, so the limit
 * and duplicate ids hold under bursts, and every subscription is released when the socket ends.
 */
export class RealtimeConnection {
  readonly id = randomUUID();
  private readonly subscriptions = new Map<string, (() => void) | typeof STARTING>();
  private readonly auth: Promise<AuthOutcome>;
  private initialised = false;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly gateway: Gateway,
    private readonly log: Log,
    private readonly request: ConnectionRequest,
    private readonly limits: ConnectionLimits,
  ) {
    // The connection itself is authorised with the header it was opened with, once.
    this.auth = this.authorize(request.authorization, { requestId: this.id });
  }

  get isInitialised(): boolean {
    return this.initialised;
  }

  /** Subscriptions running or being started on this socket. */
  get size(): number {
    return this.subscriptions.size;
  }

  receive(raw: RawData, isBinary: boolean): void {
    try {
      this.dispatch(raw, isBinary);
    } catch (thrown) {
      this.log.error('realtime frame failed', { connectionId: this.id, error: String(thrown) });
      this.error(undefined, [realtimeErrors.internal]);
    }
  }

  /** The socket has ended: every subscription on it, started or starting, is released. */
  close(): void {
    this.closed = true;
    for (const stop of this.subscriptions.values()) if (stop !== STARTING) stop();
    this.subscriptions.clear();
  }

  private dispatch(raw: RawData, isBinary: boolean): void {
    if (isBinary) return this.error(undefined, [realtimeErrors.binary]);
    let message: unknown;
    try {
      message = JSON.parse(raw.toString());
    } catch {
      return this.error(undefined, [realtimeErrors.notJson]);
    }
    if (!isObject(message)) return this.error(undefined, [realtimeErrors.notJson]);
    const { type, id, payload } = message;
    if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH))
      return this.error(undefined, [realtimeErrors.badId]);
    switch (type) {
      case 'connection_init':
        return this.init();
      case 'start':
        if (!this.initialised) return this.error(id, [realtimeErrors.initFirst]);
        if (id === undefined) return this.error(undefined, [realtimeErrors.missingId]);
        return this.start(id, payload);
      case 'stop':
        if (id === undefined) return this.error(undefined, [realtimeErrors.missingId]);
        return this.stop(id);
      default:
        return this.error(id, [
          realtimeErrors.unsupported(typeof type === 'string' ? type.slice(0, 64) : String(type)),
        ]);
    }
  }

  private init(): void {
    if (this.initialised) return;
    void this.auth.then((caller) => {
      if (this.closed || this.initialised) return;
      if (typeof caller === 'string') {
        const refusal = caller === 'unavailable' ? realtimeErrors.unavailable : realtimeErrors.unauthorized;
        this.send({ type: 'connection_error', payload: { errors: [refusal] } });
        this.ws.close(1000);
        return;
      }
      this.initialised = true;
      this.send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
      this.send(KEEP_ALIVE);
    });
  }

  private start(id: string, payload: unknown): void {
    if (this.subscriptions.has(id)) return this.error(id, [realtimeErrors.duplicate(id)]);
    if (this.subscriptions.size >= this.limits.maxSubscriptions)
      return this.error(id, [realtimeErrors.tooMany(this.limits.maxSubscriptions)]);
    const request = parseStart(payload);
    if ('refusal' in request) return this.error(id, [request.refusal]);
    this.subscriptions.set(id, STARTING);
    const requestId = randomUUID();
    void this.authorize(request.authorization, {
      requestId,
      query: request.query,
      variables: request.variables,
    }).then((caller) => {
      // Stopped while authorising, or the socket is gone: nothing to start, nothing to answer.
      if (this.subscriptions.get(id) !== STARTING || this.closed) return;
      try {
        this.subscribe(id, requestId, caller, request);
      } catch (thrown) {
        this.subscriptions.delete(id);
        const known = thrown instanceof AppSyncError;
        if (!known)
          this.log.error('subscription failed to start', { connectionId: this.id, error: String(thrown) });
        this.error(id, [
          known ? { errorType: thrown.errorType, message: thrown.message } : realtimeErrors.internal,
        ]);
      }
    });
  }

  private subscribe(id: string, requestId: string, caller: AuthOutcome, request: StartRequest): void {
    if (typeof caller === 'string') {
      this.subscriptions.delete(id);
      return this.error(id, [
        caller === 'unavailable' ? realtimeErrors.unavailable : realtimeErrors.unauthorized,
      ]);
    }
    const prepared = this.gateway.prepare(request.query);
    if ('errors' in prepared) {
      this.subscriptions.delete(id);
      return this.error(
        id,
        prepared.errors.map((e) => ({ errorType: 'ValidationError', message: e.message })),
      );
    }
    const prefix = `{"id":${JSON.stringify(id)},"type":"data","payload":`;
    const stop = this.gateway.subscribe(
      prepared.document,
      { caller, requestId, headers: this.request.headers, variables: request.variables },
      (json) => this.send(`${prefix}${json}}`),
      request.operationName,
    );
    this.subscriptions.set(id, stop);
    this.send({ id, type: 'start_ack' });
  }

  private stop(id: string): void {
    const stop = this.subscriptions.get(id);
    if (stop && stop !== STARTING) stop();
    this.subscriptions.delete(id);
    this.send({ id, type: 'complete' });
  }

  /** The authorizer, with a store that fails turned into 'unavailable' for this request only. */
  private async authorize(
    authorization: string | undefined,
    request: { requestId: string; query?: string; variables?: Record<string, unknown> },
  ): Promise<AuthOutcome> {
    try {
      return await this.gateway.authorize(authorization, { ...request, headers: this.request.headers });
    } catch (thrown) {
      this.log.error('realtime authorization failed', { connectionId: this.id, error: String(thrown) });
      return 'unavailable';
    }
  }

  private error(id: string | undefined, errors: readonly RealtimeErrorEntry[]): void {
    this.send({ ...(id === undefined ? {} : { id }), type: 'error', payload: { errors } });
  }

  private send(message: object | string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.warn('realtime subscriber too slow, disconnected', { connectionId: this.id });
      this.ws.terminate();
      return;
    }
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
}

export const CONNECTION_TIMEOUT_MS = 300_000;
export const KEEP_ALIVE = '{"type":"ka"}';

interface StartRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  authorization: string | undefined;
}

/** A start frame's payload: `{data: "<JSON {query, variables, operationName}>", extensions: {authorization}}`. */
function parseStart(payload: unknown): StartRequest | { refusal: RealtimeErrorEntry } {
  if (!isObject(payload) || typeof payload.data !== 'string') return { refusal: realtimeErrors.badData };
  let request: unknown;
  try {
    request = JSON.parse(payload.data);
  } catch {
    return { refusal: realtimeErrors.badData };
  }
  if (!isObject(request)) return { refusal: realtimeErrors.badData };
  if (typeof request.query !== 'string' || request.query.trim() === '')
    return { refusal: realtimeErrors.noQuery };
  if (request.variables !== undefined && request.variables !== null && !isObject(request.variables))
    return { refusal: realtimeErrors.badVariables };
  const extensions = isObject(payload.extensions) ? payload.extensions : {};
  return {
    query: request.query,
    variables: isObject(request.variables) ? request.variables : {},
    operationName: typeof request.operationName === 'string' ? request.operationName : null,
    authorization: authorizationOf(extensions.authorization),
  };
}
