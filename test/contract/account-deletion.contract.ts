import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_DELETION_GRACE_MS, deleteDueAccounts } from '../../resolvers/domain/account-deletion';
import { deliverMessage } from '../../resolvers/domain/deliver';
import type { Deps } from '../../resolvers/domain/deps';
import { messageDeps } from '../../resolvers/handlers/composition';
import { LocalMessageCopies } from '../../resolvers/stores/dev/message-copies';
import { InProcessJobQueue } from '../../resolvers/stores/jobs/in-process';
import { FileOutbox } from '../../resolvers/stores/mail/outbox';
import { FileSmsOutbox } from '../../resolvers/stores/sms/outbox';
import { apiAs, owner, PUBLIC, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

const PASSWORD = 'correct horse battery';

/** Everything every store holds, as text: every SQL table, the whole accounts table, the Redis keys, the files. */
async function everything(stack: TestStack, dir: string): Promise<string> {
  const parts: unknown[] = [];
  for (const table of [
    'queues',
    'tickets',
    'call_pace',
    'ticket_messages',
    'grace_timers',
    'audit_log',
    'venues',
    'venue_members',
    'venue_invitations',
    'account_deletions',
  ] as const)
    parts.push(await stack.sql.sql.db.selectFrom(table).selectAll().execute());
  let start: Record<string, never> | undefined;
  do {
    const page = await stack.dynamo.client.send(
      new ScanCommand({ TableName: stack.dynamo.table, ExclusiveStartKey: start }),
    );
    parts.push(page.Items);
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  if (stack.redis) {
    const { redis, prefix } = stack.redis;
    for (const key of await redis.keys(`${prefix}*`)) {
      const type = await redis.type(key);
      parts.push(
        key,
        type === 'zset'
          ? await redis.zrange(key, '0', '-1', 'WITHSCORES')
          : type === 'hash'
            ? await redis.hgetall(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : await redis.get(key),
      );
    }
  }
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
  for (const file of files(dir)) parts.push(file, readFileSync(file, 'utf8'));
  return JSON.stringify(parts);
}

/**
 * An owner exports and deletes their account, through the router on a whole stack, with the embedded mode's
 * message queue and outboxes: the grace period on an injected clock, then a search of every store.
 */
export function accountDeletionContract(
  name: string,
  open: () => Promise<TestStack>,
  enabled = true,
  /** The store locks rows (MariaDB), so one writer may run while another holds its rows; SQLite has one writer. */
  rowLocks = false,
): void {
  describe.skipIf(!enabled)(`account export and deletion: ${name}`, () => {
    let stack: TestStack;
    let dir: string;
    let queue: InProcessJobQueue;
    let sms: FileSmsOutbox;
    let clock = Date.now();
    let deps: Deps;
    beforeAll(async () => {
      stack = await open();
      dir = mkdtempSync(join(tmpdir(), 'qm-deletion-'));
      const outbox = new FileOutbox(join(dir, 'outbox'));
      sms = new FileSmsOutbox(join(dir, 'sms'));
      const delivery = messageDeps({
        dynamo: stack.dynamo.client,
        accountsTable: stack.dynamo.table,
        mail: outbox,
        sms,
        log: stack.log,
      });
      queue = new InProcessJobQueue({
        handle: (job, attempt) => deliverMessage(delivery, job, attempt),
        log: stack.log,
        backoffMs: () => 0,
        file: join(dir, 'mail-queue.json'),
      });
      deps = {
        ...stack.deps,
        jobs: queue,
        messageCopies: new LocalMessageCopies(queue, outbox, sms),
        now: () => clock,
      };
    });
    afterAll(async () => {
      await queue?.close();
      rmSync(dir, { recursive: true, force: true });
      await stack?.cleanup();
    });

    it('given an owner with a venue of their own, one shared with another owner, a clerk’s place, links, counters, messages and a dead letter, then the export holds it all, deletion waits 7 days, and then nothing of them or their venue’s people is left in SQL, DynamoDB, Redis or the outboxes while the other owner’s venue stays', async () => {
      const email = `dona.apagada.${clock}@example.com`;
      const signed = await signedInOwner(stack, 'Dona Apagada', email);
      const api: Api = apiAs(deps, owner(signed.account.id));
      const other = await signedInOwner(stack, 'Dona Fica');
      const solo = (await api('createVenue', { input: { name: 'Clínica Só Minha' } })).id as string;
      const shared = (await api('createVenue', { input: { name: 'Clínica Dividida' } })).id as string;
      await deps.venues.setMember(
        { venueId: shared, accountId: other.account.id, role: 'OWNER', queueIds: null },
        clock,
      );
      const theirs = (await other.api('createQueue', { input: { name: 'Fila Dela' } })).id as string;
      const theirVenue = (await other.api('queue', { id: theirs })).venueId as string;
      await deps.venues.setMember(
        { venueId: theirVenue, accountId: signed.account.id, role: 'CLERK', queueIds: [theirs] },
        clock,
      );
      await other.api('inviteToVenue', { venueId: theirVenue, input: { email, role: 'MANAGER' } });
      await api('inviteToVenue', {
        venueId: solo,
        input: { email: 'convidada@example.com', role: 'MANAGER' },
      });

      const mine = (await api('createQueue', { input: { venueId: solo, name: 'Fila Minha' } })).id as string;
      const inDefault = (await api('createQueue', { input: { name: 'Fila Padrão' } })).id as string;
      const keptQueue = (await api('createQueue', { input: { venueId: shared, name: 'Fila Dividida' } }))
        .id as string;
      const person = { name: 'Paula Apagar', email: 'paula.apagar@example.com', phone: '+5511987651234' };
      sms.setFailing(person.phone, true);
      await api('addTicket', { queueId: mine, input: { ...person, phone: '11 98765-1234' } });
      await api('addTicket', { queueId: mine, input: { name: 'Depois' } });
      await api('addTicket', { queueId: inDefault, input: { name: 'Paula A.', email: person.email } });
      await api('addTicket', { queueId: keptQueue, input: { name: 'Rita Fica', phone: '+5511912340000' } });
      await api('callNext', { queueId: mine }); // Paula called: mail and SMS, the SMS fails three times
      await api('callNext', { queueId: inDefault });
      await queue.drain();
      expect(queue.deadLetters().map((d) => d.job.to)).toEqual([person.phone]);
      // A reset link and a failed login: items under her address in the accounts table.
      await apiAs(deps, PUBLIC)('requestPasswordReset', { email });
      await expectError(
        apiAs(deps, PUBLIC)('login', { email, password: 'not it at all' }),
        'UNAUTHENTICATED',
      );
      await queue.drain();

      // The export: every page until there is no next one.
      const pages = [];
      let nextToken: string | null = null;
      do {
        const page: { data: string; nextToken: string | null } = await api('accountExport', { nextToken });
        pages.push(JSON.parse(page.data));
        nextToken = page.nextToken;
      } while (nextToken);
      const [first, ...rest] = pages;
      expect(first.account).toMatchObject({ email, name: 'Dona Apagada', deletionDueAt: null });
      const byName = new Map(first.venues.map((v: { name: string }) => [v.name, v]));
      expect(byName.get('Clínica Só Minha')).toMatchObject({
        role: 'OWNER',
        invitations: [expect.objectContaining({ email: 'convidada@example.com', role: 'MANAGER' })],
      });
      expect(byName.get('Clínica Dividida')).toMatchObject({ role: 'OWNER', members: expect.any(Array) });
      const clerkAt = first.venues.find((v: { id: string }) => v.id === theirVenue);
      expect(clerkAt).toMatchObject({ role: 'CLERK', queueIds: [theirs] });
      expect(clerkAt.members).toBeUndefined(); // not hers to export
      expect(first.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'Fila Dividida',
        'Fila Minha',
        'Fila Padrão',
      ]);
      const tickets = rest.flatMap((p) => p.tickets);
      expect(tickets.map((t: { name: string }) => t.name).sort()).toEqual([
        'Depois',
        'Paula A.',
        'Paula Apagar',
        'Rita Fica',
      ]);
      const paula = tickets.find((t: { name: string }) => t.name === 'Paula Apagar');
      expect(paula).toMatchObject({ email: person.email, phone: person.phone, status: 'CALLED' });
      expect(paula.messages.map((m: { channel: string }) => m.channel).sort()).toEqual(['EMAIL', 'SMS']);

      // Deletion: the password first, then a date 7 days away, a mail, and a change of mind.
      await expectError(api('requestAccountDeletion', { password: 'wrong one' }), 'VALIDATION');
      expect((await api('me', {})).deletionDueAt).toBeNull();
      const asked = await api('requestAccountDeletion', { password: PASSWORD });
      expect(Date.parse(asked.deletionDueAt)).toBe(clock + ACCOUNT_DELETION_GRACE_MS);
      expect((await api('me', {})).deletionDueAt).toBe(asked.deletionDueAt);
      clock += 1000;
      expect((await api('requestAccountDeletion', { password: PASSWORD })).deletionDueAt).toBe(
        asked.deletionDueAt,
      );
      expect((await api('cancelAccountDeletion', {})).deletionDueAt).toBeNull();
      expect((await api('me', {})).deletionDueAt).toBeNull();
      const due = Date.parse((await api('requestAccountDeletion', { password: PASSWORD })).deletionDueAt);
      await queue.drain();
      const mailed = readdirSync(join(dir, 'outbox')).map((n) =>
        n.endsWith('.json') ? readFileSync(join(dir, 'outbox', n), 'utf8') : '',
      );
      expect(mailed.filter((m) => m.includes('Your Queue Manager account will be deleted'))).toHaveLength(2);

      // A minute before the date nothing goes; after it, once.
      clock = due - 60_000;
      expect(await deleteDueAccounts(deps)).toBe(0);
      expect((await api('me', {})).email).toBe(email);
      clock = due + 1;
      expect(await deleteDueAccounts(deps)).toBe(1);
      expect(await deleteDueAccounts(deps)).toBe(0);

      // Her sessions ended; she cannot log in; the other owner's venues and queue are as they were.
      await expectError(api('me', {}), 'UNAUTHENTICATED');
      await expectError(apiAs(deps, PUBLIC)('login', { email, password: PASSWORD }), 'UNAUTHENTICATED');
      expect((await other.api('myVenues', {})).map((v: { name: string }) => v.name).sort()).toContain(
        'Clínica Dividida',
      );
      expect((await other.api('queueTickets', { queueId: keptQueue })).items).toEqual([
        expect.objectContaining({ name: 'Rita Fica' }),
      ]);
      expect(
        (await other.api('venueMembers', { venueId: theirVenue })).map(
          (m: { accountId: string }) => m.accountId,
        ),
      ).toEqual([other.account.id]);
      expect(await other.api('venueInvitations', { venueId: theirVenue })).toEqual([]);
      expect(await other.api('queue', { id: mine })).toBeNull();

      // Nothing of her, or of the people of the venues that went with her, in any store.
      const held = await everything(stack, dir);
      for (const secret of [
        email,
        'Dona Apagada',
        person.email,
        person.phone,
        '987651234',
        'Paula',
        'convidada@example.com',
        'Clínica Só Minha',
        solo,
        mine,
        inDefault,
      ])
        expect(held, secret).not.toContain(secret);
      expect(held).toContain('Rita Fica'); // the search does look where the other venue's people are
      expect(queue.deadLetters()).toEqual([]);
      // Nor in a log line or event of the whole run.
      const logged = JSON.stringify([stack.log.entries, stack.events]);
      for (const secret of [email, 'Dona Apagada', person.email, '987651234', 'Paula'])
        expect(logged, secret).not.toContain(secret);
    });

    it('given a ticket, the public, a malformed page token or no password, then nothing is exported, scheduled or cancelled', async () => {
      const signed = await signedInOwner(stack, 'Dona Firme');
      const api = apiAs(deps, owner(signed.account.id));
      const queueId = (await api('createQueue', { input: { name: 'Fila Firme' } })).id;
      const issued = await api('addTicket', { queueId, input: { name: 'Alguém' } });
      const ticket = apiAs(deps, { kind: 'ticket', ticketId: issued.ticket.id, queueId });
      for (const [caller, refusal] of [
        [ticket, 'FORBIDDEN'],
        [apiAs(deps, PUBLIC), 'UNAUTHENTICATED'],
      ] as const) {
        await expectError(caller('accountExport', {}), refusal);
        await expectError(caller('requestAccountDeletion', { password: PASSWORD }), refusal);
        await expectError(caller('cancelAccountDeletion', {}), refusal);
      }
      for (const nextToken of ['not-a-token', 'x'.repeat(600), Buffer.from('[]').toString('base64url')])
        await expectError(api('accountExport', { nextToken }), 'VALIDATION');
      for (const password of ['', null, 42, { a: 1 }])
        await expectError(api('requestAccountDeletion', { password }), 'VALIDATION');
      expect(await deps.deletions.scheduled(signed.account.id)).toBeUndefined();
      // Five wrong passwords in a row, then the sixth is refused as a login would be.
      for (let i = 0; i < 5; i += 1)
        await expectError(api('requestAccountDeletion', { password: `wrong ${i}` }), 'VALIDATION');
      await expectError(api('requestAccountDeletion', { password: PASSWORD }), 'RATE_LIMITED');
      expect(await deps.deletions.scheduled(signed.account.id)).toBeUndefined();
    });

    it('given a page token naming another owner’s queue, then that queue’s tickets are not exported', async () => {
      const mine = await signedInOwner(stack, 'Dona Curiosa');
      const theirs = await signedInOwner(stack, 'Dona Alheia');
      const queueId = (await theirs.api('createQueue', { input: { name: 'Fila Alheia' } })).id as string;
      await theirs.api('addTicket', {
        queueId,
        input: { name: 'Segredo Alheio', email: 'segredo@example.com' },
      });
      const forged = Buffer.from(JSON.stringify({ q: queueId, t: '' })).toString('base64url');
      const page = await apiAs(deps, owner(mine.account.id))('accountExport', { nextToken: forged });
      expect(JSON.parse(page.data)).toEqual({ tickets: [] });
      expect(page.nextToken).toBeNull();
    });

    it('given the accounts table failing half way through a deletion, then the next sweep finishes it and nothing is left', async () => {
      const signed = await signedInOwner(stack, 'Dona Interrompida');
      const api = apiAs(deps, owner(signed.account.id));
      const queueId = (await api('createQueue', { input: { name: 'Fila Interrompida' } })).id as string;
      await api('addTicket', { queueId, input: { name: 'Teresa Meio', phone: '+5511955554444' } });
      const due = Date.parse((await api('requestAccountDeletion', { password: PASSWORD })).deletionDueAt);
      clock = due + 1;
      const accounts = Object.create(deps.accounts) as Deps['accounts'];
      accounts.deleteAccount = () => Promise.reject(new Error('DynamoDB is unavailable'));
      await expect(deleteDueAccounts({ ...deps, accounts })).rejects.toThrow(/unavailable/);
      // The venue went; the account is still there, and still due.
      expect(await deps.queues.queue(queueId)).toBeUndefined();
      expect(await deps.deletions.scheduled(signed.account.id)).toBeDefined();
      expect(await deleteDueAccounts(deps)).toBe(1);
      expect(await deps.deletions.scheduled(signed.account.id)).toBeUndefined();
      await expectError(
        apiAs(deps, PUBLIC)('login', { email: signed.email, password: PASSWORD }),
        'UNAUTHENTICATED',
      );
      const held = await everything(stack, dir);
      for (const secret of [signed.email, 'Dona Interrompida', 'Teresa Meio', '955554444'])
        expect(held, secret).not.toContain(secret);
    });

    if (rowLocks)
      it('given another venue’s queue in the middle of a change (its rows locked), then a deletion goes through without waiting for it', async () => {
        const leaving = await signedInOwner(stack, 'Dona Vai');
        const api = apiAs(deps, owner(leaving.account.id));
        const gone = (await api('createQueue', { input: { name: 'Fila Vai' } })).id as string;
        for (const name of ['Um', 'Dois', 'Três']) await api('addTicket', { queueId: gone, input: { name } });
        await api('callNext', { queueId: gone });
        const staying = await signedInOwner(stack, 'Dona Fica Aqui');
        const busy = (await staying.api('createQueue', { input: { name: 'Fila Ocupada' } })).id as string;
        const person = await staying.api('addTicket', { queueId: busy, input: { name: 'Paciente' } });
        const due = Date.parse((await api('requestAccountDeletion', { password: PASSWORD })).deletionDueAt);
        clock = due + 1;
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const change = deps.queues.inQueueTransaction(busy, async (tx) => {
          await tx.updateTicket(person.ticket.id, { snoozes: 0 });
          await tx.updateQueue({ updatedAt: clock });
          locked();
          await held;
        });
        await isLocked;
        const outcome = await Promise.race([
          deleteDueAccounts(deps).then((n) => `deleted ${n}`),
          new Promise((resolve) => setTimeout(() => resolve('waited'), 5000)),
        ]);
        release();
        await change;
        expect(outcome).toBe('deleted 1');
        expect(await deps.queues.queue(gone)).toBeUndefined();
        expect((await staying.api('queueTickets', { queueId: busy })).items).toHaveLength(1);
      });

    it('given five requests at once, then one deletion is scheduled and one mail goes', async () => {
      const signed = await signedInOwner(stack, 'Dona Pressa');
      const api = apiAs(deps, owner(signed.account.id));
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => api('requestAccountDeletion', { password: PASSWORD })),
      );
      expect(new Set(answers.map((a) => a.deletionDueAt)).size).toBe(1);
      await queue.drain();
      const mails = readdirSync(join(dir, 'outbox'))
        .filter((n) => n.endsWith('.json'))
        .map(
          (n) => JSON.parse(readFileSync(join(dir, 'outbox', n), 'utf8')) as { to: string; subject: string },
        );
      expect(
        mails.filter((m) => m.to === signed.email && m.subject.includes('will be deleted')),
      ).toHaveLength(1);
    });
  });
}
