import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { BrowserAvailability } from './services';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function missing(what: string, fix: string): void {
  if (process.env.CI) throw new Error(`CI needs ${what} for the end-to-end tests: ${fix}`);
  const bar = '!'.repeat(78);
  process.stderr.write(
    `\n${bar}\n!! ${what} is missing (${fix}).\n!! The end-to-end tests are SKIPPED. In CI this is a failure.\n${bar}\n\n`,
  );
}

export default function setup(project: TestProject): void {
  const react = existsSync(fileURLToPath(new URL('../../clients/react/dist/index.html', import.meta.url)));
  const chromium = existsSync(CHROMIUM) ? CHROMIUM : null;
  if (!chromium) missing('Chromium', 'apt-get install -y chromium, or set CHROMIUM_PATH');
  if (!react) missing('the built React app', 'npm run build:clients');
  const availability: BrowserAvailability = { chromium, react };
  project.provide('browser', availability);
}
