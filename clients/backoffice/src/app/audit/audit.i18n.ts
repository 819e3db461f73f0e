/**
 * The audit page's texts, in English and Brazilian Portuguese side by side; `Texts` is English's shape, so a
 * text missing in one language is a type error.
 */
import { computed, inject, Injectable } from '@angular/core';
import { I18n } from '../core/i18n';

const EN = {
  title: 'Audit log',
  intro: 'Who did what to your queues, newest first. Waiting people appear by their ticket number only.',
  link: 'Audit log',
  queue: 'Queue',
  anyQueue: 'Any queue',
  operation: 'Action',
  anyOperation: 'Any action',
  from: 'From',
  to: 'Until',
  filter: 'Show',
  when: 'When',
  who: 'Who',
  what: 'What',
  ticket: 'Ticket',
  request: 'Request',
  system: 'The system (grace ran out)',
  more: 'Show older',
  empty: 'Nothing was done in this period.',
  operations: {
    CREATE_QUEUE: 'Created the queue',
    UPDATE_QUEUE: 'Changed settings',
    SET_QUEUE_STATUS: 'Changed the status',
    DELETE_QUEUE: 'Deleted the queue',
    ADD_TICKET: 'Added a person',
    CALL_NEXT: 'Called next',
    RECALL: 'Called again',
    SERVE: 'Marked served',
    NO_SHOW: 'Marked no-show',
    REMOVE: 'Removed',
    RETURN: 'Put back in line',
    NEW_LINK: 'Made a new link',
    RETRY_MESSAGE: 'Retried a message',
    GRACE_NO_SHOW: 'No-show after the grace',
  } as Record<string, string>,
};

const PT_BR: typeof EN = {
  title: 'Registro de ações',
  intro:
    'Quem fez o quê nas suas filas, das mais recentes às mais antigas. Quem espera aparece só pelo número da senha.',
  link: 'Registro de ações',
  queue: 'Fila',
  anyQueue: 'Qualquer fila',
  operation: 'Ação',
  anyOperation: 'Qualquer ação',
  from: 'De',
  to: 'Até',
  filter: 'Mostrar',
  when: 'Quando',
  who: 'Quem',
  what: 'O quê',
  ticket: 'Senha',
  request: 'Requisição',
  system: 'O sistema (o prazo acabou)',
  more: 'Mostrar mais antigas',
  empty: 'Nada foi feito neste período.',
  operations: {
    CREATE_QUEUE: 'Criou a fila',
    UPDATE_QUEUE: 'Mudou configurações',
    SET_QUEUE_STATUS: 'Mudou o status',
    DELETE_QUEUE: 'Excluiu a fila',
    ADD_TICKET: 'Adicionou uma pessoa',
    CALL_NEXT: 'Chamou a próxima',
    RECALL: 'Chamou de novo',
    SERVE: 'Marcou atendida',
    NO_SHOW: 'Marcou ausente',
    REMOVE: 'Removeu',
    RETURN: 'Voltou para a fila',
    NEW_LINK: 'Gerou um novo link',
    RETRY_MESSAGE: 'Reenviou uma mensagem',
    GRACE_NO_SHOW: 'Ausente após o prazo',
  },
};

/** The audit texts in the interface's language. */
@Injectable({ providedIn: 'root' })
export class AuditTexts {
  private readonly i18n = inject(I18n);
  readonly t = computed(() => (this.i18n.language() === 'pt-BR' ? PT_BR : EN));
}
