import { describe, expect, it } from 'vitest';
import type { TriggerMessage } from '../../local/gateway/fanout';
import { buildSchema, parse } from 'graphql';
import { SubscriptionHub } from '../../local/gateway/hub';
import { VersionOrder } from '../../local/gateway/ordering';

const event = (queueId: string, version: number): TriggerMessage => ({
  mutation: 'publishQueueEvent',
  payload: { queueId, version },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOLD = 30;

function ordered() {
  const delivered: string[] = [];
  const order = new VersionOrder((m) => delivered.push(`${m.payload.queueId}@${m.payload.version}`), {
    holdMs: HOLD,
  });
  const send = (q: string, ...versions: number[]) => versions.forEach((v) => order.accept(event(q, v)));
  return { order, delivered, send };
}

describe("each queue's events in version order at the receiving instance", () => {
  it('given a queue new to this instance whose first versions arrive out of order, then they are collected and delivered in order', async () => {
    const { send, delivered } = ordered();
    send('a', 4, 2, 3);
    expect(delivered).toEqual([]);
    await sleep(HOLD * 2);
    expect(delivered).toEqual(['a@2', 'a@3', 'a@4']);
  });

  it('given a known queue, then versions out of order within the hold come out in order, queues independently', async () => {
    const { send, delivered } = ordered();
    send('a', 1);
    send('b', 7);
    await sleep(HOLD * 2);
    send('a', 3, 4);
    send('b', 9);
    send('a', 2);
    send('b', 8);
    expect(delivered).toEqual(['a@1', 'b@7', 'a@2', 'a@3', 'a@4', 'b@8', 'b@9']);
  });

  it('given a version that never arrives, then the held ones go on in order after the hold and the gap stays visible', async () => {
    const { send, delivered } = ordered();
    send('a', 1);
    await sleep(HOLD * 2);
    send('a', 3, 5, 4);
    expect(delivered).toEqual(['a@1']);
    await sleep(HOLD * 2);
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4', 'a@5']);
    send('a', 2, 6);
    // 2 is older than what subscribers already have: dropped; 6 follows at once.
    expect(delivered).toEqual(['a@1', 'a@3', 'a@4', 'a@5', 'a@6']);
  });

  it('given a steady stream of reorderings, then each gap gets the full hold, counted from the last version that went out', async () => {
    const { send, delivered } = ordered();
    send('a', 1);
    await sleep(HOLD * 2);
    send('a', 3, 6); // 3 waits for 2, 6 for 4 and 5
    await sleep(HOLD * 0.6);
    send('a', 2); // 2 and 3 go out; 6 still waits
    await sleep(HOLD * 0.6); // past a hold since 6 arrived, not since 3 went out
    send('a', 4, 5);
    expect(delivered).toEqual(['a@1', 'a@2', 'a@3', 'a@4', 'a@5', 'a@6']);
  });

  it('given a queue new to this instance whose first versions still have a gap when the collecting ends, then the run before the gap goes out and the rest waits for it', async () => {
    const { send, delivered } = ordered();
    send('a', 2, 3, 5);
    await sleep(HOLD * 1.3);
    expect(delivered).toEqual(['a@2', 'a@3']);
    send('a', 4);
    expect(delivered).toEqual(['a@2', 'a@3', 'a@4', 'a@5']);
  });

  it('given duplicates and stragglers, then each version is delivered once and none goes backwards', async () => {
    const { order, send, delivered } = ordered();
    send('a', 5, 5);
    await sleep(HOLD * 2);
    send('a', 6, 4, 6, 7);
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

  it('given more queues than it remembers, then the oldest are forgotten, their held versions delivered (memory stays bounded)', () => {
    const delivered: string[] = [];
    const order = new VersionOrder((m) => delivered.push(String(m.payload.queueId)), { maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) order.accept(event(`q${i}`, 1));
    expect(delivered).toHaveLength(9_900);
    order.close();
    expect(delivered).toHaveLength(10_000);
    expect((order as unknown as { streams: Map<string, unknown> }).streams.size).toBe(100);
  });
});

describe('an event held for ordering reaches only the subscriptions that existed when it arrived', () => {
  it('given a subscription started after the event reached the instance, then it does not get that event, only later ones', () => {
    const schema = buildSchema(
      'type Query { a: Int } type Event { queueId: String version: Int } type Subscription { e: Event }',
    );
    const hub = new SubscriptionHub(schema);
    const spec = {
      document: parse('subscription { e { version } }'),
      variables: {},
      mutations: ['m'],
      args: {},
      filter: undefined,
    };
    const early: number[] = [];
    const late: number[] = [];
    const versionOf = (json: string) =>
      (JSON.parse(json) as { data: { e: { version: number } } }).data.e.version;
    hub.add(spec, (json) => early.push(versionOf(json)));
    const arrivedBefore = hub.arrive();
    hub.add(spec, (json) => late.push(versionOf(json)));
    hub.deliver({ mutation: 'm', payload: { queueId: 'a', version: 2 } }, arrivedBefore);
    hub.deliver({ mutation: 'm', payload: { queueId: 'a', version: 3 } });
    expect(early).toEqual([2, 3]);
    expect(late).toEqual([3]);
  });
});
