import type { WaitingEntry } from '../../domain/model';
import { MAX_HELD_CHANGES, type ApplyResult, type IndexChange, type PositionIndex } from '../../domain/ports';

/**
 * The waiting tickets by place, ranked in O(log n): whole places (a ticket's number, the usual case) are counts
 * in a Fenwick tree, which doubles when a place passes its size; the few places between two others (moved
 * tickets) are a sorted array beside it.
 */
class WaitingLine {
  private tree = new Int32Array(1024);
  private readonly between: number[] = [];
  private readonly places = new Map<string, number>();
  /** Changes that arrived before the versions they follow, by version. */
  readonly held = new Map<number, IndexChange>();

  constructor(public version: number) {}

  static of(version: number, waiting: WaitingEntry[]): WaitingLine {
    const line = new WaitingLine(version);
    for (const entry of waiting) line.add(entry);
    return line;
  }

  /** A change's removal first: a move removes a ticket and adds it back at its new place. */
  applyChange(change: IndexChange): void {
    if (change.remove) this.remove(change.remove);
    if (change.add) this.add(change.add);
  }

  /** Applies the held changes that follow this version, dropping those it already covers. */
  drainHeld(): void {
    for (const version of this.held.keys()) if (version <= this.version) this.held.delete(version);
    for (let change; (change = this.held.get(this.version + 1));) {
      this.held.delete(this.version + 1);
      this.applyChange(change);
      this.version += 1;
    }
  }

  add({ ticketId, place }: WaitingEntry): void {
    if (this.places.has(ticketId)) return;
    if (Number.isInteger(place) && place > 0) {
      while (place >= this.tree.length) this.grow();
      this.update(place, 1);
    } else this.between.splice(this.countBetween(place), 0, place);
    this.places.set(ticketId, place);
  }

  remove(ticketId: string): void {
    const place = this.places.get(ticketId);
    if (place === undefined) return;
    this.places.delete(ticketId);
    if (Number.isInteger(place) && place > 0) this.update(place, -1);
    else this.between.splice(this.countBetween(place), 1);
  }

  position(ticketId: string): number | null {
    const place = this.places.get(ticketId);
    if (place === undefined) return null;
    const whole = Math.min(Math.floor(place), this.tree.length - 1);
    return (
      (whole > 0 ? this.prefix(whole) : 0) +
      this.countBetween(place) +
      (Number.isInteger(place) && place > 0 ? 0 : 1)
    );
  }

  /** How many of the in-between places are below `place` (binary search). */
  private countBetween(place: number): number {
    let low = 0;
    let high = this.between.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.between[mid]! < place) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private update(index: number, delta: number): void {
    for (let i = index; i < this.tree.length; i += i & -i) this.tree[i]! += delta;
  }

  private prefix(index: number): number {
    let sum = 0;
    for (let i = index; i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }

  private grow(): void {
    const size = this.tree.length * 2;
    this.tree = new Int32Array(size);
    for (const place of this.places.values()) if (Number.isInteger(place) && place > 0) this.update(place, 1);
  }
}

/** The embedded mode's position index: the same semantics as Redis, in this process's memory. */
export class MemoryPositionIndex implements PositionIndex {
  private readonly lines = new Map<string, WaitingLine>();

  async apply(queueId: string, from: number, changes: IndexChange[]): Promise<ApplyResult> {
    const line = this.lines.get(queueId);
    const last = from + changes.length - 1;
    if (line && line.version >= last) return 'ahead';
    if (!line) return 'behind';
    if (line.version < from - 1) {
      if (line.held.size + changes.length > MAX_HELD_CHANGES) return 'behind';
      changes.forEach((change, i) => line.held.set(from + i, change));
      return 'held';
    }
    for (const change of changes.slice(line.version - from + 1)) line.applyChange(change);
    line.version = last;
    line.drainHeld();
    return 'applied';
  }

  async rebuild(queueId: string, version: number, waiting: WaitingEntry[]): Promise<void> {
    const line = this.lines.get(queueId);
    if (line && line.version >= version) return;
    const rebuilt = WaitingLine.of(version, waiting);
    for (const [held, change] of line?.held ?? []) rebuilt.held.set(held, change);
    rebuilt.drainHeld();
    this.lines.set(queueId, rebuilt);
  }

  async position(
    queueId: string,
    ticketId: string,
  ): Promise<{ version: number; position: number | null } | undefined> {
    const line = this.lines.get(queueId);
    return line && { version: line.version, position: line.position(ticketId) };
  }

  async drop(queueId: string): Promise<void> {
    this.lines.delete(queueId);
  }
}
