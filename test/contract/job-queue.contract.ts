import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeliveryLog,
  MailMessage,
  MailTransport,
  MessageJob,
  SmsJob,
  SmsTransport,
} from '../../resolvers/domain/ports';
import type { MailJob } from '../../resolvers/domain/ports';

/** A job queue with the message consumer behind it, as one implementation wires them. */
export interface JobQueueHarness {
  enqueue(job: MessageJob): Promise<void>;
  /** The jobs given up on after their attempts (SQS: the dead-letter queue). */
  deadLetters(): Promise<MessageJob[]>;
  /** The consumer's delivery log, where staff read each message's state. */
  deliveries: DeliveryLog;
  close(): Promise<void>;
}

/**
 * What the message pipeline promises whatever carries the jobs: each job reaches its channel's transport once
 * and intact, failures are retried, and a job that keeps failing is kept aside after 3 attempts, never lost or
 * repeated, and shown as FAILED.
 */
export function jobQueueContract(
  name: string,
  open: (transport: MailTransport, sms: SmsTransport) => Promise<JobQueueHarness>,
  enabled = true,
): void {
  describe.skipIf(!enabled)(`job queue: ${name}`, () => {
    const sent: MailMessage[] = [];
    /** Per recipient: how many more attempts fail (Infinity: all of them). */
    const failures = new Map<string, number>();
    const attempts = new Map<string, number>();
    const texts: { id: string; to: string; body: string }[] = [];
    let harness: JobQueueHarness;
    beforeAll(async () => {
      const attempt = (to: string, error: string) => {
        attempts.set(to, (attempts.get(to) ?? 0) + 1);
        const left = failures.get(to) ?? 0;
        if (left > 0) {
          failures.set(to, left - 1);
          throw new Error(error);
        }
      };
      harness = await open(
        {
          async send(message) {
            attempt(message.to, '450 mailbox busy');
            sent.push(message);
          },
        },
        {
          async send(message) {
            attempt(message.to, 'Carrier unreachable');
            texts.push(message);
          },
        },
      );
    });
    afterAll(() => harness?.close());

    const job = (to: string): MailJob => ({
      id: `ticket-called:${randomUUID()}:7`,
      template: 'TICKET_CALLED',
      to,
      data: { queueName: 'Padaria Pão Quente', number: '7', calledMessage: 'Balcão 2' },
    });
    const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it('given a job, then its mail is sent once, to its recipient, rendered from its data', async () => {
      const to = `ana-${randomUUID()}@example.com`;
      await harness.enqueue(job(to));
      await until(() => sent.some((m) => m.to === to));
      await new Promise((r) => setTimeout(r, 1500));
      const mine = sent.filter((m) => m.to === to);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.text).toContain('7');
      expect(mine[0]!.subject).toContain('Padaria Pão Quente');
    });

    it('given a transport that fails twice, then the third attempt sends it, once', async () => {
      const to = `bia-${randomUUID()}@example.com`;
      failures.set(to, 2);
      await harness.enqueue(job(to));
      await until(() => sent.some((m) => m.to === to));
      expect(attempts.get(to)).toBe(3);
      expect(sent.filter((m) => m.to === to)).toHaveLength(1);
    });

    it('given a transport that always fails, then after 3 attempts the job is set aside, not lost, not sent', async () => {
      const to = `caio-${randomUUID()}@example.com`;
      failures.set(to, Infinity);
      const failing = job(to);
      await harness.enqueue(failing);
      await until(async () => (await harness.deadLetters()).some((j) => j.id === failing.id));
      expect(attempts.get(to)).toBe(3);
      expect(sent.filter((m) => m.to === to)).toHaveLength(0);
      expect((await harness.deadLetters()).find((j) => j.id === failing.id)).toEqual(failing);
      expect((await harness.deliveries.statuses([failing.id])).get(failing.id)).toEqual({
        state: 'FAILED',
        failures: 3,
      });
    });

    const sms = (to: string): SmsJob => ({
      id: `almost:${randomUUID()}:once:sms`,
      channel: 'SMS',
      to,
      body: 'Senha 7 em Padaria Pão Quente: falta pouco (posição 2, espera 4-6 min).',
    });
    const uniquePhone = () => `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

    it('given an SMS job, then its text goes to the SMS transport once, as written, and shows SENT', async () => {
      const to = uniquePhone();
      const text = sms(to);
      await harness.enqueue(text);
      await until(() => texts.some((m) => m.to === to));
      await new Promise((r) => setTimeout(r, 1500));
      expect(texts.filter((m) => m.to === to)).toEqual([{ id: text.id, to, body: text.body }]);
      expect(sent.some((m) => m.to === to)).toBe(false);
      expect((await harness.deliveries.statuses([text.id])).get(text.id)).toEqual({
        state: 'SENT',
        failures: 0,
      });
    });

    it('given a carrier that always fails, then the SMS is set aside after 3 attempts and shows FAILED', async () => {
      const to = uniquePhone();
      failures.set(to, Infinity);
      const text = sms(to);
      await harness.enqueue(text);
      await until(async () => (await harness.deadLetters()).some((j) => j.id === text.id));
      expect(attempts.get(to)).toBe(3);
      expect((await harness.deliveries.statuses([text.id])).get(text.id)).toEqual({
        state: 'FAILED',
        failures: 3,
      });
    });
  });
}
