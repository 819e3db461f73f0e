import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { CircuitBreaker } from '../../resolvers/stores/breaker';
import { quiet } from '../../resolvers/stores/positions/redis';
import type { Redis } from 'ioredis';

/** A mutation result that triggers subscriptions (@aws_subscribe), with only the fields the mutation selected. */
export interface TriggerMessage {
  mutation: string;
  payload: Record<string, unknown>;
}

export type TriggerListener = (message: TriggerMessage) => void;

/** Carries trigger messages to every gateway instance's subscribers. */
export interface FanOut {
  publish(message: TriggerMessage): Promise<void>;
  listen(listener: TriggerListener): void;
  close(): Promise<void>;
}

/** One process: deliver directly. */
export class InProcessFanOut implements FanOut {
  private listeners: TriggerListener[] = [];

  async publish(message: TriggerMessage): Promise<void> {
    for (const listener of this.listeners) listener(message);
  }

  listen(listener: TriggerListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners = [];
  }
}

/**
 * Several instances: every trigger goes through one Redis pub/sub channel and each instance (this one too)
 * delivers it to its own subscribers. Triggers published in the same turn of the event loop (a commit's
 * events) travel as one message, in order. If Redis cannot take it, this instance's subscribers still get
 * them, and the others heal by re-reading on the version gap.
 */
export class RedisFanOut implements FanOut {
  private listeners: TriggerListener[] = [];
  private readonly instance = randomUUID();
  private readonly breaker = new CircuitBreaker();
  private pending: { messages: TriggerMessage[]; sent: Promise<void> } | undefined;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
  ) {
    subscriber.on('message', (channelName: string, raw: string) => {
      if (channelName !== channel) return;
      let messages: unknown;
      try {
        messages = (JSON.parse(raw) as { messages?: unknown }).messages;
      } catch {
        return; // Not ours: anyone who can reach Redis can publish on the channel.
      }
      if (!Array.isArray(messages)) return;
      for (const message of messages as TriggerMessage[])
        if (
          message &&
          typeof message.mutation === 'string' &&
          message.payload &&
          typeof message.payload === 'object'
        )
          this.deliver(message);
    });
  }

  static async connect(url: string, channel: string): Promise<RedisFanOut> {
    const { Redis } = await import('ioredis');
    // The publisher fails at once while Redis is away (no offline queue, a short timeout, a circuit breaker):
    // a change then reaches this instance's subscribers directly and the others see a version gap. The
    // subscriber queues its SUBSCRIBE and re-subscribes by itself after every reconnect.
    const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2000);
    const publisher = quiet(
      new Redis(url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: 500,
        retryStrategy,
      }),
    );
    const subscriber = quiet(new Redis(url, { connectTimeout: 2000, retryStrategy }));
    await Promise.all([subscriber.subscribe(channel), once(publisher, 'ready')]);
    return new RedisFanOut(publisher, subscriber, channel);
  }

  publish(message: TriggerMessage): Promise<void> {
    if (this.pending) {
      this.pending.messages.push(message);
      return this.pending.sent;
    }
    const messages = [message];
    const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.pending = undefined;
      try {
        await this.breaker.run(() =>
          this.publisher.publish(this.channel, JSON.stringify({ from: this.instance, messages })),
        );
      } catch (error) {
        for (const unsent of messages) this.deliver(unsent);
        throw error;
      }
    });
    this.pending = { messages, sent };
    return sent;
  }

  listen(listener: TriggerListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners = [];
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private deliver(message: TriggerMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
