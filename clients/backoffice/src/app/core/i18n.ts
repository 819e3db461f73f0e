/**
 * Every text of the backoffice, in English and Brazilian Portuguese side by side. Longer than the files around
 * it on purpose: kept together, a message missing in one language is a type error (`Messages` is English's shape).
 */
import type { PasswordRefusal } from '../../../../../schema/rules';
import { detectLanguage, otherLanguage, applyLanguage, type Language } from '../../../../shared/language';
import { computed, Injectable, signal } from '@angular/core';

export const EN = {
  language: 'Português',
  brand: 'Queue Manager · Backoffice',
  logOut: 'Log out',
  account: 'Account',
  currentPassword: 'Current password',
  passwordChangedElsewhere: 'Your password is changed. Every other session has ended; this one goes on.',
  everyDevice: 'Every device',
  logoutEverywhereHelp:
    'Lost a phone, or logged in on a shared computer? End every session of this account, this one included.',
  logoutEverywhere: 'Log out everywhere',
  createAccount: 'Create your account',
  createAccountButton: 'Create account',
  yourName: 'Your name',
  email: 'Email',
  password: 'Password',
  newPassword: 'New password',
  alreadyHaveOne: 'Already have one?',
  logIn: 'Log in',
  newHere: 'New here?',
  createAnAccount: 'Create an account',
  forgotPassword: 'Forgot your password?',
  checkEmail: 'Check your email',
  sentConfirmation: (email: string) =>
    `We sent a confirmation link to ${email}. It works once, for 24 hours.`,
  confirming: 'Confirming your email…',
  confirmed: 'Your email is confirmed',
  toRunQueues: 'to run your queues.',
  linkDoesNotWork: 'This link does not work',
  needNewLink: 'Need a new confirmation link?',
  sendNewLink: 'Send a new link',
  verificationResent: (email: string) =>
    `If ${email} is waiting to be confirmed, a new link is on its way. It works once, for 24 hours.`,
  sendResetLink: 'Send a reset link',
  resetSent: (email: string) =>
    `If ${email} has an account, a reset link is on its way. It works once, for an hour.`,
  chooseNewPassword: 'Choose a new password',
  changePassword: 'Change password',
  passwordChanged: 'Your password is changed',
  withIt: 'with it.',
  yourQueues: 'Your queues',
  noQueues: 'No queues yet: create your first one below.',
  waiting: (n: number) => `${n} waiting`,
  newQueue: 'New queue',
  queueName: 'Queue name',
  calledMessage: 'Message shown to the person called',
  selfJoin: "People may join from the queue's QR code",
  serveOnNext: 'Calling the next person marks the one called before as served',
  createQueue: 'Create queue',
  description: 'Description',
  capacity: 'Most people waiting for self-join (empty: no limit)',
  counters: 'Counters',
  countersHelp:
    'Desks calling this queue in parallel, such as "Counter 3". Each person is called once, to one counter; their page and the screen say which.',
  counterName: (n: number) => `Counter ${n}`,
  addCounter: 'Add a counter',
  removeCounter: (name: string) => `Remove ${name || 'this counter'}`,
  callingTo: 'Calling to',
  noCounter: 'No counter',
  calledTo: (counter: string) => `Called · ${counter}`,
  byCounter: 'By counter',
  counterColumn: 'Counter',
  averageService: 'Average service',
  onePerContact: 'One place per phone number or email (self-join)',
  presence: 'Self-join needs the code shown at the venue',
  presenceOption: { OFF: 'No code', HOURLY: 'New code every hour', DAILY: 'New code every day' } as Record<
    string,
    string
  >,
  presenceCodeNote: (code: string, until: string) =>
    `Code ${code}, in this QR code's link, until ${until}: print it again after that, or show the screen.`,
  graceMinutes: 'Minutes a called person has to come before they become a no-show (empty: staff decide)',
  graceCallsNext: 'When those minutes run out, the counter calls the next person',
  partySize: 'People in the party',
  partyOf: (n: number) => `party of ${n}`,
  snoozePlaces: 'Places "I need a few more minutes" moves a person back (empty: not offered)',
  snoozeLimit: 'How often one person may do so',
  movedBack: (n: number) => (n === 1 ? 'moved back once' : `moved back ${n} times`),
  missedTitle: 'Missed their turn',
  putBackAt: 'At position',
  putBack: 'Put back in line',
  putBackNamed: (name: string) => `Put ${name} back in line`,
  editQueue: 'Edit this queue',
  save: 'Save',
  status: { OPEN: 'Open', PAUSED: 'Paused', CLOSED: 'Closed' } as Record<string, string>,
  statusAction: { OPEN: 'Open', PAUSED: 'Pause', CLOSED: 'Close' } as Record<string, string>,
  qrCodes: 'QR codes',
  stats: 'Stats',
  deleteQueue: 'Delete…',
  deleteConfirm: 'Delete this queue and all its tickets?',
  yesDelete: 'Yes, delete',
  keepIt: 'Keep it',
  nowServing: 'Now serving',
  callNext: 'Call next (N)',
  position: 'Position',
  number: 'Number',
  name: 'Name',
  waitingFor: 'Waiting',
  statusColumn: 'Status',
  minutes: (n: number) => `${n} min`,
  ticketStatus: { WAITING: 'Waiting', CALLED: 'Called' } as Partial<Record<string, string>>,
  served: 'Served',
  recall: 'Recall',
  noShow: 'No-show',
  remove: 'Remove',
  removeNamed: (name: string) => `Remove ${name}`,
  link: 'Link',
  linkNamed: (name: string) => `Show ${name}'s link again`,
  newLinkWarning: (name: string) =>
    `Only a new link can be shown: the link ${name} has now stops working, and this one replaces it.`,
  makeNewLink: 'Show a new link',
  cancel: 'Cancel',
  qrFor: (url: string) => `QR code for ${url}`,
  nobodyWaiting: 'Nobody is waiting.',
  addPerson: 'Add a person',
  personName: "Person's name",
  personEmail: 'Email (optional, to tell them when they are called)',
  personPhone: 'Phone (optional)',
  add: 'Add',
  ticketNumber: (n: number, name: string) => `Number ${n} — ${name}`,
  scanToFollow: 'Scan to follow your place in the queue',
  print: 'Print',
  queueNotFound: 'Queue not found',
  scanToJoin: 'Scan to join the queue',
  displayScreen: 'The screen for this queue',
  backToQueue: 'Back to the queue',
  from: 'From',
  to: 'To',
  show: 'Show',
  called: 'Called',
  noShows: 'No-shows',
  averageWait: 'Average wait',
  averageInterval: 'Average time between calls',
  servedPerHour: 'People served per hour',
  waitingTimes: 'Waiting times',
  minutesWaited: 'Minutes waited',
  /** Dates and hours as this language writes them, in the browser's time zone. */
  dateLocale: 'en-US',
  statsOf: (queue: string) => (queue ? `Stats — ${queue}` : 'Stats'),
  joined: 'Joined',
  noServedYet: 'Nobody was served in this period yet.',
  noCalledYet: 'Nobody was called in this period yet.',
  noQuotesYet:
    'No served person in this period was quoted a wait when they joined (the queue had too little history).',
  quoteAccuracy: (q: { quoted: number; within: number; longer: number; shorter: number }) =>
    q.quoted === 1
      ? `The one served person quoted a wait when they joined was called ${q.within ? 'within it' : q.longer ? 'later' : 'sooner'}.`
      : `Of ${q.quoted} served people quoted a wait when they joined, ${q.within} ${q.within === 1 ? 'was' : 'were'} called within it, ${q.longer} later and ${q.shorter} sooner.`,
  quotedFrom: 'Quoted (from)',
  quotedTo: 'Quoted (to)',
  somethingWrong: 'Something went wrong. Please try again.',
  apiErrors: {
    check: 'Please check what you entered: a field is empty, too long, or has characters such as < > ; { }.',
    wrongCredentials: 'Wrong email or password.',
    wrongCurrentPassword: 'Please enter your current password correctly.',
    notVerified: 'Please confirm your email first: we sent you a link.',
    linkInvalid: 'This link is invalid or has expired. Ask for a new one.',
    linkVoid:
      'This link is no longer valid: the address is already confirmed, or the sign-up expired. Log in or sign up again.',
    notFound: 'It is no longer there: it may have been removed.',
    forbidden: 'You are not allowed to do that.',
    queueClosed: 'The queue is closed. Open it first.',
    ticketState: 'That person has already been dealt with: the list is up to date now.',
    conflict: 'That could not be done in the current state. The screen is up to date now.',
    rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
    unavailable: 'The service is unavailable right now. Please try again shortly.',
  },
  errors: {
    nameRequired: 'Please enter your name.',
    tooLong: 'Please use at most 128 characters.',
    forbiddenCharacters: 'Please leave out characters such as < > ; { }.',
    emailInvalid: 'Please enter a valid email address.',
    passwordShort: 'Please use at least 12 characters.',
    passwordCommon: 'This password is one of the most often guessed. Please choose another.',
    passwordEmail: 'Please do not use your email address as the password.',
    passwordSequential: 'Please avoid one character repeated or a straight run such as 1234… or abcd….',
    passwordControl: 'Please leave out invisible characters such as line breaks.',
    queueNameRequired: 'Please enter a name for the queue.',
    personInvalid: 'Please enter a name (at most 128 characters, no < > ; { }).',
  },
};

export type Messages = typeof EN;

export const PT_BR: Messages = {
  language: 'English',
  brand: 'Queue Manager · Backoffice',
  logOut: 'Sair',
  account: 'Conta',
  currentPassword: 'Senha atual',
  passwordChangedElsewhere:
    'Sua senha foi alterada. Todas as outras sessões foram encerradas; esta continua.',
  everyDevice: 'Todos os dispositivos',
  logoutEverywhereHelp:
    'Perdeu o celular ou entrou em um computador compartilhado? Encerre todas as sessões desta conta, inclusive esta.',
  logoutEverywhere: 'Sair de todos os dispositivos',
  createAccount: 'Crie sua conta',
  createAccountButton: 'Criar conta',
  yourName: 'Seu nome',
  email: 'E-mail',
  password: 'Senha',
  newPassword: 'Nova senha',
  alreadyHaveOne: 'Já tem uma?',
  logIn: 'Entrar',
  newHere: 'Primeira vez?',
  createAnAccount: 'Crie uma conta',
  forgotPassword: 'Esqueceu a senha?',
  checkEmail: 'Veja seu e-mail',
  sentConfirmation: (email) =>
    `Enviamos um link de confirmação para ${email}. Ele funciona uma vez, por 24 horas.`,
  confirming: 'Confirmando seu e-mail…',
  confirmed: 'Seu e-mail está confirmado',
  toRunQueues: 'para gerenciar suas filas.',
  linkDoesNotWork: 'Este link não funciona',
  needNewLink: 'Precisa de um novo link de confirmação?',
  sendNewLink: 'Enviar um novo link',
  verificationResent: (email) =>
    `Se ${email} estiver aguardando confirmação, um novo link está a caminho. Ele funciona uma vez, por 24 horas.`,
  sendResetLink: 'Enviar link de redefinição',
  resetSent: (email) =>
    `Se ${email} tiver uma conta, um link de redefinição está a caminho. Ele funciona uma vez, por uma hora.`,
  chooseNewPassword: 'Escolha uma nova senha',
  changePassword: 'Trocar senha',
  passwordChanged: 'Sua senha foi trocada',
  withIt: 'com ela.',
  yourQueues: 'Suas filas',
  noQueues: 'Nenhuma fila ainda: crie a primeira abaixo.',
  waiting: (n) => `${n} esperando`,
  newQueue: 'Nova fila',
  queueName: 'Nome da fila',
  calledMessage: 'Mensagem mostrada para quem for chamado',
  selfJoin: 'As pessoas podem entrar pelo QR code da fila',
  serveOnNext: 'Chamar a próxima pessoa marca a chamada antes como atendida',
  createQueue: 'Criar fila',
  description: 'Descrição',
  capacity: 'Máximo de pessoas esperando por autoatendimento (vazio: sem limite)',
  counters: 'Guichês',
  countersHelp:
    'Guichês que chamam esta fila em paralelo, como "Guichê 3". Cada pessoa é chamada uma vez, para um guichê; a página dela e a tela dizem qual.',
  counterName: (n: number) => `Guichê ${n}`,
  addCounter: 'Adicionar guichê',
  removeCounter: (name: string) => `Remover ${name || 'este guichê'}`,
  callingTo: 'Chamando para',
  noCounter: 'Sem guichê',
  calledTo: (counter: string) => `Chamado · ${counter}`,
  byCounter: 'Por guichê',
  counterColumn: 'Guichê',
  averageService: 'Atendimento médio',
  onePerContact: 'Um lugar por telefone ou e-mail (autoatendimento)',
  presence: 'Entrar pelo QR code exige o código mostrado no local',
  presenceOption: { OFF: 'Sem código', HOURLY: 'Código novo a cada hora', DAILY: 'Código novo a cada dia' },
  presenceCodeNote: (code: string, until: string) =>
    `Código ${code}, no link deste QR code, até ${until}: imprima de novo depois disso, ou mostre a tela.`,
  graceMinutes: 'Minutos que a pessoa chamada tem para vir antes de virar ausente (vazio: a equipe decide)',
  graceCallsNext: 'Quando esses minutos acabam, o guichê chama a próxima pessoa',
  partySize: 'Pessoas no grupo',
  partyOf: (n: number) => `grupo de ${n}`,
  snoozePlaces: 'Posições que "Preciso de mais alguns minutos" faz a pessoa voltar (vazio: não oferecer)',
  snoozeLimit: 'Quantas vezes cada pessoa pode fazer isso',
  movedBack: (n: number) => (n === 1 ? 'voltou 1 vez' : `voltou ${n} vezes`),
  missedTitle: 'Perderam a vez',
  putBackAt: 'Na posição',
  putBack: 'Voltar para a fila',
  putBackNamed: (name: string) => `Voltar ${name} para a fila`,
  editQueue: 'Editar esta fila',
  save: 'Salvar',
  status: { OPEN: 'Aberta', PAUSED: 'Pausada', CLOSED: 'Fechada' },
  statusAction: { OPEN: 'Abrir', PAUSED: 'Pausar', CLOSED: 'Fechar' },
  qrCodes: 'QR codes',
  stats: 'Estatísticas',
  deleteQueue: 'Excluir…',
  deleteConfirm: 'Excluir esta fila e todas as senhas?',
  yesDelete: 'Sim, excluir',
  keepIt: 'Manter',
  nowServing: 'Atendendo agora',
  callNext: 'Chamar próximo (N)',
  position: 'Posição',
  number: 'Senha',
  name: 'Nome',
  waitingFor: 'Esperando',
  statusColumn: 'Situação',
  minutes: (n) => `${n} min`,
  ticketStatus: { WAITING: 'Esperando', CALLED: 'Chamado' },
  served: 'Atendido',
  recall: 'Chamar de novo',
  noShow: 'Não compareceu',
  remove: 'Remover',
  removeNamed: (name) => `Remover ${name}`,
  link: 'Link',
  linkNamed: (name) => `Mostrar de novo o link de ${name}`,
  newLinkWarning: (name) =>
    `Só é possível mostrar um link novo: o link que ${name} tem agora deixa de funcionar e este o substitui.`,
  makeNewLink: 'Mostrar um link novo',
  cancel: 'Cancelar',
  qrFor: (url) => `QR code de ${url}`,
  nobodyWaiting: 'Ninguém esperando.',
  addPerson: 'Adicionar pessoa',
  personName: 'Nome da pessoa',
  personEmail: 'E-mail (opcional, para avisar quando for chamada)',
  personPhone: 'Telefone (opcional)',
  add: 'Adicionar',
  ticketNumber: (n, name) => `Senha ${n} — ${name}`,
  scanToFollow: 'Leia para acompanhar seu lugar na fila',
  print: 'Imprimir',
  queueNotFound: 'Fila não encontrada',
  scanToJoin: 'Leia para entrar na fila',
  displayScreen: 'A tela desta fila',
  backToQueue: 'Voltar para a fila',
  from: 'De',
  to: 'Até',
  show: 'Mostrar',
  called: 'Chamados',
  noShows: 'Não compareceram',
  averageWait: 'Espera média',
  averageInterval: 'Tempo médio entre chamadas',
  servedPerHour: 'Pessoas atendidas por hora',
  waitingTimes: 'Tempos de espera',
  minutesWaited: 'Minutos de espera',
  dateLocale: 'pt-BR',
  statsOf: (queue) => (queue ? `Estatísticas — ${queue}` : 'Estatísticas'),
  joined: 'Entraram',
  noServedYet: 'Ninguém foi atendido neste período ainda.',
  noCalledYet: 'Ninguém foi chamado neste período ainda.',
  noQuotesYet:
    'Nenhuma pessoa atendida neste período recebeu uma estimativa de espera ao entrar (a fila tinha pouco histórico).',
  quoteAccuracy: (q) =>
    q.quoted === 1
      ? `A pessoa atendida que recebeu uma estimativa ao entrar foi chamada ${q.within ? 'dentro dela' : q.longer ? 'depois' : 'antes'}.`
      : `Das ${q.quoted} pessoas atendidas que receberam uma estimativa ao entrar, ${q.within} ${q.within === 1 ? 'foi chamada' : 'foram chamadas'} dentro dela, ${q.longer} depois e ${q.shorter} antes.`,
  quotedFrom: 'Estimado (de)',
  quotedTo: 'Estimado (até)',
  somethingWrong: 'Algo deu errado. Tente novamente.',
  apiErrors: {
    check: 'Confira o que você digitou: há um campo vazio, longo demais ou com caracteres como < > ; { }.',
    wrongCredentials: 'E-mail ou senha incorretos.',
    wrongCurrentPassword: 'Digite corretamente sua senha atual.',
    notVerified: 'Confirme seu e-mail primeiro: enviamos um link para você.',
    linkInvalid: 'Este link é inválido ou expirou. Peça um novo.',
    linkVoid:
      'Este link não vale mais: o endereço já foi confirmado ou o cadastro expirou. Entre ou cadastre-se de novo.',
    notFound: 'Isso não existe mais: pode ter sido removido.',
    forbidden: 'Você não tem permissão para fazer isso.',
    queueClosed: 'A fila está fechada. Abra-a primeiro.',
    ticketState: 'Essa pessoa já foi atendida: a lista foi atualizada.',
    conflict: 'Não foi possível fazer isso agora. A tela foi atualizada.',
    rateLimited: 'Muitas tentativas. Aguarde alguns minutos e tente de novo.',
    unavailable: 'O serviço está indisponível no momento. Tente de novo em instantes.',
  },
  errors: {
    nameRequired: 'Por favor, informe seu nome.',
    tooLong: 'Use no máximo 128 caracteres.',
    forbiddenCharacters: 'Não use caracteres como < > ; { }.',
    emailInvalid: 'Informe um e-mail válido.',
    passwordShort: 'Use pelo menos 12 caracteres.',
    passwordCommon: 'Esta senha está entre as mais adivinhadas. Escolha outra.',
    passwordEmail: 'Não use seu e-mail como senha.',
    passwordSequential: 'Evite um caractere repetido ou uma sequência como 1234… ou abcd….',
    passwordControl: 'Não use caracteres invisíveis, como quebras de linha.',
    queueNameRequired: 'Informe um nome para a fila.',
    personInvalid: 'Informe um nome (até 128 caracteres, sem < > ; { }).',
  },
};

/**
 * What a person reads for an API error, in the interface's language: chosen from the error's stable
 * `errorType` and `errorInfo` (reason, field), never the server's English message.
 */
export function errorText(t: Messages, error: unknown): string {
  const e = error as { errorType?: unknown; info?: { reason?: string; field?: string; max?: unknown } };
  const info = e?.info ?? {};
  switch (e?.errorType) {
    case 'VALIDATION':
      if (info.reason === 'WRONG_PASSWORD') return t.apiErrors.wrongCurrentPassword;
      if (info.field === 'email') return t.errors.emailInvalid;
      if (info.field === 'password' || info.field === 'newPassword') return passwordText(t, info.reason);
      if (info.max !== undefined) return t.errors.tooLong;
      if (info.field === 'token') return t.apiErrors.linkInvalid;
      return t.apiErrors.check;
    case 'UNAUTHENTICATED':
      return t.apiErrors.wrongCredentials;
    case 'FORBIDDEN':
      return t.apiErrors.forbidden;
    case 'NOT_FOUND':
      if (info.reason === 'LINK_VOID') return t.apiErrors.linkVoid;
      return info.reason === 'LINK_INVALID' ? t.apiErrors.linkInvalid : t.apiErrors.notFound;
    case 'CONFLICT':
      if (info.reason === 'NOT_VERIFIED') return t.apiErrors.notVerified;
      if (info.reason === 'CLOSED') return t.apiErrors.queueClosed;
      if ('status' in info) return t.apiErrors.ticketState;
      return t.apiErrors.conflict;
    case 'RATE_LIMITED':
      return t.apiErrors.rateLimited;
    case 'UNAVAILABLE':
      return t.apiErrors.unavailable;
    default:
      return t.somethingWrong;
  }
}

/** Why the server refused a password, in the interface's language. */
export function passwordText(t: Messages, reason: string | undefined): string {
  switch (reason as PasswordRefusal | undefined) {
    case 'COMMON':
      return t.errors.passwordCommon;
    case 'CONTAINS_EMAIL':
      return t.errors.passwordEmail;
    case 'SEQUENTIAL':
      return t.errors.passwordSequential;
    case 'CONTROL_CHARACTERS':
      return t.errors.passwordControl;
    default:
      return t.errors.passwordShort;
  }
}

/** The form field an API error is about, when it is about one. */
export const errorField = (error: unknown): string | undefined =>
  (error as { info?: { field?: string } } | null)?.info?.field;

/** English or Brazilian Portuguese: from the browser, switchable, remembered. */
@Injectable({ providedIn: 'root' })
export class I18n {
  readonly language = signal<Language>(detectLanguage());
  readonly t = computed(() => (this.language() === 'pt-BR' ? PT_BR : EN));

  constructor() {
    applyLanguage(this.language(), false);
  }

  toggle(): void {
    const next = otherLanguage(this.language());
    applyLanguage(next, true);
    this.language.set(next);
  }
}
