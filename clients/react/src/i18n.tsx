import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

import type { JoinRefusal, NameProblem, SnoozeRefusal } from '../../../schema/rules';
import { detectLanguage, otherLanguage, applyLanguage, type Language } from '../../shared/language';

export type { Language };

const en = {
  appName: 'Queue Manager',
  loading: 'Loading…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  staleNote: 'Last known position — it will update when the connection is back.',
  yourNumber: 'Your number',
  position: 'Your position',
  youAreNext: "You're next",
  peopleAhead: (n: number) => (n === 1 ? '1 person ahead of you' : `${n} people ahead of you`),
  nobodyAhead: 'Nobody ahead of you',
  almostYourTurn: 'Almost your turn — please stay close.',
  waitingCount: (n: number) => (n === 1 ? '1 person waiting' : `${n} people waiting`),
  /** Whole minutes, the low one rounded down and the high one up. */
  estimatedWait: (low: number, high: number) =>
    high <= 1
      ? 'Estimated wait: under a minute'
      : low === high
        ? `Estimated wait: about ${low} min`
        : `Estimated wait: ${low}–${high} min`,
  noEstimate: 'Estimated wait: not enough data yet',
  nowServing: 'Now serving',
  inQueue: 'In the queue',
  calledTitle: "It's your turn!",
  calledDefault: 'Please go to the counter.',
  servedTitle: 'You have been served',
  servedBody: 'Thank you for waiting with us.',
  noShowTitle: 'You missed your turn',
  noShowBody: 'Please speak to the staff if you are still here.',
  removedTitle: 'You are no longer in this queue',
  removedBody: 'The staff removed your ticket. Please speak to them if this is a mistake.',
  leftTitle: 'You left the queue',
  leftBody: 'Your place has been given up.',
  leave: 'Leave the queue',
  leaveConfirm: 'Leave the queue? You will lose your place.',
  leaveYes: 'Yes, leave',
  leaveNo: 'Stay in the queue',
  snooze: 'I need a few more minutes',
  snoozeConfirm: (places: number, left: number) =>
    `Let up to ${places} ${places === 1 ? 'person' : 'people'} go ahead of you? ${
      left === 1 ? 'You can do this only once.' : `You can do this ${left} times.`
    }`,
  snoozeYes: 'Yes, let them go ahead',
  snoozeNo: 'Keep my place',
  snoozed: (n: number) =>
    n === 1 ? 'Done: 1 person goes ahead of you.' : `Done: ${n} people go ahead of you.`,
  snoozeRefusals: {
    SNOOZE_OFF: 'This queue does not let people move back.',
    SNOOZE_LIMIT: 'You have already moved back as often as this queue allows.',
    LAST: 'Nobody is behind you to let go ahead.',
  } as Record<SnoozeRefusal, string>,
  notify: 'Alert me when it is my turn',
  notifyOn: 'You will be alerted when it is your turn.',
  notFoundTitle: 'Ticket not found',
  notFoundBody:
    'This link does not work (it may have been replaced by a newer one) or the queue no longer exists. Ask the staff for a new one.',
  queueNotFound: 'This queue does not exist.',
  errorTitle: 'Something went wrong',
  retry: 'Try again',
  joinTitle: (queue: string) => `Join ${queue}`,
  name: 'Your name',
  email: 'Email (optional)',
  phone: 'Phone (optional)',
  join: 'Join the queue',
  joining: 'Joining…',
  /** The notice, from the venue's settings: who keeps the data, and how long after the turn ends. */
  privacy: (keptBy: string, days: number) =>
    `We use your name to call you and your email or phone only to tell you when it is your turn. The staff of ${keptBy} can see them; nobody else can. They are deleted ${days === 1 ? '1 day' : `${days} days`} after your turn ends (your number, times and status stay, without them). To see or erase them sooner, ask the staff of ${keptBy}.`,
  nameProblems: {
    REQUIRED: 'Please enter your name.',
    TOO_LONG: 'Please use at most 128 characters.',
    FORBIDDEN_CHARACTERS: 'Please leave out characters such as < > ; { }.',
  } as Record<NameProblem, string>,
  emailInvalid: 'Please enter a valid email address, or leave it empty.',
  phoneInvalid: 'Please enter a valid phone number, or leave it empty.',
  reasons: {
    PAUSED: 'This queue is paused right now. Please try again soon.',
    CLOSED: 'This queue is closed.',
    FULL: 'This queue is full. Please try again later.',
    SELF_JOIN_OFF: 'This queue does not take online joins. Please ask the staff.',
    DUPLICATE: 'This phone number or email already has a place in this queue.',
    PRESENCE_CODE: 'This queue takes people at the venue: enter the 6-digit code shown on its screen.',
  } as Record<JoinRefusal, string>,
  presenceCode: 'Code shown at the venue',
  partySize: 'How many people?',
  rateLimited: 'Too many joins from this network right now. Please wait a few minutes and try again.',
  unavailable: 'The service is unavailable right now. Please try again shortly.',
  queueStatus: { OPEN: 'Open', PAUSED: 'Paused', CLOSED: 'Closed' } as Record<string, string>,
  displayWaiting: 'Waiting',
  displayNobody: '—',
  calledBefore: 'Called before',
  turnOnSound: 'Turn on sound',
  soundOn: 'Sound on',
  sayNumbers: 'Say the numbers aloud',
  spokenCall: (n: number) => `Number ${n}`,
  spokenCounter: (counter: string) => `, ${counter}`,
  goTo: (counter: string) => `Please go to ${counter}`,
  counters: 'Counters',
  joinCode: (code: string) => `Code to join: ${code}`,
  language: 'Português',
  ordinal: (n: number) => {
    const tens = n % 100;
    const suffix =
      tens >= 11 && tens <= 13
        ? 'th'
        : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
    return `${n}${suffix}`;
  },
  // Says the place in line, never "number": the ticket's number is another figure on the same screen.
  positionForScreenReader: (n: number) =>
    n === 1 ? 'You are next in line.' : `You are in place ${n} in line: ${n - 1} ahead of you.`,
  home: 'Open the link or scan the QR code you were given to follow your place in the queue.',
};

export type Messages = typeof en;

const ptBR: Messages = {
  appName: 'Queue Manager',
  loading: 'Carregando…',
  live: 'Ao vivo',
  reconnecting: 'Reconectando…',
  offline: 'Sem conexão',
  staleNote: 'Última posição conhecida — ela será atualizada quando a conexão voltar.',
  yourNumber: 'Sua senha',
  position: 'Sua posição',
  youAreNext: 'Você é o próximo',
  peopleAhead: (n) => (n === 1 ? '1 pessoa na sua frente' : `${n} pessoas na sua frente`),
  nobodyAhead: 'Ninguém na sua frente',
  almostYourTurn: 'Falta pouco — fique por perto, por favor.',
  waitingCount: (n) => (n === 1 ? '1 pessoa esperando' : `${n} pessoas esperando`),
  estimatedWait: (low, high) =>
    high <= 1
      ? 'Espera estimada: menos de um minuto'
      : low === high
        ? `Espera estimada: cerca de ${low} min`
        : `Espera estimada: de ${low} a ${high} min`,
  noEstimate: 'Espera estimada: ainda sem dados suficientes',
  nowServing: 'Atendendo agora',
  inQueue: 'Na fila',
  calledTitle: 'É a sua vez!',
  calledDefault: 'Por favor, dirija-se ao balcão.',
  servedTitle: 'Você foi atendido',
  servedBody: 'Obrigado por esperar conosco.',
  noShowTitle: 'Você perdeu a sua vez',
  noShowBody: 'Fale com a equipe se você ainda estiver aqui.',
  removedTitle: 'Você não está mais nesta fila',
  removedBody: 'A equipe removeu a sua senha. Fale com ela se isto for um engano.',
  leftTitle: 'Você saiu da fila',
  leftBody: 'Você desistiu do seu lugar.',
  leave: 'Sair da fila',
  leaveConfirm: 'Sair da fila? Você perderá o seu lugar.',
  leaveYes: 'Sim, sair',
  leaveNo: 'Continuar na fila',
  snooze: 'Preciso de mais alguns minutos',
  snoozeConfirm: (places, left) =>
    `Deixar até ${places} ${places === 1 ? 'pessoa passar' : 'pessoas passarem'} na sua frente? ${
      left === 1 ? 'Você só pode fazer isso uma vez.' : `Você pode fazer isso ${left} vezes.`
    }`,
  snoozeYes: 'Sim, deixar passar',
  snoozeNo: 'Manter meu lugar',
  snoozed: (n) =>
    n === 1 ? 'Pronto: 1 pessoa passa na sua frente.' : `Pronto: ${n} pessoas passam na sua frente.`,
  snoozeRefusals: {
    SNOOZE_OFF: 'Esta fila não permite voltar posições.',
    SNOOZE_LIMIT: 'Você já voltou posições quantas vezes esta fila permite.',
    LAST: 'Não há ninguém atrás de você para deixar passar.',
  },
  notify: 'Avise-me quando for a minha vez',
  notifyOn: 'Você será avisado quando for a sua vez.',
  notFoundTitle: 'Senha não encontrada',
  notFoundBody:
    'Este link não funciona (pode ter sido substituído por um mais novo) ou a fila não existe mais. Peça um novo à equipe.',
  queueNotFound: 'Esta fila não existe.',
  errorTitle: 'Algo deu errado',
  retry: 'Tentar de novo',
  joinTitle: (queue) => `Entrar na fila ${queue}`,
  name: 'Seu nome',
  email: 'E-mail (opcional)',
  phone: 'Telefone (opcional)',
  join: 'Entrar na fila',
  joining: 'Entrando…',
  privacy: (keptBy, days) =>
    `Usamos o seu nome para chamar você, e o e-mail ou telefone só para avisar quando for a sua vez. A equipe de ${keptBy} pode vê-los; ninguém mais. Eles são apagados ${days === 1 ? '1 dia' : `${days} dias`} depois que a sua vez termina (a senha, os horários e a situação ficam, sem eles). Para vê-los ou apagá-los antes, fale com a equipe de ${keptBy}.`,
  nameProblems: {
    REQUIRED: 'Por favor, informe o seu nome.',
    TOO_LONG: 'Use no máximo 128 caracteres.',
    FORBIDDEN_CHARACTERS: 'Não use caracteres como < > ; { }.',
  },
  emailInvalid: 'Informe um e-mail válido ou deixe em branco.',
  phoneInvalid: 'Informe um telefone válido ou deixe em branco.',
  reasons: {
    PAUSED: 'Esta fila está pausada agora. Tente novamente em breve.',
    CLOSED: 'Esta fila está fechada.',
    FULL: 'Esta fila está cheia. Tente novamente mais tarde.',
    SELF_JOIN_OFF: 'Esta fila não aceita entradas pela internet. Fale com a equipe.',
    DUPLICATE: 'Este telefone ou e-mail já tem um lugar nesta fila.',
    PRESENCE_CODE: 'Esta fila atende quem está no local: digite o código de 6 dígitos mostrado na tela.',
  },
  presenceCode: 'Código mostrado no local',
  partySize: 'Quantas pessoas?',
  rateLimited: 'Muitas entradas desta rede agora. Aguarde alguns minutos e tente de novo.',
  unavailable: 'O serviço está indisponível no momento. Tente de novo em instantes.',
  queueStatus: { OPEN: 'Aberta', PAUSED: 'Pausada', CLOSED: 'Fechada' },
  displayWaiting: 'Esperando',
  displayNobody: '—',
  calledBefore: 'Chamadas anteriores',
  turnOnSound: 'Ligar o som',
  soundOn: 'Som ligado',
  sayNumbers: 'Falar as senhas em voz alta',
  spokenCall: (n) => `Senha ${n}`,
  spokenCounter: (counter) => `, ${counter}`,
  goTo: (counter) => `Vá até ${counter}`,
  counters: 'Guichês',
  joinCode: (code: string) => `Código para entrar: ${code}`,
  language: 'English',
  ordinal: (n) => `${n}º`,
  positionForScreenReader: (n) =>
    n === 1 ? 'Você é o próximo da fila.' : `Você está na posição ${n} da fila: ${n - 1} à sua frente.`,
  home: 'Abra o link ou leia o QR code que você recebeu para acompanhar o seu lugar na fila.',
};

const MESSAGES: Record<Language, Messages> = { en, 'pt-BR': ptBR };

const Context = createContext<{ t: Messages; language: Language; toggle(): void }>({
  t: en,
  language: 'en',
  toggle: () => undefined,
});

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(detectLanguage);
  const value = useMemo(
    () => ({
      t: MESSAGES[language],
      language,
      toggle: () =>
        setLanguage((current) => {
          const next = otherLanguage(current);
          applyLanguage(next, true);
          return next;
        }),
    }),
    [language],
  );
  applyLanguage(language, false);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useI18n = () => useContext(Context);
