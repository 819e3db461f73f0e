import type { Log } from '../../resolvers/domain/ports';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  context: Record<string, unknown>;
}

/** A real Log that keeps its entries, so tests can read what would have been logged. */
export function recordingLog(): Log & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, context: Record<string, unknown> = {}) =>
      void entries.push({ level, message, context });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}
