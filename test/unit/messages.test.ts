import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, fillTemplate, smsLength, templateProblem } from '../../schema/sms';
import { withoutAddresses } from '../../resolvers/domain/deliver';
import { estimateText } from '../../resolvers/domain/messages';
import { replyIntent } from '../../resolvers/domain/sms-replies';

describe('SMS length (GSM-7 and UCS-2 parts)', () => {
  it('counts GSM-7 texts in septets: 160 in one message, 153 per part of a longer one', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
    expect(smsLength('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0 });
  });
  it('counts the extension table as two septets and never splits an escape pair', () => {
    expect(smsLength('€{}')).toEqual({ encoding: 'GSM-7', units: 6, segments: 1 });
    // 152 single septets and then "€": 154 septets; the pair moves whole to the second part.
    expect(smsLength(`${'a'.repeat(152)}€${'a'.repeat(8)}`)).toEqual({
      encoding: 'GSM-7',
      units: 162,
      segments: 2,
    });
  });
  it('makes the whole text UCS-2 for one character outside the alphabet: 70 per message, 67 per part', () => {
    expect(smsLength('Posição')).toMatchObject({ encoding: 'UCS-2', units: 7, segments: 1 });
    expect(smsLength(`ç${'a'.repeat(69)}`).segments).toBe(1);
    expect(smsLength(`ç${'a'.repeat(70)}`).segments).toBe(2);
    // An emoji is two UTF-16 units, kept together.
    expect(smsLength('🙂')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(smsLength(`${'a'.repeat(66)}🙂${'a'.repeat(3)}`)).toEqual({
      encoding: 'UCS-2',
      units: 71,
      segments: 2,
    });
    // É and é are in the GSM alphabet; ç, ã and ó are not.
    expect(smsLength('É a sua vez, José').encoding).toBe('GSM-7');
    expect(smsLength('Cartório').encoding).toBe('UCS-2');
  });
  it('keeps every default text in one part with a plain queue name, and the call and alert in GSM-7', () => {
    const values = {
      name: 'Maria Silva',
      number: '127',
      queue: 'Cartorio Central',
      position: '3',
      estimate: '10-15 min',
    };
    for (const kind of ['CALLED', 'ALMOST'] as const)
      for (const language of ['en', 'pt-BR'] as const) {
        const text = fillTemplate(DEFAULT_TEMPLATES[kind][language], values);
        expect(smsLength(text), `${kind} ${language}: ${text}`).toMatchObject({
          encoding: 'GSM-7',
          segments: 1,
        });
      }
    expect(fillTemplate(DEFAULT_TEMPLATES.ALMOST['pt-BR'], values)).toHaveLength(103);
  });
});

describe('templates', () => {
  it('accepts the placeholders of its kind only, and refuses empty or long texts', () => {
    expect(templateProblem('CALLED', 'Senha {number}: {name}, venha ao {queue}.')).toBeNull();
    expect(templateProblem('CALLED', 'Senha {number}, posição {position}')).toBe('UNKNOWN_PLACEHOLDER');
    expect(templateProblem('ALMOST', 'Lugar {position}, espera {estimate}')).toBeNull();
    expect(templateProblem('ALMOST', '{nome}')).toBe('UNKNOWN_PLACEHOLDER');
    expect(templateProblem('ALMOST', '{}')).toBe('UNKNOWN_PLACEHOLDER');
    expect(templateProblem('CALLED', '   ')).toBe('REQUIRED');
    expect(templateProblem('CALLED', 'x'.repeat(201))).toBe('TOO_LONG');
    expect(templateProblem('CALLED', '🙂'.repeat(200))).toBeNull();
  });
  it('fills known placeholders and leaves others as written', () => {
    expect(fillTemplate('{name} {number} {other}', { name: 'Ana', number: '7' })).toBe('Ana 7 {other}');
  });
  it('says the estimate in minutes, with a GSM hyphen, in each language', () => {
    expect(estimateText({ lowSeconds: 300, highSeconds: 480 }, 'en')).toBe('5-8 min');
    expect(estimateText({ lowSeconds: 20, highSeconds: 25 }, 'pt-BR')).toBe('menos de 1 min');
    expect(estimateText(null, 'pt-BR')).toBe('sem estimativa ainda');
    expect(estimateText(null, 'en')).toBe('not known yet');
  });
});

describe('replies', () => {
  it.each([
    ['SAIR', 'LEAVE'],
    ['  sair da fila', 'LEAVE'],
    ['Cancelar', 'LEAVE'],
    ['cancel please', 'LEAVE'],
    ['Posição?', 'STATUS'],
    ['POSICAO', 'STATUS'],
    ['status', 'STATUS'],
    ['oi, tudo bem?', 'HELP'],
    ['', 'HELP'],
    ['sairr', 'HELP'],
    ['🙂 sair', 'HELP'],
  ])('%j asks %s', (body, intent) => {
    expect(replyIntent(body)).toBe(intent);
  });
});

describe('logs', () => {
  it('keep neither the email nor the phone number a provider quotes in its error', () => {
    expect(withoutAddresses('550 5.1.1 <ana@example.com>: Recipient address rejected')).toBe(
      '550 5.1.1 <[address]>: Recipient address rejected',
    );
    expect(withoutAddresses('Invalid parameter: PhoneNumber Reason: +55 11 91234-5678 is not valid')).toBe(
      'Invalid parameter: PhoneNumber Reason: [number] is not valid',
    );
  });
});
