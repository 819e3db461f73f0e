/**
 * The API's limits, in one place: the CDK app configures AppSync and AWS WAF with them and the local gateway
 * enforces the same numbers, so a request refused in one is refused in the other.
 */
export const API_LIMITS = {
  /**
   * AppSync `queryDepthLimit` (1–75): nested selection levels, fragments expanded. The apps need 3; GraphiQL's
   * introspection query (the playground, and any developer's tooling) needs 13.
   */
  queryDepthLimit: 15,
  /** AppSync `resolverCountLimit` (1–10,000): resolver invocations per request. Clients need at most 2. */
  resolverCountLimit: 5,
  /** AppSync's request body limit. */
  maxBodyBytes: 1024 * 1024,
  /** Real-time client frames larger than this close the socket (1009). */
  maxRealtimeFrameBytes: 128 * 1024,
} as const;

/**
 * Per-source rate limits for the unauthenticated mutations, as AWS WAF rate-based rules on the API (each
 * counts the requests from one IP address whose body contains one of `fields`, over `windowSeconds`).
 * A blocked request gets HTTP 429 with `body`, from WAF's custom response in AWS and from the gateway here.
 */
export interface RateLimitRule {
  readonly name: string;
  readonly fields: readonly string[];
  readonly limit: number;
  readonly windowSeconds: number;
}

export const RATE_LIMITS: readonly RateLimitRule[] = [
  {
    name: 'account-mutations',
    fields: ['signUp', 'login', 'requestPasswordReset', 'resetPassword', 'resendVerification', 'verifyEmail'],
    limit: 100,
    windowSeconds: 300,
  },
  { name: 'self-joins', fields: ['joinQueue'], limit: 300, windowSeconds: 300 },
];

export const RATE_LIMITED_BODY = JSON.stringify({
  errors: [
    {
      errorType: 'RATE_LIMITED',
      message: 'Too many requests from this address. Please try again in a few minutes.',
    },
  ],
});
