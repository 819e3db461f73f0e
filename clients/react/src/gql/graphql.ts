/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The languages messages are written in: English and Brazilian Portuguese. */
export type Language =
  | 'EN'
  | 'PT_BR';

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

export type DisplayQueryVariables = Exact<{
  queueId: string | number;
  key?: string | null | undefined;
}>;


export type DisplayQuery = { queueDisplay: { queueId: string, name: string, status: QueueStatus, nowServing: number | null, waitingCount: number, version: number, counters: Array<string>, recentCalls: Array<{ number: number, calledAt: string, counter: string | null }>, counterCalls: Array<{ number: number, calledAt: string, counter: string | null }>, presenceCode: { code: string, validUntil: string } | null } | null };

export type DisplayEventsSubscriptionVariables = Exact<{
  queueId: string | number;
}>;


export type DisplayEventsSubscription = { onQueueEvent: { queueId: string, version: number, kind: QueueEventKind, ticketNumber: number | null, waitingCount: number, nowServing: number | null, counter: string | null, at: string } | null };

export type JoinInfoQueryVariables = Exact<{
  queueId: string | number;
}>;


export type JoinInfoQuery = { queueDisplay: { queueId: string, name: string, status: QueueStatus, waitingCount: number, privacy: { keptBy: string, retentionDays: number } } | null };

export type JoinQueueMutationVariables = Exact<{
  queueId: string | number;
  input: TicketInput;
  presenceCode?: string | null | undefined;
}>;


export type JoinQueueMutation = { joinQueue: { accessToken: string, ticket: { number: number, position: number | null } } };

export type SnoozeTicketMutationVariables = Exact<{
  token: string;
}>;


export type SnoozeTicketMutation = { snoozeTicket: { ticketId: string, queueId: string, queueName: string, queueDescription: string | null, queueStatus: QueueStatus, name: string, number: number, status: TicketStatus, position: number | null, waitingCount: number, nowServing: number | null, calledMessage: string | null, alertAhead: number | null, counter: string | null, snoozePlaces: number | null, snoozesLeft: number, version: number, estimatedWait: { lowSeconds: number, highSeconds: number } | null, privacy: { keptBy: string, retentionDays: number } } };

export type TicketFieldsFragment = { ticketId: string, queueId: string, queueName: string, queueDescription: string | null, queueStatus: QueueStatus, name: string, number: number, status: TicketStatus, position: number | null, waitingCount: number, nowServing: number | null, calledMessage: string | null, alertAhead: number | null, counter: string | null, snoozePlaces: number | null, snoozesLeft: number, version: number, estimatedWait: { lowSeconds: number, highSeconds: number } | null, privacy: { keptBy: string, retentionDays: number } };

export type TicketQueryVariables = Exact<{
  token: string;
}>;


export type TicketQuery = { ticket: { ticketId: string, queueId: string, queueName: string, queueDescription: string | null, queueStatus: QueueStatus, name: string, number: number, status: TicketStatus, position: number | null, waitingCount: number, nowServing: number | null, calledMessage: string | null, alertAhead: number | null, counter: string | null, snoozePlaces: number | null, snoozesLeft: number, version: number, estimatedWait: { lowSeconds: number, highSeconds: number } | null, privacy: { keptBy: string, retentionDays: number } } | null };

export type LeaveQueueMutationVariables = Exact<{
  token: string;
}>;


export type LeaveQueueMutation = { leaveQueue: { ticketId: string, queueId: string, queueName: string, queueDescription: string | null, queueStatus: QueueStatus, name: string, number: number, status: TicketStatus, position: number | null, waitingCount: number, nowServing: number | null, calledMessage: string | null, alertAhead: number | null, counter: string | null, snoozePlaces: number | null, snoozesLeft: number, version: number, estimatedWait: { lowSeconds: number, highSeconds: number } | null, privacy: { keptBy: string, retentionDays: number } } };

export type TicketEventsSubscriptionVariables = Exact<{
  queueId: string | number;
}>;


export type TicketEventsSubscription = { onQueueEvent: { queueId: string, version: number, kind: QueueEventKind, ticketNumber: number | null, waitingCount: number, nowServing: number | null, fromPosition: number | null, toPosition: number | null, at: string } | null };

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
export const TicketFieldsFragmentDoc = new TypedDocumentString(`
    fragment TicketFields on TicketView {
  ticketId
  queueId
  queueName
  queueDescription
  queueStatus
  name
  number
  status
  position
  waitingCount
  nowServing
  estimatedWait {
    lowSeconds
    highSeconds
  }
  calledMessage
  alertAhead
  counter
  snoozePlaces
  snoozesLeft
  privacy {
    keptBy
    retentionDays
  }
  version
}
    `, {"fragmentName":"TicketFields"}) as unknown as TypedDocumentString<TicketFieldsFragment, unknown>;
export const DisplayDocument = new TypedDocumentString(`
    query Display($queueId: ID!, $key: String) {
  queueDisplay(queueId: $queueId, key: $key) {
    queueId
    name
    status
    nowServing
    waitingCount
    version
    recentCalls {
      number
      calledAt
      counter
    }
    counters
    counterCalls {
      number
      calledAt
      counter
    }
    presenceCode {
      code
      validUntil
    }
  }
}
    `) as unknown as TypedDocumentString<DisplayQuery, DisplayQueryVariables>;
export const DisplayEventsDocument = new TypedDocumentString(`
    subscription DisplayEvents($queueId: ID!) {
  onQueueEvent(queueId: $queueId) {
    queueId
    version
    kind
    ticketNumber
    waitingCount
    nowServing
    counter
    at
  }
}
    `) as unknown as TypedDocumentString<DisplayEventsSubscription, DisplayEventsSubscriptionVariables>;
export const JoinInfoDocument = new TypedDocumentString(`
    query JoinInfo($queueId: ID!) {
  queueDisplay(queueId: $queueId) {
    queueId
    name
    status
    waitingCount
    privacy {
      keptBy
      retentionDays
    }
  }
}
    `) as unknown as TypedDocumentString<JoinInfoQuery, JoinInfoQueryVariables>;
export const JoinQueueDocument = new TypedDocumentString(`
    mutation JoinQueue($queueId: ID!, $input: TicketInput!, $presenceCode: String) {
  joinQueue(queueId: $queueId, input: $input, presenceCode: $presenceCode) {
    accessToken
    ticket {
      number
      position
    }
  }
}
    `) as unknown as TypedDocumentString<JoinQueueMutation, JoinQueueMutationVariables>;
export const SnoozeTicketDocument = new TypedDocumentString(`
    mutation SnoozeTicket($token: String!) {
  snoozeTicket(token: $token) {
    ...TicketFields
  }
}
    fragment TicketFields on TicketView {
  ticketId
  queueId
  queueName
  queueDescription
  queueStatus
  name
  number
  status
  position
  waitingCount
  nowServing
  estimatedWait {
    lowSeconds
    highSeconds
  }
  calledMessage
  alertAhead
  counter
  snoozePlaces
  snoozesLeft
  privacy {
    keptBy
    retentionDays
  }
  version
}`) as unknown as TypedDocumentString<SnoozeTicketMutation, SnoozeTicketMutationVariables>;
export const TicketDocument = new TypedDocumentString(`
    query Ticket($token: String!) {
  ticket(token: $token) {
    ...TicketFields
  }
}
    fragment TicketFields on TicketView {
  ticketId
  queueId
  queueName
  queueDescription
  queueStatus
  name
  number
  status
  position
  waitingCount
  nowServing
  estimatedWait {
    lowSeconds
    highSeconds
  }
  calledMessage
  alertAhead
  counter
  snoozePlaces
  snoozesLeft
  privacy {
    keptBy
    retentionDays
  }
  version
}`) as unknown as TypedDocumentString<TicketQuery, TicketQueryVariables>;
export const LeaveQueueDocument = new TypedDocumentString(`
    mutation LeaveQueue($token: String!) {
  leaveQueue(token: $token) {
    ...TicketFields
  }
}
    fragment TicketFields on TicketView {
  ticketId
  queueId
  queueName
  queueDescription
  queueStatus
  name
  number
  status
  position
  waitingCount
  nowServing
  estimatedWait {
    lowSeconds
    highSeconds
  }
  calledMessage
  alertAhead
  counter
  snoozePlaces
  snoozesLeft
  privacy {
    keptBy
    retentionDays
  }
  version
}`) as unknown as TypedDocumentString<LeaveQueueMutation, LeaveQueueMutationVariables>;
export const TicketEventsDocument = new TypedDocumentString(`
    subscription TicketEvents($queueId: ID!) {
  onQueueEvent(queueId: $queueId) {
    queueId
    version
    kind
    ticketNumber
    waitingCount
    nowServing
    fromPosition
    toPosition
    at
  }
}
    `) as unknown as TypedDocumentString<TicketEventsSubscription, TicketEventsSubscriptionVariables>;