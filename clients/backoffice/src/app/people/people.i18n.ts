/**
 * The texts of venues and their people (the people page, invitations, the venue switcher), in English and
 * Brazilian Portuguese side by side; `Texts` is English's shape, so a text missing in one language is a type error.
 */
import { computed, inject, Injectable } from '@angular/core';
import { I18n } from '../core/i18n';

const EN = {
  link: 'People',
  title: 'People',
  venue: 'Venue',
  allVenues: 'All venues',
  newVenue: 'New venue',
  venueName: 'Venue name',
  createVenue: 'Create venue',
  members: 'Who works here',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  queues: 'Queues',
  allQueues: 'All',
  remove: 'Remove',
  removeNamed: (name: string) => `Remove ${name}`,
  roleOf: (name: string) => `Role of ${name}`,
  roles: { OWNER: 'Owner', MANAGER: 'Manager', CLERK: 'Clerk' } as Record<string, string>,
  roleHelp: 'Owners: everything. Managers: queues, settings, stats, people. Clerks: operate their queues.',
  invite: 'Invite someone',
  inviteEmail: 'Their email',
  inviteRole: 'As',
  clerkQueues: 'Queues they operate',
  send: 'Send invitation',
  sent: (email: string) => `Invitation sent to ${email}. The link works once, for 7 days.`,
  invitations: 'Invitations',
  status: { PENDING: 'pending', ACCEPTED: 'accepted', REVOKED: 'revoked', EXPIRED: 'expired' } as Record<
    string,
    string
  >,
  revoke: 'Revoke',
  noVenue: 'You do not manage the people of any venue yet.',
  dataTitle: 'A person’s data',
  dataHelp:
    'Find what is kept about someone who waited at your venues, by email or phone: download it for them, or erase it (a waiting person is removed from the queue first).',
  dataEmail: 'Email to look for',
  dataPhone: 'Phone to look for',
  find: 'Find',
  found: (n: number) => (n === 1 ? '1 ticket found.' : `${n} tickets found.`),
  download: 'Download (JSON)',
  erase: 'Erase…',
  eraseConfirm: 'Erase their name, email and phone from every ticket found? This cannot be undone.',
  eraseYes: 'Yes, erase',
  erased: (removed: number, erased: number) =>
    `Erased from ${erased} ${erased === 1 ? 'ticket' : 'tickets'}${removed ? `; ${removed} removed from a queue first` : ''}.`,
  acceptTitle: 'Invitation',
  acceptBody: 'Accept it to work at this venue with the role it gives you.',
  accept: 'Accept the invitation',
  accepted: (venue: string, role: string) => `You now work at ${venue} as ${role.toLowerCase()}.`,
  toQueues: 'Go to the queues',
  linkReasons: {
    LINK_INVALID: 'This invitation link does not work. Ask for a new one.',
    LINK_ACCEPTED: 'This invitation was already accepted.',
    LINK_REVOKED: 'This invitation was revoked. Ask for a new one.',
    LINK_EXPIRED: 'This invitation has expired. Ask for a new one.',
    WRONG_ACCOUNT: 'This invitation was sent to another email address: log in with that account.',
  } as Record<string, string>,
};

const PT_BR: typeof EN = {
  link: 'Pessoas',
  title: 'Pessoas',
  venue: 'Local',
  allVenues: 'Todos os locais',
  newVenue: 'Novo local',
  venueName: 'Nome do local',
  createVenue: 'Criar local',
  members: 'Quem trabalha aqui',
  name: 'Nome',
  email: 'E-mail',
  role: 'Papel',
  queues: 'Filas',
  allQueues: 'Todas',
  remove: 'Remover',
  removeNamed: (name: string) => `Remover ${name}`,
  roleOf: (name: string) => `Papel de ${name}`,
  roles: { OWNER: 'Proprietário', MANAGER: 'Gerente', CLERK: 'Atendente' },
  roleHelp:
    'Proprietários: tudo. Gerentes: filas, configurações, estatísticas, pessoas. Atendentes: operam as suas filas.',
  invite: 'Convidar alguém',
  inviteEmail: 'E-mail da pessoa',
  inviteRole: 'Como',
  clerkQueues: 'Filas que vai operar',
  send: 'Enviar convite',
  sent: (email: string) => `Convite enviado para ${email}. O link funciona uma vez, por 7 dias.`,
  invitations: 'Convites',
  status: { PENDING: 'pendente', ACCEPTED: 'aceito', REVOKED: 'revogado', EXPIRED: 'expirado' },
  revoke: 'Revogar',
  noVenue: 'Você ainda não gerencia as pessoas de nenhum local.',
  dataTitle: 'Dados de uma pessoa',
  dataHelp:
    'Encontre o que se guarda de quem esperou nos seus locais, por e-mail ou telefone: baixe para entregar à pessoa, ou apague (quem ainda espera sai da fila antes).',
  dataEmail: 'E-mail a buscar',
  dataPhone: 'Telefone a buscar',
  find: 'Buscar',
  found: (n: number) => (n === 1 ? '1 senha encontrada.' : `${n} senhas encontradas.`),
  download: 'Baixar (JSON)',
  erase: 'Apagar…',
  eraseConfirm: 'Apagar nome, e-mail e telefone de todas as senhas encontradas? Não dá para desfazer.',
  eraseYes: 'Sim, apagar',
  erased: (removed: number, erased: number) =>
    `Apagado de ${erased} ${erased === 1 ? 'senha' : 'senhas'}${removed ? `; ${removed} saiu da fila antes` : ''}.`,
  acceptTitle: 'Convite',
  acceptBody: 'Aceite para trabalhar neste local com o papel que ele dá.',
  accept: 'Aceitar o convite',
  accepted: (venue: string, role: string) => `Agora você trabalha em ${venue} como ${role.toLowerCase()}.`,
  toQueues: 'Ir para as filas',
  linkReasons: {
    LINK_INVALID: 'Este link de convite não funciona. Peça um novo.',
    LINK_ACCEPTED: 'Este convite já foi aceito.',
    LINK_REVOKED: 'Este convite foi revogado. Peça um novo.',
    LINK_EXPIRED: 'Este convite expirou. Peça um novo.',
    WRONG_ACCOUNT: 'Este convite foi enviado para outro e-mail: entre com aquela conta.',
  },
};

/** The venue chosen on this browser (the people page and the queues list share it). */
export const VENUE_KEY = 'qm.venue';

/** The people texts in the interface's language. */
@Injectable({ providedIn: 'root' })
export class PeopleTexts {
  private readonly i18n = inject(I18n);
  readonly t = computed(() => (this.i18n.language() === 'pt-BR' ? PT_BR : EN));
}
