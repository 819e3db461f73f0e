import type { Deps } from './deps';
import type { Queue, Ticket } from './model';
import type { IndexChange } from './ports';

/** Replaces the queue's index with SQL's view; concurrent callers for one queue share one rebuild. */
export function rebuildIndex(deps: Deps, queueId: string): Promise<void> {
  return deps.indexRebuilds.run(queueId, async () => {
    const snapshot = await deps.queues.waitingSnapshot(queueId);
    if (!snapshot) return deps.positions.drop(queueId);
    await deps.positions.rebuild(queueId, snapshot.version, snapshot.waiting);
    deps.log.info('position index rebuilt', {
      queueId,
      version: snapshot.version,
      waiting: snapshot.waiting.length,
    });
  });
}

/**
 * Brings the index up to one commit's changes (consecutive versions, in order) in one call. SQL already holds
 * the truth, so a failure here is logged and healed later: an index that is behind is rebuilt on its next
 * read or change.
 */
export async function syncIndex(
  deps: Deps,
  queueId: string,
  changes: { version: number; change: IndexChange }[],
): Promise<void> {
  if (changes.length === 0) return;
  try {
    const applied = await deps.positions.apply(
      queueId,
      changes[0]!.version,
      changes.map(({ change }) => change),
    );
    if (applied === 'behind') await rebuildIndex(deps, queueId);
  } catch (error) {
    deps.log.warn('position index not updated', {
      queueId,
      version: changes.at(-1)!.version,
      error: String(error),
    });
  }
}

/** Forgets the queue's index (its next read rebuilds it from SQL): after a change the changes cannot express. */
export async function dropIndex(deps: Deps, queueId: string): Promise<void> {
  try {
    await deps.positions.drop(queueId);
  } catch (error) {
    deps.log.warn('position index not dropped', { queueId, error: String(error) });
  }
}

export interface PositionRead {
  position: number | null;
  /** The queue version the position reflects. */
  version: number;
}

/**
 * A ticket's position: from the index in O(log n) when it is at least as new as `queue` (rebuilt when it is
 * missing or behind), from SQL while the index is unreachable.
 */
export async function positionOf(deps: Deps, queue: Queue, ticket: Ticket): Promise<PositionRead> {
  if (ticket.status !== 'WAITING') return { position: null, version: queue.version };
  try {
    let hit = await deps.positions.position(queue.id, ticket.id);
    if (!hit || hit.version < queue.version) {
      await rebuildIndex(deps, queue.id);
      hit = await deps.positions.position(queue.id, ticket.id);
    }
    if (hit && hit.version >= queue.version && hit.position !== null) return hit;
  } catch (error) {
    deps.log.warn('position index unavailable, reading SQL', { queueId: queue.id, error: String(error) });
  }
  const ahead = await deps.queues.countWaitingBefore(queue.id, ticket.place);
  return { position: ahead + 1, version: queue.version };
}

export { derivePosition, type Derivation, type KnownPosition } from './derive-position';
