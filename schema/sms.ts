/**
 * Message templates and SMS length: one import-free module read by the domain (which renders and validates
 * templates) and by the backoffice (which counts segments as the owner types). Change a rule here and both
 * follow.
 */

/** What a template may say, per kind: the call has no position or estimate any more. */
export const PLACEHOLDERS = {
  CALLED: ['name', 'number', 'queue', 'counter'],
  ALMOST: ['name', 'number', 'queue', 'position', 'estimate'],
} as const;

export type TemplateKind = keyof typeof PLACEHOLDERS;

/** What a queue sends when it has no text of its own, per kind and language (the domain's language codes). */
export const DEFAULT_TEMPLATES: Record<TemplateKind, Record<'en' | 'pt-BR', string>> = {
  CALLED: {
    en: "Number {number}: it's your turn at {queue}.",
    'pt-BR': 'Senha {number}: é a sua vez em {queue}.',
  },
  ALMOST: {
    en: 'Number {number} at {queue}: almost your turn (position {position}, wait {estimate}). Please come back now.',
    'pt-BR':
      'Senha {number} em {queue}: falta pouco (lugar {position} na fila, espera {estimate}). Volte agora, por favor.',
  },
};

/** Added to a call's text that does not say {counter} when the person is called to one. */
export const GO_TO_COUNTER: Record<'en' | 'pt-BR', string> = {
  en: 'Please go to {counter}.',
  'pt-BR': 'Vá até {counter}.',
};

/** A template's longest text, in characters: three UCS-2 segments' worth, seven GSM-7 ones. */
export const TEMPLATE_MAX = 200;

export type TemplateProblem = 'REQUIRED' | 'TOO_LONG' | 'UNKNOWN_PLACEHOLDER';

/** What is wrong with a template's text, or null. */
export function templateProblem(kind: TemplateKind, text: string): TemplateProblem | null {
  if (text.trim().length === 0) return 'REQUIRED';
  if ([...text].length > TEMPLATE_MAX) return 'TOO_LONG';
  const allowed: readonly string[] = PLACEHOLDERS[kind];
  for (const [, name] of text.matchAll(/\{([^{}]*)\}/g))
    if (!allowed.includes(name!)) return 'UNKNOWN_PLACEHOLDER';
  return null;
}

/** Replaces each `{placeholder}` with its value; unknown ones stay as written (validation refuses them). */
export function fillTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The GSM 03.38 default alphabet: one septet each. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Its extension table: an escape and the character, two septets each. */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** What the encoding counts: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/**
 * How a text travels as SMS: GSM-7 when every character is in the GSM alphabet (160 septets in one message,
 * 153 per part of a longer one), otherwise UCS-2 (70 code units, 67 per part). One character outside the
 * alphabet, such as "ã", "ç" or an emoji, makes the whole message UCS-2. An escape pair or a surrogate pair is
 * never split across parts, as handsets and carriers do.
 */
export function smsLength(text: string): SmsLength {
  const chars = [...text];
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
  const costs = chars.map((c) => (gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  if (units <= single) return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: units === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments };
}
