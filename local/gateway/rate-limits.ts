import { RATE_LIMITS, type RateLimitRule } from '../../schema/limits';

/** AWS WAF inspects this much of a request body; a larger body counts as matching (oversize handling MATCH). */
const INSPECTED_BODY_BYTES = 8 * 1024;
/** Sources remembered at most; past it the oldest windows are dropped (a flood of addresses cannot grow memory). */
const MAX_SOURCES = 100_000;

/**
 * The API's WAF rate-based rules, applied the way WAF applies them: a request whose body contains one of a
 * rule's field names counts against its source address, and once a source passes the rule's limit within the
 * window its matching requests are blocked until the window ends. Fixed windows per source stand in for WAF's
 * rolling count; the numbers are the ones the CDK app gives WAF.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly rules: readonly RateLimitRule[] = RATE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the request; true when a rule blocks it. */
  blocks(source: string, body: Buffer): boolean {
    const inspected = body.subarray(0, INSPECTED_BODY_BYTES).toString('utf8');
    const oversize = body.length > INSPECTED_BODY_BYTES;
    let blocked = false;
    for (const rule of this.rules) {
      if (!oversize && !rule.fields.some((field) => inspected.includes(field))) continue;
      const key = `${rule.name} ${source}`;
      const now = this.now();
      let window = this.windows.get(key);
      if (!window || now - window.startedAt >= rule.windowSeconds * 1000) {
        this.windows.delete(key);
        this.windows.set(key, (window = { startedAt: now, count: 0 }));
        this.prune();
      }
      window.count += 1;
      if (window.count > rule.limit) blocked = true;
    }
    return blocked;
  }

  get sources(): number {
    return this.windows.size;
  }

  private prune(): void {
    while (this.windows.size > MAX_SOURCES) this.windows.delete(this.windows.keys().next().value!);
  }
}
