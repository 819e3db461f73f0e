import WebSocket from 'ws';

export type RealtimeMessage = { type: string; id?: string; payload?: any };

/** A raw AppSync real-time client, speaking the protocol message by message, for protocol tests and benches. */
export class RawRealtimeClient {
  readonly messages: RealtimeMessage[] = [];
  private waiters: { match: (m: RealtimeMessage) => boolean; resolve: (m: RealtimeMessage) => void }[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as RealtimeMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(message), false) : true));
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  /** Opens a socket with the connection headers in the `header-` subprotocol (or in `?header=`). */
  static async open(
    baseUrl: string,
    authorization: string | undefined,
    via: 'protocol' | 'query' = 'protocol',
  ): Promise<RawRealtimeClient> {
    const url = new URL('/graphql/realtime', baseUrl.replace(/^http/, 'ws'));
    const header = { ...(authorization ? { Authorization: authorization } : {}), host: url.host };
    const protocols = ['graphql-ws'];
    if (via === 'protocol')
      protocols.push(`header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`);
    else {
      url.searchParams.set('header', Buffer.from(JSON.stringify(header)).toString('base64'));
      url.searchParams.set('payload', 'e30=');
    }
    const ws = new WebSocket(url, protocols);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new RawRealtimeClient(ws);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message from index `since` on that matches, now or within the timeout. */
  next(match: (m: RealtimeMessage) => boolean, timeoutMs = 3000, since = 0): Promise<RealtimeMessage> {
    const seen = this.messages.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `No matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  async init(): Promise<RealtimeMessage> {
    this.send({ type: 'connection_init' });
    return this.next((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  }

  /** Starts a subscription and waits for start_ack or error. */
  async start(
    id: string,
    query: string,
    variables: Record<string, unknown>,
    authorization: string,
  ): Promise<RealtimeMessage> {
    const since = this.messages.length;
    this.send({
      id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query, variables }),
        extensions: { authorization: { Authorization: authorization, host: 'localhost' } },
      },
    });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'), 3000, since);
  }

  dataFor(id: string): RealtimeMessage[] {
    return this.messages.filter((m) => m.id === id && m.type === 'data');
  }

  close(): void {
    this.ws.close();
  }
}

export const ON_QUEUE_EVENT = `subscription OnQueueEvent($queueId: ID!) {
  onQueueEvent(queueId: $queueId) { queueId version kind ticketNumber waitingCount nowServing fromPosition toPosition at }
}`;
