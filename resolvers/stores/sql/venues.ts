/** Venues, their members and invitations (migrations 014, 015), as SqlVenueStore and QueueTx use them. */
import type { Kysely, Selectable } from 'kysely';
import type { MessageLanguage, Queue, Venue } from '../../domain/model';
import type { Invitation, Page, VenuePatch, VenueStore } from '../../domain/ports';
import type { Membership, Role } from '../../domain/roles';
import { decodeCursor, encodeCursor } from '../../domain/validation';
import type { SqlDatabase, Tables, VenueMembersTable, VenuesTable } from './database';
import {
  claimInvitation,
  insertInvitation,
  invitationsOf,
  invitationWhere,
  revokeInvitation,
} from './invitations';
import { queueIdsOf, toQueue } from './rows';
import { purgeInvitationsBatch } from './retention';

const toVenue = (row: Selectable<VenuesTable>): Venue => ({
  id: row.id,
  name: row.name,
  address: row.address,
  timeZone: row.time_zone,
  language: (row.language === 'en' ? 'en' : 'pt-BR') as MessageLanguage,
  createdAt: Number(row.created_at),
  retentionDays: Number(row.retention_days ?? 30),
});

function toMembership(row: Selectable<VenueMembersTable>): Membership {
  return {
    venueId: row.venue_id,
    accountId: row.account_id,
    role: row.role as Role,
    queueIds: queueIdsOf(row.queue_ids),
  };
}

export async function membershipOf(
  db: Kysely<Tables>,
  venueId: string,
  accountId: string,
): Promise<Membership | undefined> {
  const row = await db
    .selectFrom('venue_members')
    .selectAll()
    .where('venue_id', '=', venueId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row && toMembership(row);
}

export async function venuesOf(
  db: Kysely<Tables>,
  accountId: string,
): Promise<{ venue: Venue; membership: Membership }[]> {
  const rows = await db
    .selectFrom('venue_members as m')
    .innerJoin('venues as v', 'v.id', 'm.venue_id')
    .select([
      'v.id',
      'v.name',
      'v.address',
      'v.time_zone',
      'v.language',
      'v.created_at',
      'v.retention_days',
      'm.venue_id',
      'm.account_id',
      'm.role',
      'm.queue_ids',
      'm.created_at as member_since',
    ])
    .where('m.account_id', '=', accountId)
    .orderBy('v.created_at')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({
    venue: toVenue(r),
    membership: toMembership({ ...r, created_at: r.member_since }),
  }));
}

/** Inserts the venue and its owner, each unless already there (the default venue is made on first use). */
export async function createVenue(
  db: Kysely<Tables>,
  mysql: boolean,
  venue: Venue,
  ownerId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = {
      id: venue.id,
      name: venue.name,
      address: venue.address,
      time_zone: venue.timeZone,
      language: venue.language,
      created_at: venue.createdAt,
      retention_days: venue.retentionDays,
    };
    const member = {
      venue_id: venue.id,
      account_id: ownerId,
      role: 'OWNER',
      queue_ids: null,
      created_at: venue.createdAt,
    };
    if (mysql) {
      await trx.insertInto('venues').ignore().values(row).execute();
      await trx.insertInto('venue_members').ignore().values(member).execute();
    } else {
      await trx.insertInto('venues').orIgnore().values(row).execute();
      await trx.insertInto('venue_members').orIgnore().values(member).execute();
    }
  });
}

export async function setMember(
  db: Kysely<Tables>,
  mysql: boolean,
  m: Membership,
  at: number,
): Promise<void> {
  const row = {
    venue_id: m.venueId,
    account_id: m.accountId,
    role: m.role,
    queue_ids: m.queueIds === null ? null : JSON.stringify(m.queueIds),
    created_at: at,
  };
  const update = { role: row.role, queue_ids: row.queue_ids };
  const insert = db.insertInto('venue_members').values(row);
  await (
    mysql
      ? insert.onDuplicateKeyUpdate(update)
      : insert.onConflict((oc) => oc.columns(['venue_id', 'account_id']).doUpdateSet(update))
  ).execute();
}

/** Queues of the venues (all) and the queues listed (a clerk's), newest first, by (created_at, id). */
export async function queuesIn(
  db: Kysely<Tables>,
  venueIds: string[],
  queueIds: string[],
  limit: number,
  nextToken?: string,
): Promise<Page<Queue>> {
  if (venueIds.length === 0 && queueIds.length === 0) return { items: [] };
  const after = decodeCursor(nextToken, { c: 'number', i: 'string' });
  let query = db
    .selectFrom('queues')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(venueIds.length ? [eb('venue_id', 'in', venueIds)] : []),
        ...(queueIds.length ? [eb('id', 'in', queueIds)] : []),
      ]),
    );
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.c as number),
        eb.and([eb('created_at', '=', after.c as number), eb('id', '<', after.i as string)]),
      ]),
    );
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toQueue);
  const last = items.at(-1);
  return rows.length > limit && last
    ? { items, nextToken: encodeCursor({ c: last.createdAt, i: last.id }) }
    : { items };
}

/** Venues and memberships in SQL, beside the queues. */
export class SqlVenueStore implements VenueStore {
  private readonly db: Kysely<Tables>;

  constructor(private readonly sql: SqlDatabase) {
    this.db = sql.db;
  }

  membership(venueId: string, accountId: string): Promise<Membership | undefined> {
    return membershipOf(this.db, venueId, accountId);
  }

  venuesOf(accountId: string): Promise<{ venue: Venue; membership: Membership }[]> {
    return venuesOf(this.db, accountId);
  }

  createVenue(venue: Venue, ownerId: string): Promise<void> {
    return createVenue(this.db, this.sql.dialect === 'mysql', venue, ownerId);
  }

  async updateVenue(id: string, patch: VenuePatch): Promise<void> {
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.address !== undefined ? { address: patch.address } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.retentionDays !== undefined ? { retention_days: patch.retentionDays } : {}),
    };
    if (Object.keys(set).length) await this.db.updateTable('venues').set(set).where('id', '=', id).execute();
  }

  async venue(id: string): Promise<Venue | undefined> {
    const row = await this.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toVenue(row);
  }

  async retentions(): Promise<{ venueId: string; retentionDays: number }[]> {
    const rows = await this.db.selectFrom('venues').select(['id', 'retention_days']).orderBy('id').execute();
    return rows.map((r) => ({ venueId: r.id, retentionDays: Number(r.retention_days) }));
  }

  purgeEndedInvitations(now: number, limit: number): Promise<number> {
    return purgeInvitationsBatch(this.db, now, limit);
  }

  setMember(membership: Membership, at: number): Promise<void> {
    return setMember(this.db, this.sql.dialect === 'mysql', membership, at);
  }

  async removeMember(venueId: string, accountId: string): Promise<void> {
    await this.db
      .deleteFrom('venue_members')
      .where('venue_id', '=', venueId)
      .where('account_id', '=', accountId)
      .execute();
  }

  async members(venueId: string): Promise<(Membership & { since: number })[]> {
    const rows = await this.db
      .selectFrom('venue_members')
      .selectAll()
      .where('venue_id', '=', venueId)
      .orderBy('created_at')
      .orderBy('account_id')
      .execute();
    return rows.map((r) => ({ ...toMembership(r), since: Number(r.created_at) }));
  }

  createInvitation(invitation: Invitation, tokenHash: string): Promise<void> {
    return insertInvitation(this.db, invitation, tokenHash);
  }

  invitations(venueId: string): Promise<Invitation[]> {
    return invitationsOf(this.db, venueId);
  }

  invitation(id: string): Promise<Invitation | undefined> {
    return invitationWhere(this.db, 'id', id);
  }

  invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return invitationWhere(this.db, 'token_hash', tokenHash);
  }

  claimInvitation(id: string, accountId: string, at: number): Promise<boolean> {
    return claimInvitation(this.db, id, accountId, at);
  }

  revokeInvitation(id: string, at: number): Promise<boolean> {
    return revokeInvitation(this.db, id, at);
  }
}
