import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { Log } from '../../resolvers/domain/ports';
import type { AwsClientConfig } from './aws-resources';
import type { EventSourceSpec } from './assembly';
import type { LambdaFunction } from './lambda-runtime';

/**
 * An SQS event source mapping as Lambda runs it: long-polls the queue with the function's own role, invokes the
 * function with batches of up to `batchSize` records, and deletes what succeeded. With ReportBatchItemFailures,
 * the records the function names stay in the queue; a failed invocation leaves the whole batch. Either way they
 * come back after the visibility timeout, and the queue's redrive policy moves them to the dead-letter queue
 * after its maxReceiveCount.
 */
export class SqsEventSource {
  private running = true;
  private readonly loop: Promise<void>;
  /** Batches invoked so far (the rehearsal's report). */
  batches = 0;

  private constructor(
    private readonly spec: EventSourceSpec,
    private readonly queue: { url: string; arn: string },
    private readonly fn: Pick<LambdaFunction, 'invoke'>,
    private readonly sqs: SQSClient,
    private readonly log: Log,
  ) {
    this.loop = this.poll();
  }

  /** Creating a mapping, Lambda first reads the queue's attributes with the function's role (it must be allowed). */
  static async start(
    spec: EventSourceSpec,
    queue: { url: string; arn: string },
    fn: Pick<LambdaFunction, 'invoke'>,
    aws: AwsClientConfig,
    log: Log,
  ): Promise<SqsEventSource> {
    const sqs = new SQSClient(aws);
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }));
    return new SqsEventSource(spec, queue, fn, sqs, log);
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let messages: Message[] = [];
      try {
        const received = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queue.url,
            MaxNumberOfMessages: Math.min(this.spec.batchSize, 10),
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (!this.running) return;
        this.log.warn('event source could not poll', {
          queue: this.spec.queueLogicalId,
          error: String(error),
        });
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (messages.length) await this.deliver(messages);
    }
  }

  private async deliver(messages: Message[]): Promise<void> {
    this.batches += 1;
    const event: SQSEvent = {
      Records: messages.map((m) => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body ?? '',
        attributes: m.Attributes as SQSEvent['Records'][number]['attributes'],
        messageAttributes: {},
        md5OfBody: m.MD5OfBody!,
        eventSource: 'aws:sqs',
        eventSourceARN: this.queue.arn,
        awsRegion: this.queue.arn.split(':')[3]!,
      })),
    };
    let failed: Set<string>;
    try {
      const result = (await this.fn.invoke(event)) as {
        batchItemFailures?: { itemIdentifier: string }[];
      } | null;
      failed = new Set(
        this.spec.reportBatchItemFailures
          ? (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier)
          : [],
      );
    } catch (error) {
      this.log.warn('event source invocation failed: the batch stays in the queue', {
        function: this.spec.functionLogicalId,
        error: String(error),
      });
      return;
    }
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length)
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queue.url,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
  }

  async close(): Promise<void> {
    this.running = false;
    await this.loop;
    this.sqs.destroy();
  }
}
