import type { SmsTransport } from '../../domain/ports';
import { JsonFolder } from '../dev/json-folder';

export interface SmsOutboxEntry {
  id: string;
  /** E.164. */
  to: string;
  body: string;
  status: 'SENT' | 'FAILED';
  at: string;
}

/**
 * The embedded mode's SMS: each attempt a JSON file in a folder, shown by the local server at /dev/sms. A
 * number can be set to fail (from /dev/sms), to see retries, failures and staff's retry without a carrier.
 */
export class FileSmsOutbox implements SmsTransport {
  private readonly folder: JsonFolder<Omit<SmsOutboxEntry, 'at'>>;
  private readonly failing = new Set<string>();

  constructor(dir: string) {
    this.folder = new JsonFolder(dir);
  }

  /** Makes sends to this number fail (true) or succeed again (false). */
  setFailing(to: string, failing: boolean): void {
    if (failing) this.failing.add(to);
    else this.failing.delete(to);
  }

  failingNumbers(): string[] {
    return [...this.failing].sort();
  }

  async send(message: { id: string; to: string; body: string }): Promise<void> {
    const failed = this.failing.has(message.to);
    await this.folder.add(message.id, { ...message, status: failed ? 'FAILED' : 'SENT' });
    if (failed)
      throw new Error('The dev SMS provider refused the message: its number is set to fail at /dev/sms.');
  }

  /** Deletes the attempts `doomed` picks (retention, erasure); how many. */
  removeWhere(doomed: (entry: { to: string; at: string }) => boolean): Promise<number> {
    return this.folder.removeWhere(doomed);
  }

  /** How many were deleted so far (their count stays when they go). */
  purged(): Promise<number> {
    return this.folder.purged();
  }

  /** Every attempt, newest first. */
  list(): Promise<SmsOutboxEntry[]> {
    return this.folder.list();
  }
}
