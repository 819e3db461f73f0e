import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/tsx/dist/cli.mjs`;
const children = new Set<ChildProcess>();

export interface Child {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry in its own process (server and baselines are never in the load generator's process)
 * and waits for the line announcing its URL.
 */
export function runProcess(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  readyTimeoutMs = 60_000,
): Promise<Child> {
  const child = spawn(process.execPath, [TSX, entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} not ready in ${readyTimeoutMs / 1000} s:\n${output}`)),
      readyTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        child,
        stop: async () => {
          try {
            process.kill(-child.pid!, 'SIGTERM');
          } catch {
            // gone already
          }
          await closed;
          children.delete(child);
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void closed.then(() => reject(new Error(`${entry} exited before ready:\n${output}`)));
  });
}

/** The Queue Manager server, as `npm start` runs it. */
/** The server under load from one address: the API's per-source rate limits would refuse the benchmark itself. */
export const startServer = (env: Record<string, string>) =>
  runProcess('local/main.ts', { PORT: '0', RATE_LIMITS: 'off', ...env }, /is ready at (http:\/\/\S+)/);

export function killAll(): void {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
process.on('exit', killAll);

export async function health(url: string): Promise<{
  pid: number;
  rss: number;
  heapUsed: number;
  subscriptions: { hub: number; realtime: number; playground: number };
  sockets: number;
  publishes: number;
}> {
  return (await fetch(`${url}/health`)).json() as never;
}
