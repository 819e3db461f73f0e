import { randomUUID } from 'node:crypto';
import type { Queue, Ticket } from '../../resolvers/domain/model';

/** A queue record as the domain creates it; override what a case cares about. */
export function aQueue(overrides: Partial<Queue> = {}): Queue {
  const at = overrides.createdAt ?? Date.now();
  const ownerId = overrides.ownerId ?? randomUUID();
  return {
    id: randomUUID(),
    ownerId,
    // The owner's default venue, as createQueue makes it.
    venueId: ownerId,
    name: 'Clínica São José 🏥',
    description: 'Walk-ins welcome',
    calledMessage: 'Please come to desk 2',
    status: 'OPEN',
    selfJoin: true,
    serveOnNext: true,
    capacity: null,
    alertAhead: null,
    messageTemplates: [],
    counters: [],
    onePerContact: false,
    presence: 'OFF',
    graceMinutes: null,
    graceCallsNext: false,
    snoozePlaces: null,
    snoozeLimit: 1,
    version: 1,
    nextNumber: 1,
    waitingCount: 0,
    waitingPeople: 0,
    nowServing: null,
    lastCalledAt: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aTicket(queue: Queue, number: number, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: randomUUID(),
    queueId: queue.id,
    number,
    name: `Person ${number}`,
    email: null,
    phone: null,
    status: 'WAITING',
    source: 'STAFF',
    joinedAt: queue.createdAt + number * 1000,
    calledAt: null,
    finishedAt: null,
    quote: null,
    language: 'en',
    almostAt: null,
    counter: null,
    partySize: 1,
    place: number,
    snoozes: 0,
    ...overrides,
  };
}
