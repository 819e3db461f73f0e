/**
 * onQueueEvent(queueId) — NONE data source. Admits an owner, a ticket of that queue, or the public (events
 * carry only display fields: no names, emails or phones), and filters the fan-out on queueId.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnQueueEventArgs } from '../generated/graphql';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

type Caller = { resolverContext?: { kind?: string; queueId?: string } } | null;

export function request(ctx: Context<SubscriptionOnQueueEventArgs>) {
  const caller = ctx.identity as Caller;
  const kind = caller?.resolverContext?.kind;
  if (kind !== 'owner' && kind !== 'ticket' && kind !== 'public') util.unauthorized();
  if (!util.matches(UUID, ctx.args.queueId)) util.error('queueId is not a valid id.', 'VALIDATION');
  if (kind === 'ticket' && caller?.resolverContext?.queueId !== ctx.args.queueId)
    util.error('A ticket can follow its own queue only.', 'FORBIDDEN');
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnQueueEventArgs>) {
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({ queueId: { eq: ctx.args.queueId } }),
  );
  return null;
}
