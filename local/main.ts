/** `npm start`: the whole system on one machine. Configuration: see config.ts and the README. */
import { configFromEnv } from './config';
import { StartupError } from './embedded';
import { createLog } from '../resolvers/handlers/logger';
import { guardProcess } from './process-guard';
import { startCpuProfile } from './profile';
import { startLocalServer } from './server';

async function main(): Promise<void> {
  const started = performance.now();
  const stopProfile = await startCpuProfile(process.env.CPU_PROFILE);
  const config = configFromEnv();
  const log = createLog('queue-manager-local', config.logLevel);
  guardProcess(log);
  const server = await startLocalServer(config, log);
  const d = server.system.describe;
  process.stdout.write(
    [
      '',
      `Queue Manager is ready at ${server.url}  (${Math.round(performance.now() - started)} ms)`,
      `  API         POST ${server.url}/graphql   real time ${server.url.replace(/^http/, 'ws')}/graphql/realtime`,
      `  Playground  ${server.url}/playground`,
      server.devMail.served
        ? `  Dev mail    ${server.url}/dev/mail${server.devMail.warning ? `  — WARNING: ${server.devMail.warning}` : ''}`
        : `  Dev mail    off: ${server.devMail.reason}`,
      `  Stores      ${d.sql} · positions ${d.positions} · accounts ${d.accounts} · mail ${d.mail}`,
      '',
    ].join('\n') + '\n',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping (pending mail is kept for the next start)…\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      async () => {
        await stopProfile?.();
        process.stdout.write('Stopped cleanly.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nQueue Manager could not start: ${error instanceof StartupError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
