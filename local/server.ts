import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QueueEvent } from '../resolvers/domain/model';
import type { Log } from '../resolvers/domain/ports';
import { createAuthorizerHandler } from '../resolvers/handlers/authorizer';
import { authorizerDeps } from '../resolvers/handlers/composition';
import { createResolverHandler } from '../resolvers/handlers/resolver';
import { devMailExposure, isLoopback, localLog, type LocalConfig } from './config';
import { openLocalSystem, StartupError, type LocalSystem } from './embedded';
import { InProcessFanOut, RedisFanOut, type FanOut } from './gateway/fanout';
import { Gateway, type Lambdas } from './gateway/gateway';
import { CORS, handleGraphqlHttp, type GraphqlHttp } from './gateway/http';
import { RateLimiter } from './gateway/rate-limits';
import { attachRealtime } from './gateway/realtime';
import { devSmsFailing, devSmsInbound, redriveDevMail, serveDevMail, serveDevSms } from './dev-messages';
import { clientApps, serveLanding, servePlayground } from './pages';

export interface LocalServer {
  url: string;
  system: LocalSystem;
  gateway: Gateway;
  log: Log;
  /** The real-time front end: its sockets, and `resync()` to ask every client to reconnect and re-read. */
  realtime: { connections(): number; resync(): void };
  /** Whether /dev/mail is served here, and why not or with what warning. */
  devMail: ReturnType<typeof devMailExposure>;
  close(): Promise<void>;
}

/** Listens first (a taken port fails before any store opens), then opens the stores and wires the gateway. */
export async function startLocalServer(
  config: LocalConfig,
  log: Log = localLog(config),
): Promise<LocalServer> {
  // Requests that arrive while the stores open get a 503; `ready` is filled in once everything is wired.
  const ready: { handle?: (req: IncomingMessage, res: ServerResponse) => void; gateway?: Gateway } = {};
  const server = createServer((req, res) => {
    if (ready.handle) return ready.handle(req, res);
    res.writeHead(503, { 'retry-after': '1' }).end('starting');
  });
  server.keepAliveTimeout = 65_000;
  server.listen(config.port, config.host);
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartupError(
        `Port ${config.port} on ${config.host} is already in use. Stop the other process or set PORT.`,
      );
    if (code === 'EACCES')
      throw new StartupError(
        `Port ${config.port} on ${config.host} needs privileges. Set PORT to 1024 or above.`,
      );
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = config.publicUrl ?? `http://localhost:${port}`;

  // The stores publish through the gateway, which needs the stores: the publisher is bound late.
  const events = { publish: (event: QueueEvent) => ready.gateway!.publish(event) };
  let system: LocalSystem;
  let fanOut: FanOut;
  try {
    system = await openLocalSystem({ ...config, publicUrl: url }, events, log);
    fanOut = config.redisUrl
      ? await RedisFanOut.connect(config.redisUrl, `${config.redisPrefix}appsync:triggers`)
      : new InProcessFanOut();
  } catch (error) {
    server.close();
    throw error;
  }
  const deps = system.deps;
  const gateway = await Gateway.create(
    {
      resolver: createResolverHandler(async () => deps) as Lambdas['resolver'],
      authorizer: createAuthorizerHandler(async () =>
        authorizerDeps({ queues: deps.queues, sessionKey: deps.sessionKey, log }),
      ) as never,
    },
    fanOut,
  );
  ready.gateway = gateway;
  const realtime = attachRealtime(
    server,
    gateway,
    log,
    config.keepAliveMs ? { keepAliveMs: config.keepAliveMs } : {},
  );
  /** Open playground (Server-Sent Events) subscriptions. */
  const streams = new Set<ServerResponse>();
  fanOut.onResync(() => {
    log.warn('real-time events between instances resumed: clients asked to reconnect and re-read', {
      sockets: realtime.connections(),
      playground: streams.size,
    });
    realtime.resync();
    for (const stream of streams) stream.end();
  });
  const devMail = devMailExposure(config);
  if (devMail.warning) log.warn('dev mail exposed', { warning: devMail.warning });
  // SMS of the embedded mode always lands in the dev outbox, SMTP or not: the same loopback rule otherwise.
  const devSms = devMailExposure({ ...config, smtp: undefined });
  /** Proves a redrive form came from this start's /dev/mail page. */
  const devMailToken = randomBytes(24).toString('base64url');
  const apps = clientApps();
  const graphqlHttp: GraphqlHttp = {
    gateway,
    log,
    streams,
    rateLimiter: config.rateLimits ? new RateLimiter() : undefined,
  };
  const runtimeConfig = JSON.stringify({
    graphqlEndpoint: `${url}/graphql`,
    realtimeEndpoint: `${url.replace(/^http/, 'ws')}/graphql/realtime`,
    region: 'local',
    authMode: 'lambda',
    publicUrl: url,
  });

  ready.handle = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const fail = (error: unknown) => {
      log.error('request failed', { path, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
    };
    if (serveApi(path, req, res, graphqlHttp, fail)) return;
    if (path === '/runtime-config.json')
      return void res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' })
        .end(runtimeConfig);
    if (path === '/health') {
      // Anyone may ask whether it is up; process details and counts only from this machine.
      const { rss, heapUsed } = process.memoryUsage();
      const health = isLoopback(req.socket.remoteAddress)
        ? {
            ok: true,
            pid: process.pid,
            rss,
            heapUsed,
            sockets: realtime.connections(),
            subscriptions: {
              hub: gateway.hub.size,
              realtime: realtime.subscriptions(),
              playground: streams.size,
            },
            preparedDocuments: gateway.preparedDocuments,
            publishes: gateway.publishes,
          }
        : { ok: true };
      return void res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify(health));
    }
    if (devMail.served && path === '/dev/mail' && req.method === 'GET')
      return void serveDevMail(res, system.outbox, system.messageQueue, devMailToken).catch(fail);
    if (devMail.served && path === '/dev/mail/redrive' && req.method === 'POST')
      return void redriveDevMail(req, res, system.messageQueue, devMailToken).catch(fail);
    if (devSms.served && path === '/dev/sms' && req.method === 'GET')
      return void serveDevSms(res, system.smsOutbox, devMailToken).catch(fail);
    if (devSms.served && path === '/dev/sms/failing' && req.method === 'POST')
      return void devSmsFailing(req, res, system.smsOutbox, devMailToken).catch(fail);
    if (devSms.served && path === '/dev/sms/inbound' && req.method === 'POST')
      return void devSmsInbound(req, res, system.deps, devMailToken).catch(fail);
    if (path === '/dev' || path.startsWith('/dev/')) return void res.writeHead(404).end('Not found');
    if (path === '/backoffice' || path.startsWith('/backoffice/')) {
      if (!apps.backoffice) return serveLanding(res, 'The backoffice (clients/backoffice)');
      req.url = req.url!.replace(/^\/backoffice/, '') || '/';
      return apps.backoffice(req, res, () => res.writeHead(404).end());
    }
    if (!apps.react)
      return path === '/'
        ? serveLanding(res, 'The client app (clients/react)')
        : void res.writeHead(404).end('Not found');
    return apps.react(req, res, () => res.writeHead(404).end());
  };

  let closing: Promise<void> | undefined;
  return {
    url,
    system,
    gateway,
    log,
    realtime,
    devMail,
    close: () =>
      (closing ??= (async () => {
        server.close();
        server.closeIdleConnections();
        for (const stream of streams) stream.end();
        await realtime.close();
        await fanOut.close();
        await system.close();
        server.closeAllConnections();
      })()),
  };
}

/** `/graphql` (POST; OPTIONS; GET: the playground; others 405) and `/playground`: true when it was one of them. */
export function serveApi(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  graphqlHttp: GraphqlHttp,
  fail: (error: unknown) => void,
): boolean {
  if (path === '/graphql' && req.method === 'POST') void handleGraphqlHttp(graphqlHttp, req, res).catch(fail);
  else if (path === '/graphql' && req.method === 'OPTIONS') res.writeHead(204, CORS).end();
  else if (
    path === '/graphql' &&
    req.method === 'GET' &&
    (req.headers.accept ?? '').includes('text/event-stream')
  )
    void handleGraphqlHttp(graphqlHttp, req, res).catch(fail);
  else if ((path === '/graphql' || path === '/playground') && req.method === 'GET') servePlayground(res);
  else if (path === '/graphql') methodNotAllowed(res);
  else return false;
  return true;
}

function methodNotAllowed(res: ServerResponse): void {
  const body = JSON.stringify({
    errors: [{ errorType: 'MethodNotAllowedException', message: 'Use POST (or OPTIONS) on /graphql.' }],
  });
  res.writeHead(405, { allow: 'GET, POST, OPTIONS', 'content-type': 'application/json', ...CORS }).end(body);
}
