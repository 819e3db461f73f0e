import { derivePosition } from '../../../../resolvers/domain/derive-position';
import type { TicketFieldsFragment } from '../gql/graphql';

/** What the page knows of the ticket: the fields of TicketView it reads. */
export type TicketSnapshot = TicketFieldsFragment;
type WaitRange = NonNullable<TicketSnapshot['estimatedWait']>;

export interface QueueEventSnapshot {
  version: number;
  kind: string;
  ticketNumber?: number | null;
  waitingCount: number;
  nowServing?: number | null;
  fromPosition?: number | null;
  toPosition?: number | null;
}

export interface TicketState {
  phase: 'loading' | 'ready' | 'notfound' | 'failed';
  view: TicketSnapshot | undefined;
  /** The last read's estimate and the position it was for: between reads it scales with the position. */
  estimateBase: { range: WaitRange; position: number } | null;
  /** Increments whenever the page must re-read its ticket (a gap, its own change, a queue edit). */
  rereads: number;
  /** Increments whenever the person should be alerted (called, recalled). */
  alerts: number;
  /** Events that arrived before a version they follow, in version order, waiting (at most GAP_HOLD_MS). */
  early: QueueEventSnapshot[];
}

/**
 * How long an event that arrives before the versions it follows waits for them. Committers (Lambda invocations,
 * server instances) publish as they finish, so in a burst a version often arrives a little after the next one;
 * AppSync passes them on as they come. Waiting this long before re-reading saves a read per reordering.
 */
export const GAP_HOLD_MS = 250;
/** Early events kept at most; past it the page re-reads at once. */
const EARLY_MAX = 50;

export type TicketAction =
  | { type: 'read'; view: TicketSnapshot | null }
  | { type: 'failed' }
  | { type: 'event'; event: QueueEventSnapshot }
  /** GAP_HOLD_MS after events started waiting for earlier ones: re-read if they still wait. */
  | { type: 'gap-timeout' };

export const initialTicketState: TicketState = {
  phase: 'loading',
  view: undefined,
  estimateBase: null,
  rereads: 0,
  alerts: 0,
  early: [],
};

/** The server's range scaled to a derived position, until the next read brings the server's own. */
function estimate(base: TicketState['estimateBase'], position: number | null | undefined): WaitRange | null {
  if (!base || !position) return null;
  const scale = position / base.position;
  return {
    lowSeconds: Math.floor(base.range.lowSeconds * scale),
    highSeconds: Math.ceil(base.range.highSeconds * scale),
  };
}

/**
 * The ticket page's state. A read replaces the view unless it is older than what events already showed; each
 * event moves the position by derivePosition's rule, in version order (an early one waits for those before it,
 * see GAP_HOLD_MS), and anything an event cannot settle asks for a re-read.
 */
export function ticketReducer(state: TicketState, action: TicketAction): TicketState {
  switch (action.type) {
    case 'failed':
      return state.view ? state : { ...state, phase: 'failed' };
    case 'read': {
      if (!action.view) return { ...state, phase: 'notfound', view: undefined };
      if (state.view && action.view.version < state.view.version) return state;
      const view = action.view;
      const estimateBase =
        view.estimatedWait && view.position ? { range: view.estimatedWait, position: view.position } : null;
      const called = view.status === 'CALLED' && state.view?.status !== 'CALLED';
      return drainEarly({
        ...state,
        phase: 'ready',
        view,
        estimateBase,
        alerts: state.alerts + (called ? 1 : 0),
      });
    }
    case 'event': {
      const { view } = state;
      if (!view) return state;
      if (action.event.version <= view.version + 1) return drainEarly(applyEvent(state, action.event));
      if (state.early.length >= EARLY_MAX) return { ...state, early: [], rereads: state.rereads + 1 };
      const early = [...state.early.filter((e) => e.version !== action.event.version), action.event];
      return { ...state, early: early.sort((a, b) => a.version - b.version) };
    }
    case 'gap-timeout':
      return state.early.length > 0 ? { ...state, early: [], rereads: state.rereads + 1 } : state;
  }
}

/** Applies the early events that now follow the view's version, dropping those it already reflects. */
function drainEarly(state: TicketState): TicketState {
  let next = state;
  for (const event of state.early) {
    if (!next.view || event.version > next.view.version + 1) break;
    next = applyEvent(next, event);
  }
  const version = next.view?.version ?? Infinity;
  const early = state.early.filter((e) => e.version > version);
  return early.length === state.early.length && next === state ? state : { ...next, early };
}

/** One event at or below the next version: derivePosition's rule. */
function applyEvent(state: TicketState, event: QueueEventSnapshot): TicketState {
  const view = state.view!;
  const known = {
    ticketNumber: view.number,
    position: view.position ?? null,
    waitingCount: view.waitingCount,
    version: view.version,
  };
  const derived = derivePosition(known, {
    version: event.version,
    kind: event.kind,
    ticketNumber: event.ticketNumber ?? null,
    waitingCount: event.waitingCount,
    fromPosition: event.fromPosition ?? null,
    toPosition: event.toPosition ?? null,
  });
  if (derived.kind === 'unchanged') return state;
  if (derived.kind === 'reread') return { ...state, rereads: state.rereads + 1 };
  const next: TicketSnapshot = {
    ...view,
    position: view.status === 'WAITING' ? derived.known.position : view.position,
    waitingCount: event.waitingCount,
    nowServing: event.nowServing ?? null,
    version: event.version,
  };
  next.estimatedWait = estimate(state.estimateBase, next.position);
  const reread = derived.self || event.kind === 'QUEUE_UPDATED';
  const recalled = derived.self && event.kind === 'RECALLED';
  return {
    ...state,
    view: next,
    rereads: state.rereads + (reread ? 1 : 0),
    alerts: state.alerts + (recalled ? 1 : 0),
  };
}
