/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccountStatus =
  | 'ACTIVE'
  | 'PENDING';

export type AuditOperation =
  | 'ACCEPT_INVITATION'
  | 'ADD_TICKET'
  | 'CALL_NEXT'
  | 'CHANGE_ROLE'
  | 'CREATE_QUEUE'
  | 'DELETE_QUEUE'
  /** A person's data was erased (the entry says how many tickets, not whose). */
  | 'ERASE_PERSON'
  /** The grace after a call ran out (the system, not a person). */
  | 'GRACE_NO_SHOW'
  | 'INVITE'
  | 'NEW_LINK'
  | 'NO_SHOW'
  | 'RECALL'
  | 'REMOVE'
  | 'REMOVE_MEMBER'
  | 'RETRY_MESSAGE'
  | 'RETURN'
  | 'REVOKE_INVITATION'
  | 'SERVE'
  | 'SET_QUEUE_STATUS'
  | 'UPDATE_QUEUE';

/** A counter as the owner sets it: with the id of an existing counter to keep (rename) it, without to add one. */
export type CounterInput = {
  id?: string | number | null | undefined;
  name: string;
};

export type CreateQueueInput = {
  /** 1 to 50; null turns the alert off. */
  alertAhead?: number | null | undefined;
  calledMessage?: string | null | undefined;
  capacity?: number | null | undefined;
  /** At most 20, each with a unique name; the list replaces the queue's counters. */
  counters?: Array<CounterInput> | null | undefined;
  description?: string | null | undefined;
  graceCallsNext?: boolean | null | undefined;
  /** 1 to 120; null turns it off. */
  graceMinutes?: number | null | undefined;
  /** At most one per kind and language; an empty list (or null) goes back to the defaults. */
  messageTemplates?: Array<MessageTemplateInput> | null | undefined;
  name: string;
  onePerContact?: boolean | null | undefined;
  presence?: PresenceRotation | null | undefined;
  selfJoin?: boolean | null | undefined;
  serveOnNext?: boolean | null | undefined;
  /** 1 to 5 (1 when left out at creation): how often one ticket may move back. */
  snoozeLimit?: number | null | undefined;
  /** 1 to 50: how many places 'I need a few more minutes' moves a waiting person back; null turns it off. */
  snoozePlaces?: number | null | undefined;
  /** A venue where the caller may create queues; left out: the caller's default venue. */
  venueId?: string | number | null | undefined;
};

export type DeliveryStatus =
  /** Every attempt failed: staff can retry it. */
  | 'FAILED'
  | 'QUEUED'
  /** An attempt failed; another follows. */
  | 'RETRYING'
  | 'SENDING'
  | 'SENT';

export type InvitationInput = {
  email: string;
  /** A clerk's queues (1 to 100 of this venue's); ignored for owners and managers. */
  queueIds?: Array<string | number> | null | undefined;
  role: VenueRole;
};

export type InvitationStatus =
  | 'ACCEPTED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REVOKED';

/** The languages messages are written in: English and Brazilian Portuguese. */
export type Language =
  | 'EN'
  | 'PT_BR';

export type MemberRoleInput = {
  queueIds?: Array<string | number> | null | undefined;
  role: VenueRole;
};

export type MessageChannel =
  | 'EMAIL'
  | 'SMS';

export type MessageKind =
  | 'ALMOST'
  | 'CALLED'
  /** The grace after a call ran out: the person is a no-show. */
  | 'MISSED'
  /** An answer to a text the person sent. */
  | 'REPLY';

export type MessageTemplateInput = {
  kind: TemplateKind;
  language: Language;
  text: string;
};

/** Whom to look for: an email, a phone number, or both (either matches). */
export type PersonInput = {
  email?: string | null | undefined;
  phone?: string | null | undefined;
};

export type PresenceRotation =
  | 'DAILY'
  | 'HOURLY'
  | 'OFF';

export type QueueEventKind =
  | 'CALLED'
  | 'JOINED'
  | 'LEFT'
  /** A waiting person moved back a few places ('I need a few more minutes'). */
  | 'MOVED'
  | 'NO_SHOW'
  | 'QUEUE_UPDATED'
  | 'RECALLED'
  | 'REMOVED'
  /** Staff put a no-show back in the waiting line. */
  | 'RETURNED'
  | 'SERVED';

export type QueueStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'PAUSED';

export type SignUpInput = {
  email: string;
  name: string;
  password: string;
};

export type TemplateKind =
  | 'ALMOST'
  | 'CALLED';

export type TicketInput = {
  email?: string | null | undefined;
  /** The language the person's messages are written in: the page's when they join, the staff member's when added. English when absent. */
  language?: Language | null | undefined;
  name: string;
  /** How many people the ticket is for: 1 to 20, 1 when absent; the queue's capacity counts people. */
  partySize?: number | null | undefined;
  phone?: string | null | undefined;
};

export type TicketStatus =
  | 'CALLED'
  | 'LEFT'
  | 'NO_SHOW'
  | 'REMOVED'
  | 'SERVED'
  | 'WAITING';

/** Fields left out stay as they are; null clears description, calledMessage, capacity, alertAhead and messageTemplates. */
export type UpdateQueueInput = {
  /** 1 to 50; null turns the alert off. */
  alertAhead?: number | null | undefined;
  calledMessage?: string | null | undefined;
  capacity?: number | null | undefined;
  /** At most 20, each with a unique name; the list replaces the queue's counters. */
  counters?: Array<CounterInput> | null | undefined;
  description?: string | null | undefined;
  graceCallsNext?: boolean | null | undefined;
  /** 1 to 120; null turns it off. */
  graceMinutes?: number | null | undefined;
  /** At most one per kind and language; an empty list (or null) goes back to the defaults. */
  messageTemplates?: Array<MessageTemplateInput> | null | undefined;
  name?: string | null | undefined;
  onePerContact?: boolean | null | undefined;
  presence?: PresenceRotation | null | undefined;
  selfJoin?: boolean | null | undefined;
  serveOnNext?: boolean | null | undefined;
  /** 1 to 5 (1 when left out at creation): how often one ticket may move back. */
  snoozeLimit?: number | null | undefined;
  /** 1 to 50: how many places 'I need a few more minutes' moves a waiting person back; null turns it off. */
  snoozePlaces?: number | null | undefined;
};

export type VenueInput = {
  /** At most 500 characters. */
  address?: string | null | undefined;
  language?: Language | null | undefined;
  name?: string | null | undefined;
  /** 1 to 3650 (30 when a venue is created without it). */
  retentionDays?: number | null | undefined;
  timeZone?: string | null | undefined;
};

export type VenueRole =
  /** Operates the queues assigned to them: add, call, serve, recall, no-show, remove, put back. */
  | 'CLERK'
  /** Queues and their settings, stats, the audit log. */
  | 'MANAGER'
  /** Everything, the venue itself included. */
  | 'OWNER';

export type AuditLogQueryVariables = Exact<{
  queueId?: string | number | null | undefined;
  operation?: AuditOperation | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { nextToken: string | null, items: Array<{ id: string, at: string, accountId: string, accountName: string | null, operation: AuditOperation, queueName: string | null, ticketNumber: number | null, detail: string | null, requestId: string | null }> }, myQueues: { items: Array<{ id: string, name: string }> } };

export type AccountDeletionStateQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountDeletionStateQuery = { me: { email: string, deletionDueAt: string | null } };

export type AccountExportQueryVariables = Exact<{
  nextToken?: string | null | undefined;
}>;


export type AccountExportQuery = { accountExport: { data: string, nextToken: string | null } };

export type RequestAccountDeletionMutationVariables = Exact<{
  password: string;
}>;


export type RequestAccountDeletionMutation = { requestAccountDeletion: { deletionDueAt: string | null } };

export type CancelAccountDeletionMutationVariables = Exact<{ [key: string]: never; }>;


export type CancelAccountDeletionMutation = { cancelAccountDeletion: { deletionDueAt: string | null } };

export type RequestResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestResetMutation = { requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  password: string;
}>;


export type ResetPasswordMutation = { resetPassword: boolean };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { signUp: { accepted: boolean, email: string } };

export type VerifyEmailMutationVariables = Exact<{
  token: string;
}>;


export type VerifyEmailMutation = { verifyEmail: { email: string, status: AccountStatus } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { accessToken: string, expiresAt: string } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type LogoutEverywhereMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutEverywhereMutation = { logoutEverywhere: boolean };

export type ChangePasswordMutationVariables = Exact<{
  current: string;
  next: string;
}>;


export type ChangePasswordMutation = { changePassword: { accessToken: string, expiresAt: string } };

export type RefreshSessionMutationVariables = Exact<{ [key: string]: never; }>;


export type RefreshSessionMutation = { refreshSession: { accessToken: string, expiresAt: string } };

export type ResendVerificationMutationVariables = Exact<{
  email: string;
}>;


export type ResendVerificationMutation = { resendVerification: boolean };

export type MyVenuesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyVenuesQuery = { myVenues: Array<{ id: string, name: string, role: VenueRole }> };

export type VenuePeopleQueryVariables = Exact<{
  venueId: string | number;
}>;


export type VenuePeopleQuery = { venueMembers: Array<{ accountId: string, name: string | null, email: string | null, role: VenueRole, queueIds: Array<string> | null }>, venueInvitations: Array<{ id: string, email: string, role: VenueRole, status: InvitationStatus, expiresAt: string }>, myQueues: { items: Array<{ id: string, name: string, venueId: string }> } };

export type CreateVenueMutationVariables = Exact<{
  input: VenueInput;
}>;


export type CreateVenueMutation = { createVenue: { id: string } };

export type InviteToVenueMutationVariables = Exact<{
  venueId: string | number;
  input: InvitationInput;
}>;


export type InviteToVenueMutation = { inviteToVenue: { id: string, email: string } };

export type RevokeInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeInvitationMutation = { revokeInvitation: { id: string } };

export type SetMemberRoleMutationVariables = Exact<{
  venueId: string | number;
  accountId: string | number;
  input: MemberRoleInput;
}>;


export type SetMemberRoleMutation = { setMemberRole: { accountId: string } };

export type RemoveMemberMutationVariables = Exact<{
  venueId: string | number;
  accountId: string | number;
}>;


export type RemoveMemberMutation = { removeMember: boolean };

export type PersonalDataQueryVariables = Exact<{
  person: PersonInput;
}>;


export type PersonalDataQuery = { personalData: string };

export type ErasePersonMutationVariables = Exact<{
  person: PersonInput;
}>;


export type ErasePersonMutation = { erasePerson: { removed: number, erased: number } };

export type AcceptInvitationMutationVariables = Exact<{
  token: string;
}>;


export type AcceptInvitationMutation = { acceptInvitation: { id: string, name: string, role: VenueRole } };

export type QueueLinksQueryVariables = Exact<{
  id: string | number;
}>;


export type QueueLinksQuery = { queue: { id: string, name: string, joinUrl: string, displayUrl: string, presenceCode: { code: string, validUntil: string } | null } | null };

export type QueueScreenQueryVariables = Exact<{
  id: string | number;
}>;


export type QueueScreenQuery = { myVenues: Array<{ id: string, role: VenueRole }>, queue: { id: string, venueId: string, name: string, description: string | null, calledMessage: string | null, selfJoin: boolean, serveOnNext: boolean, capacity: number | null, alertAhead: number | null, onePerContact: boolean, presence: PresenceRotation, graceMinutes: number | null, graceCallsNext: boolean, snoozePlaces: number | null, snoozeLimit: number, status: QueueStatus, nowServing: number | null, waitingCount: number, version: number, joinUrl: string, counters: Array<{ id: string, name: string }>, messageTemplates: Array<{ kind: TemplateKind, language: Language, text: string }> } | null, queueTickets: { items: Array<{ id: string, number: number, name: string, status: TicketStatus, position: number | null, counter: string | null, partySize: number, snoozes: number, joinedAt: string }> }, missed: { items: Array<{ id: string, number: number, name: string, finishedAt: string | null }> } };

export type TicketMessagesOfQueryVariables = Exact<{
  queueId: string | number;
  ticketIds: Array<string | number> | string | number;
}>;


export type TicketMessagesOfQuery = { ticketMessages: Array<{ id: string, ticketId: string, channel: MessageChannel, kind: MessageKind, status: DeliveryStatus, failures: number }> };

export type RetryMessageMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryMessageMutation = { retryMessage: { id: string, status: DeliveryStatus } };

export type QueueScreenEventsSubscriptionVariables = Exact<{
  queueId: string | number;
}>;


export type QueueScreenEventsSubscription = { onQueueEvent: { version: number, kind: QueueEventKind } | null };

export type AddTicketMutationVariables = Exact<{
  queueId: string | number;
  input: TicketInput;
}>;


export type AddTicketMutation = { addTicket: { accessUrl: string, ticket: { number: number, name: string } } };

export type CallNextMutationVariables = Exact<{
  queueId: string | number;
  counter?: string | number | null | undefined;
}>;


export type CallNextMutation = { callNext: { number: number } | null };

export type CompleteMutationVariables = Exact<{
  id: string | number;
}>;


export type CompleteMutation = { completeTicket: { id: string } };

export type UpdateQueueMutationVariables = Exact<{
  id: string | number;
  input: UpdateQueueInput;
}>;


export type UpdateQueueMutation = { updateQueue: { id: string } };

export type RecallMutationVariables = Exact<{
  id: string | number;
}>;


export type RecallMutation = { recallTicket: { id: string } };

export type NoShowMutationVariables = Exact<{
  id: string | number;
}>;


export type NoShowMutation = { markNoShow: { id: string } };

export type SetStatusMutationVariables = Exact<{
  id: string | number;
  status: QueueStatus;
}>;


export type SetStatusMutation = { setQueueStatus: { status: QueueStatus } };

export type DeleteQueueMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteQueueMutation = { deleteQueue: boolean };

export type RemoveMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveMutation = { removeTicket: { id: string } };

export type ReturnTicketMutationVariables = Exact<{
  id: string | number;
  position?: number | null | undefined;
}>;


export type ReturnTicketMutation = { returnTicket: { id: string } };

export type NewTicketLinkMutationVariables = Exact<{
  id: string | number;
}>;


export type NewTicketLinkMutation = { newTicketLink: { accessUrl: string, ticket: { number: number, name: string } } };

export type MyQueuesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyQueuesQuery = { myVenues: Array<{ id: string, name: string, role: VenueRole }>, myQueues: { items: Array<{ id: string, venueId: string, name: string, status: QueueStatus, waitingCount: number, nowServing: number | null }> } };

export type QueueListEventsSubscriptionVariables = Exact<{
  queueId: string | number;
}>;


export type QueueListEventsSubscription = { onQueueEvent: { queueId: string, version: number, waitingCount: number, nowServing: number | null } | null };

export type CreateQueueMutationVariables = Exact<{
  input: CreateQueueInput;
}>;


export type CreateQueueMutation = { createQueue: { id: string } };

export type QueueStatsQueryVariables = Exact<{
  id: string | number;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type QueueStatsQuery = { queue: { name: string } | null, queueStats: { joinedCount: number, calledCount: number, servedCount: number, noShowCount: number, averageWaitSeconds: number | null, averageCallIntervalSeconds: number | null, servedPerHour: Array<{ hour: string, count: number }>, waits: Array<{ ticketNumber: number, waitSeconds: number, served: boolean, quote: { lowSeconds: number, highSeconds: number } | null }>, quoteAccuracy: { quoted: number, within: number, longer: number, shorter: number }, byCounter: Array<{ counter: string, calledCount: number, servedCount: number, noShowCount: number, averageServiceSeconds: number | null }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($queueId: ID, $operation: AuditOperation, $from: AWSDateTime, $to: AWSDateTime, $nextToken: String) {
  auditLog(
    queueId: $queueId
    operation: $operation
    from: $from
    to: $to
    limit: 50
    nextToken: $nextToken
  ) {
    items {
      id
      at
      accountId
      accountName
      operation
      queueName
      ticketNumber
      detail
      requestId
    }
    nextToken
  }
  myQueues(limit: 100) {
    items {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const AccountDeletionStateDocument = new TypedDocumentString(`
    query AccountDeletionState {
  me {
    email
    deletionDueAt
  }
}
    `) as unknown as TypedDocumentString<AccountDeletionStateQuery, AccountDeletionStateQueryVariables>;
export const AccountExportDocument = new TypedDocumentString(`
    query AccountExport($nextToken: String) {
  accountExport(nextToken: $nextToken) {
    data
    nextToken
  }
}
    `) as unknown as TypedDocumentString<AccountExportQuery, AccountExportQueryVariables>;
export const RequestAccountDeletionDocument = new TypedDocumentString(`
    mutation RequestAccountDeletion($password: String!) {
  requestAccountDeletion(password: $password) {
    deletionDueAt
  }
}
    `) as unknown as TypedDocumentString<RequestAccountDeletionMutation, RequestAccountDeletionMutationVariables>;
export const CancelAccountDeletionDocument = new TypedDocumentString(`
    mutation CancelAccountDeletion {
  cancelAccountDeletion {
    deletionDueAt
  }
}
    `) as unknown as TypedDocumentString<CancelAccountDeletionMutation, CancelAccountDeletionMutationVariables>;
export const RequestResetDocument = new TypedDocumentString(`
    mutation RequestReset($email: AWSEmail!) {
  requestPasswordReset(email: $email)
}
    `) as unknown as TypedDocumentString<RequestResetMutation, RequestResetMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($token: String!, $password: String!) {
  resetPassword(token: $token, password: $password)
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    accepted
    email
  }
}
    `) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const VerifyEmailDocument = new TypedDocumentString(`
    mutation VerifyEmail($token: String!) {
  verifyEmail(token: $token) {
    email
    status
  }
}
    `) as unknown as TypedDocumentString<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: AWSEmail!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const LogoutEverywhereDocument = new TypedDocumentString(`
    mutation LogoutEverywhere {
  logoutEverywhere
}
    `) as unknown as TypedDocumentString<LogoutEverywhereMutation, LogoutEverywhereMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) {
    accessToken
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession {
  refreshSession {
    accessToken
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const ResendVerificationDocument = new TypedDocumentString(`
    mutation ResendVerification($email: AWSEmail!) {
  resendVerification(email: $email)
}
    `) as unknown as TypedDocumentString<ResendVerificationMutation, ResendVerificationMutationVariables>;
export const MyVenuesDocument = new TypedDocumentString(`
    query MyVenues {
  myVenues {
    id
    name
    role
  }
}
    `) as unknown as TypedDocumentString<MyVenuesQuery, MyVenuesQueryVariables>;
export const VenuePeopleDocument = new TypedDocumentString(`
    query VenuePeople($venueId: ID!) {
  venueMembers(venueId: $venueId) {
    accountId
    name
    email
    role
    queueIds
  }
  venueInvitations(venueId: $venueId) {
    id
    email
    role
    status
    expiresAt
  }
  myQueues(limit: 100) {
    items {
      id
      name
      venueId
    }
  }
}
    `) as unknown as TypedDocumentString<VenuePeopleQuery, VenuePeopleQueryVariables>;
export const CreateVenueDocument = new TypedDocumentString(`
    mutation CreateVenue($input: VenueInput!) {
  createVenue(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateVenueMutation, CreateVenueMutationVariables>;
export const InviteToVenueDocument = new TypedDocumentString(`
    mutation InviteToVenue($venueId: ID!, $input: InvitationInput!) {
  inviteToVenue(venueId: $venueId, input: $input) {
    id
    email
  }
}
    `) as unknown as TypedDocumentString<InviteToVenueMutation, InviteToVenueMutationVariables>;
export const RevokeInvitationDocument = new TypedDocumentString(`
    mutation RevokeInvitation($id: ID!) {
  revokeInvitation(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RevokeInvitationMutation, RevokeInvitationMutationVariables>;
export const SetMemberRoleDocument = new TypedDocumentString(`
    mutation SetMemberRole($venueId: ID!, $accountId: ID!, $input: MemberRoleInput!) {
  setMemberRole(venueId: $venueId, accountId: $accountId, input: $input) {
    accountId
  }
}
    `) as unknown as TypedDocumentString<SetMemberRoleMutation, SetMemberRoleMutationVariables>;
export const RemoveMemberDocument = new TypedDocumentString(`
    mutation RemoveMember($venueId: ID!, $accountId: ID!) {
  removeMember(venueId: $venueId, accountId: $accountId)
}
    `) as unknown as TypedDocumentString<RemoveMemberMutation, RemoveMemberMutationVariables>;
export const PersonalDataDocument = new TypedDocumentString(`
    query PersonalData($person: PersonInput!) {
  personalData(person: $person)
}
    `) as unknown as TypedDocumentString<PersonalDataQuery, PersonalDataQueryVariables>;
export const ErasePersonDocument = new TypedDocumentString(`
    mutation ErasePerson($person: PersonInput!) {
  erasePerson(person: $person) {
    removed
    erased
  }
}
    `) as unknown as TypedDocumentString<ErasePersonMutation, ErasePersonMutationVariables>;
export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($token: String!) {
  acceptInvitation(token: $token) {
    id
    name
    role
  }
}
    `) as unknown as TypedDocumentString<AcceptInvitationMutation, AcceptInvitationMutationVariables>;
export const QueueLinksDocument = new TypedDocumentString(`
    query QueueLinks($id: ID!) {
  queue(id: $id) {
    id
    name
    joinUrl
    displayUrl
    presenceCode {
      code
      validUntil
    }
  }
}
    `) as unknown as TypedDocumentString<QueueLinksQuery, QueueLinksQueryVariables>;
export const QueueScreenDocument = new TypedDocumentString(`
    query QueueScreen($id: ID!) {
  myVenues {
    id
    role
  }
  queue(id: $id) {
    id
    venueId
    name
    description
    calledMessage
    selfJoin
    serveOnNext
    capacity
    alertAhead
    onePerContact
    presence
    graceMinutes
    graceCallsNext
    snoozePlaces
    snoozeLimit
    counters {
      id
      name
    }
    messageTemplates {
      kind
      language
      text
    }
    status
    nowServing
    waitingCount
    version
    joinUrl
  }
  queueTickets(queueId: $id, statuses: [WAITING, CALLED], limit: 500) {
    items {
      id
      number
      name
      status
      position
      counter
      partySize
      snoozes
      joinedAt
    }
  }
  missed: queueTickets(queueId: $id, statuses: [NO_SHOW], limit: 500) {
    items {
      id
      number
      name
      finishedAt
    }
  }
}
    `) as unknown as TypedDocumentString<QueueScreenQuery, QueueScreenQueryVariables>;
export const TicketMessagesOfDocument = new TypedDocumentString(`
    query TicketMessagesOf($queueId: ID!, $ticketIds: [ID!]!) {
  ticketMessages(queueId: $queueId, ticketIds: $ticketIds) {
    id
    ticketId
    channel
    kind
    status
    failures
  }
}
    `) as unknown as TypedDocumentString<TicketMessagesOfQuery, TicketMessagesOfQueryVariables>;
export const RetryMessageDocument = new TypedDocumentString(`
    mutation RetryMessage($id: ID!) {
  retryMessage(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RetryMessageMutation, RetryMessageMutationVariables>;
export const QueueScreenEventsDocument = new TypedDocumentString(`
    subscription QueueScreenEvents($queueId: ID!) {
  onQueueEvent(queueId: $queueId) {
    version
    kind
  }
}
    `) as unknown as TypedDocumentString<QueueScreenEventsSubscription, QueueScreenEventsSubscriptionVariables>;
export const AddTicketDocument = new TypedDocumentString(`
    mutation AddTicket($queueId: ID!, $input: TicketInput!) {
  addTicket(queueId: $queueId, input: $input) {
    accessUrl
    ticket {
      number
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AddTicketMutation, AddTicketMutationVariables>;
export const CallNextDocument = new TypedDocumentString(`
    mutation CallNext($queueId: ID!, $counter: ID) {
  callNext(queueId: $queueId, counter: $counter) {
    number
  }
}
    `) as unknown as TypedDocumentString<CallNextMutation, CallNextMutationVariables>;
export const CompleteDocument = new TypedDocumentString(`
    mutation Complete($id: ID!) {
  completeTicket(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<CompleteMutation, CompleteMutationVariables>;
export const UpdateQueueDocument = new TypedDocumentString(`
    mutation UpdateQueue($id: ID!, $input: UpdateQueueInput!) {
  updateQueue(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateQueueMutation, UpdateQueueMutationVariables>;
export const RecallDocument = new TypedDocumentString(`
    mutation Recall($id: ID!) {
  recallTicket(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RecallMutation, RecallMutationVariables>;
export const NoShowDocument = new TypedDocumentString(`
    mutation NoShow($id: ID!) {
  markNoShow(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<NoShowMutation, NoShowMutationVariables>;
export const SetStatusDocument = new TypedDocumentString(`
    mutation SetStatus($id: ID!, $status: QueueStatus!) {
  setQueueStatus(id: $id, status: $status) {
    status
  }
}
    `) as unknown as TypedDocumentString<SetStatusMutation, SetStatusMutationVariables>;
export const DeleteQueueDocument = new TypedDocumentString(`
    mutation DeleteQueue($id: ID!) {
  deleteQueue(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteQueueMutation, DeleteQueueMutationVariables>;
export const RemoveDocument = new TypedDocumentString(`
    mutation Remove($id: ID!) {
  removeTicket(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RemoveMutation, RemoveMutationVariables>;
export const ReturnTicketDocument = new TypedDocumentString(`
    mutation ReturnTicket($id: ID!, $position: Int) {
  returnTicket(id: $id, position: $position) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReturnTicketMutation, ReturnTicketMutationVariables>;
export const NewTicketLinkDocument = new TypedDocumentString(`
    mutation NewTicketLink($id: ID!) {
  newTicketLink(id: $id) {
    accessUrl
    ticket {
      number
      name
    }
  }
}
    `) as unknown as TypedDocumentString<NewTicketLinkMutation, NewTicketLinkMutationVariables>;
export const MyQueuesDocument = new TypedDocumentString(`
    query MyQueues {
  myVenues {
    id
    name
    role
  }
  myQueues(limit: 100) {
    items {
      id
      venueId
      name
      status
      waitingCount
      nowServing
    }
  }
}
    `) as unknown as TypedDocumentString<MyQueuesQuery, MyQueuesQueryVariables>;
export const QueueListEventsDocument = new TypedDocumentString(`
    subscription QueueListEvents($queueId: ID!) {
  onQueueEvent(queueId: $queueId) {
    queueId
    version
    waitingCount
    nowServing
  }
}
    `) as unknown as TypedDocumentString<QueueListEventsSubscription, QueueListEventsSubscriptionVariables>;
export const CreateQueueDocument = new TypedDocumentString(`
    mutation CreateQueue($input: CreateQueueInput!) {
  createQueue(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateQueueMutation, CreateQueueMutationVariables>;
export const QueueStatsDocument = new TypedDocumentString(`
    query QueueStats($id: ID!, $from: AWSDateTime, $to: AWSDateTime) {
  queue(id: $id) {
    name
  }
  queueStats(queueId: $id, from: $from, to: $to) {
    joinedCount
    calledCount
    servedCount
    noShowCount
    averageWaitSeconds
    averageCallIntervalSeconds
    servedPerHour {
      hour
      count
    }
    waits {
      ticketNumber
      waitSeconds
      served
      quote {
        lowSeconds
        highSeconds
      }
    }
    quoteAccuracy {
      quoted
      within
      longer
      shorter
    }
    byCounter {
      counter
      calledCount
      servedCount
      noShowCount
      averageServiceSeconds
    }
  }
}
    `) as unknown as TypedDocumentString<QueueStatsQuery, QueueStatsQueryVariables>;