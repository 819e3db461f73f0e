import { App } from 'aws-cdk-lib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../bin/queue-manager';

/** cfn-lint over the synthesized template: no error; every warning's rule explained in infra/CFN-LINT.md. */
describe('cfn-lint', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'qm-cfn-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('given the synthesized template, then no error, and only the warnings infra/CFN-LINT.md explains', () => {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    buildApp(app);
    app.synth();
    const run = spawnSync('cfn-lint', [join(outdir, 'QueueManager.template.json'), '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(run.error, 'cfn-lint must be installed (pip install cfn-lint)').toBeUndefined();
    const findings = JSON.parse(run.stdout || '[]') as {
      Rule: { Id: string };
      Level: string;
      Message: string;
    }[];
    const errors = findings.filter((f) => f.Level === 'Error');
    expect(errors.map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    const explained = new Set(
      readFileSync(fileURLToPath(new URL('../CFN-LINT.md', import.meta.url)), 'utf8')
        .match(/^\| (W\d{4}) \|/gm)
        ?.map((row) => row.slice(2, 7)),
    );
    const unexplained = findings.filter((f) => f.Level === 'Warning' && !explained.has(f.Rule.Id));
    expect(unexplained.map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    const counts = Object.entries(
      findings.reduce<Record<string, number>>((c, f) => ({ ...c, [f.Rule.Id]: (c[f.Rule.Id] ?? 0) + 1 }), {}),
    );
    process.stdout.write(
      `cfn-lint: ${errors.length} errors; ${counts.map(([id, n]) => `${id} × ${n}`).join(', ')}\n`,
    );
  }, 120_000);
});
