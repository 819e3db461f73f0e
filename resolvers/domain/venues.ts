/**
 * Venues: the places an account's queues belong to, and the account's role at each. Until an account makes
 * one, its queues go to its default venue, made on first use with the account's id as the venue's id.
 */
import type { Deps } from './deps';
import { NotFoundError, ValidationError } from './errors';
import { requireOwner } from './identity';
import type { Identity, Venue } from './model';
import { authorizedVenue, type Role } from './roles';
import { DEFAULT_RETENTION_DAYS, RETENTION_DAYS_MAX } from './retention';
import { charLength, parseCount, parseId, parseLanguage, parseName, parseText } from './validation';

export interface VenueInput {
  name?: unknown;
  address?: unknown;
  timeZone?: unknown;
  language?: unknown;
  retentionDays?: unknown;
}

export interface VenueView extends Venue {
  /** The caller's role there. */
  role: Role;
}

const ADDRESS_MAX = 500;

export function venueNotFound(): NotFoundError {
  return new NotFoundError('Venue not found.');
}

/** The venue a new queue goes to: the one asked for, where the caller may create queues, or its default one. */
export async function venueForNewQueue(deps: Deps, accountId: string, rawVenueId: unknown): Promise<string> {
  if (rawVenueId === undefined || rawVenueId === null) {
    await deps.venues.createVenue(defaultVenue(deps, accountId), accountId);
    return accountId;
  }
  const venueId = parseId('venueId', rawVenueId);
  await authorizedVenue(deps, accountId, venueId, 'SETTINGS', venueNotFound);
  return venueId;
}

function defaultVenue(deps: Deps, accountId: string): Venue {
  return {
    id: accountId,
    name: 'Default venue',
    address: null,
    timeZone: 'America/Sao_Paulo',
    language: 'pt-BR',
    createdAt: deps.now(),
    retentionDays: DEFAULT_RETENTION_DAYS,
  };
}

/** The caller's venues with its role at each, oldest first. */
export async function myVenues(deps: Deps, identity: Identity): Promise<VenueView[]> {
  const accountId = requireOwner(identity);
  return (await deps.venues.venuesOf(accountId)).map(({ venue, membership }) => ({
    ...venue,
    role: membership.role,
  }));
}

/** A new venue, its creator its owner. */
export async function createVenue(deps: Deps, identity: Identity, input: VenueInput): Promise<VenueView> {
  const accountId = requireOwner(identity);
  const venue: Venue = {
    id: deps.newId(),
    name: parseName('name', input.name),
    address: parseAddress(input.address),
    timeZone: parseTimeZone(input.timeZone) ?? 'America/Sao_Paulo',
    language: parseLanguage('language', input.language ?? 'PT_BR'),
    createdAt: deps.now(),
    retentionDays: parseCount(
      'retentionDays',
      input.retentionDays,
      RETENTION_DAYS_MAX,
      DEFAULT_RETENTION_DAYS,
    ),
  };
  await deps.venues.createVenue(venue, accountId);
  deps.log.info('venue created', { venueId: venue.id, accountId });
  return { ...venue, role: 'OWNER' };
}

/** The owner changes the venue's name, address, time zone or language; fields left out stay. */
export async function updateVenue(
  deps: Deps,
  identity: Identity,
  rawId: unknown,
  input: VenueInput,
): Promise<VenueView> {
  const accountId = requireOwner(identity);
  const id = parseId('id', rawId);
  const { role } = await authorizedVenue(deps, accountId, id, 'VENUE', venueNotFound);
  const timeZone = parseTimeZone(input.timeZone);
  await deps.venues.updateVenue(id, {
    ...(input.name !== undefined ? { name: parseName('name', input.name) } : {}),
    ...(input.address !== undefined ? { address: parseAddress(input.address) } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(input.language !== undefined && input.language !== null
      ? { language: parseLanguage('language', input.language) }
      : {}),
    ...(input.retentionDays !== undefined && input.retentionDays !== null
      ? {
          retentionDays: parseCount(
            'retentionDays',
            input.retentionDays,
            RETENTION_DAYS_MAX,
            DEFAULT_RETENTION_DAYS,
          ),
        }
      : {}),
  });
  const venue = await deps.venues.venue(id);
  if (!venue) throw venueNotFound();
  return { ...venue, role };
}

function parseAddress(raw: unknown): string | null {
  const address = parseText('address', raw);
  if (address !== null && charLength(address) > ADDRESS_MAX)
    throw new ValidationError(`address must be at most ${ADDRESS_MAX} characters.`, {
      field: 'address',
      max: ADDRESS_MAX,
    });
  return address;
}

/** An IANA time zone this runtime knows (America/Sao_Paulo); absent: unchanged. */
function parseTimeZone(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string' || raw.length > 64 || !Intl.supportedValuesOf('timeZone').includes(raw))
    throw new ValidationError('timeZone must be an IANA time zone such as America/Sao_Paulo.', {
      field: 'timeZone',
    });
  return raw;
}
