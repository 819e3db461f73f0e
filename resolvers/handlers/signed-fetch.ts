import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export interface SignedPostOptions {
  credentials: AwsCredentialIdentityProvider;
  region: string;
  /** The SigV4 service name: `appsync`, `es`… */
  service: string;
  contentType: string;
  timeoutMs: number;
}

/**
 * A POST signed with AWS Signature V4 (the function's role), as AppSync and OpenSearch take them: the one way
 * the handlers call an AWS endpoint that has no SDK client.
 */
export async function signedPost(url: URL, body: string, options: SignedPostOptions): Promise<Response> {
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: options.service,
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { 'content-type': options.contentType, host: url.host },
    body,
  });
  return fetch(url, {
    method: 'POST',
    headers: signed.headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
}
