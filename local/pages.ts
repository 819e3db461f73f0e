import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { APP_SECURITY_HEADERS, appContentSecurityPolicy, CACHE } from '../schema/web-headers';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Deliberate headers for the server's own pages. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it Chromium posts this page's own forms with `Origin: null`, and the dev forms
  // check the origin. same-origin still sends nothing to other sites.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export function html(
  res: ServerResponse,
  status: number,
  body: string,
  csp = "default-src 'self'; style-src 'unsafe-inline'; form-action 'self'",
): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-security-policy': csp });
  res.end(body);
}

export const page = (
  title: string,
  body: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}a{color:#0b57d0}
article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}small{color:#555}button{font:inherit}</style></head>
<body>${body}</body></html>`;

let playground: string | undefined;

const EXAMPLE_QUEUE = '00000000-0000-4000-8000-000000000000';
const PLAYGROUND_HELP = `# Authorization goes in Headers (below):
#   "Public", "Bearer <accessToken from login>"
#   or "Ticket <accessToken of a ticket>".
# Variables: a queue's id (the backoffice shows it in the
# address of the queue's page); the example id answers null.`;
const variables = JSON.stringify({ queueId: EXAMPLE_QUEUE }, null, 2);

/**
 * GraphiQL, bundled (no CDN): queries and mutations over POST /graphql, subscriptions over Server-Sent Events
 * (GET with Accept: text/event-stream). Three tabs that run as loaded: a queue's display, its live events, and
 * joining it (run the third while the second is open to see the event arrive).
 */
export function servePlayground(res: ServerResponse): void {
  playground ??= renderGraphiQL({
    title: 'Queue Manager — GraphQL playground',
    endpoint: '/graphql',
    subscriptionsProtocol: 'SSE',
    headers: JSON.stringify({ Authorization: 'Public' }, null, 2),
    // The editor starts from `variables`, not from the first tab's; every tab uses the same.
    variables,
    defaultEditorToolsVisibility: 'variables',
    defaultTabs: [
      {
        query: `${PLAYGROUND_HELP}
query Display($queueId: ID!) {
  queueDisplay(queueId: $queueId) { name status nowServing waitingCount version }
}
`,
        variables,
      },
      {
        query: `# Live: every change to the queue, as the pages of
# the people waiting receive it.
subscription Watch($queueId: ID!) {
  onQueueEvent(queueId: $queueId) { queueId version kind ticketNumber waitingCount nowServing fromPosition toPosition at }
}
`,
        variables,
      },
      {
        query: `# Joins the queue as a person with the QR code would
# (the queue must be open and allow joining).
mutation Join($queueId: ID!) {
  joinQueue(queueId: $queueId, input: { name: "Playground" }) { accessToken ticket { number position } }
}
`,
        variables,
      },
    ],
  } as Parameters<typeof renderGraphiQL>[0]);
  // GraphiQL runs inline scripts and blob: workers.
  html(
    res,
    200,
    playground,
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
  );
}

/** The landing page when a client has not been built. */
export function serveLanding(res: ServerResponse, missing: string): void {
  html(
    res,
    200,
    page(
      'Queue Manager',
      `<h1>Queue Manager</h1><p>The API is running.</p><ul>
<li><a href="/playground">GraphQL playground</a> — POST <code>/graphql</code>, real time at <code>/graphql/realtime</code></li>
<li><a href="/dev/mail">Dev mail</a> — verification and reset links</li>
<li><a href="/dev/sms">Dev SMS</a> — text messages to waiting people, and their replies</li>
<li><a href="/runtime-config.json">Runtime configuration</a> for the clients</li></ul>
<p><small>${escape(missing)} has not been built yet.</small></p>`,
    ),
  );
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The built clients, when they exist: React at /, Angular at /backoffice/, each with its SPA fallback. */
export function clientApps(): { react: Handler | undefined; backoffice: Handler | undefined } {
  const serve = (dir: string): Handler | undefined => {
    if (!existsSync(join(dir, 'index.html'))) return undefined;
    const files = sirv(dir, {
      single: true,
      etag: true,
      // The builds carry .br and .gz beside each file (scripts/build-clients.mjs).
      gzip: true,
      brotli: true,
      // `path` is the request's: an app route (no extension) is answered with index.html.
      setHeaders: (res, path) => {
        const page = path.endsWith('.html') || !/\.\w+$/.test(path);
        res.setHeader('cache-control', page || !/[.-][\w-]{8,}\.\w+$/.test(path) ? CACHE.page : CACHE.hashed);
        if (page) {
          res.setHeader('content-security-policy', appContentSecurityPolicy());
          for (const [name, value] of Object.entries(APP_SECURITY_HEADERS)) res.setHeader(name, value);
        }
      },
    }) as Handler;
    // Source maps stay on disk (for reading stack traces), never served.
    return (req, res, next) =>
      /\.map$/.test(new URL(req.url ?? '/', 'http://local').pathname)
        ? void res.writeHead(404).end('Not found')
        : files(req, res, next);
  };
  return {
    react: serve(join(ROOT, 'clients/react/dist')),
    backoffice: serve(join(ROOT, 'clients/backoffice/dist/browser')),
  };
}
