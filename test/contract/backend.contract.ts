import { anonymizeFinished } from '../../resolvers/domain/retention';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePosition, type KnownPosition } from '../../resolvers/domain/positions';
import { renderMail } from '../../resolvers/domain/mail';
import { apiAs, ApiError, owner, PUBLIC, type Api } from '../support/appsync';
import type { IssuedTicket } from '../../resolvers/generated/graphql';
import { PUBLIC_URL, type TestStack } from '../support/stack';

/** Signs an owner up through the API, verifies through the emailed link, and logs in. */
export async function signedInOwner(
  stack: TestStack,
  name = 'Dona Benta',
  email = `${randomUUID()}@example.com`,
) {
  const anonymous = apiAs(stack.deps, PUBLIC);
  await anonymous('signUp', { input: { name, email, password: 'correct horse battery' } });
  const job = stack.mail.filter((m) => m.template === 'VERIFY_EMAIL' && m.to === email).at(-1)!;
  const token = job.data.link!.split('/').at(-1)!;
  const account = await anonymous('verifyEmail', { token });
  const session = await anonymous('login', { email, password: 'correct horse battery' });
  return { account, session, email, api: apiAs(stack.deps, owner(account.id)) };
}

export async function expectError(promise: Promise<unknown>, errorType: string): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a ${errorType} error`).toBeInstanceOf(ApiError);
  expect((error as ApiError).errorType).toBe(errorType);
  return error as ApiError;
}

/** The owner flow and the queue rules through the AppSync router, on a whole stack of real stores. */
export function backendContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`backend through the router: ${name}`, () => {
    let stack: TestStack;
    let api: Api;
    let anonymous: Api;
    beforeAll(async () => {
      stack = await open();
      api = (await signedInOwner(stack)).api;
      anonymous = apiAs(stack.deps, PUBLIC);
    });
    afterAll(() => stack?.cleanup());

    const newQueue = (input: Record<string, unknown> = {}) =>
      api('createQueue', {
        input: { name: 'Padaria Pão Quente', calledMessage: 'Balcão 2, por favor', selfJoin: true, ...input },
      });
    const eventsOf = (queueId: string) => stack.events.filter((e) => e.queueId === queueId);

    it('given three people added, when next is called twice and the middle one removed, then every derived position equals the read one', async () => {
      const queue = await newQueue({ serveOnNext: false });
      const people: IssuedTicket[] = [];
      for (const person of ['Ana', 'Bruno', 'Cláudia'])
        people.push(await api('addTicket', { queueId: queue.id, input: { name: person } }));
      expect(people.map((p) => [p.ticket.number, p.ticket.position])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
      expect(people[0]!.accessUrl).toBe(`${PUBLIC_URL}/t/${people[0]!.accessToken}`);

      const views = await Promise.all(people.map((p) => anonymous('ticket', { token: p.accessToken })));
      const known: KnownPosition[] = views.map((v) => ({
        ticketNumber: v.number,
        position: v.position,
        waitingCount: v.waitingCount,
        version: v.version,
      }));
      expect(known.map((k) => k.position)).toEqual([1, 2, 3]);

      const check = async () => {
        for (const [i, p] of people.entries()) {
          for (const event of eventsOf(queue.id)) {
            const d = derivePosition(known[i]!, event);
            if (d.kind === 'next') known[i] = d.known;
            expect(d.kind).not.toBe('reread');
          }
          const view = await anonymous('ticket', { token: p.accessToken });
          if (view.status === 'WAITING') expect(known[i]!.position).toBe(view.position);
          expect(known[i]!.version).toBe(view.version);
        }
      };

      const first = await api('callNext', { queueId: queue.id });
      expect(first).toMatchObject({ number: 1, status: 'CALLED', position: null });
      await check();
      const called = await anonymous('ticket', { token: people[0]!.accessToken });
      expect(called).toMatchObject({
        status: 'CALLED',
        position: null,
        calledMessage: 'Balcão 2, por favor',
        nowServing: 1,
      });

      await api('callNext', { queueId: queue.id });
      await check();
      const removed = await api('addTicket', { queueId: queue.id, input: { name: 'Diego' } });
      const last = await api('addTicket', { queueId: queue.id, input: { name: 'Eva' } });
      await api('removeTicket', { id: removed.ticket.id });
      expect((await anonymous('ticket', { token: last.accessToken })).position).toBe(2);
      await check();

      expect(
        eventsOf(queue.id).map((e) => [e.version, e.kind, e.ticketNumber, e.waitingCount, e.nowServing]),
      ).toEqual([
        [2, 'JOINED', 1, 1, null],
        [3, 'JOINED', 2, 2, null],
        [4, 'JOINED', 3, 3, null],
        [5, 'CALLED', 1, 2, 1],
        [6, 'CALLED', 2, 1, 2],
        [7, 'JOINED', 4, 2, 2],
        [8, 'JOINED', 5, 3, 2],
        [9, 'REMOVED', 4, 2, 2],
      ]);
      const listed = await api('queueTickets', { queueId: queue.id, statuses: ['WAITING'] });
      expect(listed.items.map((t: { number: number; position: number }) => [t.number, t.position])).toEqual([
        [3, 1],
        [5, 2],
      ]);
    });

    it('given a new queue, then nobody is quoted a wait; after calls 3 min apart, waiting people see a range from that pace, a newcomer is quoted one, and stats compare it with the wait they had', async () => {
      const MIN = 60_000;
      let clock = Date.UTC(2026, 10, 3, 10, 0);
      const deps = { ...stack.deps, now: () => clock };
      const { account } = await signedInOwner(stack);
      const staff = apiAs(deps, owner(account.id));
      const person = apiAs(deps, PUBLIC);
      const queue = await staff('createQueue', { input: { name: 'Cartório' } });
      const people: IssuedTicket[] = [];
      for (let n = 1; n <= 10; n += 1)
        people.push(await staff('addTicket', { queueId: queue.id, input: { name: `P${n}` } }));
      expect((await person('ticket', { token: people[9]!.accessToken })).estimatedWait).toBeNull();

      // Two calls 2 s apart (the reported "under a minute" case): still not enough to estimate anything.
      await staff('callNext', { queueId: queue.id });
      clock += 2000;
      await staff('callNext', { queueId: queue.id });
      expect((await person('ticket', { token: people[9]!.accessToken })).estimatedWait).toBeNull();

      for (let i = 0; i < 5; i += 1) {
        clock += 3 * MIN;
        await staff('callNext', { queueId: queue.id });
      }
      const tenth = await person('ticket', { token: people[9]!.accessToken });
      expect(tenth).toMatchObject({ position: 3, estimatedWait: { lowSeconds: 540, highSeconds: 540 } });
      expect((await person('ticket', { token: people[7]!.accessToken })).estimatedWait).toEqual({
        lowSeconds: 180,
        highSeconds: 180,
      });

      const joinedAt = clock;
      const newcomer = await staff('addTicket', { queueId: queue.id, input: { name: 'Newcomer' } });
      expect(newcomer.ticket.position).toBe(4);
      for (let i = 0; i < 4; i += 1) {
        clock += 3 * MIN;
        await staff('callNext', { queueId: queue.id });
      }
      await staff('completeTicket', { id: newcomer.ticket.id });
      const stats = await staff('queueStats', { queueId: queue.id });
      expect(stats.quoteAccuracy).toEqual({ quoted: 1, within: 1, longer: 0, shorter: 0 });
      expect(stats.waits.find((w: { ticketNumber: number }) => w.ticketNumber === 11)).toMatchObject({
        waitSeconds: (clock - joinedAt) / 1000,
        served: true,
        quote: { lowSeconds: 720, highSeconds: 720 },
      });
      // Those who joined before there was any history were not quoted, and are not counted.
      expect(stats.waits.find((w: { ticketNumber: number }) => w.ticketNumber === 3)).toMatchObject({
        quote: null,
      });
    });

    it("given an earlier person's lost link, when staff asks for it again, then a new link finds the ticket, the old one finds nothing, and nothing else moves", async () => {
      const queue = await newQueue({ serveOnNext: false });
      const [ana, bia] = [
        await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } }),
        await api('addTicket', { queueId: queue.id, input: { name: 'Bia' } }),
      ];
      const events = eventsOf(queue.id).length;
      const again = await api('newTicketLink', { id: ana.ticket.id });
      expect(again.accessToken).not.toBe(ana.accessToken);
      expect(again.accessUrl).toBe(`${PUBLIC_URL}/t/${again.accessToken}`);
      expect(again.ticket).toMatchObject({ id: ana.ticket.id, number: 1, status: 'WAITING', position: 1 });
      expect(await anonymous('ticket', { token: ana.accessToken })).toBeNull();
      expect(await anonymous('ticket', { token: again.accessToken })).toMatchObject({
        number: 1,
        position: 1,
      });
      expect(await anonymous('ticket', { token: bia.accessToken })).toMatchObject({ number: 2, position: 2 });
      await expectError(anonymous('leaveQueue', { token: ana.accessToken }), 'NOT_FOUND');
      expect(eventsOf(queue.id)).toHaveLength(events);

      await api('callNext', { queueId: queue.id });
      const called = await api('newTicketLink', { id: ana.ticket.id });
      expect(called.ticket).toMatchObject({ status: 'CALLED', position: null });
      // Asked for five times at once: the asks take turns, and only the last link given works.
      const links = await Promise.all(
        Array.from({ length: 5 }, () => api('newTicketLink', { id: ana.ticket.id })),
      );
      const working = await Promise.all(links.map((l) => anonymous('ticket', { token: l.accessToken })));
      expect(working.filter((view) => view !== null)).toHaveLength(1);
      expect(await anonymous('ticket', { token: called.accessToken })).toBeNull();
      await api('completeTicket', { id: ana.ticket.id });
      await expectError(api('newTicketLink', { id: ana.ticket.id }), 'CONFLICT');
      const last = links.find((_, i) => working[i] !== null)!;
      expect(await anonymous('ticket', { token: last.accessToken })).toMatchObject({ status: 'SERVED' });
    });

    it('given the default, when next is called, then whoever is still called is served first (their own event), even with nobody left to call; turned off, they stay called', async () => {
      const queue = await newQueue();
      expect(queue.serveOnNext).toBe(true);
      const [a, b] = [
        await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } }),
        await api('addTicket', { queueId: queue.id, input: { name: 'Bia' } }),
      ];
      await api('callNext', { queueId: queue.id });
      expect(await api('callNext', { queueId: queue.id })).toMatchObject({ number: 2, status: 'CALLED' });
      expect((await anonymous('ticket', { token: a!.accessToken })).status).toBe('SERVED');
      expect(await api('callNext', { queueId: queue.id })).toBeNull();
      expect((await anonymous('ticket', { token: b!.accessToken })).status).toBe('SERVED');
      expect(eventsOf(queue.id).map((e) => [e.version, e.kind, e.ticketNumber])).toEqual([
        [2, 'JOINED', 1],
        [3, 'JOINED', 2],
        [4, 'CALLED', 1],
        [5, 'SERVED', 1],
        [6, 'CALLED', 2],
        [7, 'SERVED', 2],
      ]);
      expect(await api('callNext', { queueId: queue.id })).toBeNull();
      expect(eventsOf(queue.id)).toHaveLength(6);

      const off = await api('updateQueue', { id: queue.id, input: { serveOnNext: false } });
      expect(off.serveOnNext).toBe(false);
      const c = await api('addTicket', { queueId: queue.id, input: { name: 'Caio' } });
      await api('addTicket', { queueId: queue.id, input: { name: 'Duda' } });
      await api('callNext', { queueId: queue.id });
      await api('callNext', { queueId: queue.id });
      expect((await anonymous('ticket', { token: c.accessToken })).status).toBe('CALLED');
      for (const bad of ['yes', 1, [], {}])
        await expectError(api('updateQueue', { id: queue.id, input: { serveOnNext: bad } }), 'VALIDATION');
      expect((await api('queue', { id: queue.id })).serveOnNext).toBe(false);
    });

    it('given an empty queue, when next is called, then the answer is null and nothing changes', async () => {
      const queue = await newQueue();
      expect(await api('callNext', { queueId: queue.id })).toBeNull();
      expect(eventsOf(queue.id)).toHaveLength(0);
      expect((await api('queue', { id: queue.id })).version).toBe(1);
    });

    it("given people who joined in Portuguese, in English and without saying, then each one's called mail is in their language", async () => {
      const queue = await newQueue({ selfJoin: true });
      const people = [
        ['bia@example.com', 'PT_BR', 'addTicket'],
        ['ed@example.com', 'EN', 'joinQueue'],
        ['cris@example.com', undefined, 'addTicket'],
        ['duda@example.com', 'PT_BR', 'joinQueue'],
      ] as const;
      for (const [email, language, how] of people) {
        const input = { name: 'Pessoa', email, ...(language ? { language } : {}) };
        if (how === 'addTicket') await api('addTicket', { queueId: queue.id, input });
        else await anonymous('joinQueue', { queueId: queue.id, input });
      }
      for (let i = 0; i < people.length; i += 1) await api('callNext', { queueId: queue.id });
      const subjectOf = (to: string) =>
        stack.mail
          .filter((m) => m.template === 'TICKET_CALLED' && m.to === to)
          .map((m) => renderMail(m).subject);
      expect(subjectOf('bia@example.com')).toEqual(['É a sua vez: número 1 em Padaria Pão Quente']);
      expect(subjectOf('ed@example.com')).toEqual(["It's your turn: number 2 at Padaria Pão Quente"]);
      expect(subjectOf('cris@example.com')).toEqual(["It's your turn: number 3 at Padaria Pão Quente"]);
      expect(subjectOf('duda@example.com')).toEqual(['É a sua vez: número 4 em Padaria Pão Quente']);
      await expectError(
        api('addTicket', { queueId: queue.id, input: { name: 'Fred', language: 'FR' } }),
        'VALIDATION',
      );
      await expectError(
        anonymous('joinQueue', { queueId: queue.id, input: { name: 'Fred', language: { $ne: 1 } } }),
        'VALIDATION',
      );
    });

    it('given a called ticket, then it can be recalled, served once, and a served ticket cannot be marked no-show', async () => {
      const queue = await newQueue();
      const a = await api('addTicket', {
        queueId: queue.id,
        input: { name: 'Ana', email: 'ana@example.com' },
      });
      await expectError(api('completeTicket', { id: a.ticket.id }), 'CONFLICT');
      await api('callNext', { queueId: queue.id });
      expect(
        stack.mail.filter((m) => m.template === 'TICKET_CALLED' && m.to === 'ana@example.com'),
      ).toHaveLength(1);
      expect((await api('recallTicket', { id: a.ticket.id })).status).toBe('CALLED');
      expect(
        stack.mail.filter((m) => m.template === 'TICKET_CALLED' && m.to === 'ana@example.com'),
      ).toHaveLength(2);
      expect((await api('completeTicket', { id: a.ticket.id })).status).toBe('SERVED');
      await expectError(api('markNoShow', { id: a.ticket.id }), 'CONFLICT');
      await expectError(api('completeTicket', { id: a.ticket.id }), 'CONFLICT');
      expect(eventsOf(queue.id).map((e) => e.kind)).toEqual(['JOINED', 'CALLED', 'RECALLED', 'SERVED']);
      const view = await anonymous('ticket', { token: a.accessToken });
      expect(view).toMatchObject({ status: 'SERVED', position: null, calledMessage: null });
    });

    it('given a no-show, when the person turns up late, then recalling calls them again', async () => {
      const queue = await newQueue();
      const a = await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } });
      await api('callNext', { queueId: queue.id });
      expect((await api('markNoShow', { id: a.ticket.id })).status).toBe('NO_SHOW');
      expect((await api('recallTicket', { id: a.ticket.id })).status).toBe('CALLED');
    });

    it('given a waiting person, when they leave, then those behind move up and leaving again is a conflict', async () => {
      const queue = await newQueue();
      const a = await api('addTicket', { queueId: queue.id, input: { name: 'Ana' } });
      const b = await api('addTicket', { queueId: queue.id, input: { name: 'Bia' } });
      const left = await anonymous('leaveQueue', { token: a.accessToken });
      expect(left).toMatchObject({ status: 'LEFT', position: null, waitingCount: 1 });
      expect((await anonymous('ticket', { token: b.accessToken })).position).toBe(1);
      await expectError(anonymous('leaveQueue', { token: a.accessToken }), 'CONFLICT');
      expect(eventsOf(queue.id).at(-1)).toMatchObject({ kind: 'LEFT', ticketNumber: 1, waitingCount: 1 });
    });

    it('given self-join rules, then joins are refused when off, paused, closed or full, and accepted otherwise', async () => {
      const closedToSelf = await newQueue({ selfJoin: false });
      await expectError(
        anonymous('joinQueue', { queueId: closedToSelf.id, input: { name: 'Ana' } }),
        'CONFLICT',
      );
      const queue = await newQueue({ capacity: 1 });
      const joined = await anonymous('joinQueue', {
        queueId: queue.id,
        input: { name: 'Ana', phone: '+55 11 91234-5678' },
      });
      expect(joined.ticket).toMatchObject({
        number: 1,
        source: 'SELF',
        position: 1,
        // Stored as E.164, so texts reach it and a reply from it finds the ticket.
        phone: '+5511912345678',
      });
      await expectError(anonymous('joinQueue', { queueId: queue.id, input: { name: 'Bia' } }), 'CONFLICT');
      await api('updateQueue', { id: queue.id, input: { capacity: null } });
      await api('setQueueStatus', { id: queue.id, status: 'PAUSED' });
      await expectError(anonymous('joinQueue', { queueId: queue.id, input: { name: 'Bia' } }), 'CONFLICT');
      expect(
        (await api('addTicket', { queueId: queue.id, input: { name: 'Staff adds' } })).ticket.number,
      ).toBe(2);
      expect((await api('callNext', { queueId: queue.id })).number).toBe(1);
      await api('setQueueStatus', { id: queue.id, status: 'CLOSED' });
      await expectError(anonymous('joinQueue', { queueId: queue.id, input: { name: 'Bia' } }), 'CONFLICT');
      await expectError(api('addTicket', { queueId: queue.id, input: { name: 'Bia' } }), 'CONFLICT');
      await expectError(api('callNext', { queueId: queue.id }), 'CONFLICT');
      await api('setQueueStatus', { id: queue.id, status: 'OPEN' });
      expect(
        (await anonymous('joinQueue', { queueId: queue.id, input: { name: 'Bia' } })).ticket.number,
      ).toBe(3);
      await expectError(
        anonymous('joinQueue', { queueId: randomUUID(), input: { name: 'Bia' } }),
        'NOT_FOUND',
      );
    });

    it('given a burst of joins on a queue with room for 5 and on a missing queue, then 5 get numbers 1..5, the rest are refused as full, the missing queue is not found, and later joins still work', async () => {
      const queue = await newQueue({ capacity: 5 });
      const missing = randomUUID();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          anonymous<IssuedTicket>('joinQueue', {
            queueId: i % 3 === 2 ? missing : queue.id,
            input: { name: `Person ${i}` },
          }),
        ),
      );
      const admitted = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.ticket.number] : []));
      expect(admitted.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      const refusals = outcomes.flatMap((o, i) =>
        o.status === 'rejected' ? [[i % 3 === 2 ? 'missing' : 'full', (o.reason as ApiError).errorType]] : [],
      );
      expect(refusals.filter(([where]) => where === 'missing')).toEqual(
        Array(10).fill(['missing', 'NOT_FOUND']),
      );
      expect(refusals.filter(([where]) => where === 'full')).toEqual(Array(15).fill(['full', 'CONFLICT']));
      expect(eventsOf(queue.id).map((e) => e.version)).toEqual([2, 3, 4, 5, 6]);
      await api('updateQueue', { id: queue.id, input: { capacity: null } });
      expect(
        (await anonymous<IssuedTicket>('joinQueue', { queueId: queue.id, input: { name: 'Late' } })).ticket
          .number,
      ).toBe(6);
    });

    it('given a queue, then edits bump the version with one QUEUE_UPDATED event each, and the display shows no names', async () => {
      const queue = await newQueue({ description: 'old' });
      const updated = await api('updateQueue', {
        id: queue.id,
        input: { name: 'Açougue Boi Gordo 🐂', description: null },
      });
      expect(updated).toMatchObject({
        name: 'Açougue Boi Gordo 🐂',
        description: null,
        calledMessage: 'Balcão 2, por favor',
        version: 2,
      });
      const paused = await api('setQueueStatus', { id: queue.id, status: 'PAUSED' });
      expect(paused).toMatchObject({ status: 'PAUSED', version: 3 });
      expect((await api('setQueueStatus', { id: queue.id, status: 'PAUSED' })).version).toBe(3);
      expect(eventsOf(queue.id).map((e) => [e.version, e.kind])).toEqual([
        [2, 'QUEUE_UPDATED'],
        [3, 'QUEUE_UPDATED'],
      ]);
      await api('addTicket', { queueId: queue.id, input: { name: 'Secret Person' } });
      const display = await anonymous('queueDisplay', { queueId: queue.id });
      expect(display).toEqual({
        queueId: queue.id,
        name: 'Açougue Boi Gordo 🐂',
        status: 'PAUSED',
        nowServing: null,
        waitingCount: 1,
        version: 4,
        recentCalls: [],
        counters: [],
        counterCalls: [],
        presenceCode: null,
        // In its owner's default venue, the queue names itself as the keeper; the default retention.
        privacy: { keptBy: 'Açougue Boi Gordo 🐂', retentionDays: 30 },
      });
      expect(updated.joinUrl).toBe(`${PUBLIC_URL}/j/${queue.id}`);
    });

    it("given seven calls and a recall, then the display lists the last five calls' numbers, newest first, the recalled one on top again", async () => {
      const queue = await newQueue({ serveOnNext: false });
      const people: IssuedTicket[] = [];
      for (let n = 1; n <= 8; n += 1)
        people.push(await api('addTicket', { queueId: queue.id, input: { name: `Secret ${n}` } }));
      for (let i = 0; i < 7; i += 1) await api('callNext', { queueId: queue.id });
      const numbers = async () =>
        (await anonymous('queueDisplay', { queueId: queue.id })).recentCalls.map(
          (c: { number: number }) => c.number,
        );
      expect(await numbers()).toEqual([7, 6, 5, 4, 3]);
      await api('recallTicket', { id: people[1]!.ticket.id });
      expect(await numbers()).toEqual([2, 7, 6, 5, 4]);
      const display = await anonymous('queueDisplay', { queueId: queue.id });
      expect(display.nowServing).toBe(2);
      expect(Object.keys(display.recentCalls[0]).sort()).toEqual(['calledAt', 'counter', 'number']);
      expect(display.recentCalls[0].counter).toBeNull();
      expect(JSON.stringify(display)).not.toContain('Secret');
    });

    it("given an owner's queues, then myQueues pages newest first and a deleted queue is gone with its tickets", async () => {
      const fresh = await signedInOwner(stack);
      const created: { id: string }[] = [];
      for (const n of [1, 2, 3])
        created.push(await fresh.api('createQueue', { input: { name: `Fila ${n}` } }));
      const page = await fresh.api('myQueues', { limit: 2 });
      expect(page.items.map((q: { name: string }) => q.name)).toEqual(['Fila 3', 'Fila 2']);
      const rest = await fresh.api('myQueues', { limit: 2, nextToken: page.nextToken });
      expect(rest).toEqual({ items: [expect.objectContaining({ name: 'Fila 1' })], nextToken: null });
      const t = await fresh.api('addTicket', { queueId: created[0]!.id, input: { name: 'Ana' } });
      expect(await fresh.api('deleteQueue', { id: created[0]!.id })).toBe(true);
      expect(await fresh.api('queue', { id: created[0]!.id })).toBeNull();
      expect(await anonymous('ticket', { token: t.accessToken })).toBeNull();
      expect(eventsOf(created[0]!.id).at(-1)).toMatchObject({ kind: 'QUEUE_UPDATED', waitingCount: 0 });
      expect((await fresh.api('myQueues', {})).items).toHaveLength(2);
    });

    it('given served tickets, then stats count them, average the waits and bucket them per hour', async () => {
      const queue = await newQueue();
      for (const person of ['Ana', 'Bia', 'Caio'])
        await api('addTicket', { queueId: queue.id, input: { name: person } });
      for (let i = 0; i < 2; i += 1) {
        const t = await api('callNext', { queueId: queue.id });
        await api('completeTicket', { id: t.id });
      }
      const stats = await api('queueStats', { queueId: queue.id });
      expect(stats).toMatchObject({
        queueId: queue.id,
        joinedCount: 3,
        calledCount: 2,
        servedCount: 2,
        noShowCount: 0,
      });
      expect(stats.servedPerHour.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(2);
      expect(stats.waits.map((w: { ticketNumber: number }) => w.ticketNumber)).toEqual([1, 2]);
      expect(stats.averageWaitSeconds).toBeGreaterThanOrEqual(0);
      await expectError(
        api('queueStats', { queueId: queue.id, from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
        'VALIDATION',
      );
      await expectError(
        api('queueStats', { queueId: queue.id, from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
        'VALIDATION',
      );
    });

    it('given names with accents and emoji, then they are stored and returned intact', async () => {
      const names = ['José Conceição', 'Zoë Ağaoğlu', '李小龍', 'Mário 👩🏽‍🍳🎉', "Sinéad O'Connor-Ó"];
      const queue = await newQueue({ name: 'Fila única 🚶‍♀️🚶', description: 'Ação & reação — “aspas”' });
      for (const n of names) await api('addTicket', { queueId: queue.id, input: { name: n } });
      const listed = await api('queueTickets', { queueId: queue.id });
      expect(listed.items.map((t: { name: string }) => t.name)).toEqual(names);
      expect(await api('queue', { id: queue.id })).toMatchObject({
        name: 'Fila única 🚶‍♀️🚶',
        description: 'Ação & reação — “aspas”',
      });
      const max = 'ã'.repeat(127) + '😀';
      expect((await api('addTicket', { queueId: queue.id, input: { name: max } })).ticket.name).toBe(max);
    });

    it('given the whole run, then no event and no log line carries a name, an email or a phone', async () => {
      const queue = await newQueue();
      await api('addTicket', {
        queueId: queue.id,
        input: { name: 'Privada Pessoa', email: 'privada@example.com', phone: '+55 11 99999-0000' },
      });
      await api('callNext', { queueId: queue.id });
      // The paths that handle personal data on purpose: finding a person, exporting the account, asking to
      // delete it and changing one's mind, the retention job, erasing the person.
      await api('personalData', { person: { email: 'privada@example.com' } });
      await api('accountExport', {});
      await api('requestAccountDeletion', { password: 'correct horse battery' });
      await api('cancelAccountDeletion', {});
      await anonymizeFinished({ ...stack.deps, now: () => Date.now() + 400 * 24 * 3600 * 1000 });
      await api('erasePerson', { person: { phone: '+55 11 99999-0000' } });
      const published = JSON.stringify(stack.events);
      const logged = JSON.stringify(stack.log.entries);
      for (const secret of [
        'Privada Pessoa',
        'privada@example.com',
        '99999-0000',
        'Ana',
        'Bruno',
        'Cláudia',
        'Dona Benta',
        '@example.com',
      ]) {
        expect(published).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
      expect(stack.log.entries.length).toBeGreaterThan(10);
    });
  });
}
