/**
 * The audit log: who (an account, or the system's grace sweep) did what (an operation, its queue, a ticket's
 * number — never a waiting person's name or contact), when, from which request. Entries are kept by the queue's
 * venue; owners and managers of a venue read its entries. A change made through a queue's transaction writes its
 * entry in that transaction; joins by staff, queue creation and deletion, and message retries write theirs right
 * after they commit.
 */
import type { Deps } from './deps';
import { ValidationError } from './errors';
import { requireOwner } from './identity';
import type { Identity, Queue } from './model';
import type { AuditEntry, AuditFilter, AuditOperation, Page } from './ports';
import { nextTokenOf } from './queues';
import { venuesWhere } from './roles';
import { LIMITS, parseId, parseLimit } from './validation';

export const AUDIT_OPERATIONS: readonly AuditOperation[] = [
  'CREATE_QUEUE',
  'UPDATE_QUEUE',
  'SET_QUEUE_STATUS',
  'DELETE_QUEUE',
  'ADD_TICKET',
  'CALL_NEXT',
  'RECALL',
  'SERVE',
  'NO_SHOW',
  'REMOVE',
  'RETURN',
  'NEW_LINK',
  'RETRY_MESSAGE',
  'GRACE_NO_SHOW',
  'INVITE',
  'REVOKE_INVITATION',
  'ACCEPT_INVITATION',
  'CHANGE_ROLE',
  'REMOVE_MEMBER',
  'ERASE_PERSON',
];

/** The actor of what the system does on its own (the grace sweep). */
export const SYSTEM_ACTOR = 'system';

/** Audit entries are kept this long unless the deployment says otherwise (AUDIT_RETENTION_DAYS). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

const DAY = 24 * 60 * 60 * 1000;

/** One entry: `accountId` did `operation` to `queue` (and the ticket numbered `ticketNumber`), now. */
export function auditEntry(
  deps: Deps,
  accountId: string,
  operation: AuditOperation,
  /** The queue acted on, or only its venue (people, invitations). */
  queue: Pick<Queue, 'venueId'> & Partial<Pick<Queue, 'id' | 'name'>>,
  ticketNumber: number | null = null,
  detail: string | null = null,
): AuditEntry {
  return {
    id: deps.newId(),
    venueId: queue.venueId,
    at: deps.now(),
    accountId,
    operation,
    queueId: queue.id ?? null,
    queueName: queue.name ?? null,
    ticketNumber,
    detail: detail === null ? null : detail.slice(0, 255),
    requestId: deps.requestId ?? null,
  };
}

/** Writes an entry outside a queue's transaction (after a change that has none); a failure is logged. */
export async function recordAudit(deps: Deps, entry: AuditEntry): Promise<void> {
  try {
    await deps.queues.recordAudit(entry);
  } catch (error) {
    deps.log.error('audit entry not written', {
      operation: entry.operation,
      queueId: entry.queueId,
      error: String(error),
    });
  }
}

export interface AuditView extends AuditEntry {
  /** The account's name, or null for the system or an account gone. */
  accountName: string | null;
}

/** The audit log of the venues where the caller is an owner or a manager, newest first, filtered. */
export async function auditLog(
  deps: Deps,
  identity: Identity,
  args: {
    from?: unknown;
    to?: unknown;
    queueId?: unknown;
    operation?: unknown;
    accountId?: unknown;
    limit?: unknown;
    nextToken?: unknown;
  },
): Promise<Page<AuditView>> {
  const accountId = requireOwner(identity);
  const venueIds = await venuesWhere(deps, accountId, 'AUDIT');
  const filter: AuditFilter = {
    from: parseTime('from', args.from),
    to: parseTime('to', args.to),
    queueId: args.queueId === undefined || args.queueId === null ? null : parseId('queueId', args.queueId),
    operation: parseOperation(args.operation),
    accountId:
      args.accountId === undefined || args.accountId === null ? null : parseId('accountId', args.accountId),
  };
  const page = await deps.queues.auditLog(
    venueIds,
    filter,
    parseLimit(args.limit, 50, LIMITS.pageMax),
    nextTokenOf(args.nextToken),
  );
  const names = new Map<string, string | null>();
  for (const id of new Set(page.items.map((e) => e.accountId)))
    names.set(id, id === SYSTEM_ACTOR ? null : ((await deps.accounts.byId(id))?.name ?? null));
  return {
    items: page.items.map((e) => ({ ...e, accountName: names.get(e.accountId) ?? null })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** Deletes the entries older than the retention, in batches; how many went. */
export async function purgeAudit(deps: Deps, batch = 1000): Promise<number> {
  const before = deps.now() - (deps.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS) * DAY;
  let purged = 0;
  for (let n = batch; n === batch; purged += n) n = await deps.queues.purgeAudit(before, batch);
  return purged;
}

function parseTime(field: string, raw: unknown): number | null {
  if (raw === undefined || raw === null) return null;
  const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (Number.isNaN(at)) throw new ValidationError(`${field} must be a date and time.`, { field });
  return at;
}

function parseOperation(raw: unknown): AuditOperation | null {
  if (raw === undefined || raw === null) return null;
  if (!AUDIT_OPERATIONS.includes(raw as AuditOperation))
    throw new ValidationError('operation must be one of the audit operations.', { field: 'operation' });
  return raw as AuditOperation;
}
