/**
 * The presence code a queue can require to self-join: six digits that change every hour or every day (UTC),
 * shown on the venue's screen and its printed QR code, so a join link shared far away stops working. Derived
 * from the server's secret, the queue and the period, so every instance agrees without storing anything.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SessionKey } from './sessions';

export type PresenceRotation = 'OFF' | 'HOURLY' | 'DAILY';

const PERIOD_MS = { HOURLY: 60 * 60 * 1000, DAILY: 24 * 60 * 60 * 1000 } as const;

const digest = (key: SessionKey, text: string) => createHmac('sha256', key.secret).update(text).digest();

function codeFor(key: SessionKey, queueId: string, rotation: 'HOURLY' | 'DAILY', period: number): string {
  const value = digest(key, `presence:${queueId}:${rotation}:${period}`).readUInt32BE(0) % 1_000_000;
  return String(value).padStart(6, '0');
}

/** The code in force at `at`, and when it stops being the current one. */
export function presenceCode(
  key: SessionKey,
  queueId: string,
  rotation: 'HOURLY' | 'DAILY',
  at: number,
): { code: string; validUntil: number } {
  const period = Math.floor(at / PERIOD_MS[rotation]);
  return { code: codeFor(key, queueId, rotation, period), validUntil: (period + 1) * PERIOD_MS[rotation] };
}

/** Whether `given` is the current code or the one just before it (someone who read it as it changed). */
export function acceptsPresenceCode(
  key: SessionKey,
  queueId: string,
  rotation: 'HOURLY' | 'DAILY',
  at: number,
  given: string,
): boolean {
  const period = Math.floor(at / PERIOD_MS[rotation]);
  const offered = Buffer.from(given);
  return [period, period - 1].some((p) => {
    const expected = Buffer.from(codeFor(key, queueId, rotation, p));
    return offered.length === expected.length && timingSafeEqual(offered, expected);
  });
}

/** The key that lets a queue's screen show its presence code (its link from the backoffice carries it). */
export function displayKey(key: SessionKey, queueId: string): string {
  return digest(key, `display:${queueId}`).subarray(0, 18).toString('base64url');
}

export function isDisplayKey(key: SessionKey, queueId: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(displayKey(key, queueId));
  const offered = Buffer.from(given);
  return offered.length === expected.length && timingSafeEqual(offered, expected);
}
