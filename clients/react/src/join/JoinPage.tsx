import { isEmail, isPhone, nameProblem, type JoinRefusal } from '../../../../schema/rules';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, request } from '../api';
import { graphql } from '../gql';
import type { JoinInfoQuery } from '../gql/graphql';
import { useI18n, type Messages } from '../i18n';
import { navigate } from '../router';
import { apiLanguage } from '../../../shared/language';

const JoinInfo = graphql(`
  query JoinInfo($queueId: ID!) {
    queueDisplay(queueId: $queueId) {
      queueId
      name
      status
      waitingCount
      privacy {
        keptBy
        retentionDays
      }
    }
  }
`);

const JoinQueue = graphql(`
  mutation JoinQueue($queueId: ID!, $input: TicketInput!, $presenceCode: String) {
    joinQueue(queueId: $queueId, input: $input, presenceCode: $presenceCode) {
      accessToken
      ticket {
        number
        position
      }
    }
  }
`);

type Field = 'name' | 'email' | 'phone';

/** The same rules the server applies, so most mistakes are caught before a round trip. */
export function validate(t: Messages, values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const name = nameProblem(values.name);
  if (name) errors.name = t.nameProblems[name];
  if (values.email.trim() && !isEmail(values.email)) errors.email = t.emailInvalid;
  if (values.phone.trim() && !isPhone(values.phone)) errors.phone = t.phoneInvalid;
  return errors;
}

/** /j/<queueId>: a walk-in joins from the queue's QR code. */
export function JoinPage({ queueId }: { queueId: string }) {
  const { t, language } = useI18n();
  const [queue, setQueue] = useState<JoinInfoQuery['queueDisplay'] | undefined>();
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', phone: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The venue's code comes in the printed QR code's link (?code=); asked for when the queue wants one.
  const [presenceCode, setPresenceCode] = useState(
    () => new URLSearchParams(window.location.search).get('code') ?? '',
  );
  const [askCode, setAskCode] = useState(false);
  const [partySize, setPartySize] = useState(1);

  useEffect(() => {
    request(JoinInfo, { queueId }, 'Public').then(
      (data) => setQueue(data.queueDisplay ?? null),
      () => setQueue(null),
    );
  }, [queueId]);

  if (queue === undefined)
    return (
      <p className="center muted" role="status">
        {t.loading}
      </p>
    );
  if (queue === null)
    return (
      <section className="card center" data-testid="not-found">
        <h1>{t.queueNotFound}</h1>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(t, values);
    setErrors(found);
    setRefusal(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const input = {
        name: values.name.trim(),
        ...(values.email.trim() ? { email: values.email.trim() } : {}),
        ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
        language: apiLanguage(language),
        ...(partySize > 1 ? { partySize } : {}),
      };
      const code = presenceCode.trim();
      const { joinQueue } = await request(
        JoinQueue,
        { queueId, input, ...(code ? { presenceCode: code } : {}) },
        'Public',
      );
      localStorage.setItem('qm.lastTicket', `/t/${joinQueue.accessToken}`);
      navigate(`/t/${joinQueue.accessToken}`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError('UNKNOWN', String(error));
      if (e.errorType === 'VALIDATION' && e.info.field && e.info.field in values)
        setErrors({
          [e.info.field as Field]:
            e.info.field === 'name'
              ? t.nameProblems[nameProblem(values.name) ?? 'FORBIDDEN_CHARACTERS']
              : e.info.field === 'email'
                ? t.emailInvalid
                : t.phoneInvalid,
        });
      // Always in the page's language, from the stable errorType and reason: never the server's message.
      else {
        if (e.info.reason === 'PRESENCE_CODE') setAskCode(true);
        setRefusal(
          (e.info.reason && t.reasons[e.info.reason as JoinRefusal]) ||
            (e.errorType === 'NOT_FOUND'
              ? t.queueNotFound
              : e.errorType === 'RATE_LIMITED'
                ? t.rateLimited
                : e.errorType === 'UNAVAILABLE'
                  ? t.unavailable
                  : t.errorTitle),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={values[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
      />
      {errors[name] && (
        <p className="error" id={`${name}-error`} role="alert">
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <section className="card join">
      <h1>{t.joinTitle(queue.name)}</h1>
      <p className="muted">
        {t.queueStatus[queue.status]} · {t.waitingCount(queue.waitingCount)}
      </p>
      {refusal && (
        <p className="error refusal" role="alert" data-testid="refusal">
          {refusal}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {field('name', t.name, 'text', 'name')}
        {field('email', t.email, 'email', 'email')}
        {field('phone', t.phone, 'tel', 'tel')}
        <div className="field">
          <label htmlFor="party-size">{t.partySize}</label>
          <select
            id="party-size"
            name="partySize"
            value={partySize}
            onChange={(e) => setPartySize(Number(e.target.value))}
          >
            {Array.from({ length: 10 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </div>
        {askCode && (
          <div className="field">
            <label htmlFor="presence-code">{t.presenceCode}</label>
            <input
              id="presence-code"
              name="presenceCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              value={presenceCode}
              onChange={(e) => setPresenceCode(e.target.value)}
            />
          </div>
        )}
        <p className="privacy" data-testid="privacy">
          {t.privacy(queue.privacy.keptBy, queue.privacy.retentionDays)}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? t.joining : t.join}
        </button>
      </form>
    </section>
  );
}
