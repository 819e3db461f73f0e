import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monotonicClock } from '../../domain/clock';

/** Where a folder counts the entries it deleted (retention, erasure). */
const PURGED = '.purged';

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
    return (await this.entries()).map((e) => e.entry);
  }

  /** Deletes the entries `doomed` picks; how many. Their count is kept (`purged`), their contents not. */
  async removeWhere(doomed: (entry: T & { at: string }) => boolean): Promise<number> {
    const gone = (await this.entries()).filter((e) => doomed(e.entry));
    for (const { name } of gone) await rm(join(this.dir, name), { force: true });
    if (gone.length) await writeFile(join(this.dir, PURGED), String((await this.purged()) + gone.length));
    return gone.length;
  }

  /** How many entries were deleted so far. */
  async purged(): Promise<number> {
    return Number(await readFile(join(this.dir, PURGED), 'utf8').catch(() => '0')) || 0;
  }

  private async entries(): Promise<{ name: string; entry: T & { at: string } }[]> {
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
        .map(async (name) => ({
          name,
          entry: JSON.parse(await readFile(join(this.dir, name), 'utf8')) as T & { at: string },
        })),
    );
  }
}
