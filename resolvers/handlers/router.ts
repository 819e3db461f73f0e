import type { AppSyncResolverEvent } from 'aws-lambda';
import * as accounts from '../domain/accounts';
import * as deletion from '../domain/account-deletion';
import { accountExport } from '../domain/account-export';
import { auditLog } from '../domain/audit';
import * as sessions from '../domain/owner-sessions';
import type { Deps } from '../domain/deps';
import { toPublicError, type ErrorType } from '../domain/errors';
import type { IssuedTicket } from '../domain/issue';
import type { Identity } from '../domain/model';
import * as queues from '../domain/queues';
import { queueStats } from '../domain/stats';
import { queueTickets } from '../domain/queue-tickets';
import * as staff from '../domain/staff-tickets';
import * as messages from '../domain/ticket-messages';
import * as tickets from '../domain/tickets';
import * as venues from '../domain/venues';
import * as people from '../domain/people';
import * as erasure from '../domain/erasure';
import type * as G from '../generated/graphql';
import { fromResolverContext } from './identity';
import {
  presentAuditEntry,
  presentInvitation,
  presentMember,
  presentVenue,
  presentAccount,
  presentPage,
  presentQueue,
  presentQueueDisplay,
  presentStats,
  presentTicket,
  presentTicketMessage,
  presentSession,
} from './present';

/** What the resolver Lambda returns; the APPSYNC_JS invoke resolver turns `error` into a GraphQL error. */
export type ResolverResult =
  | { data: unknown }
  | { error: { errorType: ErrorType; message: string; errorInfo?: Record<string, unknown> } };

type Field<Args, Result> = (deps: Deps, identity: Identity, args: Args) => Promise<Result>;

type Routes = {
  Query: { [K in keyof Omit<G.Query, '__typename'>]: Field<QueryArgs<K>, G.Query[K]> };
  Mutation: {
    [K in keyof Omit<G.Mutation, '__typename' | 'publishQueueEvent'>]: Field<MutationArgs<K>, G.Mutation[K]>;
  };
};
type QueryArgs<K extends string> = K extends keyof QueryArgMap ? QueryArgMap[K] : Record<string, never>;
type MutationArgs<K extends string> = K extends keyof MutationArgMap
  ? MutationArgMap[K]
  : Record<string, never>;
type QueryArgMap = {
  myQueues: G.QueryMyQueuesArgs;
  queue: G.QueryQueueArgs;
  queueTickets: G.QueryQueueTicketsArgs;
  queueStats: G.QueryQueueStatsArgs;
  ticket: G.QueryTicketArgs;
  queueDisplay: G.QueryQueueDisplayArgs;
  ticketMessages: G.QueryTicketMessagesArgs;
  auditLog: G.QueryAuditLogArgs;
  venueMembers: G.QueryVenueMembersArgs;
  venueInvitations: G.QueryVenueInvitationsArgs;
  personalData: G.QueryPersonalDataArgs;
  accountExport: G.QueryAccountExportArgs;
};
type MutationArgMap = {
  signUp: G.MutationSignUpArgs;
  verifyEmail: G.MutationVerifyEmailArgs;
  resendVerification: G.MutationResendVerificationArgs;
  login: G.MutationLoginArgs;
  requestPasswordReset: G.MutationRequestPasswordResetArgs;
  resetPassword: G.MutationResetPasswordArgs;
  changePassword: G.MutationChangePasswordArgs;
  requestAccountDeletion: G.MutationRequestAccountDeletionArgs;
  createQueue: G.MutationCreateQueueArgs;
  createVenue: G.MutationCreateVenueArgs;
  updateVenue: G.MutationUpdateVenueArgs;
  inviteToVenue: G.MutationInviteToVenueArgs;
  revokeInvitation: G.MutationRevokeInvitationArgs;
  acceptInvitation: G.MutationAcceptInvitationArgs;
  setMemberRole: G.MutationSetMemberRoleArgs;
  removeMember: G.MutationRemoveMemberArgs;
  erasePerson: G.MutationErasePersonArgs;
  updateQueue: G.MutationUpdateQueueArgs;
  setQueueStatus: G.MutationSetQueueStatusArgs;
  deleteQueue: G.MutationDeleteQueueArgs;
  addTicket: G.MutationAddTicketArgs;
  joinQueue: G.MutationJoinQueueArgs;
  callNext: G.MutationCallNextArgs;
  recallTicket: G.MutationRecallTicketArgs;
  completeTicket: G.MutationCompleteTicketArgs;
  markNoShow: G.MutationMarkNoShowArgs;
  removeTicket: G.MutationRemoveTicketArgs;
  newTicketLink: G.MutationNewTicketLinkArgs;
  leaveQueue: G.MutationLeaveQueueArgs;
  snoozeTicket: G.MutationSnoozeTicketArgs;
  returnTicket: G.MutationReturnTicketArgs;
  retryMessage: G.MutationRetryMessageArgs;
};

const issued = (t: IssuedTicket): G.IssuedTicket => ({ ...t, ticket: presentTicket(t.ticket) });

/** Every Query and Mutation field the Lambda data source serves: parse nothing here, the domain does. */
export const routes: Routes = {
  Query: {
    me: async (deps, id) => presentAccount(await deletion.accountView(deps, await accounts.me(deps, id))),
    accountExport: (deps, id, a) => accountExport(deps, id, a.nextToken),
    myVenues: async (deps, id) => (await venues.myVenues(deps, id)).map(presentVenue),
    venueMembers: async (deps, id, a) => (await people.venueMembers(deps, id, a.venueId)).map(presentMember),
    personalData: (deps, id, a) => erasure.personalData(deps, id, a.person),
    venueInvitations: async (deps, id, a) =>
      (await people.venueInvitations(deps, id, a.venueId)).map(presentInvitation),
    myQueues: async (deps, id, a) =>
      presentPage(await queues.myQueues(deps, id, a.limit, a.nextToken), (q) => presentQueue(q, deps)),
    queue: async (deps, id, a) => {
      const queue = await queues.getQueue(deps, id, a.id);
      return queue && presentQueue(queue, deps);
    },
    queueTickets: async (deps, id, a) => presentPage(await queueTickets(deps, id, a), presentTicket),
    queueStats: async (deps, id, a) => presentStats(await queueStats(deps, id, a)),
    ticket: (deps, _id, a) => tickets.ticketView(deps, a.token),
    queueDisplay: async (deps, _id, a) => {
      const display = await queues.queueDisplay(deps, a.queueId, a.key);
      return (
        display &&
        presentQueueDisplay(
          display.queue,
          display.recentCalls,
          display.counterCalls,
          display.presenceCode,
          display.privacy,
        )
      );
    },
    ticketMessages: async (deps, id, a) =>
      (await messages.ticketMessages(deps, id, a)).map(presentTicketMessage),
    auditLog: async (deps, id, a) => {
      const page = await auditLog(deps, id, a);
      return { items: page.items.map(presentAuditEntry), nextToken: page.nextToken ?? null };
    },
  },
  Mutation: {
    signUp: (deps, _id, a) => accounts.signUp(deps, a.input),
    verifyEmail: async (deps, _id, a) => presentAccount(await accounts.verifyEmail(deps, a.token)),
    resendVerification: (deps, _id, a) => accounts.resendVerification(deps, a.email),
    login: async (deps, _id, a) => presentSession(await sessions.login(deps, a.email, a.password)),
    requestPasswordReset: (deps, _id, a) => accounts.requestPasswordReset(deps, a.email),
    resetPassword: (deps, _id, a) => accounts.resetPassword(deps, a.token, a.password),
    refreshSession: async (deps, id) => presentSession(await sessions.refreshSession(deps, id)),
    logout: (deps, id) => sessions.logout(deps, id),
    logoutEverywhere: (deps, id) => sessions.logoutEverywhere(deps, id),
    requestAccountDeletion: async (deps, id, a) =>
      presentAccount(await deletion.requestAccountDeletion(deps, id, a.password)),
    cancelAccountDeletion: async (deps, id) => presentAccount(await deletion.cancelAccountDeletion(deps, id)),
    changePassword: async (deps, id, a) =>
      presentSession(await sessions.changePassword(deps, id, a.currentPassword, a.newPassword)),
    createQueue: async (deps, id, a) => presentQueue(await queues.createQueue(deps, id, a.input), deps),
    createVenue: async (deps, id, a) => presentVenue(await venues.createVenue(deps, id, a.input)),
    updateVenue: async (deps, id, a) => presentVenue(await venues.updateVenue(deps, id, a.id, a.input)),
    inviteToVenue: async (deps, id, a) =>
      presentInvitation(await people.inviteToVenue(deps, id, a.venueId, a.input)),
    revokeInvitation: async (deps, id, a) => presentInvitation(await people.revokeInvitation(deps, id, a.id)),
    acceptInvitation: async (deps, id, a) => presentVenue(await people.acceptInvitation(deps, id, a.token)),
    setMemberRole: async (deps, id, a) =>
      presentMember(await people.setMemberRole(deps, id, a.venueId, a.accountId, a.input)),
    removeMember: (deps, id, a) => people.removeMember(deps, id, a.venueId, a.accountId),
    erasePerson: (deps, id, a) => erasure.erasePerson(deps, id, a.person),
    updateQueue: async (deps, id, a) => presentQueue(await queues.updateQueue(deps, id, a.id, a.input), deps),
    setQueueStatus: async (deps, id, a) =>
      presentQueue(await queues.setQueueStatus(deps, id, a.id, a.status), deps),
    deleteQueue: (deps, id, a) => queues.deleteQueue(deps, id, a.id),
    addTicket: async (deps, id, a) => issued(await staff.addTicket(deps, id, a.queueId, a.input)),
    joinQueue: async (deps, _id, a) =>
      issued(await tickets.joinQueue(deps, a.queueId, a.input, a.presenceCode)),
    callNext: async (deps, id, a) => {
      const ticket = await staff.callNext(deps, id, a.queueId, a.counter);
      return ticket && presentTicket(ticket);
    },
    recallTicket: async (deps, id, a) =>
      presentTicket(await staff.transitionTicket(deps, id, a.id, 'RECALLED')),
    completeTicket: async (deps, id, a) =>
      presentTicket(await staff.transitionTicket(deps, id, a.id, 'SERVED')),
    markNoShow: async (deps, id, a) => presentTicket(await staff.transitionTicket(deps, id, a.id, 'NO_SHOW')),
    removeTicket: async (deps, id, a) =>
      presentTicket(await staff.transitionTicket(deps, id, a.id, 'REMOVED')),
    newTicketLink: async (deps, id, a) => issued(await staff.newTicketLink(deps, id, a.id)),
    leaveQueue: (deps, _id, a) => tickets.leaveQueue(deps, a.token),
    snoozeTicket: (deps, _id, a) => tickets.snoozeTicket(deps, a.token),
    returnTicket: async (deps, id, a) => presentTicket(await staff.returnTicket(deps, id, a.id, a.position)),
    retryMessage: async (deps, id, a) => presentTicketMessage(await messages.retryMessage(deps, id, a.id)),
  },
};

/** The fields the router serves, for wiring checks (every schema field must have a resolver somewhere). */
export const routedFields = {
  Query: Object.keys(routes.Query),
  Mutation: Object.keys(routes.Mutation),
};

/**
 * Resolves one AppSync field: the identity comes from the authorizer's resolverContext. App errors keep their
 * errorType and message; anything else is logged and answered as a bare INTERNAL.
 */
export async function route(
  deps: Deps,
  event: AppSyncResolverEvent<Record<string, unknown>>,
): Promise<ResolverResult> {
  const { parentTypeName, fieldName } = event.info;
  const table = (routes as unknown as Record<string, Record<string, Field<unknown, unknown>> | undefined>)[
    parentTypeName
  ];
  const field = table?.[fieldName];
  if (!field) {
    deps.log.error('no resolver for field', { parentTypeName, fieldName });
    return { error: toPublicError(new Error('unrouted')) };
  }
  const identity = fromResolverContext(
    (event.identity as { resolverContext?: unknown } | null)?.resolverContext,
  );
  try {
    await sessions.requireLiveSession(deps, identity);
    return { data: await field(deps, identity, event.arguments ?? {}) };
  } catch (error) {
    const publicError = toPublicError(error);
    if (publicError.errorType === 'INTERNAL' || publicError.errorType === 'UNAVAILABLE')
      deps.log.error('resolver failed', {
        parentTypeName,
        fieldName,
        error: String(error),
        stack: (error as Error)?.stack,
      });
    else deps.log.info('resolver refused', { parentTypeName, fieldName, errorType: publicError.errorType });
    return { error: publicError };
  }
}
