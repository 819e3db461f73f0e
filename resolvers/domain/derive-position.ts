/**
 * The waiting person's position rule, shared by the server's tests and the client app: pure, with
 * no imports, so the client bundles exactly this file.
 */
export interface DerivableEvent {
  version: number;
  kind: string;
  ticketNumber: number | null;
  waitingCount: number;
}

/** What a client knows of its ticket: its number, its position, the queue's waiting count, and their version. */
export interface KnownPosition {
  ticketNumber: number;
  position: number | null;
  waitingCount: number;
  version: number;
}

export type Derivation =
  | { kind: 'unchanged' }
  /** `self`: the event is about this ticket (called, removed, …); re-read to learn its new status. */
  | { kind: 'next'; known: KnownPosition; self: boolean }
  /** A gap, or anything the event cannot settle: re-read the ticket. */
  | { kind: 'reread' };

const LEAVES_WAITING = new Set(['CALLED', 'REMOVED', 'LEFT']);

/**
 * Derives a waiting client's position from one queue event. Events at or below the known version are
 * old news; any version other than known + 1 is a gap. A ticket ahead that leaves the waiting line (the
 * waiting count drops by one) moves this one up; a called ticket that is then removed does not.
 */
export function derivePosition(known: KnownPosition, event: DerivableEvent): Derivation {
  if (event.version <= known.version) return { kind: 'unchanged' };
  if (event.version !== known.version + 1) return { kind: 'reread' };
  const next: KnownPosition = { ...known, version: event.version, waitingCount: event.waitingCount };
  if (event.ticketNumber === known.ticketNumber && event.kind !== 'JOINED')
    return { kind: 'next', known: next, self: true };
  const aheadLeft =
    LEAVES_WAITING.has(event.kind) &&
    event.waitingCount === known.waitingCount - 1 &&
    event.ticketNumber !== null &&
    event.ticketNumber < known.ticketNumber;
  if (aheadLeft && known.position !== null) next.position = known.position - 1;
  return { kind: 'next', known: next, self: false };
}
