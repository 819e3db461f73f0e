import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverMail, parseMailJob, type MailDeps } from '../domain/deliver-mail';

/**
 * The SQS mail consumer: every record of the batch is tried, and only the failed ones are reported
 * (ReportBatchItemFailures), so one bad message neither drops nor blocks the others. SQS redelivers those and
 * dead-letters them after 3 receives; the delivery log skips any that were already sent.
 */
export function createMailConsumer(deps: () => Promise<MailDeps>) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const mail = await deps();
    const processor = new BatchProcessor(EventType.SQS);
    const handleRecord = async (record: SQSRecord) => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        throw new Error(`Message ${record.messageId} is not JSON.`);
      }
      await deliverMail(mail, parseMailJob(body));
    };
    return processPartialResponse(event, handleRecord, processor, { context });
  };
}
