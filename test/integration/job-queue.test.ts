import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageJob } from '../../resolvers/domain/ports';
import { deliverMessage } from '../../resolvers/domain/deliver';
import { messageDeps } from '../../resolvers/handlers/composition';
import { createMessageConsumer } from '../../resolvers/handlers/message-consumer';
import { InProcessJobQueue } from '../../resolvers/stores/jobs/in-process';
import { SqsJobQueue } from '../../resolvers/stores/jobs/sqs';
import { SqsEventSource } from '../../local/rehearsal/event-sources';
import { OwnMoto } from '../../local/rehearsal/own-services';
import { jobQueueContract } from '../contract/job-queue.contract';
import { freshDynamo } from '../support/dynalite';
import { recordingLog } from '../support/recording-log';

const log = recordingLog();

jobQueueContract('in-process (the embedded mode), with the message consumer', async (mail, sms) => {
  const dynamo = await freshDynamo();
  const deps = messageDeps({ dynamo: dynamo.client, accountsTable: dynamo.table, mail, sms, log });
  const queue = new InProcessJobQueue({
    handle: (job, attempt) => deliverMessage(deps, job, attempt),
    log,
    backoffMs: () => 50,
  });
  return {
    enqueue: (job) => queue.enqueue(job),
    deadLetters: async () => queue.deadLetters().map((d) => d.job),
    deliveries: deps.deliveries,
    async close() {
      await queue.close();
      await dynamo.cleanup();
    },
  };
});

jobQueueContract(
  'SQS (moto), with the message consumer Lambda behind its event source mapping',
  async (mail, sms) => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-sqs-'));
    const [moto, dynamo] = await Promise.all([OwnMoto.start(join(dir, 'recording.jsonl')), freshDynamo()]);
    const aws = {
      endpoint: moto.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
    const sqs = new SQSClient(aws);
    // As the stack makes them: a dead-letter queue, and the mail queue redriving to it after 3 receives (the
    // visibility timeout short so retries come within the test).
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'mail-dlq' }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'mail',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
        },
      }),
    );
    const mainArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: main.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    const deps = messageDeps({ dynamo: dynamo.client, accountsTable: dynamo.table, mail, sms, log });
    const consumer = createMessageConsumer(async () => deps);
    const source = await SqsEventSource.start(
      {
        functionLogicalId: 'MailConsumer',
        queueLogicalId: 'MailQueue',
        batchSize: 10,
        reportBatchItemFailures: true,
      },
      { url: main.QueueUrl!, arn: mainArn },
      { invoke: (event) => consumer(event as never, {} as Context) },
      aws,
      log,
    );
    const queue = new SqsJobQueue(sqs, main.QueueUrl!);
    const dead: MessageJob[] = [];
    return {
      enqueue: (job) => queue.enqueue(job),
      deliveries: deps.deliveries,
      async deadLetters() {
        const received = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
        );
        for (const m of received.Messages ?? []) dead.push(JSON.parse(m.Body!) as MessageJob);
        return dead;
      },
      async close() {
        await source.close();
        await moto.kill();
        await dynamo.cleanup();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
);
