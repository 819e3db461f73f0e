import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { CircuitBreaker } from '../../resolvers/stores/breaker';
import { connectRedis, quiet, REDIS_RETRY } from '../../resolvers/stores/positions/redis';

/** A mutation result that triggers subscriptions (@aws_subscribe), with only the fields the mutation selected. */
export interface TriggerMessage {
  mutation: string;
  payload: Record<string, unknown>;
}

export type TriggerListener = (message: TriggerMessage) => void;

/** Carries trigger messages to every gateway instance's subscribers. */
export interface FanOut {
  /** True when every trigger is delivered in the order it was published (one process). */
  readonly inOrder: boolean;
  publish(message: TriggerMessage): Promise<void>;
  listen(listener: TriggerListener): void;
  /**
   * Called when the link between instances is back after a break: this instance's subscribers may have missed
   * other instances' events and must be told to re-read.
   */
  onResync(listener: () => void): void;
  close(): Promise<void>;
}

/** One process: deliver directly. */
export class InProcessFanOut implements FanOut {
  readonly inOrder = true;
  private listeners: TriggerListener[] = [];

  async publish(message: TriggerMessage): Promise<void> {
    for (const listener of this.listeners) listener(message);
  }

  listen(listener: TriggerListener): void {
    this.listeners.push(listener);
  }

  /** Nothing to lose between instances in one process. */
  onResync(): void {}

  async close(): Promise<void> {
    this.listeners = [];
  }
}

/**
 * Several instances: every trigger goes through one Redis pub/sub channel and each instance (this one too)
 * delivers it to its own subscribers. Triggers published in the same turn of the event loop (a commit's
 * events) travel as one message, in order. If Redis cannot take them, this instance's subscribers still get
 * them, and once Redis can, the other instances are told to resync their subscribers.
 */
export class RedisFanOut implements FanOut {
  /** Instances publish independently: one instance's later version can arrive before another's earlier one. */
  readonly inOrder = false;
  private listeners: TriggerListener[] = [];
  private readonly instance = randomUUID();
  private readonly breaker = new CircuitBreaker();
  private resyncListeners: (() => void)[] = [];
  private pending: { messages: TriggerMessage[]; sent: Promise<void> } | undefined;
  /** Some of this instance's triggers reached only its own subscribers: the others must be told. */
  private unsent = false;
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
  ) {
    // Two ways an instance's subscribers can miss events, each answered by a resync (clients reconnect and
    // re-read): its own subscription broke (Redis restarted, network cut), or another instance could not
    // publish for a while and says so on the channel once it can again.
    let broken = false;
    subscriber.on('close', () => (broken = true));
    subscriber.on('ready', () => {
      if (!broken) return;
      broken = false;
      this.resync();
    });
    publisher.on('ready', () => this.announceWhenPossible());
    subscriber.on('message', (channelName: string, raw: string) => {
      if (channelName !== channel) return;
      let parsed: { from?: unknown; resync?: unknown; messages?: unknown };
      try {
        parsed = JSON.parse(raw) as typeof parsed;
      } catch {
        return; // Not ours: anyone who can reach Redis can publish on the channel.
      }
      if (!parsed || typeof parsed !== 'object') return;
      if (parsed.resync === true && parsed.from !== this.instance) return this.resync();
      if (!Array.isArray(parsed.messages)) return;
      for (const message of parsed.messages as TriggerMessage[])
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
    // The publisher fails at once while Redis is away, like every Redis client here (connectRedis): a change
    // then reaches this instance's subscribers directly, and the others are told to resync once Redis is back.
    // The subscriber queues its SUBSCRIBE and re-subscribes by itself after every reconnect.
    const publisher = connectRedis(url);
    const subscriber = quiet(new Redis(url, { connectTimeout: 2000, retryStrategy: REDIS_RETRY }));
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
        if (this.unsent) await this.announceResync();
        await this.breaker.run(() =>
          this.publisher.publish(this.channel, JSON.stringify({ from: this.instance, messages })),
        );
      } catch (error) {
        this.unsent = true;
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

  onResync(listener: () => void): void {
    this.resyncListeners.push(listener);
  }

  private resync(): void {
    for (const listener of this.resyncListeners) listener();
  }

  /** Announces the resync as soon as Redis takes it (the breaker may still be open when the link returns). */
  private announceWhenPossible(): void {
    if (!this.unsent || this.closed) return;
    this.announceResync().catch(() => setTimeout(() => this.announceWhenPossible(), 1000).unref());
  }

  /** Tells every other instance that it missed some of this one's triggers. Throws while Redis is away. */
  private async announceResync(): Promise<void> {
    await this.breaker.run(() =>
      this.publisher.publish(this.channel, JSON.stringify({ from: this.instance, resync: true })),
    );
    this.unsent = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners = [];
    this.resyncListeners = [];
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private deliver(message: TriggerMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
