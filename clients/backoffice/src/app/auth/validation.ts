import { EN, type Messages } from '../core/i18n';

/** The server's rules for account and queue forms, mirrored so mistakes show before a round trip. */
export interface SignUpErrors {
  name?: string;
  email?: string;
  password?: string;
}

const FORBIDDEN = /[<>{}[\]\\;`|^$=]/;

/** The server's minimum (OWASP ASVS 2.1.1); the server also refuses common and guessable passwords. */
export const PASSWORD_MIN = 12;

export function validateSignUp(
  name: string,
  email: string,
  password: string,
  m: Messages = EN,
): SignUpErrors {
  const errors: SignUpErrors = {};
  const trimmed = name.trim();
  if (!trimmed) errors.name = m.errors.nameRequired;
  else if ([...trimmed].length > 128) errors.name = m.errors.tooLong;
  else if (FORBIDDEN.test(trimmed)) errors.name = m.errors.forbiddenCharacters;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email.trim())) errors.email = m.errors.emailInvalid;
  if ([...password].length < PASSWORD_MIN) errors.password = m.errors.passwordShort;
  else if ([...password].length > 128) errors.password = m.errors.tooLong;
  return errors;
}

export function validateQueueName(name: string, m: Messages = EN): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return m.errors.queueNameRequired;
  if ([...trimmed].length > 128) return m.errors.tooLong;
  if (FORBIDDEN.test(trimmed)) return m.errors.forbiddenCharacters;
  return undefined;
}

/** A person added by staff: a name under the same rules as any other, with one message for all of them. */
export function validatePersonName(name: string, m: Messages = EN): string | undefined {
  return validateQueueName(name, m) && m.errors.personInvalid;
}
