import WebSocketImpl from 'ws';

/**
 * aws-amplify v6 always opens `wss://` for a non-AppSync endpoint, even for http://localhost. A browser or Node
 * talking to the plain-http local server needs this dev-only wrapper, which maps wss://localhost to ws://.
 * (The clients ship the same idea for the browser; never for a deployed build.)
 */
export class DevWebSocket extends WebSocketImpl {
  constructor(url: string | URL, protocols?: string | string[]) {
    const target = new URL(url);
    if (target.protocol === 'wss:' && ['localhost', '127.0.0.1'].includes(target.hostname))
      target.protocol = 'ws:';
    super(target, protocols);
  }
}
