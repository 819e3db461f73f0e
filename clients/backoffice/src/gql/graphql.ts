/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccountStatus =
  | 'ACTIVE'
  | 'PENDING';

export type CreateQueueInput = {
  calledMessage?: string | null | undefined;
  capacity?: number | null | undefined;
  description?: string | null | undefined;
  name: string;
  selfJoin?: boolean | null | undefined;
};

export type QueueEventKind =
  | 'CALLED'
  | 'JOINED'
  | 'LEFT'
  | 'NO_SHOW'
  | 'QUEUE_UPDATED'
  | 'RECALLED'
  | 'REMOVED'
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

export type TicketInput = {
  email?: string | null | undefined;
  name: string;
  phone?: string | null | undefined;
};

export type TicketStatus =
  | 'CALLED'
  | 'LEFT'
  | 'NO_SHOW'
  | 'REMOVED'
  | 'SERVED'
  | 'WAITING';

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

export type MyQueuesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyQueuesQuery = { myQueues: { items: Array<{ id: string, name: string, status: QueueStatus, waitingCount: number, nowServing: number | null }> } };

export type CreateQueueMutationVariables = Exact<{
  input: CreateQueueInput;
}>;


export type CreateQueueMutation = { createQueue: { id: string } };

export type QueueScreenQueryVariables = Exact<{
  id: string | number;
}>;


export type QueueScreenQuery = { queue: { id: string, name: string, status: QueueStatus, nowServing: number | null, waitingCount: number, version: number } | null, queueTickets: { items: Array<{ id: string, number: number, name: string, status: TicketStatus, position: number | null, joinedAt: string }> } };

export type QueueScreenEventsSubscriptionVariables = Exact<{
  queueId: string | number;
}>;


export type QueueScreenEventsSubscription = { onQueueEvent: { version: number, kind: QueueEventKind } | null };

export type AddTicketMutationVariables = Exact<{
  queueId: string | number;
  input: TicketInput;
}>;


export type AddTicketMutation = { addTicket: { ticket: { number: number } } };

export type CallNextMutationVariables = Exact<{
  queueId: string | number;
}>;


export type CallNextMutation = { callNext: { number: number } | null };

export type CompleteMutationVariables = Exact<{
  id: string | number;
}>;


export type CompleteMutation = { completeTicket: { id: string } };

export type RemoveMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveMutation = { removeTicket: { id: string } };

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
export const MyQueuesDocument = new TypedDocumentString(`
    query MyQueues {
  myQueues(limit: 100) {
    items {
      id
      name
      status
      waitingCount
      nowServing
    }
  }
}
    `) as unknown as TypedDocumentString<MyQueuesQuery, MyQueuesQueryVariables>;
export const CreateQueueDocument = new TypedDocumentString(`
    mutation CreateQueue($input: CreateQueueInput!) {
  createQueue(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateQueueMutation, CreateQueueMutationVariables>;
export const QueueScreenDocument = new TypedDocumentString(`
    query QueueScreen($id: ID!) {
  queue(id: $id) {
    id
    name
    status
    nowServing
    waitingCount
    version
  }
  queueTickets(queueId: $id, statuses: [WAITING, CALLED], limit: 500) {
    items {
      id
      number
      name
      status
      position
      joinedAt
    }
  }
}
    `) as unknown as TypedDocumentString<QueueScreenQuery, QueueScreenQueryVariables>;
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
    ticket {
      number
    }
  }
}
    `) as unknown as TypedDocumentString<AddTicketMutation, AddTicketMutationVariables>;
export const CallNextDocument = new TypedDocumentString(`
    mutation CallNext($queueId: ID!) {
  callNext(queueId: $queueId) {
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
export const RemoveDocument = new TypedDocumentString(`
    mutation Remove($id: ID!) {
  removeTicket(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RemoveMutation, RemoveMutationVariables>;