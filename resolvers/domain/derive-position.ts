/**
 * The waiting person's position rule, shared by the server's tests and the client app: pure, with
 * no imports, so the client bundles exactly this file.
 */
export interface DerivableEvent {
  version: number;
  kind: string;
  ticketNumber: number | null;
  waitingCount: number;
  /** The waiting position the event's ticket left, and the one it took (null: none). */
  fromPosition?: number | null;
  toPosition?: number | null;
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

/**
 * Derives a waiting client's position from one queue event. Events at or below the known version are
 * old news; any version other than known + 1 is a gap. A ticket that leaves the line ahead of this one
 * (`fromPosition` before it) moves it up one; a ticket that takes a place at or ahead of it (`toPosition`,
 * counted after that) moves it down one — a move back past it does both, a move within the ones ahead neither.
 */
export function derivePosition(known: KnownPosition, event: DerivableEvent): Derivation {
  if (event.version <= known.version) return { kind: 'unchanged' };
  if (event.version !== known.version + 1) return { kind: 'reread' };
  const next: KnownPosition = { ...known, version: event.version, waitingCount: event.waitingCount };
  if (event.ticketNumber === known.ticketNumber && event.kind !== 'JOINED')
    return { kind: 'next', known: next, self: true };
  if (next.position !== null) {
    if (event.fromPosition != null && event.fromPosition < next.position) next.position -= 1;
    if (event.toPosition != null && event.toPosition <= next.position) next.position += 1;
  }
  return { kind: 'next', known: next, self: false };
}
