import { createHash } from 'node:crypto';

/** Ticket i's token: deterministic, so any ticket of a million can be read without keeping a million tokens. */
export const tokenOf = (queueId: string, i: number) =>
  createHash('sha256').update(`bench:${queueId}:${i}`).digest('base64url');
