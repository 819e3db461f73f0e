/**
 * The texts of messages to waiting people (alerts, templates, delivery states), in English and Brazilian
 * Portuguese side by side; `Texts` is English's shape, so a text missing in one language is a type error.
 */
import { computed, inject, Injectable } from '@angular/core';
import type { SmsEncoding } from '../../../../../schema/sms';
import { I18n } from '../core/i18n';

const EN = {
  alertAhead: "Send an 'almost your turn' message at this position (empty: off)",
  alertAheadHelp:
    'Each person gets it once, by email and SMS if they gave them, when their place in line first becomes this close.',
  column: 'Messages',
  channel: { EMAIL: 'Email', SMS: 'SMS' } as Record<string, string>,
  kind: { CALLED: 'called', ALMOST: 'almost your turn', REPLY: 'reply' } as Record<string, string>,
  state: {
    QUEUED: 'queued',
    SENDING: 'sending',
    SENT: 'sent',
    RETRYING: 'retrying',
    FAILED: 'failed after 3 attempts',
  } as Record<string, string>,
  retry: 'Retry',
  retryLabel: (channel: string, kind: string) => `Send the ${kind} ${channel} again`,
  none: 'None',
  templates: 'Message texts',
  templatesHelp:
    'Leave a text empty to use the default shown in it. {name}, {number} and {queue} are filled in; the call can also say {counter} (else the counter is added at the end), the almost-your-turn text {position} and {estimate}.',
  template: {
    CALLED: { EN: 'Called — English', PT_BR: 'Called — Portuguese' },
    ALMOST: { EN: 'Almost your turn — English', PT_BR: 'Almost your turn — Portuguese' },
  } as Record<string, Record<string, string>>,
  length: (segments: number, encoding: SmsEncoding, units: number) =>
    `${segments} SMS ${segments === 1 ? 'part' : 'parts'} · ${encoding} · ${units} of ${encoding === 'GSM-7' ? (segments > 1 ? 153 * segments : 160) : segments > 1 ? 67 * segments : 70}`,
  ucs2Note:
    'A character outside the GSM alphabet (such as ã, õ, ç or an emoji) makes each part hold 70 characters instead of 160.',
  exampleNote: 'Counted with this queue and an example name and number; longer names may need another part.',
  exampleName: 'Maria Silva',
  problems: {
    TOO_LONG: 'At most 200 characters.',
    UNKNOWN_PLACEHOLDER:
      'Only {name}, {number} and {queue} ({counter} in the call; {position}, {estimate} before it) can be filled in.',
  } as Record<string, string>,
};

export type Texts = typeof EN;

const PT_BR: Texts = {
  alertAhead: "Enviar a mensagem 'falta pouco' nesta posição (vazio: desligado)",
  alertAheadHelp:
    'Cada pessoa recebe uma vez, por e-mail e SMS se os informou, quando o lugar dela na fila chega tão perto pela primeira vez.',
  column: 'Mensagens',
  channel: { EMAIL: 'E-mail', SMS: 'SMS' },
  kind: { CALLED: 'chamada', ALMOST: 'falta pouco', REPLY: 'resposta' },
  state: {
    QUEUED: 'na fila',
    SENDING: 'enviando',
    SENT: 'enviada',
    RETRYING: 'tentando de novo',
    FAILED: 'falhou após 3 tentativas',
  },
  retry: 'Reenviar',
  retryLabel: (channel: string, kind: string) => `Reenviar ${channel} de ${kind}`,
  none: 'Nenhuma',
  templates: 'Textos das mensagens',
  templatesHelp:
    'Deixe um texto vazio para usar o padrão mostrado nele. {name}, {number} e {queue} são preenchidos; a chamada também pode dizer {counter} (senão o guichê vai no fim), o texto de falta pouco {position} e {estimate}.',
  template: {
    CALLED: { EN: 'Chamada — inglês', PT_BR: 'Chamada — português' },
    ALMOST: { EN: 'Falta pouco — inglês', PT_BR: 'Falta pouco — português' },
  },
  length: (segments: number, encoding: SmsEncoding, units: number) =>
    `${segments} ${segments === 1 ? 'parte' : 'partes'} de SMS · ${encoding} · ${units} de ${encoding === 'GSM-7' ? (segments > 1 ? 153 * segments : 160) : segments > 1 ? 67 * segments : 70}`,
  ucs2Note:
    'Um caractere fora do alfabeto GSM (como ã, õ, ç ou um emoji) faz cada parte levar 70 caracteres em vez de 160.',
  exampleNote:
    'Contado com esta fila e um nome e número de exemplo; nomes mais longos podem precisar de outra parte.',
  exampleName: 'Maria Silva',
  problems: {
    TOO_LONG: 'No máximo 200 caracteres.',
    UNKNOWN_PLACEHOLDER:
      'Só {name}, {number} e {queue} ({counter} na chamada; {position}, {estimate} antes dela) podem ser preenchidos.',
  },
};

/** The message texts in the interface's language. */
@Injectable({ providedIn: 'root' })
export class MessageTexts {
  private readonly i18n = inject(I18n);
  readonly t = computed(() => (this.i18n.language() === 'pt-BR' ? PT_BR : EN));
}
