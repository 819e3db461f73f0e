/** The job queue's consumer: each queued message sent at most once, its fate kept for staff to see. */
import { renderMail } from './mail';
import type {
  DeliveryLog,
  Log,
  MailJob,
  MailTemplate,
  MailTransport,
  MessageJob,
  SmsJob,
  SmsTransport,
} from './ports';

export interface MessageDeps {
  deliveries: DeliveryLog;
  mail: MailTransport;
  sms: SmsTransport;
  log: Log;
  now(): number;
}

/** Attempts per message before it is dead-lettered and shown as failed (SQS: maxReceiveCount). */
export const MAX_ATTEMPTS = 3;
/** How long one attempt may hold a message before another consumer may try it. */
const LEASE_MS = 5 * 60 * 1000;
/**
 * How long a message's fate (its id and state: no address, no text) is remembered: longer than any queue keeps a
 * message (SQS: 1 day), so a redelivery is always recognised, and long enough for staff to see a failure.
 */
const REMEMBER_MS = 15 * 24 * 60 * 60 * 1000;

// Every template, or the type check fails: a job of a template left out here would never be sent.
const TEMPLATES = Object.keys({
  VERIFY_EMAIL: true,
  ACCOUNT_EXISTS: true,
  RESET_PASSWORD: true,
  PASSWORD_CHANGED: true,
  TICKET_CALLED: true,
  TICKET_ALMOST: true,
  TICKET_MISSED: true,
  INVITATION: true,
  ACCOUNT_DELETION: true,
} satisfies Record<MailTemplate, true>) as MailTemplate[];

/** A queued message body, checked before anything is sent: a malformed one fails like any other error. */
export function parseMessageJob(body: unknown): MessageJob {
  const job = body as Partial<MailJob & SmsJob> | null;
  if (!job || typeof job !== 'object' || typeof job.id !== 'string' || typeof job.to !== 'string')
    throw new Error('Malformed message job.');
  if (job.channel === 'SMS') {
    if (typeof job.body !== 'string') throw new Error('Malformed message job.');
    return { id: job.id, channel: 'SMS', to: job.to, body: job.body };
  }
  if (
    job.channel !== undefined ||
    !TEMPLATES.includes(job.template as MailTemplate) ||
    typeof job.data !== 'object' ||
    job.data === null
  )
    throw new Error('Malformed message job.');
  return job as MailJob;
}

/** Providers' errors may quote the address they refused: logs get neither emails nor phone numbers. */
export function withoutAddresses(text: string): string {
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"']+/g, '[address]')
    .replace(/\+?\d[\d ().-]*\d/g, (run) => (run.replace(/\D/g, '').length >= 8 ? '[number]' : run));
}

const channelOf = (job: MessageJob) => ('channel' in job ? 'SMS' : 'EMAIL');

/**
 * Sends one queued message at most once: a redelivered or duplicated job whose id was sent is skipped.
 * `attempt` is the queue's count of this delivery (1 for the first). A failed send is recorded as RETRYING, or
 * FAILED on the last attempt, and throws, so the queue retries it (and dead-letters it in the end).
 */
export async function deliverMessage(
  deps: MessageDeps,
  job: MessageJob,
  attempt: number,
): Promise<'sent' | 'duplicate'> {
  const now = deps.now();
  const context = { jobId: job.id, channel: channelOf(job), attempt };
  const claim = await deps.deliveries.claim(job.id, now, now + LEASE_MS);
  if (claim === 'delivered') {
    deps.log.info('message already sent, skipped', context);
    return 'duplicate';
  }
  if (claim === 'busy') throw new Error(`Message ${job.id} is being sent by another consumer.`);
  try {
    if ('channel' in job) await deps.sms.send({ id: job.id, to: job.to, body: job.body });
    else await deps.mail.send(renderMail(job));
  } catch (error) {
    const final = attempt >= MAX_ATTEMPTS;
    await deps.deliveries.markFailed(job.id, attempt, final, now + REMEMBER_MS).catch(() => undefined);
    deps.log.warn(final ? 'message failed, last attempt' : 'message failed, will retry', {
      ...context,
      error: withoutAddresses(String(error)),
    });
    throw error;
  }
  await deps.deliveries.markDelivered(job.id, now + REMEMBER_MS);
  deps.log.info('message sent', context);
  return 'sent';
}
