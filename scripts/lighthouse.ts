/**
 * `npm run lighthouse`: Lighthouse 12.2.3 (the last major that runs on Node 20) at its mobile settings, with
 * Debian's Chromium, against `npm start` on a fresh data folder: a waiting person's ticket page and the
 * backoffice's first page. Prints each score next to its target, PASS or MISS. Not part of `npm test` (about a
 * minute, and the scores move by a few points between runs on a shared machine).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerOverHttp, queueOverHttp, ticketOverHttp } from '../test/support/http';
import { spawnServer } from '../test/support/spawned-server';

const TARGETS: Record<string, Record<string, number>> = {
  ticket: { performance: 90, accessibility: 100, 'best-practices': 95 },
  backoffice: { performance: 85, accessibility: 100, 'best-practices': 95 },
};

const dataDir = mkdtempSync(join(tmpdir(), 'qm-lighthouse-'));
const server = await spawnServer({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'ERROR' });
try {
  const { authorization } = await ownerOverHttp(server.url);
  const queueId = await queueOverHttp(server.url, authorization, { name: 'Padaria', selfJoin: true });
  let token = '';
  for (const name of ['Ana', 'Bia', 'Caio'])
    token = await ticketOverHttp(server.url, authorization, queueId, name);
  const pages = { ticket: `${server.url}/t/${token}`, backoffice: `${server.url}/backoffice/` };
  let missed = 0;
  for (const [name, url] of Object.entries(pages)) {
    const report = join(dataDir, `${name}.json`);
    execFileSync(
      'npx',
      [
        '--yes',
        'lighthouse@12.2.3',
        url,
        '--quiet',
        '--only-categories=performance,accessibility,best-practices',
        '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking',
        '--output=json',
        `--output-path=${report}`,
      ],
      {
        env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
        stdio: 'ignore',
      },
    );
    const { categories, audits } = JSON.parse(readFileSync(report, 'utf8'));
    for (const [category, target] of Object.entries(TARGETS[name]!)) {
      const score = Math.round(categories[category].score * 100);
      if (score < target) missed += 1;
      console.log(
        `${name.padEnd(11)} ${category.padEnd(15)} ${String(score).padStart(3)}  target ≥ ${target}  ${score >= target ? 'PASS' : 'MISS'}`,
      );
    }
    console.log(
      `${''.padEnd(11)} LCP ${audits['largest-contentful-paint'].displayValue}, TBT ${audits['total-blocking-time'].displayValue}`,
    );
  }
  process.exitCode = missed ? 1 : 0;
} finally {
  await server.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
