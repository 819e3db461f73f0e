#!/usr/bin/env node
// Fails when a generated file differs from what codegen.yml makes of the current schema (README policy).
import { readFileSync } from 'node:fs';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
const outputs = await generate({ ...config, silent: true }, false);
const stale = outputs.filter(({ filename, content }) => {
  try {
    return readFileSync(filename, 'utf8') !== content;
  } catch {
    return true;
  }
});
if (stale.length > 0) {
  console.error(
    `Generated files are stale: ${stale.map((o) => o.filename).join(', ')}\nRun: npm run codegen`,
  );
  process.exit(1);
}
console.log(`Generated files are fresh (${outputs.length}).`);
