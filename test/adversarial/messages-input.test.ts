import { describe, expect, it } from 'vitest';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { serverForThisFile } from '../support/spawned-server';

/**
 * Hostile values for what messages added to the API — queue templates and alert distance, the staff's message
 * list and retry, the dev SMS endpoints — through a real server process, as a client would send them.
 */
const server = serverForThisFile({ RATE_LIMITS: 'off' });

const UPDATE =
  'mutation U($id: ID!, $i: UpdateQueueInput!) { updateQueue(id: $id, input: $i) { version alertAhead messageTemplates { kind language text } } }';
const MESSAGES = 'query M($q: ID!, $t: [ID!]!) { ticketMessages(queueId: $q, ticketIds: $t) { id status } }';
const RETRY = 'mutation R($id: ID!) { retryMessage(id: $id) { status } }';

describe('messages from hostile clients', () => {
  it('given templates and alert distances that are wrong in every way, then each is refused and the queue stays as it was', async () => {
    const { authorization } = await ownerOverHttp(server().url);
    const queueId = await queueOverHttp(server().url, authorization, { name: 'Feira' });
    const before = await postGraphql(
      server().url,
      { query: UPDATE, variables: { id: queueId, i: {} } },
      authorization,
    );
    const version = before.body.data.updateQueue.version as number;
    const template = (over: Record<string, unknown>) => ({
      kind: 'CALLED',
      language: 'EN',
      text: 'Hi {name}',
      ...over,
    });
    const hostile: [string, unknown][] = [
      ['a fifth template', [0, 1, 2, 3, 4].map(() => template({}))],
      ['the same kind and language twice', [template({}), template({ text: 'Other' })]],
      ['a REPLY template', [template({ kind: 'REPLY' })]],
      ['an unknown placeholder', [template({ text: 'Hi {nome}' })]],
      ['a placeholder of the other kind', [template({ text: 'Position {position}' })]],
      ['an empty text', [template({ text: '   ' })]],
      ['201 characters', [template({ text: 'x'.repeat(201) })]],
      ['100 KB', [template({ text: 'x'.repeat(100_000) })]],
      ['a lower-case language', [template({ language: 'pt_br' })]],
      ['a number for a text', [template({ text: 42 })]],
      ['an object for the list', { kind: 'CALLED' }],
      ['a list of strings', ['CALLED']],
      ['a null in the list', [null]],
    ];
    for (const [what, messageTemplates] of hostile) {
      const answer = await postGraphql(
        server().url,
        { query: UPDATE, variables: { id: queueId, i: { messageTemplates } } },
        authorization,
      );
      expect(answer.body.data?.updateQueue ?? null, what).toBeNull();
      expect(answer.body.errors?.length, what).toBeGreaterThan(0);
    }
    for (const alertAhead of [0, -1, 51, 2.5, '3', true, [1], { n: 1 }, 1e10]) {
      const answer = await postGraphql(
        server().url,
        { query: UPDATE, variables: { id: queueId, i: { alertAhead } } },
        authorization,
      );
      expect(answer.body.data?.updateQueue ?? null, JSON.stringify(alertAhead)).toBeNull();
    }
    const after = await postGraphql(
      server().url,
      { query: UPDATE, variables: { id: queueId, i: {} } },
      authorization,
    );
    // Only the two empty edits above changed the version: nothing hostile was stored.
    expect(after.body.data.updateQueue).toEqual({
      version: version + 1,
      alertAhead: null,
      messageTemplates: [],
    });
    // The same template sent by ten tabs at once: each stored whole, one version each.
    const same = [template({ text: 'Número {number}, {name}: sua vez em {queue} 🙂' })];
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        postGraphql(
          server().url,
          { query: UPDATE, variables: { id: queueId, i: { messageTemplates: same } } },
          authorization,
        ),
      ),
    );
    expect(new Set(answers.map((a) => a.body.data.updateQueue.version)).size).toBe(10);
    expect(answers[0]!.body.data.updateQueue.messageTemplates).toEqual(same);
  });

  it('given the message list and retry without a session, with a ticket, or with ids that are not theirs, then each is refused', async () => {
    const { authorization } = await ownerOverHttp(server().url);
    const queueId = await queueOverHttp(server().url, authorization, { name: 'Posto' });
    const added = await postGraphql(
      server().url,
      {
        query: `mutation { addTicket(queueId: "${queueId}", input: {name: "Ana", phone: "+5511912340000"}) { accessToken ticket { id } } }`,
      },
      authorization,
    );
    const { accessToken, ticket } = added.body.data.addTicket;
    for (const auth of ['Public', `Ticket ${accessToken}`]) {
      const list = await postGraphql(
        server().url,
        { query: MESSAGES, variables: { q: queueId, t: [ticket.id] } },
        auth,
      );
      expect(list.body.data?.ticketMessages ?? null).toBeNull();
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(list.body.errors[0].errorType);
    }
    const missing = await fetch(`${server().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: MESSAGES, variables: { q: queueId, t: [ticket.id] } }),
    });
    expect(missing.status).toBe(401);
    for (const t of [['not-a-uuid'], Array.from({ length: 501 }, () => ticket.id), ["' OR 1=1 --"]]) {
      const list = await postGraphql(
        server().url,
        { query: MESSAGES, variables: { q: queueId, t } },
        authorization,
      );
      expect(list.body.errors[0].errorType).toBe('VALIDATION');
    }
    for (const id of [
      'x',
      `called:${ticket.id}:2:sms'; DROP TABLE tickets; --`,
      `called:${ticket.id}:${'9'.repeat(200)}:sms`,
      `called:${ticket.id}:2:fax`,
      '',
    ]) {
      const retry = await postGraphql(server().url, { query: RETRY, variables: { id } }, authorization);
      expect(retry.body.errors[0].errorType, id.slice(0, 40)).toBe('VALIDATION');
    }
    // A well-formed id of no message: not found; the owner's own message while it is not FAILED: a conflict.
    const none = await postGraphql(
      server().url,
      { query: RETRY, variables: { id: `called:${ticket.id}:99:sms` } },
      authorization,
    );
    expect(none.body.errors[0].errorType).toBe('NOT_FOUND');
    await postGraphql(
      server().url,
      { query: `mutation { callNext(queueId: "${queueId}") { number } }` },
      authorization,
    );
    const listed = await postGraphql(
      server().url,
      { query: MESSAGES, variables: { q: queueId, t: [ticket.id] } },
      authorization,
    );
    const [message] = listed.body.data.ticketMessages as { id: string }[];
    const early = await postGraphql(
      server().url,
      { query: RETRY, variables: { id: message!.id } },
      authorization,
    );
    expect(early.body.errors[0].errorType).toBe('CONFLICT');
    const asTicket = await postGraphql(
      server().url,
      { query: RETRY, variables: { id: message!.id } },
      `Ticket ${accessToken}`,
    );
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(asTicket.body.errors[0].errorType);
  });

  it('given the dev SMS forms posted from elsewhere, then they are refused and no number is set to fail', async () => {
    for (const path of ['/dev/sms/failing', '/dev/sms/inbound']) {
      const forged = await fetch(`${server().url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: 'to=%2B5511912340000&failing=on&from=%2B5511912340000&body=SAIR',
      });
      expect(forged.status, path).toBe(403);
    }
    // A text/plain body shaped as JSON (what a cross-site form can send) is not taken as JSON.
    const plain = await fetch(`${server().url}/dev/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ from: '+5511912340000', body: 'SAIR' }),
    });
    expect(plain.status).toBe(403);
    const page = await (await fetch(`${server().url}/dev/sms`)).text();
    expect(page).toContain('None: every message is delivered.');
  });
});
