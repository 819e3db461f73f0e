import { useCallback, useEffect, useRef, useState } from 'react';
import { request, subscribe, useConnection } from '../api';
import { ConnectionBadge } from '../ConnectionBadge';
import { graphql } from '../gql';
import { useI18n } from '../i18n';

const DisplayQuery = graphql(`
  query Display($queueId: ID!) {
    queueDisplay(queueId: $queueId) {
      queueId
      name
      status
      nowServing
      waitingCount
      version
    }
  }
`);

const DisplayEvents = graphql(`
  subscription DisplayEvents($queueId: ID!) {
    onQueueEvent(queueId: $queueId) {
      queueId
      version
      kind
      waitingCount
      nowServing
    }
  }
`);

type Display = {
  name: string;
  status: string;
  nowServing?: number | null;
  waitingCount: number;
  version: number;
};

/** /d/<queueId>: the venue's TV — now serving and people waiting, readable across a room. */
export function DisplayPage({ queueId }: { queueId: string }) {
  const { t } = useI18n();
  const connection = useConnection();
  const [display, setDisplay] = useState<Display | null>();

  const read = useCallback(async () => {
    try {
      setDisplay((await request(DisplayQuery, { queueId }, 'Public')).queueDisplay ?? null);
    } catch {
      setDisplay((current) => current ?? null);
    }
  }, [queueId]);

  useEffect(() => void read(), [read]);
  useEffect(
    () =>
      subscribe(DisplayEvents, { queueId }, 'Public', {
        next: ({ onQueueEvent: event }) => {
          if (!event) return;
          setDisplay((current) => {
            if (!current || event.version <= current.version) return current;
            // A gap or a queue edit (name, status): the event cannot say it all, read it.
            if (event.version !== current.version + 1 || event.kind === 'QUEUE_UPDATED') {
              void read();
              return current;
            }
            return {
              ...current,
              nowServing: event.nowServing,
              waitingCount: event.waitingCount,
              version: event.version,
            };
          });
        },
      }),
    [queueId, read],
  );
  const previous = useRef(connection);
  useEffect(() => {
    if (connection === 'live' && previous.current !== 'live') void read();
    previous.current = connection;
  }, [connection, read]);

  if (display === undefined)
    return (
      <p className="center muted" role="status">
        {t.loading}
      </p>
    );
  if (display === null)
    return (
      <section className="card center" data-testid="not-found">
        <h1>{t.queueNotFound}</h1>
      </section>
    );
  return (
    <main className="display" data-testid="display">
      <header>
        <h1>{display.name}</h1>
        <ConnectionBadge connection={connection} />
      </header>
      <section aria-live="polite">
        <p className="display-label">{t.nowServing}</p>
        <p className="display-number" data-testid="display-now-serving">
          {display.nowServing ?? t.displayNobody}
        </p>
      </section>
      <p className="display-waiting" data-testid="display-waiting">
        {t.waitingCount(display.waitingCount)} · {t.queueStatus[display.status]}
      </p>
    </main>
  );
}
