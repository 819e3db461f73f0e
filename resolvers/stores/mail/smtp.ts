import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage, MailTransport } from '../../domain/ports';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS is required when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/**
 * SMTP settings from the environment, read the same way by every runtime: SMTP_HOST (none: no SMTP),
 * SMTP_PORT (587), SMTP_SECURE, MAIL_FROM (or `defaultFrom`); credentials as the runtime keeps them.
 */
export function smtpSettingsFromEnv(
  env: Record<string, string | undefined>,
  credentials: { user?: string; password?: string } = {},
  defaultFrom?: string,
): SmtpSettings | undefined {
  if (!env.SMTP_HOST) return undefined;
  const from = env.MAIL_FROM || defaultFrom;
  if (!from) throw new Error('Missing environment variable MAIL_FROM.');
  return {
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT ?? 587),
    secure: env.SMTP_SECURE === 'true',
    ...(credentials.user ? { user: credentials.user, password: credentials.password ?? '' } : {}),
    from,
  };
}

/** Mail through SMTP (SES SMTP in AWS). The message id is derived from the job id, so a resend is recognisable. */
export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transporter = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: !settings.secure && settings.host !== '127.0.0.1' && settings.host !== 'localhost',
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({
      from: this.settings.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${Buffer.from(message.id).toString('base64url')}@queue-manager>`,
    });
  }

  close(): void {
    this.transporter.close();
  }
}
