import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDynamo, type TestDynamo } from '../support/dynalite';
import { OWNER_PASSWORD, ownerOverHttp, postGraphql } from '../support/http';
import { killSpawnedServers, spawnServer, type SpawnedServer } from '../support/spawned-server';

/** Password guessing against two real instances sharing their accounts, with production password hashing. */
describe('login under attack, two instances', () => {
  let dynamo: TestDynamo;
  let servers: SpawnedServer[] = [];
  const dirs = [mkdtempSync(join(tmpdir(), 'qm-a-')), mkdtempSync(join(tmpdir(), 'qm-b-'))];

  beforeAll(async () => {
    dynamo = await freshDynamo();
    servers = await Promise.all(
      dirs.map((dir) =>
        spawnServer({
          PORT: '0',
          DATA_DIR: dir,
          DYNAMODB_ENDPOINT: dynamo.endpoint,
          ACCOUNTS_TABLE: dynamo.table,
          LOG_LEVEL: 'CRITICAL',
        }),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => (s.child.exitCode === null ? s.stop() : undefined)));
    killSpawnedServers();
    await dynamo?.cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const login = async (server: SpawnedServer, email: string, password: string) => {
    const started = performance.now();
    const answer = await postGraphql(
      server.url,
      {
        query: 'mutation L($e: AWSEmail!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        variables: { e: email, p: password },
      },
      'Public',
    );
    return {
      ms: performance.now() - started,
      outcome: answer.body.data?.login ? 'OK' : (answer.body.errors[0].errorType as string),
    };
  };

  it('given 20 concurrent guesses over both instances, then at most 5 are checked and the rest are RATE_LIMITED, the right password included', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const { email } = await ownerOverHttp(a.url, b.url);
    const guesses = Array.from({ length: 20 }, (_, i) =>
      i === 19 ? OWNER_PASSWORD : `wrong guess number ${i}`,
    );
    const outcomes = await Promise.all(guesses.map((g, i) => login(i % 2 ? b : a, email, g)));
    const count = (o: string) => outcomes.filter((x) => x.outcome === o).length;
    process.stdout.write(
      `20 concurrent logins: ${count('UNAUTHENTICATED')} UNAUTHENTICATED, ${count('OK')} OK, ${count('RATE_LIMITED')} RATE_LIMITED\n`,
    );
    expect(count('UNAUTHENTICATED') + count('OK')).toBeLessThanOrEqual(5);
    expect(count('RATE_LIMITED')).toBeGreaterThanOrEqual(15);
  });

  it('given wrong passwords for existing and unknown addresses, then the median answer times are within 20%', async () => {
    const [a] = servers as [SpawnedServer];
    const existing = [(await ownerOverHttp(a.url)).email, (await ownerOverHttp(a.url)).email];
    const timings = { existing: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 8; i++) {
      // Interleaved, each address under the lockout's limit.
      const known = await login(a, existing[i % 2]!, `wrong password ${i}`);
      const unknown = await login(a, `${randomUUID()}@example.com`, `wrong password ${i}`);
      expect([known.outcome, unknown.outcome]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
      timings.existing.push(known.ms);
      timings.unknown.push(unknown.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const [known, unknown] = [median(timings.existing), median(timings.unknown)];
    process.stdout.write(
      `login timing: existing ${known.toFixed(0)} ms, unknown ${unknown.toFixed(0)} ms (median of 8; ratio ${(unknown / known).toFixed(2)})\n`,
    );
    expect(Math.abs(unknown - known) / known).toBeLessThan(0.2);
  });
});
