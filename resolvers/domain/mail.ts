/** Email content. Pure: a job in, a message out; rendered when sent so jobs stay small. */
import type { MailJob, MailMessage } from './ports';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function message(
  job: MailJob,
  subject: string,
  lines: string[],
  link?: { href: string; label: string },
): MailMessage {
  const text = [...lines, ...(link ? ['', `${link.label}: ${link.href}`] : [])].join('\n');
  const html = [
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`] : []),
  ].join('\n');
  return { id: job.id, to: job.to, subject, text, html };
}

const ROLE_PT: Record<string, string> = { OWNER: 'proprietário', MANAGER: 'gerente', CLERK: 'atendente' };

export function renderMail(job: MailJob): MailMessage {
  const d = job.data;
  switch (job.template) {
    case 'VERIFY_EMAIL':
      return message(
        job,
        'Confirm your Queue Manager account',
        [
          'Welcome to Queue Manager.',
          'Confirm your email address to start running your queues. The link works once, for 24 hours.',
        ],
        { href: d.link ?? '', label: 'Confirm my email' },
      );
    case 'ACCOUNT_EXISTS':
      return message(
        job,
        'Someone tried to sign up with your address',
        [
          'Someone tried to create a Queue Manager account with this email address, which already has one. Nothing was changed.',
          'If it was you, log in, or choose a new password if you forgot it. If it was not you, you can ignore this email.',
        ],
        { href: d.link ?? '', label: 'Choose a new password' },
      );
    case 'RESET_PASSWORD':
      return message(
        job,
        'Reset your Queue Manager password',
        [
          'Someone asked to reset the password of this account. If it was not you, ignore this email.',
          'The link works once, for one hour.',
        ],
        { href: d.link ?? '', label: 'Choose a new password' },
      );
    case 'PASSWORD_CHANGED':
      return message(
        job,
        'Your Queue Manager password was changed',
        [
          'The password of your account was just changed, and every session of the account has ended.',
          'If it was not you, choose a new password now: that ends every session again.',
        ],
        { href: d.link ?? '', label: 'Choose a new password' },
      );
    case 'ACCOUNT_DELETION':
      return message(
        job,
        'Your Queue Manager account will be deleted',
        [
          `You asked to delete your account. On ${d.dueAt ?? ''} (UTC) it will be deleted, with the venues you alone own: their queues, tickets, people and audit log. You will leave the venues you share with other owners.`,
          'Until then you can download everything it holds, or keep it, from your account page.',
        ],
        { href: d.link ?? '', label: 'Keep my account' },
      );
    case 'TICKET_CALLED':
      // In the language the person joined in (jobs queued before tickets had one are English); `text` is the
      // queue's template, filled when the call committed (jobs queued before templates existed have none).
      return d.language === 'pt-BR'
        ? message(job, `É a sua vez: número ${d.number ?? ''} em ${d.queueName ?? ''}`, [
            d.text || `Número ${d.number ?? ''}, é a sua vez em ${d.queueName ?? ''}.`,
            ...(d.calledMessage ? [d.calledMessage] : []),
          ])
        : message(job, `It's your turn: number ${d.number ?? ''} at ${d.queueName ?? ''}`, [
            d.text || `Number ${d.number ?? ''}, it's your turn at ${d.queueName ?? ''}.`,
            ...(d.calledMessage ? [d.calledMessage] : []),
          ]);
    case 'TICKET_ALMOST':
      return d.language === 'pt-BR'
        ? message(job, `Falta pouco: número ${d.number ?? ''} em ${d.queueName ?? ''}`, [d.text ?? ''])
        : message(job, `Almost your turn: number ${d.number ?? ''} at ${d.queueName ?? ''}`, [d.text ?? '']);
    case 'INVITATION':
      // In the venue's language.
      return d.language === 'pt-BR'
        ? message(
            job,
            `Convite para ${d.venueName ?? ''} no Queue Manager`,
            [
              `Você foi convidado para trabalhar em ${d.venueName ?? ''} como ${ROLE_PT[d.role ?? ''] ?? d.role}.`,
              'Entre com a conta deste e-mail (ou crie uma) e aceite. O link funciona uma vez, por 7 dias.',
            ],
            { href: d.link ?? '', label: 'Aceitar o convite' },
          )
        : message(
            job,
            `Invitation to ${d.venueName ?? ''} on Queue Manager`,
            [
              `You are invited to work at ${d.venueName ?? ''} as ${(d.role ?? '').toLowerCase()}.`,
              'Log in with the account of this email address (or create one) and accept. The link works once, for 7 days.',
            ],
            { href: d.link ?? '', label: 'Accept the invitation' },
          );
    case 'TICKET_MISSED':
      return d.language === 'pt-BR'
        ? message(job, `Tempo esgotado: número ${d.number ?? ''} em ${d.queueName ?? ''}`, [d.text ?? ''])
        : message(job, `Your call has run out: number ${d.number ?? ''} at ${d.queueName ?? ''}`, [
            d.text ?? '',
          ]);
  }
}
