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
  version: 10,
  ...overrides,
});
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

  it('given a gap in versions, then nothing is guessed and the page re-reads', () => {
    const state = apply(read(), event(12, 'CALLED', 2, 5));
    expect(state.view?.position).toBe(3);
    expect(state.rereads).toBe(1);
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
