import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverMessage, parseMessageJob, type MessageDeps } from '../domain/deliver';

/**
 * The SQS message consumer (mail and SMS): every record of the batch is tried, and only the failed ones are
 * reported (ReportBatchItemFailures), so one bad message neither drops nor blocks the others. SQS redelivers
 * those and dead-letters them after 3 receives (its receive count is the attempt number); the delivery log skips
 * any that were already sent.
 */
export function createMessageConsumer(deps: () => Promise<MessageDeps>) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const messages = await deps();
    const processor = new BatchProcessor(EventType.SQS);
    const handleRecord = async (record: SQSRecord) => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        throw new Error(`Message ${record.messageId} is not JSON.`);
      }
      const attempt = Math.max(1, Number(record.attributes?.ApproximateReceiveCount) || 1);
      await deliverMessage(messages, parseMessageJob(body), attempt);
    };
    return processPartialResponse(event, handleRecord, processor, { context });
  };
}
