import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { verifySigV4, type IssuedCredentials } from '../../local/rehearsal/sigv4';

const key: IssuedCredentials = {
  accessKeyId: 'ASIARESOLVER00000000',
  secretAccessKey: 'resolver-secret',
  sessionToken: 'resolver-session',
};
const keys = new Map([[key.accessKeyId, { ...key, owner: 'resolver' }]]);
const expected = { region: 'sa-east-1', service: 'appsync' };
const body = JSON.stringify({ query: 'mutation { publishQueueEvent { queueId } }' });

/** Signed as the resolver's publisher signs (resolvers/handlers/publisher.ts), then received as HTTP. */
async function signed(credentials: IssuedCredentials = key, region = 'sa-east-1', at = new Date()) {
  const signer = new SignatureV4({ credentials, region, service: 'appsync', sha256: Sha256 });
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: 'localhost',
      port: 4100,
      path: '/graphql',
      query: {},
      headers: { 'content-type': 'application/json', host: 'localhost:4100' },
      body,
    },
    { signingDate: at },
  );
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', url: '/graphql', headers, body: Buffer.from(body) };
}

describe('SigV4 verification (AppSync IAM mode in the AWS rehearsal)', () => {
  it('given a request signed with issued credentials, then it names their owner', async () => {
    expect(await verifySigV4(await signed(), expected, keys)).toEqual({ owner: 'resolver' });
  });

  it('given a hostile signed request, then it is refused with the reason', async () => {
    const good = await signed();
    const cases: [string, Promise<ReturnType<typeof verifySigV4> extends Promise<infer R> ? R : never>][] = [
      [
        'tampered body',
        verifySigV4({ ...good, body: Buffer.from(body.replace('queueId', 'version')) }, expected, keys),
      ],
      [
        'tampered body with its hash recomputed by nobody',
        verifySigV4(
          {
            ...good,
            headers: { ...good.headers, 'x-amz-content-sha256': undefined as never },
            body: Buffer.from('{}'),
          },
          expected,
          keys,
        ),
      ],
      ['unknown key', verifySigV4(await signed({ ...key, accessKeyId: 'ASIAOTHER' }), expected, keys)],
      ['wrong secret', verifySigV4(await signed({ ...key, secretAccessKey: 'guess' }), expected, keys)],
      [
        'wrong session token',
        verifySigV4(await signed({ ...key, sessionToken: 'stolen-elsewhere' }), expected, keys),
      ],
      ['wrong region', verifySigV4(await signed(key, 'us-east-1'), expected, keys)],
      [
        'signed an hour ago',
        verifySigV4(await signed(key, 'sa-east-1', new Date(Date.now() - 3_600_000)), expected, keys),
      ],
      [
        'another host',
        verifySigV4({ ...good, headers: { ...good.headers, host: 'evil.example' } }, expected, keys),
      ],
      [
        'malformed header',
        verifySigV4(
          { ...good, headers: { ...good.headers, authorization: 'AWS4-HMAC-SHA256 x' } },
          expected,
          keys,
        ),
      ],
      ['no header', verifySigV4({ ...good, headers: {} }, expected, keys)],
    ];
    for (const [name, verdict] of cases) expect(await verdict, name).toHaveProperty('refused');
  });
});
