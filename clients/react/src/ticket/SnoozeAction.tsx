import { useState } from 'react';
import type { SnoozeRefusal } from '../../../../schema/rules';
import { ApiError, request } from '../api';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import type { TicketSnapshot } from './ticket-state';

const SnoozeTicket = graphql(`
  mutation SnoozeTicket($token: String!) {
    snoozeTicket(token: $token) {
      ...TicketFields
    }
  }
`);

/**
 * "I need a few more minutes": while the queue offers it, the ticket has moves left and someone is behind,
 * the person confirms letting up to the queue's number of places go ahead; the page shows the answer.
 */
export function SnoozeAction({
  token,
  view,
  onView,
}: {
  token: string;
  view: TicketSnapshot;
  onView: (view: TicketSnapshot) => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const places = view.snoozePlaces;
  const offered =
    places != null && view.snoozesLeft > 0 && view.position != null && view.position < view.waitingCount;

  const snooze = async () => {
    setConfirming(false);
    setBusy(true);
    const before = view.position ?? 0;
    try {
      const after = (await request(SnoozeTicket, { token }, 'Public')).snoozeTicket;
      onView(after);
      setNote(t.snoozed((after.position ?? before) - before));
    } catch (error) {
      const reason = error instanceof ApiError ? (error.info.reason as SnoozeRefusal | undefined) : undefined;
      setNote(reason && t.snoozeRefusals[reason] ? t.snoozeRefusals[reason] : t.errorTitle);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {note && (
        <p className="muted" role="status" data-testid="snooze-note">
          {note}
        </p>
      )}
      {offered &&
        (!confirming ? (
          <button className="secondary" disabled={busy} onClick={() => setConfirming(true)}>
            {t.snooze}
          </button>
        ) : (
          <div className="confirm snooze" role="alertdialog" aria-label={t.snooze}>
            <p>{t.snoozeConfirm(places, view.snoozesLeft)}</p>
            <button onClick={() => void snooze()}>{t.snoozeYes}</button>
            <button className="secondary" autoFocus onClick={() => setConfirming(false)}>
              {t.snoozeNo}
            </button>
          </div>
        ))}
    </>
  );
}
