/** `npm start`: the whole system on one machine. Configuration: see config.ts and the README. */
import { configFromEnv, localLog } from './config';
import { StartupError } from './embedded';
import { guardProcess, stopOnSignals } from './process-guard';
import { startCpuProfile } from './profile';
import { startLocalServer } from './server';

async function main(): Promise<void> {
  const started = performance.now();
  const stopProfile = await startCpuProfile(process.env.CPU_PROFILE);
  const config = configFromEnv();
  const log = localLog(config);
  guardProcess(log);
  const server = await startLocalServer(config, log);
  const d = server.system.describe;
  process.stdout.write(
    [
      '',
      `Queue Manager is ready at ${server.url}  (${Math.round(performance.now() - started)} ms)`,
      `  Client app  ${server.url}/   (a person's ticket: /t/<token>, joining: /j/<queue id>)`,
      `  Backoffice  ${server.url}/backoffice/`,
      `  API         POST ${server.url}/graphql   real time ${server.url.replace(/^http/, 'ws')}/graphql/realtime`,
      `  Playground  ${server.url}/playground`,
      server.devMail.served
        ? `  Dev mail    ${server.url}/dev/mail${server.devMail.warning ? `  — WARNING: ${server.devMail.warning}` : ''}`
        : `  Dev mail    off: ${server.devMail.reason}`,
      `  Stores      ${d.sql} · positions ${d.positions} · accounts ${d.accounts} · mail ${d.mail}`,
      '',
    ].join('\n') + '\n',
  );
  stopOnSignals('stopping (pending mail is kept for the next start)', async () => {
    await server.close();
    await stopProfile?.();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nQueue Manager could not start: ${error instanceof StartupError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
