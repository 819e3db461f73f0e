import type { MailMessage, MailTransport } from '../../domain/ports';
import { JsonFolder } from '../dev/json-folder';

export interface OutboxEntry extends MailMessage {
  sentAt: string;
}

/** The embedded mode's mail: each message a JSON file in a folder, shown by the local server at /dev/mail. */
export class FileOutbox implements MailTransport {
  private readonly folder: JsonFolder<MailMessage>;

  constructor(dir: string) {
    this.folder = new JsonFolder(dir);
  }

  async send(message: MailMessage): Promise<void> {
    await this.folder.add(message.id, message);
  }

  /** Deletes the messages `doomed` picks (retention, erasure); how many. */
  removeWhere(doomed: (entry: { to: string; at: string }) => boolean): Promise<number> {
    return this.folder.removeWhere(doomed);
  }

  /** How many were deleted so far (their count stays when they go). */
  purged(): Promise<number> {
    return this.folder.purged();
  }

  /** Newest first. */
  async list(): Promise<OutboxEntry[]> {
    // Entries written before the folder was shared carry their own sentAt.
    return (await this.folder.list()).map(({ at, ...message }) => ({ sentAt: at, ...message }));
  }
}
