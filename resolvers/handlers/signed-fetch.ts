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
 * A request signed with AWS Signature V4 (the function's role), as AppSync and OpenSearch take them: the one way
 * the handlers call an AWS endpoint that has no SDK client. `url`'s query is signed with it.
 */
export async function signedRequest(
  method: 'GET' | 'POST' | 'DELETE',
  url: URL,
  body: string | undefined,
  options: SignedPostOptions,
): Promise<Response> {
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: options.service,
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { 'content-type': options.contentType, host: url.host },
    ...(body !== undefined ? { body } : {}),
  });
  return fetch(url, {
    method,
    headers: signed.headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
}

/** A signed POST (publishing to AppSync, indexing into OpenSearch). */
export const signedPost = (url: URL, body: string, options: SignedPostOptions) =>
  signedRequest('POST', url, body, options);
