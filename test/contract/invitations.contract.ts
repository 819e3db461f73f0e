import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../resolvers/domain/deps';
import { apiAs, owner, type Api } from '../support/appsync';
import type { TestStack } from '../support/stack';
import { expectError, signedInOwner } from './backend.contract';

const DAY = 24 * 60 * 60 * 1000;

/** Inviting people to a venue, through the router on a whole stack: the mailed link, its rules, and removal. */
export function invitationsContract(name: string, open: () => Promise<TestStack>, enabled = true): void {
  describe.skipIf(!enabled)(`invitations: ${name}`, () => {
    let stack: TestStack;
    let api: Api;
    let venueId: string;
    let queueId: string;
    beforeAll(async () => {
      stack = await open();
      api = (await signedInOwner(stack, 'Dona Clínica')).api;
      venueId = (await api('createVenue', { input: { name: 'Clínica Norte', language: 'PT_BR' } })).id;
      queueId = (await api('createQueue', { input: { venueId, name: 'Triagem' } })).id;
    });
    afterAll(() => stack?.cleanup());

    /** The token of the last invitation mailed to `email`, and the mail's subject. */
    const mailed = (email: string) => {
      const job = stack.mail.filter((m) => m.template === 'INVITATION' && m.to === email).at(-1)!;
      return { token: job.data.link!.split('/').at(-1)!, link: job.data.link!, job };
    };

    it('given an invitation to a clerk, then the mailed link (in the venue’s language) makes that account a clerk of its queue — once — and the owner sees it accepted and in the audit log', async () => {
      const clerk = await signedInOwner(stack, 'Caio Atendente');
      const invitation = await api('inviteToVenue', {
        venueId,
        input: { email: clerk.email.toUpperCase(), role: 'CLERK', queueIds: [queueId] },
      });
      expect(invitation).toMatchObject({
        email: clerk.email,
        role: 'CLERK',
        status: 'PENDING',
        queueIds: [queueId],
      });
      const { token, link, job } = mailed(clerk.email);
      expect(link).toMatch(/\/backoffice\/invitations\/[A-Za-z0-9_-]{43}$/);
      expect(job.data).toMatchObject({ venueName: 'Clínica Norte', role: 'CLERK', language: 'pt-BR' });

      expect(await clerk.api('acceptInvitation', { token })).toMatchObject({ id: venueId, role: 'CLERK' });
      expect((await clerk.api('myQueues', {})).items.map((q: { id: string }) => q.id)).toEqual([queueId]);
      await clerk.api('addTicket', { queueId, input: { name: 'Paciente' } });
      await expectError(clerk.api('updateQueue', { id: queueId, input: { name: 'x' } }), 'FORBIDDEN');
      const again = await expectError(clerk.api('acceptInvitation', { token }), 'CONFLICT');
      expect(again.info.reason).toBe('LINK_ACCEPTED');

      expect((await api('venueInvitations', { venueId }))[0]).toMatchObject({
        id: invitation.id,
        status: 'ACCEPTED',
      });
      const members = await api('venueMembers', { venueId });
      expect(members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual([
        'Dona Clínica:OWNER',
        'Caio Atendente:CLERK',
      ]);
      const audit = (await api('auditLog', {})).items.map(
        (e: { operation: string; accountName: string }) => `${e.operation}:${e.accountName}`,
      );
      // Invited addresses reach the mail job only: no log line names them.
      expect(JSON.stringify(stack.log.entries)).not.toContain(clerk.email);
      expect(audit.slice(0, 3)).toEqual([
        'ADD_TICKET:Caio Atendente',
        'ACCEPT_INVITATION:Caio Atendente',
        'INVITE:Dona Clínica',
      ]);
    });

    it('given links revoked, expired, for another address, or unknown, then each is refused with its reason and makes nobody a member', async () => {
      const bia = await signedInOwner(stack, 'Bia');
      const other = await signedInOwner(stack, 'Outra Pessoa');
      const revoked = await api('inviteToVenue', { venueId, input: { email: bia.email, role: 'MANAGER' } });
      const revokedToken = mailed(bia.email).token;
      expect(await api('revokeInvitation', { id: revoked.id })).toMatchObject({ status: 'REVOKED' });
      expect(
        (await expectError(bia.api('acceptInvitation', { token: revokedToken }), 'CONFLICT')).info.reason,
      ).toBe('LINK_REVOKED');
      await expectError(api('revokeInvitation', { id: revoked.id }), 'CONFLICT');

      await api('inviteToVenue', { venueId, input: { email: bia.email, role: 'MANAGER' } });
      const { token } = mailed(bia.email);
      expect((await expectError(other.api('acceptInvitation', { token }), 'FORBIDDEN')).info.reason).toBe(
        'WRONG_ACCOUNT',
      );
      const later = apiAs({ ...stack.deps, now: () => Date.now() + 8 * DAY } as Deps, owner(bia.account.id));
      expect((await expectError(later('acceptInvitation', { token }), 'CONFLICT')).info.reason).toBe(
        'LINK_EXPIRED',
      );
      expect(
        (await expectError(bia.api('acceptInvitation', { token: 'A'.repeat(43) }), 'NOT_FOUND')).info.reason,
      ).toBe('LINK_INVALID');
      expect((await api('venueMembers', { venueId })).map((m: { name: string }) => m.name)).not.toContain(
        'Bia',
      );
      // Still good within its 7 days, for its own address.
      expect(await bia.api('acceptInvitation', { token })).toMatchObject({ role: 'MANAGER' });
    });

    it('given roles, then clerks invite nobody, managers invite managers and clerks but not owners, queues must be the venue’s, and a venue keeps its last owner', async () => {
      const members = await api('venueMembers', { venueId });
      const managerId = members.find((m: { role: string }) => m.role === 'MANAGER').accountId;
      const clerkId = members.find((m: { role: string }) => m.role === 'CLERK').accountId;
      const manager = apiAs(stack.deps, owner(managerId));
      const clerk = apiAs(stack.deps, owner(clerkId));
      await expectError(
        clerk('inviteToVenue', {
          venueId,
          input: { email: 'x@example.com', role: 'CLERK', queueIds: [queueId] },
        }),
        'FORBIDDEN',
      );
      await expectError(clerk('venueMembers', { venueId }), 'FORBIDDEN');
      await expectError(
        manager('inviteToVenue', { venueId, input: { email: 'x@example.com', role: 'OWNER' } }),
        'FORBIDDEN',
      );
      await manager('inviteToVenue', {
        venueId,
        input: { email: 'novo@example.com', role: 'CLERK', queueIds: [queueId] },
      });
      const elsewhere = await signedInOwner(stack, 'Alheia');
      const foreign = (await elsewhere.api('createQueue', { input: { name: 'Alheia' } })).id;
      await expectError(
        api('inviteToVenue', {
          venueId,
          input: { email: 'y@example.com', role: 'CLERK', queueIds: [foreign] },
        }),
        'VALIDATION',
      );
      await expectError(
        api('inviteToVenue', { venueId, input: { email: 'y@example.com', role: 'CLERK', queueIds: [] } }),
        'VALIDATION',
      );
      await expectError(
        api('inviteToVenue', {
          venueId,
          input: { email: 'not an email', role: 'CLERK', queueIds: [queueId] },
        }),
        'VALIDATION',
      );
      await expectError(
        elsewhere.api('inviteToVenue', {
          venueId,
          input: { email: 'z@example.com', role: 'CLERK', queueIds: [queueId] },
        }),
        'NOT_FOUND',
      );

      const ownerId = members.find((m: { role: string }) => m.role === 'OWNER').accountId;
      await expectError(manager('removeMember', { venueId, accountId: ownerId }), 'FORBIDDEN');
      const last = await expectError(
        api('setMemberRole', { venueId, accountId: ownerId, input: { role: 'MANAGER' } }),
        'CONFLICT',
      );
      expect(last.info.reason).toBe('LAST_OWNER');
      await expectError(api('removeMember', { venueId, accountId: ownerId }), 'CONFLICT');

      // A manager makes the clerk a manager, then removes them: the next request is refused.
      expect(
        await manager('setMemberRole', { venueId, accountId: clerkId, input: { role: 'MANAGER' } }),
      ).toMatchObject({
        role: 'MANAGER',
        queueIds: null,
      });
      expect(await manager('removeMember', { venueId, accountId: clerkId })).toBe(true);
      await expectError(clerk('queueTickets', { queueId }), 'NOT_FOUND');
    });
  });
}
