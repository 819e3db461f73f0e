import { describe, expect, it } from 'vitest';
import { createConsoleLog } from '../../local/console-log';
import { configFromEnv } from '../../local/config';

describe("npm start's console log", () => {
  it('given events at each level, then one short line each at or above the level, ids shortened, values quoted only when needed', () => {
    const lines: string[] = [];
    const log = createConsoleLog('WARN', (line) => lines.push(line));
    log.info('graphql request', { operation: 'query' });
    log.warn('rate limited', { requestId: '0123456789abcdef', path: '/graphql', note: 'two words' });
    log.error('request failed', { error: 'x=y' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d WARN {2}rate limited requestId=01234567 path=\/graphql note="two words"\n$/,
    );
    expect(lines[1]).toMatch(/ERROR request failed error="x=y"\n$/);
  });

  it('given LOG_LEVEL=CRITICAL or SILENT, then nothing below is written; given LOG_FORMAT=json, then JSON is chosen', () => {
    const lines: string[] = [];
    for (const level of ['CRITICAL', 'SILENT']) {
      const log = createConsoleLog(level, (line) => lines.push(line));
      log.error('request failed');
    }
    expect(lines).toEqual([]);
    expect(configFromEnv({}).logFormat).toBe('text');
    expect(configFromEnv({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });
});
