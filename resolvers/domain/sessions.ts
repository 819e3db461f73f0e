/** Owner session tokens: JWT, HS256 pinned, with issuer, audience and a token type claim. */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export const SESSION = {
  issuer: 'queue-manager',
  audience: 'queue-manager-api',
  /** The `typ` claim of an owner session: no other token (ticket, verification, reset) can pass as one. */
  tokenType: 'owner-session',
  algorithm: 'HS256',
  /** One access token; the backoffice refreshes it before it ends. */
  lifetimeSeconds: 60 * 60,
  /** No session outlives this since its login, however often it is refreshed: then the owner logs in again. */
  maxAgeSeconds: 12 * 60 * 60,
} as const;

export interface SessionKey {
  /** At least 32 bytes of secret key material. */
  secret: Uint8Array;
}

export function sessionKey(secret: string): SessionKey {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < 32) throw new Error('The session secret must be at least 32 bytes.');
  return { secret: bytes };
}

/**
 * A signed owner session. `sid` names this session (so it can be ended alone), `ver` is the account's session
 * version when it was issued (ending every session of an account raises it), and `auth_time` is when the owner
 * logged in: refreshing keeps all three, and no token reaches past `auth_time` + SESSION.maxAgeSeconds.
 */
export async function issueSession(
  key: SessionKey,
  session: { accountId: string; sessionId: string; sessionVersion: number; authTime?: number },
  now: number,
  lifetimeSeconds: number = SESSION.lifetimeSeconds,
): Promise<{ accessToken: string; expiresAt: number }> {
  const iat = Math.floor(now / 1000);
  const authTime = session.authTime ?? iat;
  const exp = Math.min(iat + lifetimeSeconds, authTime + SESSION.maxAgeSeconds);
  const accessToken = await new SignJWT({
    typ: SESSION.tokenType,
    sid: session.sessionId,
    ver: session.sessionVersion,
    auth_time: authTime,
  })
    .setProtectedHeader({ alg: SESSION.algorithm, typ: 'JWT' })
    .setIssuer(SESSION.issuer)
    .setAudience(SESSION.audience)
    .setSubject(session.accountId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.secret);
  return { accessToken, expiresAt: exp * 1000 };
}

export type SessionCheck =
  | { ok: true; accountId: string; sessionId: string; sessionVersion: number; authTime: number }
  | { ok: false; reason: 'expired' | 'invalid' };

/** Verifies signature, algorithm, issuer, audience, expiry, token type and the session claims. */
export async function verifySession(key: SessionKey, token: string, now: number): Promise<SessionCheck> {
  try {
    const { payload } = await jwtVerify(token, key.secret, {
      algorithms: [SESSION.algorithm],
      issuer: SESSION.issuer,
      audience: SESSION.audience,
      currentDate: new Date(now),
      requiredClaims: ['sub', 'iat', 'exp', 'typ', 'sid', 'ver', 'auth_time'],
    });
    const { typ, sub, sid, ver, auth_time: authTime } = payload;
    if (typ !== SESSION.tokenType || typeof sub !== 'string' || typeof sid !== 'string')
      return { ok: false, reason: 'invalid' };
    if (typeof ver !== 'number' || !Number.isInteger(ver) || ver < 0) return { ok: false, reason: 'invalid' };
    if (typeof authTime !== 'number' || !Number.isInteger(authTime)) return { ok: false, reason: 'invalid' };
    return { ok: true, accountId: sub, sessionId: sid, sessionVersion: ver, authTime };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
