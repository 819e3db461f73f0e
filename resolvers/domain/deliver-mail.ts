import { renderMail } from './mail';
import type { DeliveryLog, Log, MailJob, MailTemplate, MailTransport } from './ports';

export interface MailDeps {
  deliveries: DeliveryLog;
  transport: MailTransport;
  log: Log;
  now(): number;
}

/** How long one attempt may hold a message before another consumer may try it. */
const LEASE_MS = 5 * 60 * 1000;
/** How long a delivered id is remembered: longer than any queue keeps a message (SQS: 14 days). */
const REMEMBER_MS = 15 * 24 * 60 * 60 * 1000;

const TEMPLATES: readonly MailTemplate[] = [
  'VERIFY_EMAIL',
  'ACCOUNT_EXISTS',
  'RESET_PASSWORD',
  'PASSWORD_CHANGED',
  'TICKET_CALLED',
];

/** A queued message body, checked before anything is sent: a malformed one fails like any other error. */
export function parseMailJob(body: unknown): MailJob {
  const job = body as Partial<MailJob> | null;
  if (
    !job ||
    typeof job.id !== 'string' ||
    typeof job.to !== 'string' ||
    !TEMPLATES.includes(job.template as MailTemplate) ||
    typeof job.data !== 'object' ||
    job.data === null
  )
    throw new Error('Malformed mail job.');
  return job as MailJob;
}

/**
 * Sends one queued email at most once: a redelivered or duplicated job whose id was delivered is skipped. A
 * failed send releases the claim and throws, so the queue retries it (and dead-letters it in the end).
 */
export async function deliverMail(deps: MailDeps, job: MailJob): Promise<'sent' | 'duplicate'> {
  const now = deps.now();
  const claim = await deps.deliveries.claim(job.id, now, now + LEASE_MS);
  if (claim === 'delivered') {
    deps.log.info('mail already delivered, skipped', { jobId: job.id, template: job.template });
    return 'duplicate';
  }
  if (claim === 'busy') throw new Error(`Mail ${job.id} is being delivered by another consumer.`);
  try {
    await deps.transport.send(renderMail(job));
  } catch (error) {
    await deps.deliveries.release(job.id).catch(() => undefined);
    throw error;
  }
  await deps.deliveries.markDelivered(job.id, now + REMEMBER_MS);
  deps.log.info('mail delivered', { jobId: job.id, template: job.template });
  return 'sent';
}
