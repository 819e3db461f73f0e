import type { WaitingEntry } from '../../domain/model';
import type { ApplyResult, IndexChange, PositionIndex } from '../../domain/ports';

/**
 * Counts of waiting tickets by number (a Fenwick tree): adding, removing and ranking are O(log n).
 * Ticket numbers only grow, so the tree doubles when a number passes its size.
 */
class WaitingLine {
  private tree = new Int32Array(1024);
  private readonly numbers = new Map<string, number>();

  constructor(public version: number) {}

  static of(version: number, waiting: WaitingEntry[]): WaitingLine {
    const line = new WaitingLine(version);
    for (const entry of waiting) line.add(entry);
    return line;
  }

  add({ ticketId, number }: WaitingEntry): void {
    if (this.numbers.has(ticketId)) return;
    while (number >= this.tree.length) this.grow();
    this.numbers.set(ticketId, number);
    this.update(number, 1);
  }

  remove(ticketId: string): void {
    const number = this.numbers.get(ticketId);
    if (number === undefined) return;
    this.numbers.delete(ticketId);
    this.update(number, -1);
  }

  position(ticketId: string): number | null {
    const number = this.numbers.get(ticketId);
    return number === undefined ? null : this.prefix(number);
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
    for (const number of this.numbers.values()) this.update(number, 1);
  }
}

/** The embedded mode's position index: the same semantics as Redis, in this process's memory. */
export class MemoryPositionIndex implements PositionIndex {
  private readonly lines = new Map<string, WaitingLine>();

  async apply(queueId: string, from: number, changes: IndexChange[]): Promise<ApplyResult> {
    const line = this.lines.get(queueId);
    const last = from + changes.length - 1;
    if (line && line.version >= last) return 'ahead';
    if (!line || line.version < from - 1) return 'behind';
    for (const change of changes.slice(line.version - from + 1)) {
      if (change.add) line.add(change.add);
      if (change.remove) line.remove(change.remove);
    }
    line.version = last;
    return 'applied';
  }

  async rebuild(queueId: string, version: number, waiting: WaitingEntry[]): Promise<void> {
    const line = this.lines.get(queueId);
    if (line && line.version >= version) return;
    this.lines.set(queueId, WaitingLine.of(version, waiting));
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
