/** The CDK app: `npm run synth -w infra` (no AWS credentials needed), `npm run deploy -w infra`. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { QueueManagerStack } from '../lib/queue-manager-stack';

export function buildApp(app = new App()): { app: App; stack: QueueManagerStack } {
  const context = (key: string) => app.node.tryGetContext(key) as string | boolean | undefined;
  const region = (context('region') as string | undefined) ?? 'sa-east-1';
  const stack = new QueueManagerStack(app, 'QueueManager', {
    env: { region, ...(process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT } : {}) },
    ciHost: context('ciHost') === true || context('ciHost') === 'true',
    alarmEmail: (context('alarmEmail') as string | undefined) || undefined,
    smtpHost: (context('smtpHost') as string | undefined) ?? `email-smtp.${region}.amazonaws.com`,
    smtpPort: Number(context('smtpPort') ?? 587),
    mailFrom: (context('mailFrom') as string | undefined) ?? 'Queue Manager <no-reply@example.com>',
    publicUrl: (context('publicUrl') as string | undefined) ?? 'https://queues.example.com',
    ...(context('accountDeletionGraceSeconds')
      ? { accountDeletionGraceSeconds: Number(context('accountDeletionGraceSeconds')) }
      : {}),
    sms: {
      ...(context('smsOriginationNumber')
        ? { originationNumber: context('smsOriginationNumber') as string }
        : {}),
      ...(context('smsSenderId') ? { senderId: context('smsSenderId') as string } : {}),
      ...(context('smsMaxPriceUsd') ? { maxPriceUsd: String(context('smsMaxPriceUsd')) } : {}),
      monthlySpendLimitUsd: Number(context('smsMonthlySpendLimitUsd') ?? 50),
    },
    ...(context('apiDomain') && context('apiCertificateArn')
      ? {
          apiDomain: {
            domainName: context('apiDomain') as string,
            certificateArn: context('apiCertificateArn') as string,
          },
        }
      : {}),
  });
  // Every AwsSolutions finding fails synthesis unless acknowledged next to its resource, with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();
