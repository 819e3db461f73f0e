import type { Identity } from '../domain/model';

/**
 * The authorizer's `resolverContext` (AppSync passes it to every resolver as identity.resolverContext). Flat
 * string values, as AppSync expects.
 */
export type ResolverContext = Record<string, string>;

export function toResolverContext(identity: Identity): ResolverContext {
  switch (identity.kind) {
    case 'owner':
      return {
        kind: 'owner',
        accountId: identity.accountId,
        sessionId: identity.sessionId,
        sessionVersion: String(identity.sessionVersion),
        ...(identity.authTime === undefined ? {} : { authTime: String(identity.authTime) }),
      };
    case 'ticket':
      return { kind: 'ticket', ticketId: identity.ticketId, queueId: identity.queueId };
    case 'public':
      return { kind: 'public' };
  }
}

/** Anything unexpected reads as the public: it can do no more than an anonymous caller. */
export function fromResolverContext(context: unknown): Identity {
  const c = (context ?? {}) as Partial<ResolverContext>;
  if (c.kind === 'owner' && c.accountId && c.sessionId && /^\d+$/.test(c.sessionVersion ?? ''))
    return {
      kind: 'owner',
      accountId: c.accountId,
      sessionId: c.sessionId,
      sessionVersion: Number(c.sessionVersion),
      ...(/^\d+$/.test(c.authTime ?? '') ? { authTime: Number(c.authTime) } : {}),
    };
  if (c.kind === 'ticket' && c.ticketId && c.queueId)
    return { kind: 'ticket', ticketId: c.ticketId, queueId: c.queueId };
  return { kind: 'public' };
}
