/** A queue's form fields as the create and edit forms hold them. */
export interface QueueFields {
  name: string;
  description: string;
  calledMessage: string;
  capacity: number | string | null;
  alertAhead: number | string | null;
  selfJoin: boolean;
}

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
