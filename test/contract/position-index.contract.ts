import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WaitingEntry } from '../../resolvers/domain/model';
import { MAX_HELD_CHANGES, type PositionIndex } from '../../resolvers/domain/ports';

export interface PositionIndexHarness {
  index: PositionIndex;
  cleanup(): Promise<void>;
}

const entry = (number: number): WaitingEntry => ({ ticketId: randomUUID(), place: number });

/** The same cases for every PositionIndex implementation (in-process, Redis). */
export function positionIndexContract(
  name: string,
  open: () => Promise<PositionIndexHarness>,
  enabled = true,
): void {
  describe.skipIf(!enabled)(`PositionIndex contract: ${name}`, () => {
    let harness: PositionIndexHarness;
    let index: PositionIndex;
    beforeAll(async () => {
      harness = await open();
      index = harness.index;
    });
    afterAll(() => harness?.cleanup());

    it('given no index for a queue, then positions are unknown and any change reports it is behind', async () => {
      const queueId = randomUUID();
      expect(await index.position(queueId, randomUUID())).toBeUndefined();
      expect(await index.apply(queueId, 2, [{ add: entry(1) }])).toBe('behind');
    });

    it('given a queue of three, when the head is called, then the last one is 2nd', async () => {
      const queueId = randomUUID();
      const [a, b, c] = [entry(1), entry(2), entry(3)];
      await index.rebuild(queueId, 1, []);
      expect(await index.apply(queueId, 2, [{ add: a }])).toBe('applied');
      expect(await index.apply(queueId, 3, [{ add: b }])).toBe('applied');
      expect(await index.apply(queueId, 4, [{ add: c }])).toBe('applied');
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 4, position: 3 });
      expect(await index.apply(queueId, 5, [{ remove: a.ticketId }])).toBe('applied');
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 5, position: 2 });
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 5, position: null });
    });

    it('given one commit of several changes, then they apply in order in one call', async () => {
      const queueId = randomUUID();
      const [a, b, c] = [entry(1), entry(2), entry(3)];
      await index.rebuild(queueId, 1, []);
      expect(
        await index.apply(queueId, 2, [{ add: a }, { add: b }, { remove: a.ticketId }, { add: c }]),
      ).toBe('applied');
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 5, position: null });
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 5, position: 2 });
    });

    it('given an index that already has the start of a run, then only the rest is applied', async () => {
      const queueId = randomUUID();
      const [a, b, c] = [entry(1), entry(2), entry(3)];
      await index.rebuild(queueId, 3, [a, b]);
      // Versions 2 and 3 (adding a and b) are in the snapshot; 4 removes a, 5 adds c.
      expect(
        await index.apply(queueId, 2, [{ add: a }, { add: b }, { remove: a.ticketId }, { add: c }]),
      ).toBe('applied');
      expect(await index.position(queueId, b.ticketId)).toEqual({ version: 5, position: 1 });
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 5, position: 2 });
      expect(await index.apply(queueId, 4, [{ add: entry(9) }, { add: entry(10) }])).toBe('ahead');
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 5, position: 2 });
    });

    it('given a run that arrives before the version it follows, then it is held until that version arrives', async () => {
      const queueId = randomUUID();
      const [a, b, c] = [entry(1), entry(2), entry(3)];
      await index.rebuild(queueId, 1, [a]);
      // Version 2 (adding b) is still on its way when 3 and 4 (removing a, adding c) arrive.
      expect(await index.apply(queueId, 3, [{ remove: a.ticketId }, { add: c }])).toBe('held');
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 1, position: 1 });
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 1, position: null });
      expect(await index.apply(queueId, 2, [{ add: b }])).toBe('applied');
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 4, position: null });
      expect(await index.position(queueId, b.ticketId)).toEqual({ version: 4, position: 1 });
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 4, position: 2 });
    });

    it('given 200 single changes arriving in shuffled order, then the index ends exactly as in order', async () => {
      const queueId = randomUUID();
      const entries = Array.from({ length: 200 }, (_, i) => entry(i + 1));
      await index.rebuild(queueId, 1, []);
      const order = entries.map((_, i) => i).sort(() => Math.random() - 0.5);
      await Promise.all(order.map((i) => index.apply(queueId, i + 2, [{ add: entries[i]! }])));
      const positions = await Promise.all(entries.map((e) => index.position(queueId, e.ticketId)));
      expect(positions).toEqual(entries.map((_, i) => ({ version: 201, position: i + 1 })));
    });

    it('given held changes, when a snapshot covering some of them is swapped in, then only the later ones apply on top', async () => {
      const queueId = randomUUID();
      const [a, b, c] = [entry(1), entry(2), entry(3)];
      await index.rebuild(queueId, 1, []);
      expect(await index.apply(queueId, 3, [{ add: b }])).toBe('held');
      expect(await index.apply(queueId, 4, [{ add: c }])).toBe('held');
      // A reader rebuilt from SQL at version 3 (a and b): 3 is covered, 4 applies on top.
      await index.rebuild(queueId, 3, [a, b]);
      expect(await index.position(queueId, c.ticketId)).toEqual({ version: 4, position: 3 });
      expect(await index.apply(queueId, 2, [{ add: a }])).toBe('ahead');
    });

    it(`given more than ${MAX_HELD_CHANGES} changes waiting for a missing version, then the index reports it is behind`, async () => {
      const queueId = randomUUID();
      await index.rebuild(queueId, 1, []);
      const run = Array.from({ length: MAX_HELD_CHANGES }, (_, i) => ({ add: entry(i + 3) }));
      expect(await index.apply(queueId, 3, run)).toBe('held');
      expect(await index.apply(queueId, 3 + MAX_HELD_CHANGES, [{ add: entry(5000) }])).toBe('behind');
      expect(await index.position(queueId, run[0]!.add.ticketId)).toEqual({ version: 1, position: null });
    });

    it('given a ticket removed from the middle, then only those behind it move up', async () => {
      const queueId = randomUUID();
      const entries = [1, 2, 3, 4, 5].map(entry);
      await index.rebuild(queueId, 10, entries);
      await index.apply(queueId, 11, [{ remove: entries[2]!.ticketId }]);
      const positions = await Promise.all(entries.map((e) => index.position(queueId, e.ticketId)));
      expect(positions.map((p) => p?.position)).toEqual([1, 2, null, 3, 4]);
    });

    it('given a change already applied, when it comes again, then it is ignored as ahead', async () => {
      const queueId = randomUUID();
      const a = entry(1);
      await index.rebuild(queueId, 1, []);
      await index.apply(queueId, 2, [{ add: a }]);
      expect(await index.apply(queueId, 2, [{ add: entry(2) }])).toBe('ahead');
      expect(await index.apply(queueId, 1, [{ remove: a.ticketId }])).toBe('ahead');
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 2, position: 1 });
    });

    it('given an index at a newer version, when an older snapshot arrives, then the newer index stays', async () => {
      const queueId = randomUUID();
      const a = entry(1);
      await index.rebuild(queueId, 7, [a]);
      await index.rebuild(queueId, 5, []);
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 7, position: 1 });
      await index.rebuild(queueId, 8, []);
      expect(await index.position(queueId, a.ticketId)).toEqual({ version: 8, position: null });
    });

    it('given a large queue rebuilt from a snapshot, then positions follow ticket numbers, not insertion order', async () => {
      const queueId = randomUUID();
      const entries = Array.from({ length: 5000 }, (_, i) => entry(i * 2 + 1)).reverse();
      await index.rebuild(queueId, 3, entries);
      expect((await index.position(queueId, entries[0]!.ticketId))?.position).toBe(5000);
      expect((await index.position(queueId, entries[4999]!.ticketId))?.position).toBe(1);
      expect((await index.position(queueId, entries[2500]!.ticketId))?.position).toBe(2500);
    });

    it('given a dropped queue, then its positions are unknown', async () => {
      const queueId = randomUUID();
      const a = entry(1);
      await index.rebuild(queueId, 1, [a]);
      await index.drop(queueId);
      expect(await index.position(queueId, a.ticketId)).toBeUndefined();
    });
  });
}
