import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMessage, type MessageDeps } from '../../resolvers/domain/deliver';
import type { MailJob } from '../../resolvers/domain/ports';
import { createMessageConsumer } from '../../resolvers/handlers/message-consumer';
import { DynamoDeliveryLog } from '../../resolvers/stores/accounts/delivery-log';
import { InProcessJobQueue } from '../../resolvers/stores/jobs/in-process';
import { FileOutbox } from '../../resolvers/stores/mail/outbox';
import { SmtpTransport } from '../../resolvers/stores/mail/smtp';
import { FileSmsOutbox } from '../../resolvers/stores/sms/outbox';
import { freshDynamo, type TestDynamo } from '../support/dynalite';
import { recordingLog } from '../support/recording-log';
import { RecordingTransport } from '../support/stack';

let dynamo: TestDynamo;
let dir: string;
beforeAll(async () => {
  dynamo = await freshDynamo();
  dir = mkdtempSync(join(tmpdir(), 'qm-mail-'));
});
afterAll(async () => {
  await dynamo?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
const job = (to: string, template: MailJob['template'] = 'TICKET_CALLED'): MailJob => ({
  id: `test-${Date.now()}-${(seq += 1)}`,
  template,
  to,
  data: { queueName: 'Padaria', number: '7', calledMessage: 'Balcão 2' },
});

function messageDeps(transport: RecordingTransport | SmtpTransport | FileOutbox): MessageDeps {
  return {
    deliveries: new DynamoDeliveryLog(dynamo.client, dynamo.table),
    mail: transport,
    sms: new FileSmsOutbox(join(dir, 'sms')),
    log: recordingLog(),
    now: Date.now,
  };
}

function queueFor(deps: MessageDeps, file?: string) {
  return new InProcessJobQueue({
    handle: (j, attempt) => deliverMessage(deps, j, attempt),
    log: deps.log,
    backoffMs: () => 20,
    ...(file ? { file } : {}),
  });
}

describe('the delivery log (DynamoDB)', () => {
  it('given a claimed id, then a second claim waits while the lease lives, and a delivered id is reported as such', async () => {
    const log = new DynamoDeliveryLog(dynamo.client, dynamo.table);
    const now = Date.now();
    expect(await log.claim('m1', now, now + 1000)).toBe('claimed');
    expect(await log.claim('m1', now, now + 1000)).toBe('busy');
    expect(await log.claim('m1', now + 1001, now + 2000)).toBe('claimed');
    await log.markFailed('m1', 1, false, now + 60_000);
    expect((await log.statuses(['m1'])).get('m1')).toEqual({ state: 'RETRYING', failures: 1 });
    expect(await log.claim('m1', now, now + 1000)).toBe('claimed');
    await log.markDelivered('m1', now + 60_000);
    expect(await log.claim('m1', now + 5000, now + 6000)).toBe('delivered');
    await log.markFailed('m1', 2, true, now + 60_000);
    expect(await log.claim('m1', now + 5000, now + 6000)).toBe('delivered');
    expect((await log.statuses(['m1', 'never-queued'])).get('never-queued')).toEqual({
      state: 'QUEUED',
      failures: 0,
    });
    expect(await log.resetFailed('m1')).toBe(false);
  });
  it('given a message failed on its last attempt, then it shows FAILED until staff resets it, once', async () => {
    const log = new DynamoDeliveryLog(dynamo.client, dynamo.table);
    const now = Date.now();
    expect(await log.claim('m2', now, now + 1000)).toBe('claimed');
    await log.markFailed('m2', 3, true, now + 60_000);
    expect((await log.statuses(['m2'])).get('m2')).toEqual({ state: 'FAILED', failures: 3 });
    const resets = await Promise.all([log.resetFailed('m2'), log.resetFailed('m2')]);
    expect(resets.filter(Boolean)).toHaveLength(1);
    expect((await log.statuses(['m2'])).get('m2')).toEqual({ state: 'QUEUED', failures: 0 });
  });
});

describe('the in-process job queue', () => {
  it('given a transport that fails twice then succeeds, then the mail is delivered exactly once, on the third attempt', async () => {
    const transport = new RecordingTransport((_m, attempt) => attempt <= 2);
    const queue = queueFor(messageDeps(transport));
    await queue.enqueue(job('ana@example.com'));
    await queue.drain();
    expect(transport.attempts).toBe(3);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({
      to: 'ana@example.com',
      subject: "It's your turn: number 7 at Padaria",
    });
    expect(queue.deadLetters()).toEqual([]);
    await queue.close();
  });

  it('given one message that always fails in a batch, then it is dead-lettered after exactly 3 attempts and the others are delivered', async () => {
    const transport = new RecordingTransport((m) => m.to === 'bounce@example.com');
    const deps = messageDeps(transport);
    const queue = queueFor(deps);
    const poison = job('bounce@example.com');
    for (const j of [job('a@example.com'), poison, job('b@example.com'), job('c@example.com')])
      await queue.enqueue(j);
    await queue.drain();
    expect(transport.sent.map((m) => m.to).sort()).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(transport.attempts).toBe(3 + 3);
    expect(queue.deadLetters()).toEqual([
      expect.objectContaining({ job: poison, attempts: 3, lastError: 'SMTP 451: try again later' }),
    ]);
    const logged = JSON.stringify((deps.log as ReturnType<typeof recordingLog>).entries);
    expect(logged).toContain(poison.id);
    expect(logged).not.toContain('bounce@example.com');
    await queue.close();
  });

  it('given a dead letter, when it is re-driven after the fault is fixed, then it is delivered once', async () => {
    let broken = true;
    const transport = new RecordingTransport(() => broken);
    const queue = queueFor(messageDeps(transport));
    const lost = job('later@example.com');
    await queue.enqueue(lost);
    await queue.drain();
    expect(queue.deadLetters()).toHaveLength(1);
    broken = false;
    expect(queue.redrive(lost.id)).toBe(1);
    await queue.drain();
    expect(transport.sent.map((m) => m.id)).toEqual([lost.id]);
    expect(queue.deadLetters()).toEqual([]);
    await queue.close();
  });

  it('given the same job enqueued twice, then it is delivered once', async () => {
    const transport = new RecordingTransport();
    const queue = queueFor(messageDeps(transport));
    const twice = job('twice@example.com');
    await queue.enqueue(twice);
    await queue.enqueue(twice);
    await queue.drain();
    expect(transport.sent).toHaveLength(1);
    await queue.close();
  });

  it('given pending and dead-lettered jobs at shutdown, then a restarted queue still has them all', async () => {
    const file = join(dir, 'jobs.json');
    const failing = new RecordingTransport(() => true);
    const first = queueFor(messageDeps(failing), file);
    const dead = job('dead@example.com');
    await first.enqueue(dead);
    await first.drain();
    await first.close();
    const pending = job('pending@example.com');
    const paused = new InProcessJobQueue({
      handle: () => new Promise(() => undefined),
      log: recordingLog(),
      file,
    });
    await paused.enqueue(pending);
    const transport = new RecordingTransport();
    const second = queueFor(messageDeps(transport), file);
    await second.drain();
    expect(transport.sent.map((m) => m.id)).toEqual([pending.id]);
    expect(second.deadLetters().map((d) => d.job.id)).toEqual([dead.id]);
    await second.close();
  });
});

describe('the SQS mail consumer', () => {
  const record = (id: string, body: string): SQSRecord =>
    ({
      messageId: id,
      receiptHandle: `rh-${id}`,
      body,
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:sa-east-1:123456789012:mail',
      awsRegion: 'sa-east-1',
    }) as SQSRecord;
  const context = {
    functionName: 'mail',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => 30_000,
  } as unknown as Context;

  it('given a batch with a failing and a malformed message, then only those two are reported and the rest are delivered, once', async () => {
    const transport = new RecordingTransport((m) => m.to === 'bounce@example.com');
    const consumer = createMessageConsumer(async () => messageDeps(transport));
    const good = [job('a@example.com'), job('b@example.com')];
    const event: SQSEvent = {
      Records: [
        record('m-1', JSON.stringify(good[0])),
        record('m-2', JSON.stringify(job('bounce@example.com'))),
        record('m-3', '{not json'),
        record('m-4', JSON.stringify({ id: 'x', template: 'NOPE', to: 'x@example.com', data: {} })),
        record('m-5', JSON.stringify(good[1])),
      ],
    };
    const response = await consumer(event, context);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-2', 'm-3', 'm-4']);
    expect(transport.sent.map((m) => m.to).sort()).toEqual(['a@example.com', 'b@example.com']);
    // SQS redelivers the batch (say, after a timeout): what was delivered is not sent again.
    const again = await consumer(
      { Records: [record('m-1', JSON.stringify(good[0])), record('m-5', JSON.stringify(good[1]))] },
      context,
    );
    expect(again.batchItemFailures).toEqual([]);
    expect(transport.sent).toHaveLength(2);
  });
});

describe('mail transports', () => {
  it('given an SMTP server, then the message arrives with its subject, recipient and both bodies', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    const smtp = new SmtpTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      from: 'Queue Manager <no-reply@example.com>',
    });
    try {
      const sent = await deliverMessage(messageDeps(smtp), job('ana@example.com', 'VERIFY_EMAIL'), 1);
      expect(sent).toBe('sent');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(/^Subject: Confirm your Queue Manager account/m);
      expect(received[0]).toMatch(/^To: ana@example.com/m);
      expect(received[0]).toContain('text/html');
    } finally {
      smtp.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('given the file outbox, then sent messages are listed newest first with their links', async () => {
    const outbox = new FileOutbox(join(dir, 'outbox'));
    const first = {
      ...job('a@example.com', 'VERIFY_EMAIL'),
      data: { link: 'https://x.example/backoffice/verify/abc' },
    };
    await deliverMessage(messageDeps(outbox), first, 1);
    await deliverMessage(messageDeps(outbox), job('b@example.com'), 1);
    const listed = await outbox.list();
    expect(listed.map((m) => m.to)).toEqual(['b@example.com', 'a@example.com']);
    expect(listed[1]!.html).toContain('href="https://x.example/backoffice/verify/abc"');
  });
});
