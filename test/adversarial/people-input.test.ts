import { describe, expect, it } from 'vitest';
import { ownerOverHttp, postGraphql } from '../support/http';
import { linkFromDevMail } from '../support/local-server';
import { serverForThisFile } from '../support/spawned-server';

/**
 * Hostile use of venues, invitations and roles through a real server process: wrong values, the wrong caller,
 * and one invitation link accepted twenty times at once.
 */
const server = serverForThisFile({ RATE_LIMITS: 'off' });

const INVITE =
  'mutation I($v: ID!, $i: InvitationInput!) { inviteToVenue(venueId: $v, input: $i) { id status } }';
const ACCEPT = 'mutation A($t: String!) { acceptInvitation(token: $t) { id role } }';

describe('venues and invitations from hostile clients', () => {
  it('given wrong values and callers, then each is refused with nobody added; twenty accepts of one link at once make one member', async () => {
    const owner = await ownerOverHttp(server().url);
    const gql = (query: string, variables: Record<string, unknown>, auth = owner.authorization) =>
      postGraphql(server().url, { query, variables }, auth).then((r) => r.body);
    const venue = (
      await gql('mutation V($i: VenueInput!) { createVenue(input: $i) { id } }', { i: { name: 'Posto' } })
    ).data.createVenue;
    const queue = (
      await gql('mutation C($i: CreateQueueInput!) { createQueue(input: $i) { id } }', {
        i: { venueId: venue.id, name: 'Fila' },
      })
    ).data.createQueue;

    for (const [what, input] of [
      ['a role that does not exist', { email: 'a@example.com', role: 'ADMIN' }],
      ['a clerk without queues', { email: 'a@example.com', role: 'CLERK' }],
      // (One id where a list is expected is a list of one, by GraphQL's input coercion: not hostile.)
      ['queue ids as an object', { email: 'a@example.com', role: 'CLERK', queueIds: { id: queue.id } }],
      ['101 queues', { email: 'a@example.com', role: 'CLERK', queueIds: Array(101).fill(queue.id) }],
      ['an id with SQL', { email: 'a@example.com', role: 'CLERK', queueIds: ["' OR 1=1 --"] }],
      ['an email of 100 KB', { email: `${'a'.repeat(100_000)}@example.com`, role: 'MANAGER' }],
      ['an email with markup', { email: '<script>@example.com', role: 'MANAGER' }],
    ] as const) {
      const answer = await gql(INVITE, { v: venue.id, i: input });
      expect(answer.data?.inviteToVenue ?? null, what).toBeNull();
      expect(answer.errors?.length, what).toBeGreaterThan(0);
    }
    for (const v of ["' OR 1=1 --", 'x'.repeat(10_000), '00000000-0000-4000-8000-000000000000'])
      expect(
        (await gql(INVITE, { v, i: { email: 'a@example.com', role: 'MANAGER' } })).errors[0].errorType,
      ).toMatch(/VALIDATION|NOT_FOUND/);
    expect(
      (await gql(INVITE, { v: venue.id, i: { email: 'a@example.com', role: 'MANAGER' } }, 'Public')).errors[0]
        .errorType,
    ).toBe('UNAUTHENTICATED');
    for (const t of ['', "' OR 1=1", 'x'.repeat(100_000)])
      expect((await gql(ACCEPT, { t })).errors[0].errorType).toMatch(/VALIDATION|NOT_FOUND/);
    expect((await gql(ACCEPT, { t: 'A'.repeat(43) }, 'Public')).errors[0].errorType).toBe('UNAUTHENTICATED');
    for (const i of [
      { name: '' },
      { name: 'x', timeZone: 'Mars/Olympus' },
      { name: 'x', address: 'y'.repeat(600) },
    ])
      expect(
        (await gql('mutation V($i: VenueInput!) { createVenue(input: $i) { id } }', { i })).errors[0]
          .errorType,
      ).toBe('VALIDATION');

    // One link, twenty presses at once by its own account: one acceptance, the rest told it was used.
    const clerk = await ownerOverHttp(server().url);
    await gql(INVITE, { v: venue.id, i: { email: clerk.email, role: 'CLERK', queueIds: [queue.id] } });
    const token = (await linkFromDevMail(server().url, clerk.email, 'invitations')).split('/').at(-1)!;
    const presses = await Promise.all(
      Array.from({ length: 20 }, () => gql(ACCEPT, { t: token }, clerk.authorization)),
    );
    expect(presses.filter((p) => p.data?.acceptInvitation)).toHaveLength(1);
    expect(presses.filter((p) => p.errors?.[0]?.errorInfo?.reason === 'LINK_ACCEPTED')).toHaveLength(19);
    const members = (await gql('query M($v: ID!) { venueMembers(venueId: $v) { role } }', { v: venue.id }))
      .data.venueMembers;
    expect(members.map((m: { role: string }) => m.role).sort()).toEqual(['CLERK', 'OWNER']);

    // Access and erasure: hostile searches refused; ten erasures of one person at once remove them once.
    const FIND = 'query P($p: PersonInput!) { personalData(person: $p) }';
    const ERASE = 'mutation E($p: PersonInput!) { erasePerson(person: $p) { removed erased } }';
    for (const p of [{}, { phone: 'x'.repeat(100_000) }, { email: 'not-an-email' }, { phone: "' OR 1=1 --" }])
      expect((await gql(FIND, { p })).errors?.length, JSON.stringify(p).slice(0, 40)).toBeGreaterThan(0);
    expect((await gql(ERASE, { p: { phone: '+5511987650000' } }, 'Public')).errors[0].errorType).toBe(
      'UNAUTHENTICATED',
    );
    await gql(
      'mutation A($q: ID!) { addTicket(queueId: $q, input: {name: "Ana", phone: "+5511987650000"}) { ticket { id } } }',
      {
        q: queue.id,
      },
    );
    const erasures = await Promise.all(
      Array.from({ length: 10 }, () => gql(ERASE, { p: { phone: '+5511987650000' } })),
    );
    expect(erasures.reduce((n, e) => n + (e.data?.erasePerson?.removed ?? 0), 0)).toBe(1);
    expect(erasures.every((e) => e.data?.erasePerson || e.errors?.[0]?.errorType === 'CONFLICT')).toBe(true);
    expect(
      JSON.parse((await gql(FIND, { p: { phone: '+5511987650000' } })).data.personalData).tickets,
    ).toEqual([]);
  });
});
