/** The texts of the account's data (export, deletion), in English and Brazilian Portuguese side by side. */
import { computed, inject, Injectable } from '@angular/core';
import { I18n } from '../core/i18n';

const EN = {
  dataTitle: 'Everything in your account',
  dataHelp:
    'One JSON file: your account, your venues with their people and invitations, your queues, and every ticket of the venues you own with the messages sent.',
  download: 'Prepare the download',
  preparing: (tickets: number) => `Preparing… ${tickets} tickets so far`,
  ready: (tickets: number) => `Ready: ${tickets} tickets.`,
  save: 'Save the file',
  deleteTitle: 'Delete your account',
  deleteHelp:
    'Seven days after you ask, your account is deleted with the venues you alone own: their queues, tickets, people and audit log. You leave the venues you share with other owners. Until then everything works as now, and you can keep the account.',
  password: 'Your password, to confirm',
  typeEmail: (email: string) => `Type ${email} to confirm`,
  emailMismatch: 'Type your account’s email exactly, to confirm.',
  deleteButton: 'Delete my account in 7 days',
  scheduled: (when: string) => `Your account will be deleted on ${when}.`,
  keep: 'Keep my account',
  kept: 'Your account will not be deleted.',
  banner: (when: string) => `Your account will be deleted on ${when}.`,
  bannerLink: 'Keep it',
};

export type AccountDataTexts = typeof EN;

const PT_BR: AccountDataTexts = {
  dataTitle: 'Tudo o que há na sua conta',
  dataHelp:
    'Um arquivo JSON: sua conta, seus locais com as pessoas e os convites, suas filas e todas as senhas dos locais de que você é dono, com as mensagens enviadas.',
  download: 'Preparar o download',
  preparing: (tickets: number) => `Preparando… ${tickets} senhas até agora`,
  ready: (tickets: number) => `Pronto: ${tickets} senhas.`,
  save: 'Salvar o arquivo',
  deleteTitle: 'Excluir sua conta',
  deleteHelp:
    'Sete dias depois do pedido, sua conta é excluída com os locais de que só você é dono: filas, senhas, pessoas e registro de auditoria. Você sai dos locais que divide com outros donos. Até lá tudo funciona como agora, e você pode manter a conta.',
  password: 'Sua senha, para confirmar',
  typeEmail: (email: string) => `Digite ${email} para confirmar`,
  emailMismatch: 'Digite exatamente o e-mail da sua conta, para confirmar.',
  deleteButton: 'Excluir minha conta em 7 dias',
  scheduled: (when: string) => `Sua conta será excluída em ${when}.`,
  keep: 'Manter minha conta',
  kept: 'Sua conta não será excluída.',
  banner: (when: string) => `Sua conta será excluída em ${when}.`,
  bannerLink: 'Manter',
};

@Injectable({ providedIn: 'root' })
export class AccountDataI18n {
  private readonly i18n = inject(I18n);
  readonly t = computed(() => (this.i18n.language() === 'pt-BR' ? PT_BR : EN));
}
