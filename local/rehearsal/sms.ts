/**
 * SMS in the AWS rehearsal: what the message consumer sent through SNS (read from moto's recording of the
 * Publish calls, as a carrier would have received them), and replies delivered as AWS End User Messaging SMS
 * delivers them — published to the two-way topic, which invokes its Lambda subscriber with an SNS event.
 */
import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import type { RecordedRequest } from './own-services';

export interface SentSms {
  to: string;
  body: string;
  /** SMSType and origination number as the consumer asked for them. */
  attributes: Record<string, string>;
}

/** The SNS Publish calls to a phone number in moto's recording, in order. */
export function smsSent(recording: RecordedRequest[]): SentSms[] {
  return recording.flatMap((request) => {
    const text = request.body
      ? request.body_encoded
        ? Buffer.from(request.body, 'base64').toString('utf8')
        : request.body
      : '';
    const form = new URLSearchParams(text);
    const to = form.get('PhoneNumber');
    if (form.get('Action') !== 'Publish' || !to) return [];
    // MessageAttributes.entry.N.Name / .Value.StringValue, as the query protocol writes them.
    const attributes: Record<string, string> = {};
    for (const [key, name] of form)
      if (/^MessageAttributes\.entry\.\d+\.Name$/.test(key))
        attributes[name] = form.get(key.replace(/Name$/, 'Value.StringValue')) ?? '';
    return [{ to, body: form.get('Message') ?? '', attributes }];
  });
}

/** The event SNS invokes a subscribed function with, for one inbound text (End User Messaging's JSON). */
export function inboundSnsEvent(
  topicArn: string,
  subscriptionArn: string,
  reply: { from: string; to: string; body: string; id?: string },
): SNSEvent {
  const message = {
    originationNumber: reply.from,
    destinationNumber: reply.to,
    messageKeyword: reply.body.trim().split(/\s+/)[0]?.toUpperCase() ?? '',
    messageBody: reply.body,
    inboundMessageId: reply.id ?? randomUUID(),
    previousPublishedMessageId: randomUUID(),
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: '',
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}
