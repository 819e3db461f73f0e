import { dictionary } from '@zxcvbn-ts/language-common';
import {
  charLength,
  isEmail,
  isPhone,
  LIMITS,
  nameProblem,
  TOKEN,
  type PasswordRefusal,
} from '../../schema/rules';
import { templateProblem, type TemplateKind } from '../../schema/sms';
import { ValidationError } from './errors';
import type { MessageTemplate } from './messages';
import type { Counter, MessageLanguage } from './model';

export { charLength, LIMITS };

/**
 * The passwords most often seen in breaches (zxcvbn-ts's ranked list of ~49,000, lower case), as a set built on
 * first use.
 */
const COMMON_PASSWORDS = (() => {
  let set: Set<string> | undefined;
  return () => (set ??= new Set(dictionary['passwords-common']));
})();

// Control characters other than tab and newline never belong in stored text.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /<\s*\/?\s*[a-z!?]/i;

function fail(field: string, message: string, extra?: Record<string, unknown>): never {
  throw new ValidationError(message, { field, ...extra });
}

/** A required name of 1–128 characters, trimmed, inner white space kept. */
export function parseName(field: string, raw: unknown): string {
  if (typeof raw !== 'string') fail(field, `${field} is required.`);
  const problem = nameProblem(raw);
  if (problem === 'REQUIRED') fail(field, `${field} must not be empty.`);
  if (problem === 'TOO_LONG')
    fail(field, `${field} must be at most ${LIMITS.nameMax} characters.`, { max: LIMITS.nameMax });
  if (problem === 'FORBIDDEN_CHARACTERS')
    fail(field, `${field} contains characters that are not allowed (such as < > ; { } or line breaks).`);
  return raw.normalize('NFC').trim();
}

/** Optional free text up to 2000 characters; empty becomes null. Markup is refused, not stored. */
export function parseText(field: string, raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') fail(field, `${field} must be text.`);
  const value = raw.normalize('NFC').trim();
  if (value.length === 0) return null;
  if (charLength(value) > LIMITS.textMax)
    fail(field, `${field} must be at most ${LIMITS.textMax} characters.`, { max: LIMITS.textMax });
  if (CONTROL.test(value)) fail(field, `${field} contains control characters.`);
  if (MARKUP.test(value)) fail(field, `${field} must be plain text, not HTML.`);
  return value;
}

/** An email address, trimmed and lower-cased: emails are compared case-insensitively everywhere. */
export function parseEmail(field: string, raw: unknown): string {
  if (typeof raw !== 'string') fail(field, `${field} is required.`);
  const value = raw.trim().toLowerCase();
  if (value.length === 0) fail(field, `${field} must not be empty.`);
  if (!isEmail(value)) fail(field, `${field} is not a valid email address.`);
  return value;
}

export function parseOptionalEmail(field: string, raw: unknown): string | null {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  return parseEmail(field, raw);
}

/** An optional phone number: digits with the usual separators, 6–15 digits (E.164 allows 15). */
/** The country calling code for numbers typed without one, unless a deploy chooses another: Brazil's. */
export const DEFAULT_PHONE_COUNTRY_CODE = '55';

/**
 * A phone number as E.164 (`+` and its digits), so SMS can reach it and a reply from it finds its ticket: one
 * typed with `+` or `00` keeps its country code; any other gets `countryCode` in front, its trunk 0 dropped.
 */
export function parseOptionalPhone(field: string, raw: unknown, countryCode: string): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') fail(field, `${field} must be text.`);
  const value = raw.trim();
  if (value.length === 0) return null;
  if (!isPhone(value)) fail(field, `${field} is not a valid phone number.`);
  const digits = value.replace(/[^0-9]/g, '');
  const e164 = value.startsWith('+')
    ? digits
    : digits.startsWith('00')
      ? digits.slice(2)
      : countryCode + digits.replace(/^0+/, '');
  if (!/^[1-9][0-9]{5,14}$/.test(e164))
    fail(
      field,
      `${field} is not a valid phone number: give it with its country code, such as +55 11 91234-5678.`,
    );
  return `+${e164}`;
}

/** A message language as the API spells it (`EN`, `PT_BR`); English when absent. */
export function parseLanguage(field: string, raw: unknown): MessageLanguage {
  if (raw === undefined || raw === null || raw === 'EN') return 'en';
  if (raw === 'PT_BR') return 'pt-BR';
  return fail(field, `${field} must be EN or PT_BR.`);
}

/**
 * A password by NIST SP 800-63B: 10–128 characters of any script (no control characters), not one of the
 * passwords most often seen in breaches, not the account's email or its name part, and not one character
 * repeated or a straight run such as 1234567890 or abcdefghij. Refusals carry a stable `reason`.
 */
export function parsePassword(field: string, raw: unknown, email?: string): string {
  if (typeof raw !== 'string') fail(field, `${field} is required.`);
  const length = charLength(raw);
  const refuse = (message: string, reason: PasswordRefusal, extra?: Record<string, unknown>) =>
    fail(field, message, { ...extra, reason });
  if (length < LIMITS.passwordMin)
    refuse(`${field} must be at least ${LIMITS.passwordMin} characters.`, 'TOO_SHORT', {
      min: LIMITS.passwordMin,
    });
  if (length > LIMITS.passwordMax)
    fail(field, `${field} must be at most ${LIMITS.passwordMax} characters.`, { max: LIMITS.passwordMax });
  if (raw.trim().length === 0) refuse(`${field} must not be only spaces.`, 'TOO_SHORT');
  if (CONTROL.test(raw) || /[\t\n\r]/.test(raw))
    refuse(`${field} must not contain control characters.`, 'CONTROL_CHARACTERS');
  const folded = raw.normalize('NFKC').toLowerCase();
  if (email && (folded === email || folded === email.split('@')[0]))
    refuse(`${field} must not be your email address.`, 'CONTAINS_EMAIL');
  if (isRepetitiveOrSequential(folded))
    refuse(`${field} must not be one character repeated or a straight run of characters.`, 'SEQUENTIAL');
  if (COMMON_PASSWORDS().has(folded))
    refuse(`${field} is one of the passwords most often guessed. Please choose another.`, 'COMMON');
  return raw;
}

/** One character over and over, or every character one step from the one before (up or down). */
function isRepetitiveOrSequential(value: string): boolean {
  const codes = [...value].map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

export function parseCapacity(field: string, raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > LIMITS.capacityMax)
    fail(field, `${field} must be a whole number from 1 to ${LIMITS.capacityMax}.`, {
      min: 1,
      max: LIMITS.capacityMax,
    });
  return raw;
}

/** A queue's counters: at most 20, each named (1–40 characters, unique); an id keeps an existing counter. */
export function parseCounters(
  field: string,
  raw: unknown,
  existing: readonly Counter[],
  newId: () => string,
): Counter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > LIMITS.countersMax)
    fail(field, `${field} must be a list of at most ${LIMITS.countersMax} counters.`);
  const names = new Set<string>();
  return raw.map((item: unknown, i) => {
    const c = (item ?? {}) as { id?: unknown; name?: unknown };
    const at = `${field}[${i}]`;
    const name = parseName(`${at}.name`, c.name);
    if (charLength(name) > LIMITS.counterNameMax)
      fail(at, `${at}.name is at most ${LIMITS.counterNameMax} characters.`);
    const key = name.toLocaleLowerCase('pt-BR');
    if (names.has(key)) fail(at, `${field} has two counters named "${name}".`, { reason: 'DUPLICATE' });
    names.add(key);
    if (c.id === undefined || c.id === null) return { id: newId(), name };
    const id = parseId(`${at}.id`, c.id);
    if (!existing.some((e) => e.id === id)) fail(at, `${at}.id is not one of this queue's counters.`);
    return { id, name };
  });
}

/** How many people a ticket is for: 1 to 20, 1 when absent. */
/**
 * A whole number from 1 to `max`, or `absent` when null or left out (absent null: the setting is off, as
 * alertAhead, graceMinutes and snoozePlaces; a number: its default, as partySize and snoozeLimit).
 */
export function parseCount<T extends number | null>(
  field: string,
  raw: unknown,
  max: number,
  absent: T,
): number | T {
  if (raw === undefined || raw === null) return absent;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > max)
    fail(
      field,
      `${field} must be a whole number from 1 to ${max}${absent === null ? ', or null to turn it off' : ''}.`,
      {
        min: 1,
        max,
      },
    );
  return raw;
}

/**
 * A queue's own message texts: at most one per kind (CALLED, ALMOST) and language (EN, PT_BR); null or an
 * empty list goes back to the defaults. Each text is checked as the backoffice checks it (schema/sms.ts).
 */
export function parseTemplates(field: string, raw: unknown): MessageTemplate[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > 4) fail(field, `${field} must be a list of at most 4 templates.`);
  const seen = new Set<string>();
  return raw.map((item: unknown, i) => {
    const t = (item ?? {}) as { kind?: unknown; language?: unknown; text?: unknown };
    const at = `${field}[${i}]`;
    if (t.kind !== 'CALLED' && t.kind !== 'ALMOST') fail(at, `${at}.kind must be CALLED or ALMOST.`);
    const language = parseLanguage(`${at}.language`, t.language ?? 'missing');
    if (typeof t.text !== 'string') fail(at, `${at}.text is required.`);
    const text = t.text.normalize('NFC').trim();
    const problem = templateProblem(t.kind as TemplateKind, text);
    if (problem) fail(at, `${at}.text: ${TEMPLATE_PROBLEMS[problem]}`, { reason: problem });
    const key = `${t.kind as string}/${language}`;
    if (seen.has(key)) fail(at, `${field} has two ${key} templates.`);
    seen.add(key);
    return { kind: t.kind as TemplateKind, language, text };
  });
}

const TEMPLATE_PROBLEMS = {
  REQUIRED: 'a template must not be empty (leave it out to use the default).',
  TOO_LONG: 'a template is at most 200 characters.',
  UNKNOWN_PLACEHOLDER:
    'only {name}, {number}, {queue} ({counter} in the call; {position}, {estimate} before it) can be filled in.',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is refused before it reaches a store. */
export function parseId(field: string, raw: unknown): string {
  if (typeof raw !== 'string' || !UUID.test(raw)) fail(field, `${field} is not a valid id.`);
  return raw.toLowerCase();
}

export function parseToken(field: string, raw: unknown): string {
  if (typeof raw !== 'string' || !TOKEN.test(raw)) fail(field, `${field} is not a valid token.`);
  return raw;
}

export function parseLimit(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > max)
    fail('limit', `limit must be a whole number from 1 to ${max}.`, { min: 1, max });
  return raw;
}

/** Page cursors are opaque to clients: base64url JSON that the store wrote. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<K extends string>(
  raw: unknown,
  keys: Record<K, 'string' | 'number'>,
): Record<K, string | number> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const invalid = (): never => fail('nextToken', 'nextToken is not valid: pass back the one you were given.');
  if (typeof raw !== 'string' || raw.length > 512) invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw as string, 'base64url').toString('utf8'));
  } catch {
    invalid();
  }
  if (typeof parsed !== 'object' || parsed === null) invalid();
  const record = parsed as Record<string, unknown>;
  for (const [key, type] of Object.entries(keys)) if (typeof record[key] !== type) invalid();
  return record as Record<K, string | number>;
}

/** An ISO-8601 instant (AWSDateTime) as epoch ms. */
export function parseInstant(field: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) fail(field, `${field} is not a valid date and time.`);
  return ms;
}
