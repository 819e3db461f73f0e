/**
 * The people of a venue: invitations by email (single-use links that expire in 7 days and can be revoked,
 * accepted by the account whose email they were sent to) and the members' roles. Owners manage everyone;
 * managers manage managers and clerks. A venue always keeps an owner. Every change is in the audit log.
 */
import { mayMail } from './accounts';
import { auditEntry, recordAudit } from './audit';
import { enqueueMessage } from './changes';
import type { Deps } from './deps';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from './errors';
import { requireOwner } from './identity';
import type { Identity } from './model';
import type { Invitation } from './ports';
import { authorizedVenue, decide, enforce, forbidden, ROLES, type Membership, type Role } from './roles';
import { hashToken, newToken } from './secrets';
import { parseEmail, parseId, parseToken } from './validation';
import { venueNotFound, myVenues, type VenueView } from './venues';

const INVITATION_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';

export interface InvitationView extends Invitation {
  status: InvitationStatus;
}

export interface MemberView extends Membership {
  name: string | null;
  email: string | null;
  since: number;
}

function statusOf(i: Invitation, now: number): InvitationStatus {
  if (i.acceptedAt !== null) return 'ACCEPTED';
  if (i.revokedAt !== null) return 'REVOKED';
  return i.expiresAt <= now ? 'EXPIRED' : 'PENDING';
}

/** The caller's membership where it may manage people, or the error; a manager never manages owners. */
async function manager(deps: Deps, accountId: string, venueId: string, role?: Role): Promise<Membership> {
  const membership = await authorizedVenue(deps, accountId, venueId, 'PEOPLE', venueNotFound);
  if (role === 'OWNER') enforce(decide(membership, 'VENUE', null), 'VENUE', venueNotFound);
  return membership;
}

function parseRole(raw: unknown): Role {
  if (!ROLES.includes(raw as Role))
    throw new ValidationError('role must be OWNER, MANAGER or CLERK.', { field: 'role' });
  return raw as Role;
}

/** A clerk's queues: some of this venue's queues (at least one); null for owners and managers. */
async function parseQueueIds(
  deps: Deps,
  venueId: string,
  role: Role,
  raw: unknown,
): Promise<string[] | null> {
  if (role !== 'CLERK') return null;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 100)
    throw new ValidationError('A clerk needs 1 to 100 queues of this venue.', { field: 'queueIds' });
  const ids = [...new Set(raw.map((id) => parseId('queueIds', id)))];
  for (const id of ids)
    if ((await deps.queues.queue(id))?.venueId !== venueId)
      throw new ValidationError('queueIds must be queues of this venue.', { field: 'queueIds' });
  return ids;
}

/** Invites an email to the venue with a role; the link goes by mail (rate-limited per address like all mail). */
export async function inviteToVenue(
  deps: Deps,
  identity: Identity,
  rawVenueId: unknown,
  input: { email?: unknown; role?: unknown; queueIds?: unknown },
): Promise<InvitationView> {
  const accountId = requireOwner(identity);
  const venueId = parseId('venueId', rawVenueId);
  const role = parseRole(input.role);
  await manager(deps, accountId, venueId, role);
  const email = parseEmail('email', input.email);
  const queueIds = await parseQueueIds(deps, venueId, role, input.queueIds);
  const venue = await deps.venues.venue(venueId);
  if (!venue) throw venueNotFound();
  if (!(await mayMail(deps, email)))
    throw new RateLimitedError('Too many emails to this address this hour. Please try again later.');
  const token = newToken();
  const at = deps.now();
  const invitation: Invitation = {
    id: deps.newId(),
    venueId,
    email,
    role,
    queueIds,
    invitedBy: accountId,
    createdAt: at,
    expiresAt: at + INVITATION_MS,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  await deps.venues.createInvitation(invitation, hashToken(token));
  await enqueueMessage(deps, {
    id: `invitation:${invitation.id}`,
    template: 'INVITATION',
    to: email,
    data: {
      link: `${deps.publicUrl}/backoffice/invitations/${token}`,
      venueName: venue.name,
      role,
      language: venue.language,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    },
  });
  await recordAudit(deps, auditEntry(deps, accountId, 'INVITE', { venueId }, null, role));
  deps.log.info('invitation sent', { venueId, invitationId: invitation.id });
  return { ...invitation, status: 'PENDING' };
}

export async function venueInvitations(
  deps: Deps,
  identity: Identity,
  rawVenueId: unknown,
): Promise<InvitationView[]> {
  const accountId = requireOwner(identity);
  const venueId = parseId('venueId', rawVenueId);
  await manager(deps, accountId, venueId);
  const now = deps.now();
  return (await deps.venues.invitations(venueId)).map((i) => ({ ...i, status: statusOf(i, now) }));
}

/** Revokes a pending invitation: its link stops working. */
export async function revokeInvitation(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
): Promise<InvitationView> {
  const accountId = requireOwner(identity);
  const invitation = await deps.venues.invitation(parseId('id', rawId));
  if (!invitation) throw new NotFoundError('Invitation not found.');
  await manager(deps, accountId, invitation.venueId, invitation.role);
  const at = deps.now();
  if (!(await deps.venues.revokeInvitation(invitation.id, at)))
    throw new ConflictError('This invitation was already used or revoked.', {
      status: statusOf(invitation, at),
    });
  await recordAudit(deps, auditEntry(deps, accountId, 'REVOKE_INVITATION', { venueId: invitation.venueId }));
  return { ...invitation, revokedAt: at, status: 'REVOKED' };
}

/**
 * The signed-in account accepts an invitation sent to its email: it becomes a member with the invited role
 * (an owner stays an owner). The link works once, for 7 days, unless revoked.
 */
export async function acceptInvitation(
  deps: Deps,
  identity: Identity,
  rawToken: unknown,
): Promise<VenueView> {
  const accountId = requireOwner(identity);
  const invitation = await deps.venues.invitationByTokenHash(hashToken(parseToken('token', rawToken)));
  if (!invitation) throw new NotFoundError('This invitation link does not work.', { reason: 'LINK_INVALID' });
  const at = deps.now();
  const status = statusOf(invitation, at);
  if (status !== 'PENDING')
    throw new ConflictError('This invitation link no longer works.', { reason: `LINK_${status}` });
  const account = await deps.accounts.byId(accountId);
  if (!account || account.email !== invitation.email)
    throw new ForbiddenError('This invitation was sent to another email address.', {
      reason: 'WRONG_ACCOUNT',
    });
  if (!(await deps.venues.claimInvitation(invitation.id, accountId, at)))
    throw new ConflictError('This invitation link no longer works.', { reason: 'LINK_ACCEPTED' });
  const current = await deps.venues.membership(invitation.venueId, accountId);
  if (current?.role !== 'OWNER')
    await deps.venues.setMember(
      { venueId: invitation.venueId, accountId, role: invitation.role, queueIds: invitation.queueIds },
      at,
    );
  await recordAudit(
    deps,
    auditEntry(deps, accountId, 'ACCEPT_INVITATION', { venueId: invitation.venueId }, null, invitation.role),
  );
  const view = (await myVenues(deps, identity)).find((v) => v.id === invitation.venueId);
  if (!view) throw venueNotFound();
  return view;
}

export async function venueMembers(
  deps: Deps,
  identity: Identity,
  rawVenueId: unknown,
): Promise<MemberView[]> {
  const accountId = requireOwner(identity);
  const venueId = parseId('venueId', rawVenueId);
  await manager(deps, accountId, venueId);
  return Promise.all((await deps.venues.members(venueId)).map((m) => memberView(deps, m)));
}

/** A member as the people page shows them: with their account's name and email. */
async function memberView(deps: Deps, m: Membership & { since: number }): Promise<MemberView> {
  const account = await deps.accounts.byId(m.accountId);
  return { ...m, name: account?.name ?? null, email: account?.email ?? null };
}

/** Changes a member's role (and a clerk's queues); a venue keeps at least one owner. */
export async function setMemberRole(
  deps: Deps,
  identity: Identity,
  rawVenueId: unknown,
  rawAccountId: unknown,
  input: { role?: unknown; queueIds?: unknown },
): Promise<MemberView> {
  const accountId = requireOwner(identity);
  const venueId = parseId('venueId', rawVenueId);
  const target = parseId('accountId', rawAccountId);
  const role = parseRole(input.role);
  const mine = await manager(deps, accountId, venueId, role);
  const current = await targetMember(deps, mine, venueId, target);
  if (current.role === 'OWNER' && role !== 'OWNER') await keepAnOwner(deps, venueId);
  const queueIds = await parseQueueIds(deps, venueId, role, input.queueIds);
  await deps.venues.setMember({ venueId, accountId: target, role, queueIds }, deps.now());
  await recordAudit(deps, auditEntry(deps, accountId, 'CHANGE_ROLE', { venueId }, null, role));
  const member = (await deps.venues.members(venueId)).find((m) => m.accountId === target);
  if (!member) throw new NotFoundError('Member not found.');
  return memberView(deps, member);
}

/** Ends a membership: the person's next request is refused. A venue keeps at least one owner. */
export async function removeMember(
  deps: Deps,
  identity: Identity,
  rawVenueId: unknown,
  rawAccountId: unknown,
): Promise<true> {
  const accountId = requireOwner(identity);
  const venueId = parseId('venueId', rawVenueId);
  const target = parseId('accountId', rawAccountId);
  const mine = await manager(deps, accountId, venueId);
  const current = await targetMember(deps, mine, venueId, target);
  if (current.role === 'OWNER') await keepAnOwner(deps, venueId);
  await deps.venues.removeMember(venueId, target);
  await recordAudit(deps, auditEntry(deps, accountId, 'REMOVE_MEMBER', { venueId }, null, current.role));
  deps.log.info('member removed', { venueId, accountId: target });
  return true;
}

/** The member to change: a manager cannot touch an owner. */
async function targetMember(
  deps: Deps,
  mine: Membership,
  venueId: string,
  target: string,
): Promise<Membership> {
  const current = await deps.venues.membership(venueId, target);
  if (!current) throw new NotFoundError('Member not found.');
  if (current.role === 'OWNER' && mine.role !== 'OWNER') throw forbidden('VENUE');
  return current;
}

async function keepAnOwner(deps: Deps, venueId: string): Promise<void> {
  const owners = (await deps.venues.members(venueId)).filter((m) => m.role === 'OWNER');
  if (owners.length <= 1)
    throw new ConflictError('A venue needs an owner: make someone else owner first.', {
      reason: 'LAST_OWNER',
    });
}
