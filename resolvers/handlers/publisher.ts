import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider, HttpRequest } from '@smithy/types';
import type { QueueEvent } from '../domain/model';
import type { EventPublisher } from '../domain/ports';
import { presentEvent } from './present';

/** The one publish per change: every field, so subscribers receive all of them (AppSync sends what is selected). */
export const PUBLISH_QUEUE_EVENT = /* GraphQL */ `
  mutation PublishQueueEvent($event: QueueEventInput!) {
    publishQueueEvent(event: $event) {
      queueId
      version
      kind
      ticketNumber
      waitingCount
      nowServing
      at
    }
  }
`;

export interface AppSyncPublisherOptions {
  /** The API's GraphQL endpoint, https://….appsync-api.<region>.amazonaws.com/graphql */
  url: string;
  region: string;
  credentials: AwsCredentialIdentityProvider;
}

/** Publishes queue events by calling `publishQueueEvent` on AppSync, signed with the function's IAM role. */
export class AppSyncIamPublisher implements EventPublisher {
  private readonly signer: SignatureV4;
  private readonly url: URL;

  constructor(options: AppSyncPublisherOptions) {
    this.url = new URL(options.url);
    this.signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region,
      service: 'appsync',
      sha256: Sha256,
    });
  }

  async publish(event: QueueEvent): Promise<void> {
    const body = JSON.stringify({ query: PUBLISH_QUEUE_EVENT, variables: { event: presentEvent(event) } });
    const request: HttpRequest = {
      method: 'POST',
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      ...(this.url.port ? { port: Number(this.url.port) } : {}),
      path: this.url.pathname,
      query: {},
      headers: { 'content-type': 'application/json', host: this.url.host },
      body,
    };
    const signed = await this.signer.sign(request);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`publishQueueEvent answered HTTP ${response.status}`);
    const answer = (await response.json()) as { errors?: { errorType?: string; message?: string }[] };
    if (answer.errors?.length)
      throw new Error(
        `publishQueueEvent failed: ${answer.errors[0]?.errorType ?? answer.errors[0]?.message}`,
      );
  }
}
