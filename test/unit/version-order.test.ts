import { describe, expect, it } from 'vitest';
import type { TriggerMessage } from '../../local/gateway/fanout';
import { VersionOrder } from '../../local/gateway/ordering';

const event = (queueId: string, version: number): TriggerMessage => ({
  mutation: 'publishQueueEvent',
  payload: { queueId, version },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ordered(holdMs = 50) {
  const delivered: string[] = [];
  const order = new VersionOrder((m) => delivered.push(`${m.payload.queueId}@${m.payload.version}`), {
    holdMs,
  });
  return {
    order,
    delivered,
    send: (q: string, ...versions: number[]) => versions.forEach((v) => order.accept(event(q, v))),
  };
}

describe("each queue's events in version order at the receiving instance", () => {
  it('given versions out of order within the hold, then they are delivered in order, queues independently', () => {
    const { send, delivered } = ordered();
    send('a', 1);
    send('b', 7);
    send('a', 3, 4);
    send('b', 9);
    send('a', 2);
    send('b', 8);
    expect(delivered).toEqual(['a@1', 'b@7', 'a@2', 'a@3', 'a@4', 'b@8', 'b@9']);
  });

  it('given a version that never arrives, then the held ones go on in order after the hold and the gap stays visible', async () => {
    const { send, delivered } = ordered(30);
    send('a', 1, 3, 5, 4);
    expect(delivered).toEqual(['a@1']);
    await sleep(60);
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4', 'a@5']);
    send('a', 2, 6);
    // 2 is older than what subscribers already have: dropped; 6 follows at once.
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4', 'a@5', 'a@6']);
  });

  it('given duplicates and stragglers, then each version is delivered once and none goes backwards', () => {
    const { order, send, delivered } = ordered();
    send('a', 5, 5, 6, 4, 6, 7);
    expect(delivered).toEqual(['a@5', 'a@6', 'a@7']);
    expect(order.dropped).toBe(3);
  });

  it('given triggers without a queue id and version, then they pass straight through', () => {
    const delivered: TriggerMessage[] = [];
    const order = new VersionOrder((m) => delivered.push(m));
    const other = { mutation: 'other', payload: { id: 'x' } };
    order.accept(other);
    expect(delivered).toEqual([other]);
  });

  it('given more queues than it remembers, then the oldest are forgotten (memory stays bounded)', () => {
    const delivered: string[] = [];
    const order = new VersionOrder((m) => delivered.push(String(m.payload.queueId)), { maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) order.accept(event(`q${i}`, 1));
    expect(delivered).toHaveLength(10_000);
    expect((order as unknown as { streams: Map<string, unknown> }).streams.size).toBe(100);
  });
});
