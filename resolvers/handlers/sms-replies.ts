import type { SNSEvent } from 'aws-lambda';
import type { Deps } from '../domain/deps';
import { ValidationError } from '../domain/errors';
import { handleSmsReply, parseInboundSms } from '../domain/sms-replies';

/**
 * Texts people send back, as AWS End User Messaging SMS delivers them: to the two-way SNS topic, which invokes
 * this function with each message (`originationNumber`, `messageBody`, `inboundMessageId`, … as JSON). A
 * malformed one is logged and dropped (retrying cannot fix it); any other failure throws, so SNS retries it,
 * and the inbound id makes a retried message act once.
 */
export function createSmsRepliesHandler(deps: () => Promise<Deps>) {
  return async (event: SNSEvent): Promise<void> => {
    const d = await deps();
    for (const record of event.Records) {
      const messageId = record.Sns.MessageId;
      let inbound: { originationNumber?: unknown; messageBody?: unknown; inboundMessageId?: unknown };
      try {
        inbound = JSON.parse(record.Sns.Message) as typeof inbound;
      } catch {
        d.log.warn('sms reply dropped: not JSON', { messageId });
        continue;
      }
      try {
        const sms = parseInboundSms(
          { id: inbound?.inboundMessageId, from: inbound?.originationNumber, body: inbound?.messageBody },
          messageId,
        );
        const outcome = await handleSmsReply(d, sms);
        d.log.info('sms reply handled', { messageId, inboundId: sms.id, outcome });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        d.log.warn('sms reply dropped', { messageId, reason: error.message });
      }
    }
  };
}
