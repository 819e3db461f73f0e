/**
 * The dev outboxes: /dev/mail and /dev/sms show what the embedded mode would have sent, and /dev/sms/inbound
 * takes the replies a phone would send (the same handler as AWS's inbound topic). Served only where
 * devMailExposure allows (loopback by default); every POST proves it came from this start's page, or is JSON
 * (which a page elsewhere cannot send here without the browser asking first).
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../resolvers/domain/deps';
import { AppError } from '../resolvers/domain/errors';
import { handleSmsReply, parseInboundSms } from '../resolvers/domain/sms-replies';
import type { InProcessJobQueue } from '../resolvers/stores/jobs/in-process';
import type { FileOutbox } from '../resolvers/stores/mail/outbox';
import type { FileSmsOutbox } from '../resolvers/stores/sms/outbox';
import { escape, html, page } from './pages';
import { MESSAGE_COPY_DAYS } from '../resolvers/domain/retention';

const linkify = (text: string) =>
  escape(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

const hidden = (formToken: string) => `<input type="hidden" name="token" value="${escape(formToken)}">`;

/**
 * GET /dev/mail: the outbox (newest first, links clickable) and the dead-letter list with redrive. `queue` is
 * the embedded mode's message queue; the AWS rehearsal has none (its dead letters are in SQS) and says where.
 */
export async function serveDevMail(
  res: ServerResponse,
  outbox: FileOutbox | undefined,
  queue: InProcessJobQueue | { elsewhere: string },
  formToken: string,
  intro = outbox
    ? '<p>Mail of the embedded mode lands here instead of going out.</p>'
    : '<p>Mail goes out through SMTP; nothing is kept here.</p>',
): Promise<void> {
  const token = hidden(formToken);
  const messages = outbox ? await outbox.list() : [];
  const dead = 'elsewhere' in queue ? [] : queue.deadLetters();
  const body = [
    '<h1>Dev mail</h1>',
    intro,
    `<h2>Dead letters${'elsewhere' in queue ? '' : ` (${dead.length})`}</h2>`,
    'elsewhere' in queue
      ? `<p>${escape(queue.elsewhere)}</p>`
      : dead.length
        ? `<form method="post" action="/dev/mail/redrive">${token}<button>Re-drive all</button></form>` +
          dead
            .map(
              (
                d,
              ) => `<article><strong>${escape('channel' in d.job ? 'SMS' : d.job.template)}</strong> to ${escape(d.job.to)} — ${d.attempts} attempts, last: ${escape(d.lastError)}
<small>${escape(d.failedAt)}</small><form method="post" action="/dev/mail/redrive">${token}<input type="hidden" name="id" value="${escape(d.job.id)}"><button>Re-drive</button></form></article>`,
            )
            .join('')
        : '<p>None.</p>',
    `<h2>Outbox (${messages.length})</h2>`,
    outbox
      ? `<p>Messages are kept ${MESSAGE_COPY_DAYS} day; ${await outbox.purged()} older ones were deleted.</p>`
      : '',
    ...messages.map(
      (m) =>
        `<article><strong>${escape(m.subject)}</strong><br><small>to ${escape(m.to)} · ${escape(m.sentAt)}</small><pre>${linkify(m.text)}</pre></article>`,
    ),
  ].join('\n');
  html(res, 200, page('Dev mail — Queue Manager', body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) return undefined;
  }
  return body;
}

/** A form of this start's dev pages, posted from the same origin; undefined (answered 403/413) otherwise. */
async function devForm(
  req: IncomingMessage,
  res: ServerResponse,
  formToken: string,
): Promise<URLSearchParams | undefined> {
  const origin = req.headers.origin;
  let sameOrigin = false;
  try {
    sameOrigin = !!origin && new URL(origin).host === req.headers.host;
  } catch {
    sameOrigin = false;
  }
  const body = await readBody(req, 4096);
  if (body === undefined) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('Too large');
  const form = new URLSearchParams(body);
  const token = Buffer.from(form.get('token') ?? '');
  const expected = Buffer.from(formToken);
  if (!sameOrigin || token.length !== expected.length || !timingSafeEqual(token, expected))
    return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
  return form;
}

/** POST /dev/mail/redrive: dead letters (one, or all) back to the queue with fresh attempts. */
export async function redriveDevMail(
  req: IncomingMessage,
  res: ServerResponse,
  queue: InProcessJobQueue,
  formToken: string,
): Promise<void> {
  const form = await devForm(req, res, formToken);
  if (!form) return;
  queue.redrive(form.get('id') || undefined);
  res.writeHead(303, { location: '/dev/mail' }).end();
}

/** GET /dev/sms: every attempt to send a text (newest first), numbers set to fail, and a reply to send. */
export async function serveDevSms(
  res: ServerResponse,
  outbox: FileSmsOutbox,
  formToken: string,
): Promise<void> {
  const token = hidden(formToken);
  const messages = await outbox.list();
  const failing = outbox.failingNumbers();
  const body = [
    '<h1>Dev SMS</h1>',
    '<p>Text messages of the embedded mode land here instead of going to a carrier.</p>',
    '<h2>Reply from a phone</h2>',
    `<form method="post" action="/dev/sms/inbound">${token}<label>From <input name="from" placeholder="+5511912345678" required></label>
<label>Text <input name="body" placeholder="SAIR" required></label> <button>Send reply</button></form>`,
    '<p><small>Or <code>POST /dev/sms/inbound</code> with <code>Content-Type: application/json</code> and <code>{"from": "+55…", "body": "…"}</code>.</small></p>',
    '<h2>Numbers set to fail</h2>',
    failing.length
      ? failing
          .map(
            (n) =>
              `<form method="post" action="/dev/sms/failing">${token}<input type="hidden" name="to" value="${escape(n)}"><input type="hidden" name="failing" value="off">${escape(n)} <button>Deliver again</button></form>`,
          )
          .join('')
      : '<p>None: every message is delivered.</p>',
    `<form method="post" action="/dev/sms/failing">${token}<input type="hidden" name="failing" value="on"><label>Number <input name="to" placeholder="+5511912345678" required></label> <button>Make its messages fail</button></form>`,
    `<h2>Outbox (${messages.length})</h2>`,
    outbox
      ? `<p>Messages are kept ${MESSAGE_COPY_DAYS} day; ${await outbox.purged()} older ones were deleted.</p>`
      : '',
    ...messages.map(
      (m) =>
        `<article data-status="${escape(m.status)}"><strong>${escape(m.to)}</strong> · ${m.status === 'SENT' ? 'sent' : 'failed'}<br><small>${escape(m.at)}</small><pre>${escape(m.body)}</pre></article>`,
    ),
  ].join('\n');
  html(res, 200, page('Dev SMS — Queue Manager', body));
}

/** POST /dev/sms/failing: a number's messages fail (`failing=on`) or are delivered again. */
export async function devSmsFailing(
  req: IncomingMessage,
  res: ServerResponse,
  outbox: FileSmsOutbox,
  formToken: string,
): Promise<void> {
  const form = await devForm(req, res, formToken);
  if (!form) return;
  const to = (form.get('to') ?? '').trim();
  if (!/^\+[1-9][0-9]{5,14}$/.test(to))
    return void res
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('The number must be E.164, such as +5511912345678.');
  outbox.setFailing(to, form.get('failing') === 'on');
  res.writeHead(303, { location: '/dev/sms' }).end();
}

/**
 * POST /dev/sms/inbound: a reply, as JSON (`{"from", "body"}`, answered with what it did) or from the page's
 * form (back to the page). The same domain handler as AWS's inbound topic.
 */
export async function devSmsInbound(
  req: IncomingMessage,
  res: ServerResponse,
  deps: Deps,
  formToken: string,
): Promise<void> {
  const json = (req.headers['content-type'] ?? '').split(';')[0]!.trim() === 'application/json';
  let reply: unknown;
  if (json) {
    const body = await readBody(req, 8192);
    if (body === undefined) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('Too large');
    try {
      reply = JSON.parse(body);
    } catch {
      return answer(res, 400, { errorType: 'VALIDATION', message: 'The body is not JSON.' });
    }
  } else {
    const form = await devForm(req, res, formToken);
    if (!form) return;
    reply = { from: form.get('from')?.trim(), body: form.get('body') ?? '' };
  }
  try {
    const outcome = await handleSmsReply(deps, parseInboundSms(reply, randomUUID()));
    if (json) return answer(res, 200, { outcome });
    res.writeHead(303, { location: '/dev/sms' }).end();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    answer(res, error.errorType === 'VALIDATION' ? 400 : 409, {
      errorType: error.errorType,
      message: error.message,
    });
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}
