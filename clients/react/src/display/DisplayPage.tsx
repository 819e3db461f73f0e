import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { request, subscribe, useConnection } from '../api';
import { ConnectionBadge } from '../ConnectionBadge';
import { graphql } from '../gql';
import type { DisplayQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import { createAnnouncer } from './announce';

const DisplayQuery = graphql(`
  query Display($queueId: ID!, $key: String) {
    queueDisplay(queueId: $queueId, key: $key) {
      queueId
      name
      status
      nowServing
      waitingCount
      version
      recentCalls {
        number
        calledAt
        counter
      }
      counters
      counterCalls {
        number
        calledAt
        counter
      }
      presenceCode {
        code
        validUntil
      }
    }
  }
`);

const DisplayEvents = graphql(`
  subscription DisplayEvents($queueId: ID!) {
    onQueueEvent(queueId: $queueId) {
      queueId
      version
      kind
      ticketNumber
      waitingCount
      nowServing
      counter
      at
    }
  }
`);

type Display = NonNullable<DisplayQuery['queueDisplay']>;

const SHOWN_CALLS = 5;
const SOUND_KEY = 'qm.display.sound';
const VOICE_KEY = 'qm.display.voice';

/**
 * /d/<queueId>: the venue's TV. The number called last, large and highlighted, the four before it, and how
 * many wait; a chime (and, if chosen, the number spoken) on every call. Readable across a room at 1080p and
 * on a phone.
 */
export function DisplayPage({ queueId }: { queueId: string }) {
  const { t, language } = useI18n();
  // The screen's key (its link from the backoffice) lets it show the queue's presence code.
  const [key] = useState(() => new URLSearchParams(window.location.search).get('key'));
  const connection = useConnection();
  const [display, setDisplay] = useState<Display | null>();
  const current = useRef<Display | null | undefined>(undefined);
  const announcer = useMemo(createAnnouncer, []);
  const [sound, setSound] = useState(false);
  const [voice, setVoice] = useState(() => localStorage.getItem(VOICE_KEY) === 'on');
  const settings = useRef({ voice, speak: t.spokenCall, atCounter: t.spokenCounter, lang: language });
  settings.current = { voice, speak: t.spokenCall, atCounter: t.spokenCounter, lang: language };

  const show = useCallback(
    (next: Display | null) => {
      const before = current.current;
      current.current = next;
      setDisplay(next);
      // A call newer than anything shown before (by an event or found by a re-read) is announced.
      const newest = next?.recentCalls[0];
      if (before && newest && newest.calledAt > (before.recentCalls[0]?.calledAt ?? '')) {
        const { voice: speakIt, speak, atCounter, lang } = settings.current;
        const words = speak(newest.number) + (newest.counter ? atCounter(newest.counter) : '');
        announcer.announce(speakIt ? words : null, lang);
      }
    },
    [announcer],
  );

  const read = useCallback(async () => {
    try {
      show(
        (await request(DisplayQuery, { queueId, ...(key ? { key } : {}) }, 'Public')).queueDisplay ?? null,
      );
    } catch {
      if (current.current === undefined) show(null);
    }
  }, [queueId, key, show]);

  useEffect(() => void read(), [read]);
  // A presence code changes on the hour or at midnight (UTC): read the new one when it does.
  const validUntil = display?.presenceCode?.validUntil;
  useEffect(() => {
    if (!validUntil) return;
    const timer = setTimeout(() => void read(), Math.max(1000, Date.parse(validUntil) - Date.now() + 1000));
    return () => clearTimeout(timer);
  }, [validUntil, read]);
  useEffect(
    () =>
      subscribe(DisplayEvents, { queueId }, 'Public', {
        next: ({ onQueueEvent: event }) => {
          const known = current.current;
          if (!event || !known || event.version <= known.version) return;
          // A gap or a queue edit (name, status): the event cannot say it all, read it.
          if (event.version !== known.version + 1 || event.kind === 'QUEUE_UPDATED') return void read();
          const called =
            (event.kind === 'CALLED' || event.kind === 'RECALLED') && event.ticketNumber != null
              ? { number: event.ticketNumber, calledAt: event.at, counter: event.counter ?? null }
              : null;
          show({
            ...known,
            nowServing: event.nowServing,
            waitingCount: event.waitingCount,
            version: event.version,
            recentCalls: called
              ? [called, ...known.recentCalls.filter((c) => c.number !== called.number)].slice(0, SHOWN_CALLS)
              : known.recentCalls,
            counterCalls:
              called?.counter != null
                ? [called, ...known.counterCalls.filter((c) => c.counter !== called.counter)]
                : known.counterCalls,
          });
        },
      }),
    [queueId, read, show],
  );
  const previous = useRef(connection);
  useEffect(() => {
    if (connection === 'live' && previous.current !== 'live') void read();
    previous.current = connection;
  }, [connection, read]);

  // A screen set up with sound keeps it after a reload where the browser allows sound without a touch.
  useEffect(() => {
    if (localStorage.getItem(SOUND_KEY) === 'on') void announcer.enableSound().then(setSound);
  }, [announcer]);

  const toggleSound = async () => {
    const on = sound ? false : await announcer.enableSound();
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    setSound(on && announcer.soundOn);
  };
  const toggleVoice = (on: boolean) => {
    localStorage.setItem(VOICE_KEY, on ? 'on' : 'off');
    setVoice(on);
  };

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
  const [latest, ...before] = display.recentCalls;
  const serving = latest?.number ?? display.nowServing;
  return (
    <main className={display.counters.length ? 'display with-counters' : 'display'} data-testid="display">
      <header>
        <h1>{display.name}</h1>
        <ConnectionBadge connection={connection} />
      </header>
      <section aria-live="polite" aria-atomic="true">
        <p className="display-label">{t.nowServing}</p>
        <p
          className="display-number"
          data-testid="display-now-serving"
          // A new number flashes in: the key restarts the animation.
          key={latest ? `${latest.number}@${latest.calledAt}` : 'none'}
        >
          {serving ?? t.displayNobody}
        </p>
        {latest?.counter && (
          <p className="display-counter" data-testid="display-counter">
            {latest.counter}
          </p>
        )}
      </section>
      {display.counters.length > 0 && (
        <section className="display-board">
          <p className="display-label">{t.counters}</p>
          <ul data-testid="display-board">
            {display.counters.map((name) => {
              const last = display.counterCalls.find((c) => c.counter === name);
              const newest = !!latest && last?.number === latest.number && latest.counter === name;
              return (
                <li key={name} className={newest ? 'newest' : undefined} data-newest={newest || undefined}>
                  <span className="board-counter">{name}</span>
                  <span className="board-number">{last?.number ?? t.displayNobody}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {before.length > 0 && display.counters.length === 0 && (
        <section className="display-before">
          <p className="display-label">{t.calledBefore}</p>
          <ol className="display-previous" data-testid="display-previous">
            {before.map((call) => (
              <li key={`${call.number}@${call.calledAt}`}>
                {call.number}
                {call.counter && <small className="previous-counter"> {call.counter}</small>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {display.presenceCode && (
        <p className="display-code" data-testid="display-code">
          {t.joinCode(display.presenceCode.code)}
        </p>
      )}
      <p className="display-waiting" data-testid="display-waiting">
        {t.waitingCount(display.waitingCount)} · {t.queueStatus[display.status]}
      </p>
      <div className="display-controls">
        <button type="button" aria-pressed={sound} onClick={() => void toggleSound()}>
          {sound ? t.soundOn : t.turnOnSound}
        </button>
        <label>
          <input
            type="checkbox"
            checked={voice}
            disabled={!sound}
            onChange={(e) => toggleVoice(e.target.checked)}
          />{' '}
          {t.sayNumbers}
        </label>
      </div>
    </main>
  );
}
