import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from 'aws-lambda';
import { TOKEN } from '../../schema/rules';
import type { Log, QueueStore } from '../domain/ports';
import { hashToken } from '../domain/secrets';
import { verifySession, type SessionKey } from '../domain/sessions';
import { toResolverContext, type ResolverContext } from './identity';
import { forRequest } from './logger';

export interface AuthorizerDeps {
  queues: Pick<QueueStore, 'ticketByTokenHash'>;
  sessionKey: SessionKey;
  log: Log;
  now(): number;
}

const DENY: AppSyncAuthorizerResult<ResolverContext> = { isAuthorized: false, ttlOverride: 0 };

/**
 * The one Lambda authorizer: `Bearer <owner session>`, `Ticket <ticket token>` or `Public`. It only
 * establishes who is calling; resolvers decide what that identity may do.
 */
export async function authorize(
  deps: AuthorizerDeps,
  authorizationToken: string | undefined,
): Promise<AppSyncAuthorizerResult<ResolverContext>> {
  const [scheme, credential, extra] = (authorizationToken ?? '').trim().split(/\s+/);
  if (extra !== undefined) return DENY;
  if (scheme === 'Public' && credential === undefined)
    return { isAuthorized: true, resolverContext: toResolverContext({ kind: 'public' }), ttlOverride: 3600 };
  if (scheme === 'Bearer' && credential) {
    const session = await verifySession(deps.sessionKey, credential, deps.now());
    if (!session.ok) {
      deps.log.info('owner session refused', { reason: session.reason });
      return DENY;
    }
    return {
      isAuthorized: true,
      resolverContext: toResolverContext({
        kind: 'owner',
        accountId: session.accountId,
        sessionId: session.sessionId,
        sessionVersion: session.sessionVersion,
        authTime: session.authTime,
      }),
      ttlOverride: 300,
    };
  }
  if (scheme === 'Ticket' && credential && TOKEN.test(credential)) {
    const ticket = await deps.queues.ticketByTokenHash(hashToken(credential));
    if (!ticket) return DENY;
    return {
      isAuthorized: true,
      resolverContext: toResolverContext({ kind: 'ticket', ticketId: ticket.id, queueId: ticket.queueId }),
      ttlOverride: 60,
    };
  }
  return DENY;
}

export function createAuthorizerHandler(deps: () => Promise<AuthorizerDeps>) {
  return async (event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult<ResolverContext>> =>
    authorize(forRequest(await deps(), event.requestContext?.requestId), event.authorizationToken);
}
