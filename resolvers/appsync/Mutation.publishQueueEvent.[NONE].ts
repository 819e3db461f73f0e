/**
 * publishQueueEvent(event) — NONE data source, IAM only (@aws_iam): the backend's one publish per queue change.
 * AppSync fans the returned event out to onQueueEvent subscribers whose filter matches.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationPublishQueueEventArgs } from '../generated/graphql';

export function request(ctx: Context<MutationPublishQueueEventArgs>) {
  return { payload: ctx.args.event };
}

export function response(ctx: Context<MutationPublishQueueEventArgs>) {
  return ctx.result;
}
