import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monotonicClock } from '../../domain/clock';
import type { SmsTransport } from '../../domain/ports';

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
  private readonly clock = monotonicClock();
  private readonly failing = new Set<string>();

  constructor(private readonly dir: string) {}

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
    await this.write({ ...message, status: failed ? 'FAILED' : 'SENT', at: '' });
    if (failed)
      throw new Error('The dev SMS provider refused the message: its number is set to fail at /dev/sms.');
  }

  private async write(entry: SmsOutboxEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const at = new Date(this.clock()).toISOString();
    const name = `${at.replace(/[:.]/g, '-')}-${createHash('sha256').update(entry.id).digest('hex').slice(0, 16)}.json`;
    // Written aside, then renamed: a reader never sees half a message.
    await writeFile(join(this.dir, `.${name}.tmp`), JSON.stringify({ ...entry, at }, null, 2));
    await rename(join(this.dir, `.${name}.tmp`), join(this.dir, name));
  }

  /** Every attempt, newest first. */
  async list(): Promise<SmsOutboxEntry[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    } catch {
      return [];
    }
    return Promise.all(
      names
        .sort()
        .reverse()
        .map(async (n) => JSON.parse(await readFile(join(this.dir, n), 'utf8')) as SmsOutboxEntry),
    );
  }
}
