import { simpleParser } from 'mailparser';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Log } from '../../resolvers/domain/ports';
import { FileOutbox } from '../../resolvers/stores/mail/outbox';
import type { Certificates } from './own-services';

/** Recipients at this domain are refused (550), as a mailbox that does not exist. */
export const REFUSED_DOMAIN = 'refused.invalid';
/** Most a message may weigh here (the project's mails are a few kB). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * The SMTP server standing in for SES SMTP: loopback only, STARTTLS with the rehearsal's certificate (the mail
 * consumer trusts it through NODE_EXTRA_CA_CERTS), any credentials, mailboxes at REFUSED_DOMAIN refused. Each
 * message is parsed and kept in an outbox folder, which the rehearsal shows at /dev/mail as `npm start` does.
 */
export class MailSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly outbox: FileOutbox,
  ) {}

  static async start(dir: string, tls: Certificates, log: Log): Promise<MailSink> {
    const outbox = new FileOutbox(dir);
    const server = new SMTPServer({
      secure: false,
      key: readFileSync(tls.keyFile),
      cert: readFileSync(tls.certFile),
      authOptional: true,
      // A hard bounce, to rehearse the dead-letter path: the consumer fails, SQS retries, then dead-letters.
      onRcptTo(address, _session, callback) {
        if (address.address.toLowerCase().endsWith(`@${REFUSED_DOMAIN}`))
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onAuth: (_auth, _session, callback) => callback(null, { user: 'rehearsal' }),
      size: MAX_MESSAGE_BYTES,
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (mail) => {
            const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
            await outbox.send({
              id: String(mail.messageId ?? to),
              to,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
            });
            callback();
          })
          .catch((error: unknown) => {
            log.warn('rehearsal SMTP: message refused', { error: String(error) });
            callback(error as Error);
          });
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    return new MailSink(server, (server.server.address() as AddressInfo).port, outbox);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
