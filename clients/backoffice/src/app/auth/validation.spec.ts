import { validateQueueName, validateSignUp } from './validation';

describe('account and queue form rules (mirroring the server)', () => {
  it('given empty fields, then each one says what is missing', () => {
    expect(validateSignUp('  ', 'nope', 'short')).toEqual({
      name: 'Please enter your name.',
      email: 'Please enter a valid email address.',
      password: 'Please use at least 12 characters.',
    });
  });

  it('given accents and emoji, then 128 characters are allowed and 129 are not', () => {
    expect(validateSignUp('é'.repeat(128), 'ana@example.com', 'correct horse battery')).toEqual({});
    expect(validateSignUp('😀'.repeat(129), 'ana@example.com', 'correct horse battery').name).toBe(
      'Please use at most 128 characters.',
    );
  });

  it('given markup or SQL punctuation in a name, then it is refused like the server refuses it', () => {
    expect(validateQueueName('<script>')).toBe('Please leave out characters such as < > ; { }.');
    expect(validateQueueName("x'); DROP TABLE queues;--")).toBe(
      'Please leave out characters such as < > ; { }.',
    );
    expect(validateQueueName('Padaria Pão Quente')).toBeUndefined();
  });
});

describe('the form rules in Brazilian Portuguese', () => {
  it('given the Portuguese messages, then the same rules answer in Portuguese', async () => {
    const { PT_BR } = await import('../core/i18n');
    expect(validateSignUp(' ', 'x', 'curta', PT_BR)).toEqual({
      name: 'Por favor, informe seu nome.',
      email: 'Informe um e-mail válido.',
      password: 'Use pelo menos 12 caracteres.',
    });
    expect(validateQueueName('', PT_BR)).toBe('Informe um nome para a fila.');
  });
});
