#!/usr/bin/env node
// Builds each client (clients/*) whose build is missing or older than what it is built from (its folder and
// every file elsewhere its sources import): `npm start` serves them, and the end-to-end tests drive them. Set
// FORCE_CLIENT_BUILD=1 to rebuild regardless.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import zlib, { brotliCompressSync, gzipSync } from 'node:zlib';

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every file of a folder, build output and dependencies aside. */
function filesOf(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => n !== 'node_modules' && n !== 'dist' && n !== '.angular')
    .flatMap((n) => filesOf(join(path, n)));
}

/** A relative import as the bundlers resolve it (extension omitted, or a folder's index). */
function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...['.ts', '.tsx', '.mts', '.js', '.mjs'].map((e) => base + e)];
  candidates.push(...['index.ts', 'index.tsx', 'index.js'].map((i) => join(base, i)));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/**
 * What a client's build reads: its own folder, and every file outside it that its sources import, followed
 * import by import (clients/shared, the domain's position rule, schema/rules.ts…). Its newest change time.
 */
function newestInput(dir) {
  const root = resolve(dir);
  const seen = new Set(filesOf(root));
  const queue = [...seen];
  while (queue.length > 0) {
    const file = queue.pop();
    if (!SOURCE.test(file)) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, specifier);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return Math.max(0, ...[...seen].map((f) => statSync(f).mtimeMs));
}

for (const name of existsSync('clients') ? readdirSync('clients') : []) {
  const dir = join('clients', name);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const { name: workspace, scripts = {}, queueManager = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
  if (!scripts.build) continue;
  const output = join(dir, queueManager.buildOutput ?? 'dist/index.html');
  const stale =
    !existsSync(output) || process.env.FORCE_CLIENT_BUILD || newestInput(dir) > statSync(output).mtimeMs;
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
