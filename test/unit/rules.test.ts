import { describe, expect, it } from 'vitest';
import { isEmail, isPhone, nameProblem } from '../../schema/rules';
import { parseEmail, parseName, parseOptionalPhone } from '../../resolvers/domain/validation';

/** The apps check forms with schema/rules.ts; the API enforces it. One input, one verdict, everywhere. */
const accepts = (parse: () => unknown) => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};

describe('the rules the apps check are the rules the API enforces', () => {
  const names = [
    'Ana',
    '  Ana Maria  ',
    'é'.repeat(128),
    '😀'.repeat(129),
    '',
    '   ',
    '<b>',
    'x; DROP',
    'a\tb',
  ];
  const emails = [
    'ana@example.com',
    ' Ana@Example.COM ',
    'ana@',
    'ana@example',
    'a b@example.com',
    '<a>@x.io',
  ];
  const phones = [
    '+55 11 98765-4321',
    '(11) 3456-7890',
    '12345',
    '+1234567890123456',
    'call me',
    '+55 11 9',
    '+0 11 98765-4321',
  ];

  it.each(names)('name %j', (name) => {
    expect(nameProblem(name) === null).toBe(accepts(() => parseName('name', name)));
  });
  it.each(emails)('email %j', (email) => {
    expect(isEmail(email)).toBe(accepts(() => parseEmail('email', email)));
  });
  it.each(phones)('phone %j', (phone) => {
    expect(isPhone(phone)).toBe(accepts(() => parseOptionalPhone('phone', phone, '55')));
  });
  it('names the problem a person can fix', () => {
    expect(names.map(nameProblem)).toEqual([
      null,
      null,
      null,
      'TOO_LONG',
      'REQUIRED',
      'REQUIRED',
      'FORBIDDEN_CHARACTERS',
      'FORBIDDEN_CHARACTERS',
      'FORBIDDEN_CHARACTERS',
    ]);
  });
});
