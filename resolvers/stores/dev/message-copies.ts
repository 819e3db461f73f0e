import type { MessageCopies } from '../../domain/ports';
import type { InProcessJobQueue } from '../jobs/in-process';
import type { FileOutbox } from '../mail/outbox';
import type { FileSmsOutbox } from '../sms/outbox';

/**
 * The embedded mode's copies of messages: the mail and SMS outboxes (when mail is not going out through
 * SMTP), and the job queue's pending jobs and dead letters. Retention purges the old ones; deleting an account
 * forgets every one to its address and to the people of its venues.
 */
export class LocalMessageCopies implements MessageCopies {
  constructor(
    private readonly queue: InProcessJobQueue,
    private readonly mail: FileOutbox | undefined,
    private readonly sms: FileSmsOutbox,
  ) {}

  async purgeBefore(before: number): Promise<number> {
    const old = (entry: { at: string }) => Date.parse(entry.at) < before;
    return (
      this.queue.purgeDeadBefore(before) +
      ((await this.mail?.removeWhere(old)) ?? 0) +
      (await this.sms.removeWhere(old))
    );
  }

  async forget(addresses: string[]): Promise<number> {
    const to = new Set(addresses);
    const theirs = (entry: { to: string }) => to.has(entry.to);
    return (
      (await this.queue.forget(addresses)) +
      ((await this.mail?.removeWhere(theirs)) ?? 0) +
      (await this.sms.removeWhere(theirs))
    );
  }
}
