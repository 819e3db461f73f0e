import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownerOverHttp, postGraphql } from '../support/http';
import { until } from '../support/until';
import { startTestServer, type ServerMode, type TestServer } from '../support/local-server';
import { ON_QUEUE_EVENT, RawRealtimeClient } from '../support/realtime-client';

/**
 * Messages to waiting people through the whole local server (its job queue, consumer and dev SMS outbox):
 * "almost your turn" alerts, texts in each person's language, replies, delivery states and staff's retry.
 */
for (const [mode, enabled] of [
  ['embedded', true],
  ['services', inject('services').mysql && inject('services').redis],
] as [ServerMode, boolean][])
  describe.skipIf(!enabled)(`SMS and alerts: ${mode}`, () => {
    let test: TestServer;
    let owner: string;
    beforeAll(async () => {
      test = await startTestServer(mode);
      ({ authorization: owner } = await ownerOverHttp(test.url));
    });
    afterAll(() => test?.cleanup());

    const gql = async (query: string, variables: Record<string, unknown> = {}, auth = owner) => {
      const answer = await postGraphql(test.url, { query, variables }, auth);
      return answer.body as { data?: any; errors?: { errorType: string; message: string }[] };
    };
    const outbox = () => test.server.system.smsOutbox.list();
    const inbound = async (from: string, body: unknown) => {
      const response = await fetch(`${test.url}/dev/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, body }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    let phoneSeq = Math.floor(Math.random() * 5e7);
    const phone = () => `+55119${String((phoneSeq += 1)).padStart(8, '0')}`;

    async function queueWithSix(alertAhead: number) {
      const queue = (
        await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id alertAhead } }', {
          i: { name: 'Cartório Central', alertAhead },
        })
      ).data.createQueue;
      expect(queue.alertAhead).toBe(alertAhead);
      const people: { id: string; number: number; phone: string; token: string; language: 'EN' | 'PT_BR' }[] =
        [];
      for (let i = 0; i < 6; i += 1) {
        const language = i % 2 === 0 ? 'EN' : 'PT_BR';
        const to = phone();
        const added = (
          await gql(
            'mutation A($q: ID!, $i: TicketInput!) { addTicket(queueId: $q, input: $i) { accessToken ticket { id number phone } } }',
            { q: queue.id, i: { name: `Pessoa ${i + 1}`, phone: to, language } },
          )
        ).data.addTicket;
        expect(added.ticket.phone).toBe(to);
        people.push({
          id: added.ticket.id,
          number: added.ticket.number,
          phone: to,
          token: added.accessToken,
          language,
        });
      }
      return { queueId: queue.id as string, people };
    }
    const callNext = (queueId: string) =>
      gql('mutation N($q: ID!) { callNext(queueId: $q) { number } }', { q: queueId });

    it('given alertAhead 2 and six people with phones, when three are called, then T1–T3 get their call and T3–T5 one alert each, in their language; "SAIR" from T5 takes T5 out live', async () => {
      const { queueId, people } = await queueWithSix(2);
      const [t1, t2, t3, t4, t5, t6] = people as [
        (typeof people)[0],
        (typeof people)[0],
        (typeof people)[0],
        (typeof people)[0],
        (typeof people)[0],
        (typeof people)[0],
      ];
      for (let i = 0; i < 3; i += 1) await callNext(queueId);
      const mine = (entries: Awaited<ReturnType<typeof outbox>>) =>
        entries.filter((e) => people.some((p) => p.phone === e.to));
      const sent = mine(await until(outbox, (all) => mine(all).length >= 6));
      await new Promise((r) => setTimeout(r, 500));
      expect(mine(await outbox())).toHaveLength(6);
      const to = (p: (typeof people)[0]) => sent.filter((e) => e.to === p.phone).map((e) => e.body);
      expect(to(t1)).toEqual(["Number 1: it's your turn at Cartório Central."]);
      expect(to(t2)).toEqual(['Senha 2: é a sua vez em Cartório Central.']);
      expect(to(t3).sort()).toEqual([
        'Number 3 at Cartório Central: almost your turn (position 2, wait not known yet). Please come back now.',
        "Number 3: it's your turn at Cartório Central.",
      ]);
      expect(to(t4)).toEqual([
        'Senha 4 em Cartório Central: falta pouco (lugar 2 na fila, espera sem estimativa ainda). Volte agora, por favor.',
      ]);
      expect(to(t5)).toEqual([
        'Number 5 at Cartório Central: almost your turn (position 2, wait not known yet). Please come back now.',
      ]);
      expect(to(t6)).toEqual([]);
      expect(sent.every((e) => e.status === 'SENT')).toBe(true);

      // A recall calls T3 again (a second call text) but never a second alert.
      expect(
        (await gql('mutation R($id: ID!) { recallTicket(id: $id) { status } }', { id: t3.id })).data,
      ).toEqual({
        recallTicket: { status: 'CALLED' },
      });
      await until(outbox, (all) => all.filter((e) => e.to === t3.phone).length === 3);

      const watcher = await RawRealtimeClient.open(test.url, owner);
      await watcher.init();
      expect((await watcher.start('q', ON_QUEUE_EVENT, { queueId }, owner)).type).toBe('start_ack');
      const before = await gql('query D($q: ID!) { queueDisplay(queueId: $q) { waitingCount version } }', {
        q: queueId,
      });
      const started = Date.now();
      expect(await inbound(t5.phone, 'SAIR')).toEqual({ status: 200, body: { outcome: 'LEAVE' } });
      const left = await watcher.next(
        (m) => m.type === 'data' && m.payload.data.onQueueEvent.kind === 'LEFT',
        1000,
      );
      expect(Date.now() - started).toBeLessThan(1000);
      expect(left.payload.data.onQueueEvent).toMatchObject({
        ticketNumber: 5,
        waitingCount: before.data.queueDisplay.waitingCount - 1,
      });
      watcher.close();
      const t6View = await gql(
        'query T($t: String!) { ticket(token: $t) { position status } }',
        { t: t6.token },
        'Public',
      );
      expect(t6View.data.ticket).toEqual({ position: 2, status: 'WAITING' });
      // T5 is told, in English; T6 crossed into the last two, so T6 gets its one alert, in Portuguese.
      await until(outbox, (all) => all.some((e) => e.to === t5.phone && e.body.startsWith('You left')));
      expect((await outbox()).filter((e) => e.to === t5.phone).map((e) => e.body)).toContain(
        'You left the queue at Cartório Central. Number 5 is cancelled.',
      );
      await until(outbox, (all) => all.some((e) => e.to === t6.phone));
      expect((await outbox()).filter((e) => e.to === t6.phone).map((e) => e.body)).toEqual([
        'Senha 6 em Cartório Central: falta pouco (lugar 2 na fila, espera sem estimativa ainda). Volte agora, por favor.',
      ]);

      // Staff see each message and where it is, per ticket.
      const listed = (
        await gql(
          'query M($q: ID!, $t: [ID!]!) { ticketMessages(queueId: $q, ticketIds: $t) { ticketId channel kind status } }',
          {
            q: queueId,
            t: people.map((p) => p.id),
          },
        )
      ).data.ticketMessages as { ticketId: string; kind: string; status: string }[];
      const kinds = (p: (typeof people)[0]) =>
        listed
          .filter((m) => m.ticketId === p.id)
          .map((m) => m.kind)
          .sort();
      expect(kinds(t3)).toEqual(['ALMOST', 'CALLED', 'CALLED']);
      expect(kinds(t5)).toEqual(['ALMOST', 'REPLY']);
      expect(kinds(t6)).toEqual(['ALMOST']);
      expect(listed.every((m) => m.status === 'SENT')).toBe(true);
      // Logs name tickets and queues by id only: no phone number, no name, no text.
      const logged = JSON.stringify(test.log.entries);
      for (const p of people) {
        expect(logged).not.toContain(p.phone);
        expect(logged).not.toContain(p.phone.slice(1));
      }
      expect(logged).not.toContain('Pessoa');
      expect(logged).not.toContain('Cartório');
    });

    it('given a reply from a number with no live ticket, then nothing changes and nothing is sent', async () => {
      const { queueId } = await queueWithSix(2);
      const display = () =>
        gql('query D($q: ID!) { queueDisplay(queueId: $q) { waitingCount version } }', { q: queueId });
      const before = await display();
      const count = (await outbox()).length;
      expect(await inbound('+5521999990000', 'SAIR')).toEqual({
        status: 200,
        body: { outcome: 'UNKNOWN_NUMBER' },
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await display()).toEqual(before);
      expect((await outbox()).length).toBe(count);
    });

    it('given "posição" and anything else, then the person is answered with their position, or with help, in their language', async () => {
      const { people } = await queueWithSix(2);
      const t4 = people[3]!;
      expect(await inbound(t4.phone, '  Posição?')).toEqual({ status: 200, body: { outcome: 'STATUS' } });
      expect(await inbound(t4.phone, 'oi, tudo bem?')).toEqual({ status: 200, body: { outcome: 'HELP' } });
      const bodies = await until(
        async () => (await outbox()).filter((e) => e.to === t4.phone).map((e) => e.body),
        (b) => b.length === 2,
      );
      expect(bodies.sort()).toEqual([
        'Responda POSIÇÃO para saber sua posição, ou SAIR para deixar a fila.',
        'Senha 4 em Cartório Central: posição 4, espera sem estimativa ainda.',
      ]);
    });

    it('given hostile replies, then each is refused as it is, and the person behind the number is untouched', async () => {
      const { people } = await queueWithSix(2);
      for (const from of ['5511912345678', '+0011', '', 42, null, { n: 1 }, '+55 11 91234-5678'])
        expect((await inbound(from as string, 'SAIR')).status).toBe(400);
      expect((await inbound(people[0]!.phone, 'x'.repeat(1601))).status).toBe(400);
      for (const body of ['[1,2]', '"SAIR"', 'null', '{']) {
        const response = await fetch(`${test.url}/dev/sms/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status).toBe(400);
      }
      const huge = await fetch(`${test.url}/dev/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: people[0]!.phone, body: 'a'.repeat(20_000) }),
      });
      expect(huge.status).toBe(413);
      // A form from elsewhere (no token, another origin) is refused; the ticket still waits.
      const forged = await fetch(`${test.url}/dev/sms/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: `from=${encodeURIComponent(people[0]!.phone)}&body=SAIR`,
      });
      expect(forged.status).toBe(403);
      const view = await gql(
        'query T($t: String!) { ticket(token: $t) { status } }',
        { t: people[0]!.token },
        'Public',
      );
      expect(view.data.ticket.status).toBe('WAITING');
      // "sair" sent twice at once: one leaves, the other finds no live ticket any more.
      const t2 = people[1]!;
      const twice = await Promise.all([inbound(t2.phone, 'sair'), inbound(t2.phone, 'sair')]);
      expect(twice.map((r) => r.body.outcome ?? r.body).sort()).toEqual(['LEAVE', 'UNKNOWN_NUMBER']);
      // One reply delivered twice by the provider (same id): handled once.
      const t3 = people[2]!;
      const send = () =>
        fetch(`${test.url}/dev/sms/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: 'provider-msg-1', from: t3.phone, body: 'status' }),
        }).then((r) => r.json());
      expect(await send()).toEqual({ outcome: 'STATUS' });
      expect(await send()).toEqual({ outcome: 'DUPLICATE' });
    });

    it('given a carrier failing for one number, then its call text is tried 3 times, shows FAILED, and staff retry sends it once', async () => {
      const { queueId, people } = await queueWithSix(1);
      const t1 = people[0]!;
      test.server.system.smsOutbox.setFailing(t1.phone, true);
      await callNext(queueId);
      const messages = () =>
        gql(
          'query M($q: ID!, $t: [ID!]!) { ticketMessages(queueId: $q, ticketIds: $t) { id kind status failures } }',
          {
            q: queueId,
            t: [t1.id],
          },
        ).then(
          (a) => a.data.ticketMessages as { id: string; kind: string; status: string; failures: number }[],
        );
      const [failed] = await until(messages, (m) => m[0]?.status === 'FAILED', 10_000);
      expect(failed).toMatchObject({ kind: 'CALLED', status: 'FAILED', failures: 3 });
      expect((await outbox()).filter((e) => e.to === t1.phone).map((e) => e.status)).toEqual([
        'FAILED',
        'FAILED',
        'FAILED',
      ]);

      test.server.system.smsOutbox.setFailing(t1.phone, false);
      const retries = await Promise.all(
        [1, 2].map(() =>
          gql('mutation R($id: ID!) { retryMessage(id: $id) { status } }', { id: failed!.id }),
        ),
      );
      expect(retries.filter((r) => r.data?.retryMessage?.status === 'QUEUED')).toHaveLength(1);
      expect(retries.filter((r) => r.errors?.[0]?.errorType === 'CONFLICT')).toHaveLength(1);
      await until(messages, (m) => m[0]?.status === 'SENT');
      const entries = (await outbox()).filter((e) => e.to === t1.phone);
      expect(entries.filter((e) => e.status === 'SENT').map((e) => e.body)).toEqual([
        "Number 1: it's your turn at Cartório Central.",
      ]);
      const again = await gql('mutation R($id: ID!) { retryMessage(id: $id) { status } }', {
        id: failed!.id,
      });
      expect(again.errors?.[0]?.errorType).toBe('CONFLICT');
      // Another owner cannot see or retry it.
      const { authorization: stranger } = await ownerOverHttp(test.url);
      const theirs = await gql(
        'mutation R($id: ID!) { retryMessage(id: $id) { status } }',
        { id: failed!.id },
        stranger,
      );
      expect(theirs.errors?.[0]?.errorType).toBe('NOT_FOUND');
      const list = await gql(
        'query M($q: ID!, $t: [ID!]!) { ticketMessages(queueId: $q, ticketIds: $t) { id } }',
        { q: queueId, t: [t1.id] },
        stranger,
      );
      expect(list.errors?.[0]?.errorType).toBe('NOT_FOUND');
    });
  });
