import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { QueueEvent } from '../domain/model';
import type { EventPublisher } from '../domain/ports';
import { presentEvent } from './present';
import { signedPost } from './signed-fetch';

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
      counter
      fromPosition
      toPosition
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
  private readonly url: URL;

  constructor(private readonly options: AppSyncPublisherOptions) {
    this.url = new URL(options.url);
  }

  async publish(event: QueueEvent): Promise<void> {
    const body = JSON.stringify({ query: PUBLISH_QUEUE_EVENT, variables: { event: presentEvent(event) } });
    const response = await signedPost(this.url, body, {
      credentials: this.options.credentials,
      region: this.options.region,
      service: 'appsync',
      contentType: 'application/json',
      timeoutMs: 5000,
    });
    if (!response.ok) throw new Error(`publishQueueEvent answered HTTP ${response.status}`);
    const answer = (await response.json()) as { errors?: { errorType?: string; message?: string }[] };
    if (answer.errors?.length)
      throw new Error(
        `publishQueueEvent failed: ${answer.errors[0]?.errorType ?? answer.errors[0]?.message}`,
      );
  }
}
