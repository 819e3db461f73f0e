/** A queue's form fields as the create and edit forms hold them. */
export interface QueueFields {
  name: string;
  description: string;
  calledMessage: string;
  capacity: number | string | null;
  alertAhead: number | string | null;
  selfJoin: boolean;
}

/** A number field's value: empty is null (the setting is off, or there is no limit). */
const wholeOrNull = (value: number | string | null) =>
  value === null || String(value) === '' ? null : Number(value);

/** What both queue forms send: trimmed text, blanks as null, an empty capacity or alert as "none". */
export function queueInput(fields: QueueFields) {
  return {
    name: fields.name.trim(),
    description: fields.description.trim() || null,
    calledMessage: fields.calledMessage.trim() || null,
    capacity: wholeOrNull(fields.capacity),
    alertAhead: wholeOrNull(fields.alertAhead),
    selfJoin: fields.selfJoin,
  };
}

/** The edit form's fields: the create form's, and the settings only an existing queue shows. */
export interface QueueEdit extends QueueFields {
  serveOnNext: boolean;
  onePerContact: boolean;
  presence: 'OFF' | 'HOURLY' | 'DAILY';
  graceMinutes: number | string | null;
  graceCallsNext: boolean;
  snoozePlaces: number | string | null;
  snoozeLimit: number | string | null;
}

/** The edit form filled from a queue as read. */
export function queueEdit(q: {
  name: string;
  description?: string | null;
  calledMessage?: string | null;
  selfJoin: boolean;
  serveOnNext: boolean;
  capacity?: number | null;
  alertAhead?: number | null;
  onePerContact: boolean;
  presence: QueueEdit['presence'];
  graceMinutes?: number | null;
  graceCallsNext: boolean;
  snoozePlaces?: number | null;
  snoozeLimit: number;
}): QueueEdit {
  return {
    name: q.name,
    description: q.description ?? '',
    calledMessage: q.calledMessage ?? '',
    selfJoin: q.selfJoin,
    serveOnNext: q.serveOnNext,
    capacity: q.capacity ?? null,
    alertAhead: q.alertAhead ?? null,
    onePerContact: q.onePerContact,
    presence: q.presence,
    graceMinutes: q.graceMinutes ?? null,
    graceCallsNext: q.graceCallsNext,
    snoozePlaces: q.snoozePlaces ?? null,
    snoozeLimit: q.snoozeLimit,
  };
}

/** What the edit form sends (its counters and texts aside). */
export function queueEditInput(edit: QueueEdit) {
  return {
    ...queueInput(edit),
    serveOnNext: edit.serveOnNext,
    onePerContact: edit.onePerContact,
    presence: edit.presence,
    graceMinutes: wholeOrNull(edit.graceMinutes),
    graceCallsNext: edit.graceCallsNext,
    snoozePlaces: wholeOrNull(edit.snoozePlaces),
    snoozeLimit: wholeOrNull(edit.snoozeLimit) ?? 1,
  };
}
