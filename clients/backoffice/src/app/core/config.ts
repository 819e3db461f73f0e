import { Amplify } from 'aws-amplify';

/** Served by the local server at /runtime-config.json (and generated from stack outputs in AWS). */
export interface RuntimeConfig {
  graphqlEndpoint: string;
  region: string;
  publicUrl: string;
}

/**
 * aws-amplify always opens wss:// for a non-AppSync endpoint; for a plain-http endpoint (development only) the
 * dev wrapper maps wss://host back to ws://host.
 */
function installDevWebSocket(endpoint: URL): void {
  const Native = window.WebSocket;
  class DevWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const target = new URL(url);
      if (target.protocol === 'wss:' && target.host === endpoint.host) target.protocol = 'ws:';
      super(target, protocols);
    }
  }
  window.WebSocket = DevWebSocket;
}

export async function configure(): Promise<RuntimeConfig> {
  const response = await fetch('/runtime-config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`runtime-config.json: HTTP ${response.status}`);
  const config = (await response.json()) as RuntimeConfig;
  const endpoint = new URL(config.graphqlEndpoint, window.location.href);
  if (endpoint.protocol === 'http:') installDevWebSocket(endpoint);
  Amplify.configure({
    API: {
      GraphQL: { endpoint: endpoint.toString(), region: config.region, defaultAuthMode: 'lambda' },
    },
  });
  return config;
}
