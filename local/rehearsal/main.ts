/**
 * `npm run start:aws`: rehearses the AWS deployment on this machine, without an account. The CDK app is
 * synthesized, and the API is served from the cloud assembly: AppSync's stand-in (the local gateway) wired from
 * the template's schema, resolvers and authorizer; every function run from its own bundle with the environment
 * the template gives it; moto, MariaDB and Redis over TLS, and an SMTP server standing in for AWS. See README.
 */
import { getOperationAST, type DocumentNode } from 'graphql';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopback, localLog } from '../config';
import { InProcessFanOut } from '../gateway/fanout';
import { Gateway, type Caller } from '../gateway/gateway';
import type { GraphqlHttp } from '../gateway/http';
import { RateLimiter } from '../gateway/rate-limits';
import { attachRealtime } from '../gateway/realtime';
import { serveDevMail } from '../dev-messages';
import { escape, html, page } from '../pages';
import { serveApi } from '../server';
import { guardProcess, stopOnSignals } from '../process-guard';
import type { Use } from './least-privilege';
import { ACCOUNT_ID, openRehearsal, REGION } from './rehearsal';
import { verifySigV4 } from './sigv4';
import { webFromAssembly } from './web';

function topLevelFields(document: DocumentNode): [string, string][] {
  const operation = getOperationAST(document);
  if (!operation) return [];
  const type = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[operation.operation];
  return operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [[type, s.name.value]] : []));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 8192) throw new Error('Too large.');
  }
  const parsed: unknown = JSON.parse(body);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = localLog({
    logLevel: process.env.LOG_LEVEL ?? 'WARN',
    logFormat: process.env.LOG_FORMAT === 'json' ? 'json' : 'text',
  });
  guardProcess(log);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createServer();
  server.listen(Number(process.env.PORT ?? 4100), host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  // Requests that arrive while the stack comes up get a 503; `handle` is set once everything is wired.
  const ready: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    ready.handle ? ready.handle(req, res) : res.writeHead(503, { 'retry-after': '1' }).end('starting'),
  );
  process.stdout.write(`Rehearsing the AWS stack: synthesizing the CDK app and starting its stand-ins…\n`);

  const visibility = process.env.REHEARSAL_VISIBILITY_TIMEOUT;
  const grace = process.env.REHEARSAL_ACCOUNT_DELETION_GRACE_SECONDS;
  const stack = await openRehearsal({
    url,
    log,
    ...(visibility ? { visibilityTimeoutSeconds: Number(visibility) } : {}),
    ...(grace ? { accountDeletionGraceSeconds: Number(grace) } : {}),
    ...(process.env.REHEARSAL_DIR ? { workDir: process.env.REHEARSAL_DIR } : {}),
  });
  const fanOut = new InProcessFanOut();
  const gateway = await Gateway.create(stack.lambdas, fanOut, stack.wiring);
  const apiArn = stack.values.getAtt(stack.assembly.api().logicalId, 'Arn');
  /** appsync:GraphQL calls, per function (moto records the other AWS calls). */
  const appsyncUses = new Map<string, Use[]>();
  const iam = async (
    request: Parameters<NonNullable<GraphqlHttp['iam']>>[0],
  ): Promise<Caller | 'refused'> => {
    const verdict = await verifySigV4(request, { region: REGION, service: 'appsync' }, stack.keys);
    if ('refused' in verdict) {
      log.warn('IAM request refused', { reason: verdict.refused });
      return 'refused';
    }
    const fn = verdict.owner;
    let query: unknown;
    try {
      query = (JSON.parse(request.body.toString('utf8')) as { query?: unknown }).query;
    } catch {
      query = undefined;
    }
    const prepared = typeof query === 'string' ? gateway.prepare(query) : undefined;
    for (const [type, field] of prepared && 'document' in prepared ? topLevelFields(prepared.document) : []) {
      const use = { action: 'appsync:GraphQL', resource: `${apiArn}/types/${type}/fields/${field}` };
      appsyncUses.set(fn.logicalId, [...(appsyncUses.get(fn.logicalId) ?? []), use]);
      if (!stack.policies.allows(fn.logicalId, use)) {
        log.warn('IAM request refused by the role policy', {
          function: fn.logicalId,
          resource: use.resource,
        });
        return 'refused';
      }
    }
    return {
      authMode: 'AWS_IAM',
      identity: {
        accountId: ACCOUNT_ID,
        userArn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${fn.roleLogicalId}/${fn.logicalId}`,
      },
    };
  };
  const streams = new Set<ServerResponse>();
  const graphqlHttp: GraphqlHttp = { gateway, log, streams, rateLimiter: new RateLimiter(), iam };
  const realtime = attachRealtime(server, gateway, log);
  const web = webFromAssembly(stack.assembly.webDeployments(), stack.values);
  const devMailToken = randomBytes(24).toString('base64url');
  const deadLetters = stack.assembly
    .ofType('AWS::SQS::Queue')
    .filter(([id]) => !stack.assembly.resources[id]!.Properties?.RedrivePolicy)
    .map(([id]) => id);

  ready.handle = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const local = isLoopback(req.socket.remoteAddress);
    const fail = (error: unknown) => {
      log.error('request failed', { path, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
    };
    if (serveApi(path, req, res, graphqlHttp, fail)) return;
    if (path === '/health')
      return void res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(
        JSON.stringify({
          ok: true,
          ...(local
            ? {
                publishes: gateway.publishes,
                sockets: realtime.connections(),
                subscriptions: gateway.hub.size,
              }
            : {}),
        }),
      );
    if (local && path === '/dev/mail' && req.method === 'GET')
      return void serveDevMail(
        res,
        stack.mail.outbox,
        {
          elsewhere: `In the SQS dead-letter queue ${deadLetters.join(', ')} (moto at ${stack.describe.moto}).`,
        },
        devMailToken,
        '<p>Mail the mail consumer sent through SMTP in the AWS rehearsal.</p>',
      ).catch(fail);
    if (local && path === '/dev/sms' && req.method === 'GET')
      return void stack.sms.sent().then((sent) => {
        const body = [
          '<h1>Dev SMS</h1>',
          `<p>Texts the message consumer published through SNS in the AWS rehearsal (moto at ${escape(stack.describe.moto ?? '')}). Replies: <code>POST /dev/sms/inbound</code> with JSON <code>{"from", "body"}</code> reach the two-way topic's function.</p>`,
          `<h2>Sent (${sent.length})</h2>`,
          ...sent
            .reverse()
            .map(
              (m) =>
                `<article><strong>${escape(m.to)}</strong> · ${escape(m.attributes['AWS.SNS.SMS.SMSType'] ?? '')}<pre>${escape(m.body)}</pre></article>`,
            ),
        ].join('\n');
        html(res, 200, page('Dev SMS — Queue Manager (AWS rehearsal)', body));
      }, fail);
    if (local && path === '/dev/sms/inbound' && req.method === 'POST') {
      if ((req.headers['content-type'] ?? '').split(';')[0]!.trim() !== 'application/json')
        return void res.writeHead(415, { 'content-type': 'text/plain' }).end('JSON only');
      return void readJson(req)
        .then((reply) =>
          stack.sms.reply({
            from: String(reply.from ?? ''),
            body: String(reply.body ?? ''),
            ...(typeof reply.id === 'string' ? { id: reply.id } : {}),
          }),
        )
        .then(
          (answer) =>
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ invoked: true, answer: answer ?? null })),
          fail,
        );
    }
    if (local && path === '/rehearsal/privileges')
      return void stack
        .privileges(appsyncUses)
        .then(
          (report) =>
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(report, null, 2)),
          fail,
        );
    // Lambda's REPORT figures by operation (the cost benchmark reads them; DELETE starts afresh).
    if (local && path === '/rehearsal/lambda-durations') {
      if (req.method === 'DELETE') for (const f of stack.functions.values()) f.resetDurations();
      return void res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify([...stack.functions.values()].flatMap((f) => f.durationReport())));
    }
    // EventBridge Scheduler's turn: each schedule's function once (the grace sweeper runs every minute in AWS).
    if (local && path === '/rehearsal/schedules/run' && req.method === 'POST')
      return void stack
        .runSchedules()
        .then(
          (answers) =>
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers)),
          fail,
        );
    // A later deploy of the same stack: CloudFormation sends the custom resources an Update (or a Delete).
    const deploy = /^\/rehearsal\/custom-resources\/(Update|Delete)$/.exec(path);
    if (local && deploy && req.method === 'POST')
      return void stack.customResource(deploy[1] as 'Update' | 'Delete').then(
        (answers) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers)),
        (error: unknown) =>
          res
            .writeHead(502, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: String(error) })),
      );
    if (path === '/dev' || path.startsWith('/dev/') || path.startsWith('/rehearsal/'))
      return void res.writeHead(404).end('Not found');
    web(req, res);
  };

  const d = stack.describe;
  process.stdout.write(
    [
      '',
      `Queue Manager (AWS rehearsal) is ready at ${url}  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      `  Client app  ${url}/   Backoffice ${url}/backoffice/`,
      `  API         POST ${url}/graphql   real time ${url.replace(/^http/, 'ws')}/graphql/realtime`,
      `  Dev mail    ${url}/dev/mail   Dev SMS ${url}/dev/sms   IAM use vs grants ${url}/rehearsal/privileges`,
      `  Functions   ${[...stack.functions.values()].map((f) => f.spec.handler).join(', ')} from ${d.assembly}`,
      `  Stand-ins   moto ${d.moto} · MySQL ${d.mysql} · Redis ${d.redis} · SMTP ${d.smtp}`,
      `  Logs        ${d.logs}   CA ${d.ca}`,
      '',
    ].join('\n') + '\n',
  );

  stopOnSignals(
    'stopping the rehearsal',
    async () => {
      server.close();
      for (const stream of streams) stream.end();
      await realtime.close();
      await stack.close();
      server.closeAllConnections();
    },
    15_000,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\nThe AWS rehearsal could not start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
