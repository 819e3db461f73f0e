import { describe, expect, it } from 'vitest';
import { ownerOverHttp, postGraphql, queueOverHttp } from '../support/http';
import { serverForThisFile } from '../support/spawned-server';

/** Hostile values for TicketInput.language, through a real server process, as a client would send them. */
const server = serverForThisFile({ RATE_LIMITS: 'off' });

const JOIN =
  'mutation J($q: ID!, $input: TicketInput!) { joinQueue(queueId: $q, input: $input) { ticket { number } } }';

describe('TicketInput.language from hostile clients', () => {
  it('given values that are not EN or PT_BR, inline or as variables, then each is refused before any ticket exists; valid ones, at once, all join', async () => {
    const { authorization } = await ownerOverHttp(server().url);
    const queueId = await queueOverHttp(server().url, authorization, { name: 'Feira', selfJoin: true });
    const hostile: unknown[] = [
      'pt-BR',
      'pt_br',
      'FR',
      '',
      42,
      true,
      ['PT_BR'],
      { $ne: 1 },
      'PT_BR'.repeat(10_000),
    ];
    for (const language of hostile) {
      const answer = await postGraphql(
        server().url,
        { query: JOIN, variables: { q: queueId, input: { name: 'Ana', language } } },
        'Public',
      );
      // As AppSync answers a value the schema refuses: no data, a validation error (those carry no errorType).
      expect(answer.body.data ?? null, JSON.stringify(language).slice(0, 40)).toBeNull();
      expect(answer.body.errors?.[0]).toMatchObject({
        path: null,
        message: expect.stringContaining('language'),
      });
    }
    const inline = await postGraphql(
      server().url,
      {
        query: `mutation { joinQueue(queueId: "${queueId}", input: {name: "Ana", language: "PT_BR"}) { accessToken } }`,
      },
      'Public',
    );
    expect(inline.body.data ?? null).toBeNull();
    expect(inline.body.errors?.[0]?.message).toContain('Language');
    const missingAuth = await postGraphql(server().url, {
      query: JOIN,
      variables: { q: queueId, input: { name: 'Ana', language: 'PT_BR' } },
    });
    expect(missingAuth.status).toBe(401);

    const valid = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postGraphql(
          server().url,
          {
            query: JOIN,
            variables: { q: queueId, input: { name: `P${i}`, language: i % 2 ? 'EN' : 'PT_BR' } },
          },
          'Public',
        ),
      ),
    );
    expect(valid.map((a) => a.body.data.joinQueue.ticket.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const queue = await postGraphql(
      server().url,
      { query: `query { queue(id: "${queueId}") { waitingCount } }` },
      authorization,
    );
    expect(queue.body.data.queue.waitingCount).toBe(40);
  });
});
