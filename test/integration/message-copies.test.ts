import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../resolvers/domain/deps';
import { MESSAGE_COPY_DAYS, purgeMessageCopies } from '../../resolvers/domain/retention';
import { LocalMessageCopies } from '../../resolvers/stores/dev/message-copies';
import { InProcessJobQueue } from '../../resolvers/stores/jobs/in-process';
import { FileOutbox } from '../../resolvers/stores/mail/outbox';
import { FileSmsOutbox } from '../../resolvers/stores/sms/outbox';
import { recordingLog } from '../support/recording-log';

const DAY = 24 * 60 * 60 * 1000;

/** The embedded mode's copies of messages (outboxes, dead letters): kept a day, then only counted. */
describe('message copies', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function copies() {
    const dir = mkdtempSync(join(tmpdir(), 'qm-copies-'));
    dirs.push(dir);
    const log = recordingLog();
    const mail = new FileOutbox(join(dir, 'outbox'));
    const sms = new FileSmsOutbox(join(dir, 'sms'));
    sms.setFailing('+5511900000001', true);
    const queue = new InProcessJobQueue({
      handle: (job) =>
        'channel' in job
          ? sms.send(job)
          : mail.send({ id: job.id, to: job.to, subject: job.template, text: 'x', html: 'x' }),
      log,
      maxAttempts: 1,
      file: join(dir, 'mail-queue.json'),
    });
    return { dir, log, mail, sms, queue, copies: new LocalMessageCopies(queue, mail, sms) };
  }

  it('given mail, SMS and a dead letter, then a purge of what is older than a day keeps today’s, and one after that day removes them all and counts them', async () => {
    const { log, mail, sms, queue, copies: kept } = await copies();
    await queue.enqueue({ id: 'm1', template: 'TICKET_CALLED', to: 'ana@example.com', data: {} });
    await queue.enqueue({ id: 's1', channel: 'SMS', to: '+5511900000002', body: 'Sua vez' });
    await queue.enqueue({ id: 's2', channel: 'SMS', to: '+5511900000001', body: 'Vai falhar' });
    await queue.drain();
    expect(queue.deadLetters()).toHaveLength(1);
    const now = Date.now();
    const deps = { messageCopies: kept, now: () => now, log } as unknown as Deps;
    expect(await purgeMessageCopies(deps)).toBe(0);
    expect(await mail.list()).toHaveLength(1);
    const later = { ...deps, now: () => now + MESSAGE_COPY_DAYS * DAY + 60_000 } as Deps;
    // mail 1, SMS 2 attempts (one sent, one failed), the dead letter 1
    expect(await purgeMessageCopies(later)).toBe(4);
    expect([await mail.list(), await sms.list(), queue.deadLetters()]).toEqual([[], [], []]);
    expect([await mail.purged(), await sms.purged()]).toEqual([1, 2]);
    expect(await purgeMessageCopies(later)).toBe(0);
    expect(log.entries.filter((e) => e.message === 'message copies purged')).toHaveLength(1);
    await queue.close();
  });

  it('given copies to several addresses, then forgetting two leaves only the others, pending jobs included', async () => {
    const { mail, sms, queue, copies: kept } = await copies();
    await queue.enqueue({ id: 'm1', template: 'TICKET_CALLED', to: 'ana@example.com', data: {} });
    await queue.enqueue({ id: 'm2', template: 'TICKET_CALLED', to: 'bia@example.com', data: {} });
    await queue.enqueue({ id: 's1', channel: 'SMS', to: '+5511900000001', body: 'Vai falhar' });
    await queue.drain();
    // A job waiting for its retry, in another queue whose copies are forgotten the same way.
    const waiting = new InProcessJobQueue({
      handle: () => Promise.reject(new Error('not now')),
      log: recordingLog(),
      backoffMs: () => 60_000,
    });
    await waiting.enqueue({ id: 'm3', template: 'TICKET_CALLED', to: 'ana@example.com', data: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(waiting.pendingJobs()).toHaveLength(1);
    expect(await waiting.forget(['ana@example.com'])).toBe(1);
    expect(waiting.pendingJobs()).toEqual([]);
    await waiting.close();
    // A mail being sent while its address is forgotten: its copy, written after, goes too.
    const slow = new InProcessJobQueue({
      handle: async (job) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (!('channel' in job))
          await mail.send({ id: job.id, to: job.to, subject: 'late', text: 'x', html: 'x' });
      },
      log: recordingLog(),
    });
    await slow.enqueue({ id: 'm4', template: 'TICKET_CALLED', to: 'ana@example.com', data: {} });
    await new Promise((resolve) => setTimeout(resolve, 20)); // under way now
    const lateCopies = new LocalMessageCopies(slow, mail, sms);
    expect(await lateCopies.forget(['ana@example.com'])).toBeGreaterThanOrEqual(2); // the mails m1 and m4
    expect((await mail.list()).map((m) => m.to)).toEqual(['bia@example.com']);
    await slow.close();
    expect(await kept.forget(['ana@example.com', '+5511900000001'])).toBe(2); // mail, SMS attempt, dead letter
    expect(await sms.list()).toEqual([]);
  });
});
