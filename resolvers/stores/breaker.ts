import { isStoreUnreachable, UnavailableError } from '../domain/errors';

/**
 * Stops calling a store that has just failed to answer: after a failure that means "unreachable" (refused,
 * timed out), every call fails at once for `cooldownMs`; then calls go through again, and the first success
 * closes it. A store that hangs instead of refusing then costs one timeout per cool-down, not one per request.
 */
export class CircuitBreaker {
  private openUntil = 0;

  constructor(
    private readonly cooldownMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.isOpen) throw new UnavailableError('The store is unavailable (circuit open).');
    try {
      const result = await call();
      this.openUntil = 0;
      return result;
    } catch (error) {
      if (isStoreUnreachable(error)) this.openUntil = this.now() + this.cooldownMs;
      throw error;
    }
  }
}
