import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailJob, MailMessage, MailTransport } from '../../resolvers/domain/ports';

/** A job queue with the mail consumer behind it, as one implementation wires them. */
export interface JobQueueHarness {
  enqueue(job: MailJob): Promise<void>;
  /** The jobs given up on after their attempts (SQS: the dead-letter queue). */
  deadLetters(): Promise<MailJob[]>;
  close(): Promise<void>;
}

/**
 * What the mail pipeline promises whatever carries the jobs: each job reaches the transport once and intact,
 * failures are retried, and a job that keeps failing is kept aside after 3 attempts, never lost or repeated.
 */
export function jobQueueContract(
  name: string,
  open: (transport: MailTransport) => Promise<JobQueueHarness>,
  enabled = true,
): void {
  describe.skipIf(!enabled)(`job queue: ${name}`, () => {
    const sent: MailMessage[] = [];
    /** Per recipient: how many more attempts fail (Infinity: all of them). */
    const failures = new Map<string, number>();
    const attempts = new Map<string, number>();
    let harness: JobQueueHarness;
    beforeAll(async () => {
      harness = await open({
        async send(message) {
          attempts.set(message.to, (attempts.get(message.to) ?? 0) + 1);
          const left = failures.get(message.to) ?? 0;
          if (left > 0) {
            failures.set(message.to, left - 1);
            throw new Error('450 mailbox busy');
          }
          sent.push(message);
        },
      });
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
    });
  });
}
