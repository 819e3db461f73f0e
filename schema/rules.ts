/**
 * The rules of what people and owners may enter, and the reasons the API gives for refusing: one import-free
 * module read by the domain (which enforces them) and by both apps (which check forms before a round trip and
 * translate every reason). Change a rule here and all three follow.
 */

export const LIMITS = {
  nameMax: 128,
  textMax: 2000,
  emailMax: 254,
  /** OWASP ASVS 2.1.1 (NIST's floor is 8). */
  passwordMin: 12,
  passwordMax: 128,
  capacityMax: 100_000,
  /** The farthest position an "almost your turn" alert can be set to. */
  alertAheadMax: 50,
  /** Counters (desks) per queue, and the length of a counter's name ("Guichê 12"). */
  countersMax: 20,
  /** People one ticket can be for. */
  partySizeMax: 20,
  /** Minutes of grace after a call. */
  graceMinutesMax: 120,
  /** Places "I need a few more minutes" moves a person back, and how often one ticket may. */
  snoozePlacesMax: 50,
  snoozeLimitMax: 5,
  counterNameMax: 40,
  pageMax: 500,
  /** E.164 allows 15 digits; fewer than 6 is no phone number. */
  phoneDigitsMin: 6,
  phoneDigitsMax: 15,
} as const;

/**
 * A person's or a queue's name: letters of any script, marks, digits, emoji, spaces and ordinary punctuation;
 * characters that only markup, code or SQL would need are refused so the error is clear.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
export const NAME_FORBIDDEN = /[<>{}[\]\\;`|^$=\n\t\u0000-\u001F\u007F]/;

/** Deliberately plain: one @, a dotted domain, no spaces or markup (tested lower-cased). The mail server judges. */
export const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

export const PHONE = /^\+?[0-9 ()-]{6,24}$/;

/** Opaque tokens (ticket links, verification, reset, bearer) are 43 base64url characters; a little slack. */
export const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

/** Length as people count it: one emoji or accented letter is one character (code points, like utf8mb4). */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

export type NameProblem = 'REQUIRED' | 'TOO_LONG' | 'FORBIDDEN_CHARACTERS';

/** What is wrong with a name as typed (it is trimmed first), or null. */
export function nameProblem(raw: string): NameProblem | null {
  const value = raw.normalize('NFC').trim();
  if (value.length === 0) return 'REQUIRED';
  if (charLength(value) > LIMITS.nameMax) return 'TOO_LONG';
  return NAME_FORBIDDEN.test(value) ? 'FORBIDDEN_CHARACTERS' : null;
}

export function isEmail(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  return value.length > 0 && value.length <= LIMITS.emailMax && EMAIL.test(value);
}

export function isPhone(raw: string): boolean {
  const value = raw.trim();
  const digits = value.replace(/\D/g, '').length;
  // A country code never starts with 0 (after `+` or the international prefix 00).
  const countryCode = /^(\+|00)\D*0/.test(value) ? null : value;
  return (
    countryCode !== null &&
    PHONE.test(value) &&
    digits >= LIMITS.phoneDigitsMin &&
    digits <= LIMITS.phoneDigitsMax
  );
}

/** `errorInfo.reason` when a self-join is refused. */
export type JoinRefusal = 'SELF_JOIN_OFF' | 'PAUSED' | 'CLOSED' | 'FULL' | 'DUPLICATE' | 'PRESENCE_CODE';

/** Why moving back ("I need a few more minutes") is refused: CONFLICT errors' `errorInfo.reason`. */
export type SnoozeRefusal = 'SNOOZE_OFF' | 'SNOOZE_LIMIT' | 'LAST';

/** `errorInfo.reason` when a new password is refused. */
export type PasswordRefusal = 'TOO_SHORT' | 'CONTROL_CHARACTERS' | 'CONTAINS_EMAIL' | 'SEQUENTIAL' | 'COMMON';
