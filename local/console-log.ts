import type { Log } from '../resolvers/domain/ports';

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, CRITICAL: 50, SILENT: 60 } as const;
type Level = keyof typeof LEVELS;

function value(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

/**
 * `npm start`'s log for a person at a terminal: one short line per event, `HH:MM:SS LEVEL message key=value…`
 * (request ids shortened to 8 characters). Lambda and `LOG_FORMAT=json` keep the JSON lines of createLog.
 */
export function createConsoleLog(
  logLevel = 'INFO',
  write: (line: string) => void = (line) => process.stdout.write(line),
): Log {
  const threshold = LEVELS[logLevel.toUpperCase() as Level] ?? LEVELS.INFO;
  const line = (level: Level, message: string, context: Record<string, unknown> = {}) => {
    if (LEVELS[level] < threshold) return;
    const fields = Object.entries(context)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${k === 'requestId' && typeof v === 'string' ? v.slice(0, 8) : value(v)}`);
    const time = new Date().toISOString().slice(11, 19);
    write(`${time} ${level.padEnd(5)} ${message}${fields.length ? ` ${fields.join(' ')}` : ''}\n`);
  };
  return {
    info: (message, context) => line('INFO', message, context),
    warn: (message, context) => line('WARN', message, context),
    error: (message, context) => line('ERROR', message, context),
  };
}
