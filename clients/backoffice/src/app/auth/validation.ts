import { isEmail, LIMITS, nameProblem, charLength, type NameProblem } from '../../../../../schema/rules';
import { EN, type Messages } from '../core/i18n';

/** The server's rules for account and queue forms (one shared module), so mistakes show before a round trip. */
export interface SignUpErrors {
  name?: string;
  email?: string;
  password?: string;
}

/** The server's minimum (OWASP ASVS 2.1.1); the server also refuses common and guessable passwords. */
export const PASSWORD_MIN = LIMITS.passwordMin;

const nameText = (problem: NameProblem | null, required: string, m: Messages) =>
  problem === 'REQUIRED'
    ? required
    : problem === 'TOO_LONG'
      ? m.errors.tooLong
      : problem === 'FORBIDDEN_CHARACTERS'
        ? m.errors.forbiddenCharacters
        : undefined;

export function validateSignUp(
  name: string,
  email: string,
  password: string,
  m: Messages = EN,
): SignUpErrors {
  const errors: SignUpErrors = {};
  const nameError = nameText(nameProblem(name), m.errors.nameRequired, m);
  if (nameError) errors.name = nameError;
  if (!isEmail(email)) errors.email = m.errors.emailInvalid;
  if (charLength(password) < LIMITS.passwordMin) errors.password = m.errors.passwordShort;
  else if (charLength(password) > LIMITS.passwordMax) errors.password = m.errors.tooLong;
  return errors;
}

export function validateQueueName(name: string, m: Messages = EN): string | undefined {
  return nameText(nameProblem(name), m.errors.queueNameRequired, m);
}

/** A person added by staff: a name under the same rules as any other, with one message for all of them. */
export function validatePersonName(name: string, m: Messages = EN): string | undefined {
  return nameProblem(name) ? m.errors.personInvalid : undefined;
}
