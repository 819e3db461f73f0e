#!/usr/bin/env node
// `npm test`: every check CI relies on, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
  ['generated code is fresh', 'npm', ['run', '--silent', 'codegen:check']],
  ['types', 'npx', ['tsc', '--noEmit']],
  ['lint and format', 'npm', ['run', '--silent', 'lint']],
  ['clients built', 'node', ['scripts/build-clients.mjs']],
  ['backoffice unit tests (ng test)', 'npm', ['run', '--silent', 'test', '-w', 'clients/backoffice']],
  ['tests: unit, integration, adversarial, end-to-end, infra, AWS rehearsal', 'npx', ['vitest', 'run']],
];

for (const [title, command, args] of steps) {
  process.stdout.write(`\n▶ ${title}\n`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) {
    process.stdout.write(`\n✖ ${title} failed\n`);
    process.exit(status ?? 1);
  }
  process.stdout.write(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
