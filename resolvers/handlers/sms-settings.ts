import { SetSMSAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/**
 * The account's SMS settings, applied on every deploy (a custom resource): the monthly spend limit SNS stops
 * sending at (SMS_MONTHLY_SPEND_LIMIT_USD; AWS raises the account's own ceiling only on request) and
 * transactional delivery by default. Deleting the stack leaves them: they belong to the account.
 */
export async function applySmsSettings(
  event: CloudFormationCustomResourceEvent,
): Promise<{ PhysicalResourceId: string; Data: Record<string, string> }> {
  const env = process.env;
  const id = 'queue-manager-sms-settings';
  if (event.RequestType === 'Delete') return { PhysicalResourceId: id, Data: {} };
  const limit = env.SMS_MONTHLY_SPEND_LIMIT_USD ?? '';
  if (!/^[0-9]+$/.test(limit)) throw new Error('SMS_MONTHLY_SPEND_LIMIT_USD must be whole US dollars.');
  const client = new SNSClient({ region: env.AWS_REGION ?? '' });
  await client.send(
    new SetSMSAttributesCommand({
      attributes: { MonthlySpendLimit: limit, DefaultSMSType: 'Transactional' },
    }),
  );
  return { PhysicalResourceId: id, Data: { monthlySpendLimitUsd: limit } };
}
