import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monotonicClock } from '../../domain/clock';

/**
 * The embedded mode's dev outboxes (mail, SMS): one JSON file per entry in a folder, named by the time it was
 * written (strictly increasing, even within one millisecond) and its id, so listing them sorts them.
 */
export class JsonFolder<T extends object> {
  private readonly clock = monotonicClock();

  constructor(private readonly dir: string) {}

  /** Writes the entry with `at` (ISO time) added; written aside, then renamed, so a reader never sees half. */
  async add(id: string, entry: T): Promise<T & { at: string }> {
    await mkdir(this.dir, { recursive: true });
    const at = new Date(this.clock()).toISOString();
    const name = `${at.replace(/[:.]/g, '-')}-${createHash('sha256').update(id).digest('hex').slice(0, 16)}.json`;
    const written = { ...entry, at };
    await writeFile(join(this.dir, `.${name}.tmp`), JSON.stringify(written, null, 2));
    await rename(join(this.dir, `.${name}.tmp`), join(this.dir, name));
    return written;
  }

  /** Every entry, newest first; none when the folder does not exist yet. */
  async list(): Promise<(T & { at: string })[]> {
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
        .map(async (n) => JSON.parse(await readFile(join(this.dir, n), 'utf8')) as T & { at: string }),
    );
  }
}
