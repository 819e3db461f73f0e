import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError, request, subscribe, useConnection } from '../api';
import { ConnectionBadge } from '../ConnectionBadge';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { alertTurn, enableAlerts } from './alerts';
import { SnoozeAction } from './SnoozeAction';
import { GAP_HOLD_MS, initialTicketState, ticketReducer } from './ticket-state';

/** What the page shows of its ticket: one selection for the read and for leaving. */
export const TicketFields = graphql(`
  fragment TicketFields on TicketView {
    ticketId
    queueId
    queueName
    queueDescription
    queueStatus
    name
    number
    status
    position
    waitingCount
    nowServing
    estimatedWait {
      lowSeconds
      highSeconds
    }
    calledMessage
    alertAhead
    counter
    snoozePlaces
    snoozesLeft
    privacy {
      keptBy
      retentionDays
    }
    version
  }
`);

const TicketQuery = graphql(`
  query Ticket($token: String!) {
    ticket(token: $token) {
      ...TicketFields
    }
  }
`);

const LeaveQueue = graphql(`
  mutation LeaveQueue($token: String!) {
    leaveQueue(token: $token) {
      ...TicketFields
    }
  }
`);

const TicketEvents = graphql(`
  subscription TicketEvents($queueId: ID!) {
    onQueueEvent(queueId: $queueId) {
      queueId
      version
      kind
      ticketNumber
      waitingCount
      nowServing
      fromPosition
      toPosition
      at
    }
  }
`);

/** A slow safety net: even with every event missed, the page is never more than this far behind. */
const PERIODIC_READ_MS = 60_000;
// A no-show is followed too: staff can call them again or put them back in the line.
const FOLLOWED = new Set(['WAITING', 'CALLED', 'NO_SHOW']);

/** /t/<token>: the waiting person's own ticket, live. */
export function TicketPage({ token }: { token: string }) {
  const { t } = useI18n();
  const connection = useConnection();
  const [state, dispatch] = useReducer(ticketReducer, initialTicketState);
  const [confirming, setConfirming] = useState(false);
  const [alertsOn, setAlertsOn] = useState(false);

  const read = useCallback(async () => {
    try {
      dispatch({ type: 'read', view: (await request(TicketQuery, { token }, 'Public')).ticket ?? null });
    } catch (error) {
      dispatch(
        error instanceof ApiError && error.errorType === 'VALIDATION'
          ? { type: 'read', view: null }
          : { type: 'failed' },
      );
    }
  }, [token]);

  useEffect(() => void read(), [read, state.rereads]);

  // Follow the queue while the ticket can still change.
  const queueId = state.view?.queueId;
  const followed = state.view ? FOLLOWED.has(state.view.status) : false;
  useEffect(() => {
    if (!queueId || !followed) return;
    return subscribe(TicketEvents, { queueId }, `Ticket ${token}`, {
      next: (data) => data.onQueueEvent && dispatch({ type: 'event', event: data.onQueueEvent }),
    });
  }, [queueId, followed, token]);

  // Events that arrived before the versions they follow wait a little for them, then the page re-reads.
  const waitingForEarlier = state.early.length > 0;
  useEffect(() => {
    if (!waitingForEarlier) return;
    const timer = setTimeout(() => dispatch({ type: 'gap-timeout' }), GAP_HOLD_MS);
    return () => clearTimeout(timer);
  }, [waitingForEarlier]);

  // Every (re)connection may have missed events: read again once live.
  const previous = useRef(connection);
  useEffect(() => {
    if (connection === 'live' && previous.current !== 'live') void read();
    previous.current = connection;
  }, [connection, read]);

  useEffect(() => {
    const timer = setInterval(() => void read(), PERIODIC_READ_MS);
    const onVisible = () => document.visibilityState === 'visible' && void read();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [read]);

  const view = state.view;
  const calledText = view?.calledMessage || t.calledDefault;
  // Alert once per call: the texts are read at that moment, not watched.
  const alertText = useRef({ title: t.calledTitle, body: calledText });
  alertText.current = { title: t.calledTitle, body: calledText };
  useEffect(() => {
    if (state.alerts > 0) alertTurn(alertText.current.title, alertText.current.body);
  }, [state.alerts]);

  if (state.phase === 'loading')
    return (
      <p className="center muted" role="status">
        {t.loading}
      </p>
    );
  if (state.phase === 'failed')
    return (
      <section className="card center" role="alert">
        <h1>{t.errorTitle}</h1>
        <button onClick={() => void read()}>{t.retry}</button>
      </section>
    );
  if (state.phase === 'notfound' || !view)
    return (
      <section className="card center" data-testid="not-found">
        <h1>{t.notFoundTitle}</h1>
        <p>{t.notFoundBody}</p>
      </section>
    );

  const stale = connection !== 'live' && followed;
  const leave = async () => {
    setConfirming(false);
    try {
      dispatch({ type: 'read', view: (await request(LeaveQueue, { token }, 'Public')).leaveQueue });
    } catch {
      void read();
    }
  };

  return (
    <article
      className={`ticket status-${view.status.toLowerCase()}${stale ? ' stale' : ''}`}
      data-testid="ticket"
      data-status={view.status}
    >
      <header className="ticket-header">
        <div>
          <h1>{view.queueName}</h1>
          {view.queueDescription && <p className="muted">{view.queueDescription}</p>}
        </div>
        {followed && <ConnectionBadge connection={connection} />}
      </header>

      {view.status === 'WAITING' && view.position != null && (
        <section className="position-card" aria-live="polite">
          <p className="label">{t.position}</p>
          <p className="position" data-testid="position" aria-hidden="true">
            {view.position === 1 ? t.youAreNext : t.ordinal(view.position)}
          </p>
          <p className="visually-hidden">{t.positionForScreenReader(view.position)}</p>
          <p data-testid="ahead">{view.position === 1 ? t.nobodyAhead : t.peopleAhead(view.position - 1)}</p>
          {view.alertAhead != null && view.position <= view.alertAhead && (
            <p className="almost" data-testid="almost">
              {t.almostYourTurn}
            </p>
          )}
          <p className="muted">
            {view.estimatedWait
              ? t.estimatedWait(
                  Math.floor(view.estimatedWait.lowSeconds / 60),
                  Math.ceil(view.estimatedWait.highSeconds / 60),
                )
              : t.noEstimate}
          </p>
          {stale && (
            <p className="stale-note" role="status">
              {t.staleNote}
            </p>
          )}
        </section>
      )}

      {view.status === 'CALLED' && (
        <section className="called-card" role="alert" aria-live="assertive" data-testid="called">
          <p className="called-title">{t.calledTitle}</p>
          {view.counter && (
            <p className="called-counter" data-testid="called-counter">
              {t.goTo(view.counter)}
            </p>
          )}
          <p className="called-message" data-testid="called-message">
            {calledText}
          </p>
        </section>
      )}

      {view.status !== 'WAITING' && view.status !== 'CALLED' && <EndState status={view.status} />}

      <dl className="facts">
        <div>
          <dt>{t.yourNumber}</dt>
          <dd data-testid="number">{view.number}</dd>
          <dd className="muted small">{view.name}</dd>
        </div>
        <div>
          <dt>{t.nowServing}</dt>
          <dd data-testid="now-serving">{view.nowServing ?? '—'}</dd>
        </div>
        <div>
          <dt>{t.inQueue}</dt>
          <dd>{t.waitingCount(view.waitingCount)}</dd>
        </div>
      </dl>

      {view.status === 'WAITING' && (
        <div className="actions">
          {!alertsOn && (
            <button className="secondary" onClick={() => void enableAlerts().then(setAlertsOn)}>
              {t.notify}
            </button>
          )}
          {alertsOn && <p className="muted">{t.notifyOn}</p>}
          <SnoozeAction token={token} view={view} onView={(next) => dispatch({ type: 'read', view: next })} />
          {!confirming ? (
            <button className="danger-link" onClick={() => setConfirming(true)}>
              {t.leave}
            </button>
          ) : (
            <div className="confirm" role="alertdialog" aria-label={t.leaveConfirm}>
              <p>{t.leaveConfirm}</p>
              <button className="danger" onClick={() => void leave()}>
                {t.leaveYes}
              </button>
              <button className="secondary" autoFocus onClick={() => setConfirming(false)}>
                {t.leaveNo}
              </button>
            </div>
          )}
        </div>
      )}

      <p className="privacy muted small" data-testid="privacy">
        {t.privacy(view.privacy.keptBy, view.privacy.retentionDays)}
      </p>
    </article>
  );
}

function EndState({ status }: { status: string }) {
  const { t } = useI18n();
  const [title, body] =
    status === 'SERVED'
      ? [t.servedTitle, t.servedBody]
      : status === 'NO_SHOW'
        ? [t.noShowTitle, t.noShowBody]
        : status === 'REMOVED'
          ? [t.removedTitle, t.removedBody]
          : [t.leftTitle, t.leftBody];
  return (
    <section className="card end-state" data-testid="end-state">
      <h2>{title}</h2>
      <p>{body}</p>
    </section>
  );
}
