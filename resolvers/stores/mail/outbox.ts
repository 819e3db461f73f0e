import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monotonicClock } from '../../domain/clock';
import type { MailMessage, MailTransport } from '../../domain/ports';

export interface OutboxEntry extends MailMessage {
  sentAt: string;
}

/** The embedded mode's mail: each message a JSON file in a folder, shown by the local server at /dev/mail. */
export class FileOutbox implements MailTransport {
  /** File names sort by send time, even for two messages in one millisecond. */
  private readonly clock = monotonicClock();

  constructor(private readonly dir: string) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const sentAt = new Date(this.clock()).toISOString();
    const name = `${sentAt.replace(/[:.]/g, '-')}-${createHash('sha256').update(message.id).digest('hex').slice(0, 16)}.json`;
    const entry: OutboxEntry = { ...message, sentAt };
    // Written aside, then renamed: a reader never sees half a message.
    await writeFile(join(this.dir, `.${name}.tmp`), JSON.stringify(entry, null, 2));
    await rename(join(this.dir, `.${name}.tmp`), join(this.dir, name));
  }

  /** Newest first. */
  async list(): Promise<OutboxEntry[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    } catch {
      return [];
    }
    const entries = await Promise.all(
      names
        .sort()
        .reverse()
        .map(async (n) => JSON.parse(await readFile(join(this.dir, n), 'utf8')) as OutboxEntry),
    );
    return entries;
  }
}
