#!/usr/bin/env node
// Builds each client (clients/*) whose build is missing or older than its sources: `npm start` serves them,
// and the end-to-end tests drive them. Set FORCE_CLIENT_BUILD=1 to rebuild regardless.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import zlib, { brotliCompressSync, gzipSync } from 'node:zlib';

const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...readdirSync(path)
      .filter((n) => n !== 'node_modules' && n !== 'dist')
      .map((n) => newest(join(path, n))),
  );
};

for (const name of existsSync('clients') ? readdirSync('clients') : []) {
  const dir = join('clients', name);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const { name: workspace, scripts = {}, queueManager = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
  if (!scripts.build) continue;
  const output = join(dir, queueManager.buildOutput ?? 'dist/index.html');
  const stale =
    !existsSync(output) || process.env.FORCE_CLIENT_BUILD || newest(dir) > statSync(output).mtimeMs;
  if (!stale) {
    console.log(`${workspace}: build is up to date`);
    continue;
  }
  console.log(`${workspace}: building (once, then only when its sources change)…`);
  const started = Date.now();
  // The first build of the backoffice takes most of a minute: say it is still going.
  const ticker = setInterval(
    () => console.log(`${workspace}: still building (${Math.round((Date.now() - started) / 1000)} s)…`),
    10_000,
  );
  const status = await new Promise((resolve) =>
    spawn('npm', ['run', 'build', '-w', workspace], { stdio: 'inherit' }).once('exit', resolve),
  );
  clearInterval(ticker);
  if (status !== 0) process.exit(status ?? 1);
  const { files, bytes, brotli } = precompress(dirname(output));
  console.log(
    `${workspace}: built in ${Math.round((Date.now() - started) / 1000)} s; ${files} files precompressed, ${kB(bytes)} → ${kB(brotli)} with brotli`,
  );
}

/**
 * Brotli and gzip copies beside each text file of a build, made once at build time at the highest levels, so
 * the local server sends them as they are (CloudFront compresses on its own in AWS).
 */
function precompress(dir) {
  const totals = { files: 0, bytes: 0, brotli: 0 };
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!/\.(js|mjs|css|html|svg|json|txt|webmanifest)$/.test(path) || !statSync(path).isFile()) continue;
    const content = readFileSync(path);
    if (content.length < 1024) continue;
    const br = brotliCompressSync(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    totals.files += 1;
    totals.bytes += content.length;
    totals.brotli += br.length;
  }
  return totals;
}

function kB(bytes) {
  return `${Math.round(bytes / 1024)} kB`;
}
