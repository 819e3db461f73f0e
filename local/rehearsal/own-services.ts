import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A service process of the test's own, on its own port, for fault tests: started (again) and killed by its
 * PID, never the shared one.
 */
abstract class OwnService {
  private child: ChildProcess | undefined;

  protected constructor(readonly port: number) {}

  /** The command line that starts the service on `port`. */
  protected abstract command(): [string, string[]];
  /** Resolves once the service answers; rejects while it does not. */
  protected abstract probe(): Promise<void>;

  /** Starts (again) on the same port and waits until it answers. */
  async restart(timeoutMs = 20_000): Promise<void> {
    const [program, args] = this.command();
    this.child = spawn(program, args, { stdio: 'ignore' });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.probe();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** kill -9: connections drop without a goodbye, as when a host dies. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/** A Redis of the test's own. Nothing is persisted. */
export class OwnRedis extends OwnService {
  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    return [
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    ];
  }

  protected async probe(): Promise<void> {
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 500 });
    probe.on('error', () => {}); // Refused while it starts: that is what restart() waits out.
    try {
      await probe.connect();
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  }
}

/** A MariaDB of the test's own (its own data folder and port, root without a password). */
export class OwnMariadb extends OwnService {
  private constructor(
    port: number,
    private readonly dir: string,
  ) {
    super(port);
  }

  static async start(dir: string): Promise<OwnMariadb> {
    const install = spawn(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${dir}/data`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--user=root',
      ],
      { stdio: 'ignore' },
    );
    const code = await new Promise((resolve) => install.once('exit', resolve));
    if (code !== 0) throw new Error(`mariadb-install-db exited with ${code}`);
    const mariadb = new OwnMariadb(await freePort(), dir);
    await mariadb.restart();
    return mariadb;
  }

  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  protected command(): [string, string[]] {
    return [
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${this.dir}/data`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${this.dir}/mariadb.sock`,
        '--user=root',
        '--skip-log-bin',
      ],
    ];
  }

  protected async probe(): Promise<void> {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    await connection.end();
  }
}
