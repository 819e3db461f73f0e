import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Milliseconds from spawn to the "ready" line. */
  readyMs: number;
  /** Sends the signal to the whole process group, as a terminal's Ctrl-C does, and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Ends every server this test file started and did not stop (a test that failed midway). */
export function killSpawnedServers(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** Starts the server as a user would (`npm start`) or directly through tsx, and waits for its ready line. */
export function spawnServer(
  env: Record<string, string>,
  how: 'npm start' | 'tsx' = 'tsx',
): Promise<SpawnedServer> {
  const started = performance.now();
  const child =
    how === 'npm start'
      ? spawn('npm', ['start'], {
          cwd: ROOT,
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        })
      : spawn(process.execPath, [`${ROOT}node_modules/tsx/dist/cli.mjs`, 'local/main.ts'], {
          cwd: ROOT,
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
  running.add(child);
  child.on('close', () => running.delete(child));
  let output = '';
  // 'close': every process holding the pipes (npm, tsx, the server) has exited and all output is in.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Not ready within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          readyMs: Math.round(performance.now() - started),
          stop: (signal = 'SIGTERM') => {
            process.kill(-child.pid!, signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`Exited with ${code} before ready:\n${output}`), { code, output }));
    });
  });
}

/**
 * One server process for the test file (or describe block) that calls this, on its own data directory, with the
 * environment given; stopped and its directory removed after. Read it with `server()` inside the tests.
 */
export function serverForThisFile(env: Record<string, string> = {}): () => SpawnedServer {
  let server: SpawnedServer | undefined;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qm-adversarial-'));
    server = await spawnServer({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'ERROR', ...env });
  });
  afterAll(async () => {
    // A server that died already is what its test reports; teardown only makes sure none is left.
    if (server?.child.exitCode === null) await server.stop();
    killSpawnedServers();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => server!;
}
