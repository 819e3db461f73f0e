/** Invitations to a venue (venue_invitations, migration 015), by the link's token hash only. */
import type { Kysely, Selectable } from 'kysely';
import type { Invitation } from '../../domain/ports';
import type { Role } from '../../domain/roles';
import type { Tables, VenueInvitationsTable } from './database';
import { queueIdsOf } from './rows';

const nullable = (v: number | null) => (v === null ? null : Number(v));

function toInvitation(row: Selectable<VenueInvitationsTable>): Invitation {
  return {
    id: row.id,
    venueId: row.venue_id,
    email: row.email,
    role: row.role as Role,
    queueIds: queueIdsOf(row.queue_ids),
    invitedBy: row.invited_by,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    acceptedAt: nullable(row.accepted_at),
    acceptedBy: row.accepted_by,
    revokedAt: nullable(row.revoked_at),
  };
}

const INVITATION_COLUMNS = [
  'id',
  'venue_id',
  'email',
  'role',
  'queue_ids',
  'token_hash',
  'invited_by',
  'created_at',
  'expires_at',
  'accepted_at',
  'accepted_by',
  'revoked_at',
] as const;

export async function insertInvitation(db: Kysely<Tables>, i: Invitation, tokenHash: string): Promise<void> {
  await db
    .insertInto('venue_invitations')
    .values({
      id: i.id,
      venue_id: i.venueId,
      email: i.email,
      role: i.role,
      queue_ids: i.queueIds === null ? null : JSON.stringify(i.queueIds),
      token_hash: tokenHash,
      invited_by: i.invitedBy,
      created_at: i.createdAt,
      expires_at: i.expiresAt,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    })
    .execute();
}

/** The venue's invitations, newest first (at most 200). */
export async function invitationsOf(db: Kysely<Tables>, venueId: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('venue_invitations')
    .select(INVITATION_COLUMNS)
    .where('venue_id', '=', venueId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toInvitation);
}

export async function invitationWhere(
  db: Kysely<Tables>,
  column: 'id' | 'token_hash',
  value: string,
): Promise<Invitation | undefined> {
  const row = await db
    .selectFrom('venue_invitations')
    .select(INVITATION_COLUMNS)
    .where(column, '=', value)
    .executeTakeFirst();
  return row && toInvitation(row);
}

/** One conditional UPDATE: pending, unexpired and unrevoked, or nothing. */
export async function claimInvitation(
  db: Kysely<Tables>,
  id: string,
  accountId: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('venue_invitations')
    .set({ accepted_at: at, accepted_by: accountId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeInvitation(db: Kysely<Tables>, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('venue_invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
