import type { QueueEvent } from '../../resolvers/domain/model';
import type { EventPublisher } from '../../resolvers/domain/ports';

export type QueueEventListener = (event: QueueEvent) => void;

/**
 * The test stacks' event publisher: every event to listeners in this process, in publish order, so a test can
 * read what subscribers were sent. (The local server publishes through its gateway's fan-out instead.)
 */
export class InProcessEventBus implements EventPublisher {
  private readonly listeners = new Set<QueueEventListener>();

  async publish(event: QueueEvent): Promise<void> {
    for (const listener of this.listeners) listener(event);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: QueueEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
