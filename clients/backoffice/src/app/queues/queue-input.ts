/** A queue's form fields as the create and edit forms hold them. */
export interface QueueFields {
  name: string;
  description: string;
  calledMessage: string;
  capacity: number | string | null;
  selfJoin: boolean;
}

/** What both queue forms send: trimmed text, blanks as null, an empty capacity as "no limit". */
export function queueInput(fields: QueueFields) {
  return {
    name: fields.name.trim(),
    description: fields.description.trim() || null,
    calledMessage: fields.calledMessage.trim() || null,
    capacity: fields.capacity === null || String(fields.capacity) === '' ? null : Number(fields.capacity),
    selfJoin: fields.selfJoin,
  };
}
