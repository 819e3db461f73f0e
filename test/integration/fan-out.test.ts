import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { InProcessFanOut, RedisFanOut, type FanOut, type TriggerMessage } from '../../local/gateway/fanout';
import { TEST_REDIS_URL } from '../support/services';

const message = (version: number): TriggerMessage => ({
  mutation: 'publishQueueEvent',
  payload: { queueId: 'q1', version },
});

function collect(fanOut: FanOut): TriggerMessage[] {
  const received: TriggerMessage[] = [];
  fanOut.listen((m) => received.push(m));
  return received;
}

const until = async (done: () => boolean) => {
  for (let waited = 0; !done() && waited < 2000; waited += 10) await new Promise((r) => setTimeout(r, 10));
};

describe('in-process fan-out', () => {
  it('given a burst of triggers, then every listener gets each one, in order', async () => {
    const fanOut = new InProcessFanOut();
    const [a, b] = [collect(fanOut), collect(fanOut)];
    await Promise.all([1, 2, 3].map((v) => fanOut.publish(message(v))));
    expect(a.map((m) => m.payload.version)).toEqual([1, 2, 3]);
    expect(b).toEqual(a);
  });
});

describe.skipIf(!inject('services').redis)('Redis fan-out between instances', () => {
  const opened: FanOut[] = [];
  const open = async (
    url = TEST_REDIS_URL,
    channel = `qmtest:${randomBytes(6).toString('hex')}:triggers`,
  ) => {
    const fanOut = await RedisFanOut.connect(url, channel);
    opened.push(fanOut);
    return fanOut;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((f) => f.close()));
  });

  it('given a commit’s triggers published together, then both instances receive all of them, in order', async () => {
    const channel = `qmtest:${randomBytes(6).toString('hex')}:triggers`;
    const [one, two] = [await open(TEST_REDIS_URL, channel), await open(TEST_REDIS_URL, channel)];
    const [onOne, onTwo] = [collect(one), collect(two)];
    const raw = new Redis(TEST_REDIS_URL);
    const wire: string[] = [];
    raw.on('message', (_channel: string, text: string) => wire.push(text));
    await raw.subscribe(channel);
    await Promise.all(Array.from({ length: 50 }, (_, i) => one.publish(message(i + 1))));
    await one.publish(message(51));
    await until(() => onOne.length === 51 && onTwo.length === 51 && wire.length === 2);
    const expected = Array.from({ length: 51 }, (_, i) => i + 1);
    expect(onOne.map((m) => m.payload.version)).toEqual(expected);
    expect(onTwo.map((m) => m.payload.version)).toEqual(expected);
    // The 50 published in one turn travelled as one Redis message, the 51st as another.
    expect(wire).toHaveLength(2);
    raw.disconnect();
  });

  it('given Redis cannot take the triggers, then this instance’s own subscribers still get them', async () => {
    const fanOut = await open();
    const received = collect(fanOut);
    // Cut the publishing connection: the publish fails, the local delivery happens anyway.
    (fanOut as unknown as { publisher: { disconnect(): void } }).publisher.disconnect();
    const results = await Promise.allSettled([fanOut.publish(message(1)), fanOut.publish(message(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(received.map((m) => m.payload.version)).toEqual([1, 2]);
  });
});
