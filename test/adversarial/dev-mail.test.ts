import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../support/http';
import { killSpawnedServers, spawnServer } from '../support/spawned-server';

/**
 * /dev/mail lists every verification and password-reset link: on a server that listens beyond this machine it
 * would hand any account to anyone who can reach it. (The requests below still go to 127.0.0.1.)
 */
describe('the dev outbox on a server open to the network', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-devmail-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    killSpawnedServers();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('given HOST=0.0.0.0, then /dev/mail and its redrive do not exist and the banner says why; DEV_MAIL=on serves it with a warning', async () => {
    const open = await spawnServer({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: dataDir(), LOG_LEVEL: 'ERROR' });
    const url = open.url.replace('localhost', '127.0.0.1');
    await postGraphql(
      url,
      { query: 'mutation { requestPasswordReset(email: "victim@example.com") }' },
      'Public',
    );
    expect((await fetch(`${url}/dev/mail`)).status).toBe(404);
    expect(
      (await fetch(`${url}/dev/mail/redrive`, { method: 'POST', headers: { origin: url } })).status,
    ).toBe(404);
    expect(open.output()).toMatch(/Dev mail {4}off: HOST=0\.0\.0\.0 listens beyond this machine/);
    await open.stop();

    const optedIn = await spawnServer({
      PORT: '0',
      HOST: '0.0.0.0',
      DEV_MAIL: 'on',
      DATA_DIR: dataDir(),
      LOG_LEVEL: 'ERROR',
    });
    expect((await fetch(`${optedIn.url.replace('localhost', '127.0.0.1')}/dev/mail`)).status).toBe(200);
    expect(optedIn.output()).toContain('WARNING: DEV_MAIL=on with HOST=0.0.0.0');
    await optedIn.stop();
  });
});
