import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60 * 1000;

export function isSigV4(authorization: string | undefined): boolean {
  return !!authorization?.startsWith('AWS4-HMAC-SHA256 ');
}

/**
 * Checks a SigV4-signed request as AWS does for IAM callers: a known access key with its session token, the
 * expected region and service, a fresh date, the body hash, and the signature recomputed over exactly the
 * headers the caller signed. Returns the key's owner, or why the request is refused.
 */
export async function verifySigV4<T>(
  request: SignedRequest,
  expected: { region: string; service: string },
  keys: Map<string, IssuedCredentials & { owner: T }>,
  now = Date.now(),
): Promise<{ owner: T } | { refused: string }> {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!match) return { refused: 'malformed Authorization header' };
  const [, accessKeyId, day, region, service, signedList, signature] = match as unknown as string[];
  const key = keys.get(accessKeyId!);
  if (!key) return { refused: 'unknown access key' };
  if (region !== expected.region || service !== expected.service)
    return { refused: 'wrong credential scope' };
  if (request.headers['x-amz-security-token'] !== key.sessionToken) return { refused: 'wrong session token' };
  const stamp = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(request.headers['x-amz-date'] ?? '');
  if (!stamp || stamp.slice(1, 4).join('') !== day) return { refused: 'missing or inconsistent X-Amz-Date' };
  const signingDate = new Date(`${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:${stamp[6]}Z`);
  if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) return { refused: 'signature expired' };
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== bodyHash)
    return { refused: 'body does not match its hash' };
  const signedHeaders = signedList!.split(';');
  if (!signedHeaders.includes('host')) return { refused: 'host is not signed' };
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return { refused: `signed header ${name} is missing` };
    headers[name] = value;
  }
  const url = new URL(request.url, `http://${request.headers.host}`);
  const signer = new SignatureV4({
    credentials: key,
    region: region!,
    service: service!,
    sha256: Sha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: request.body.toString('utf8'),
    },
    { signingDate },
  );
  const recomputed = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers.authorization))![1]!;
  return timingSafeEqual(Buffer.from(recomputed), Buffer.from(signature!))
    ? { owner: key.owner }
    : { refused: 'signature does not match' };
}
