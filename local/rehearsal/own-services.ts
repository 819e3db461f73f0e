/**
 * MariaDB, Redis and moto as processes of our own on free ports (TLS for the first two, as RDS and ElastiCache
 * require), stopped by PID: the rehearsal and the fault tests use them. Three services started alike, so one file.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A throwaway certificate authority and a server certificate for 127.0.0.1 and localhost, made with openssl. */
export interface Certificates {
  /** The CA alone: what a client trusts (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  certFile: string;
  keyFile: string;
  ca: string;
}

export function makeCertificates(dir: string): Certificates {
  const run = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr || result.error}`);
  };
  const key = ['-newkey', 'rsa:2048', '-nodes'];
  run(
    'req',
    '-x509',
    ...key,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=rehearsal CA',
  );
  run('req', ...key, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run(
    ...['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial'],
    ...['-out', 'server.pem', '-days', '2', '-extfile', 'server.ext'],
  );
  return {
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
  };
}

/**
 * A service process of our own, on its own port (fault tests, the AWS rehearsal): started (again) and killed by
 * its PID, never the shared one.
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
    const child = spawn(program, args, { stdio: 'ignore' });
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${program} exited with ${code} while starting`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await Promise.race([this.probe(), exited]);
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** kill -9: connections drop without a goodbye, as when a host dies. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

export interface RedisOptions {
  /** TLS only (no plain port), as ElastiCache with in-transit encryption. */
  tls?: Certificates;
  /** AUTH token, as ElastiCache's. */
  password?: string;
}

/** A Redis of our own. Nothing is persisted. */
export class OwnRedis extends OwnService {
  private constructor(
    port: number,
    private readonly options: RedisOptions,
  ) {
    super(port);
  }

  static async start(options: RedisOptions = {}): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), options);
    await redis.restart();
    return redis;
  }

  get url(): string {
    const auth = this.options.password ? `:${encodeURIComponent(this.options.password)}@` : '';
    return `${this.options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    const { tls, password } = this.options;
    const listen = tls
      ? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', tls.certFile]
      : ['--port', String(this.port)];
    return [
      'redis-server',
      [
        ...listen,
        ...(tls ? ['--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile] : []),
        ...(tls ? ['--tls-auth-clients', 'no'] : []),
        ...(password ? ['--requirepass', password] : []),
        ...['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ],
    ];
  }

  protected async probe(): Promise<void> {
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 500,
      ...(this.options.tls ? { tls: { ca: this.options.tls.ca } } : {}),
    });
    probe.on('error', () => {}); // Refused while it starts: that is what restart() waits out.
    try {
      await probe.connect();
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  }
}

export interface MariadbOptions {
  /** TLS required for every TCP client (require_secure_transport), as RDS with the proxy's RequireTLS. */
  tls?: Certificates;
}

/** A MariaDB of our own (its own data folder and port, root without a password over its socket). */
export class OwnMariadb extends OwnService {
  private constructor(
    port: number,
    private readonly dir: string,
    private readonly options: MariadbOptions,
  ) {
    super(port);
  }

  static async start(dir: string, options: MariadbOptions = {}): Promise<OwnMariadb> {
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
    const mariadb = new OwnMariadb(await freePort(), dir, options);
    await mariadb.restart();
    return mariadb;
  }

  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** Runs statements as root over the server's socket (administration: databases, users). */
  async admin(statements: [string, unknown[]][]): Promise<void> {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection({ socketPath: `${this.dir}/mariadb.sock`, user: 'root' });
    try {
      for (const [sql, values] of statements) await connection.query(sql, values);
    } finally {
      await connection.end();
    }
  }

  protected command(): [string, string[]] {
    const { tls } = this.options;
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
        ...(tls
          ? [
              `--ssl-ca=${tls.caFile}`,
              `--ssl-cert=${tls.certFile}`,
              `--ssl-key=${tls.keyFile}`,
              '--require-secure-transport=ON',
              '--character-set-server=utf8mb4',
              '--collation-server=utf8mb4_unicode_ci',
            ]
          : []),
      ],
    ];
  }

  protected async probe(): Promise<void> {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection({
      host: '127.0.0.1',
      port: this.port,
      user: 'root',
      ...(this.options.tls ? { ssl: { ca: this.options.tls.ca } } : {}),
    });
    await connection.end();
  }
}

/** moto_server: the AWS APIs the functions call, with its request recorder on. */
export class OwnMoto extends OwnService {
  private constructor(
    port: number,
    private readonly recordingFile: string,
  ) {
    super(port);
  }

  /** `recordingFile`: where moto's recorder writes (its default is a file in the working directory). */
  static async start(recordingFile: string): Promise<OwnMoto> {
    const moto = new OwnMoto(await freePort(), recordingFile);
    await moto.restart(30_000);
    const started = await fetch(`${moto.url}/moto-api/recorder/start-recording`, { method: 'POST' });
    if (!started.ok) throw new Error(`moto's recorder did not start: HTTP ${started.status}`);
    return moto;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every request moto has served since it started, as its recorder keeps them. */
  async recording(): Promise<RecordedRequest[]> {
    const text = await (await fetch(`${this.url}/moto-api/recorder/download-recording`)).text();
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as RecordedRequest);
  }

  protected command(): [string, string[]] {
    return [
      'env',
      [
        'MOTO_ENABLE_RECORDING=True',
        `MOTO_RECORDER_FILEPATH=${this.recordingFile}`,
        ...['moto_server', '-H', '127.0.0.1', '-p', String(this.port)],
      ],
    ];
  }

  protected async probe(): Promise<void> {
    const response = await fetch(`${this.url}/moto-api/`);
    if (!response.ok) throw new Error(`moto answers ${response.status}`);
  }
}

export interface RecordedRequest {
  headers: Record<string, string>;
  method: string;
  url: string;
  body: string | null;
  body_encoded?: boolean;
}
