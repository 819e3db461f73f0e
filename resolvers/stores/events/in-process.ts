import type { QueueEvent } from '../../domain/model';
import type { EventPublisher } from '../../domain/ports';

export type QueueEventListener = (event: QueueEvent) => void;

/** Publishes queue events to listeners in this process (the local gateway's subscriptions, tests). */
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
