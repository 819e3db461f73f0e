/**
 * The headers the web apps are served with, written once: CloudFront's response headers policy in AWS
 * (infra/lib/web.ts) and the local server's (local/pages.ts) send the same.
 */

/** The apps' Content-Security-Policy; `connect` adds the API's origins (AppSync's hosts, a custom domain). */
export function appContentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Beside the policy: no framing, no sniffing, no referrer (a ticket's link carries its token). */
export const APP_SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** Hashed build files never change under their name; pages are revalidated on every load. */
export const CACHE = {
  hashed: 'public, max-age=31536000, immutable',
  page: 'no-cache',
} as const;
