import { describe, expect, it } from 'vitest';
import {
  initialTicketState,
  ticketReducer,
  type QueueEventSnapshot,
  type TicketSnapshot,
  type TicketState,
} from './ticket-state';

const view = (overrides: Partial<TicketSnapshot> = {}): TicketSnapshot => ({
  ticketId: 't5',
  queueId: 'q1',
  queueName: 'Padaria',
  queueDescription: null,
  queueStatus: 'OPEN',
  name: 'Cláudia',
  number: 5,
  status: 'WAITING',
  position: 3,
  waitingCount: 6,
  nowServing: 1,
  estimatedWait: { lowSeconds: 300, highSeconds: 420 },
  calledMessage: null,
  alertAhead: null,
  counter: null,
  snoozePlaces: null,
  snoozesLeft: 0,
  privacy: { keptBy: 'Padaria', retentionDays: 30 },
  version: 10,
  ...overrides,
});
/** An event about ticket `ticketNumber`: one ahead of number 5 leaves from the front, one behind from the back. */
const event = (
  version: number,
  kind: string,
  ticketNumber: number | null,
  waitingCount: number,
  nowServing = 1,
): QueueEventSnapshot => ({
  version,
  kind,
  ticketNumber,
  waitingCount,
  nowServing,
  fromPosition: ticketNumber === null || kind === 'JOINED' ? null : ticketNumber < 5 ? 1 : waitingCount + 1,
  toPosition: kind === 'JOINED' ? waitingCount : null,
});
const read = (v = view()): TicketState => ticketReducer(initialTicketState, { type: 'read', view: v });
const apply = (state: TicketState, ...events: QueueEventSnapshot[]) =>
  events.reduce((s, e) => ticketReducer(s, { type: 'event', event: e }), state);

describe("the ticket page's position logic", () => {
  it('given events in order, then the person ahead being called and another leaving move a 3rd person to 1st, and the estimate follows', () => {
    const state = apply(read(), event(11, 'CALLED', 2, 5, 2), event(12, 'LEFT', 4, 4, 2));
    expect(state.view).toMatchObject({
      position: 1,
      waitingCount: 4,
      nowServing: 2,
      version: 12,
      estimatedWait: { lowSeconds: 100, highSeconds: 140 },
    });
    expect(state.rereads).toBe(0);
  });

  it('given a gap in versions that does not fill, then nothing is guessed and the page re-reads once the hold ends', () => {
    const held = apply(read(), event(12, 'CALLED', 2, 5));
    expect(held.view).toMatchObject({ position: 3, version: 10 });
    expect(held.rereads).toBe(0);
    const timedOut = ticketReducer(held, { type: 'gap-timeout' });
    expect(timedOut.rereads).toBe(1);
    expect(timedOut.early).toEqual([]);
  });

  it('given two events arriving in reverse order, then both apply in version order and nothing is re-read', () => {
    // 12 (someone ahead called) arrives before 11 (someone ahead leaves).
    const state = apply(read(), event(12, 'CALLED', 2, 4, 2), event(11, 'LEFT', 4, 5));
    expect(state.view).toMatchObject({ position: 1, waitingCount: 4, nowServing: 2, version: 12 });
    expect(state.early).toEqual([]);
    expect(ticketReducer(state, { type: 'gap-timeout' }).rereads).toBe(0);
  });

  it('given an early event, when a read already reflects it, then it is dropped and the read stands', () => {
    const held = apply(read(), event(12, 'CALLED', 2, 5));
    const state = ticketReducer(held, {
      type: 'read',
      view: view({ position: 2, waitingCount: 5, version: 12 }),
    });
    expect(state.view).toMatchObject({ position: 2, version: 12 });
    expect(state.early).toEqual([]);
  });

  it('given more early events than the page keeps, then it re-reads at once', () => {
    const early = Array.from({ length: 51 }, (_, i) => event(12 + i, 'JOINED', 100 + i, 7 + i));
    const state = apply(read(), ...early);
    expect(state.rereads).toBe(1);
    expect(state.view?.version).toBe(10);
  });

  it('given a duplicate event, then it is applied once', () => {
    const state = apply(read(), event(11, 'CALLED', 2, 5), event(11, 'CALLED', 2, 5));
    expect(state.view).toMatchObject({ position: 2, version: 11 });
  });

  it('given an out-of-order old event, then it is ignored', () => {
    const state = apply(read(), event(11, 'CALLED', 2, 5), event(9, 'REMOVED', 3, 4));
    expect(state.view).toMatchObject({ position: 2, version: 11 });
    expect(state.rereads).toBe(0);
  });

  it("given the person's own call, then the page re-reads to show the called screen, and alerts once it does", () => {
    let state = apply(read(view({ position: 1 })), event(11, 'CALLED', 5, 5, 5));
    expect(state.rereads).toBe(1);
    expect(state.alerts).toBe(0);
    state = ticketReducer(state, {
      type: 'read',
      view: view({ status: 'CALLED', position: null, calledMessage: 'Balcão 2', version: 11 }),
    });
    expect(state.view?.status).toBe('CALLED');
    expect(state.alerts).toBe(1);
    state = apply(state, event(12, 'RECALLED', 5, 5, 5));
    expect(state.alerts).toBe(2);
  });

  it('given a read older than what the events already showed, then the newer view stays', () => {
    const state = apply(read(), event(11, 'CALLED', 2, 5));
    expect(ticketReducer(state, { type: 'read', view: view({ version: 10 }) }).view?.version).toBe(11);
  });

  it('given no ticket for the token, then the page says not found', () => {
    expect(ticketReducer(initialTicketState, { type: 'read', view: null }).phase).toBe('notfound');
  });

  it('given a queue edit, then the page re-reads for its new name or status', () => {
    expect(apply(read(), event(11, 'QUEUE_UPDATED', null, 6)).rereads).toBe(1);
  });
});
