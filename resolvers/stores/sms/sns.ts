import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsTransport } from '../../domain/ports';

export interface SnsSmsSettings {
  /** The origination number (E.164) bought in AWS End User Messaging SMS; absent: SNS picks one. */
  originationNumber?: string;
  /** An alphanumeric sender id, where the destination country allows one. */
  senderId?: string;
  /** The most one message may cost, in USD; SNS refuses to send a dearer one. */
  maxPriceUsd?: string;
}

/**
 * SMS through Amazon SNS (delivered by AWS End User Messaging SMS): transactional messages to one phone number
 * each, from the configured origination identity. The account's monthly spend limit is set on deploy.
 */
export class SnsSmsTransport implements SmsTransport {
  constructor(
    private readonly client: SNSClient,
    private readonly settings: SnsSmsSettings,
  ) {}

  async send(message: { id: string; to: string; body: string }): Promise<void> {
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    const { originationNumber, senderId, maxPriceUsd } = this.settings;
    await this.client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.body,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': attribute('Transactional'),
          ...(originationNumber ? { 'AWS.MM.SMS.OriginationNumber': attribute(originationNumber) } : {}),
          ...(senderId ? { 'AWS.SNS.SMS.SenderID': attribute(senderId) } : {}),
          ...(maxPriceUsd
            ? { 'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: maxPriceUsd } }
            : {}),
        },
      }),
    );
  }
}
