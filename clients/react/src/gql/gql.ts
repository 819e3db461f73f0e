/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Display($queueId: ID!, $key: String) {\n    queueDisplay(queueId: $queueId, key: $key) {\n      queueId\n      name\n      status\n      nowServing\n      waitingCount\n      version\n      recentCalls {\n        number\n        calledAt\n        counter\n      }\n      counters\n      counterCalls {\n        number\n        calledAt\n        counter\n      }\n      presenceCode {\n        code\n        validUntil\n      }\n    }\n  }\n": typeof types.DisplayDocument,
    "\n  subscription DisplayEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      kind\n      ticketNumber\n      waitingCount\n      nowServing\n      counter\n      at\n    }\n  }\n": typeof types.DisplayEventsDocument,
    "\n  query JoinInfo($queueId: ID!) {\n    queueDisplay(queueId: $queueId) {\n      queueId\n      name\n      status\n      waitingCount\n      privacy {\n        keptBy\n        retentionDays\n      }\n    }\n  }\n": typeof types.JoinInfoDocument,
    "\n  mutation JoinQueue($queueId: ID!, $input: TicketInput!, $presenceCode: String) {\n    joinQueue(queueId: $queueId, input: $input, presenceCode: $presenceCode) {\n      accessToken\n      ticket {\n        number\n        position\n      }\n    }\n  }\n": typeof types.JoinQueueDocument,
    "\n  mutation SnoozeTicket($token: String!) {\n    snoozeTicket(token: $token) {\n      ...TicketFields\n    }\n  }\n": typeof types.SnoozeTicketDocument,
    "\n  fragment TicketFields on TicketView {\n    ticketId\n    queueId\n    queueName\n    queueDescription\n    queueStatus\n    name\n    number\n    status\n    position\n    waitingCount\n    nowServing\n    estimatedWait {\n      lowSeconds\n      highSeconds\n    }\n    calledMessage\n    alertAhead\n    counter\n    snoozePlaces\n    snoozesLeft\n    privacy {\n      keptBy\n      retentionDays\n    }\n    version\n  }\n": typeof types.TicketFieldsFragmentDoc,
    "\n  query Ticket($token: String!) {\n    ticket(token: $token) {\n      ...TicketFields\n    }\n  }\n": typeof types.TicketDocument,
    "\n  mutation LeaveQueue($token: String!) {\n    leaveQueue(token: $token) {\n      ...TicketFields\n    }\n  }\n": typeof types.LeaveQueueDocument,
    "\n  subscription TicketEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      kind\n      ticketNumber\n      waitingCount\n      nowServing\n      fromPosition\n      toPosition\n      at\n    }\n  }\n": typeof types.TicketEventsDocument,
};
const documents: Documents = {
    "\n  query Display($queueId: ID!, $key: String) {\n    queueDisplay(queueId: $queueId, key: $key) {\n      queueId\n      name\n      status\n      nowServing\n      waitingCount\n      version\n      recentCalls {\n        number\n        calledAt\n        counter\n      }\n      counters\n      counterCalls {\n        number\n        calledAt\n        counter\n      }\n      presenceCode {\n        code\n        validUntil\n      }\n    }\n  }\n": types.DisplayDocument,
    "\n  subscription DisplayEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      kind\n      ticketNumber\n      waitingCount\n      nowServing\n      counter\n      at\n    }\n  }\n": types.DisplayEventsDocument,
    "\n  query JoinInfo($queueId: ID!) {\n    queueDisplay(queueId: $queueId) {\n      queueId\n      name\n      status\n      waitingCount\n      privacy {\n        keptBy\n        retentionDays\n      }\n    }\n  }\n": types.JoinInfoDocument,
    "\n  mutation JoinQueue($queueId: ID!, $input: TicketInput!, $presenceCode: String) {\n    joinQueue(queueId: $queueId, input: $input, presenceCode: $presenceCode) {\n      accessToken\n      ticket {\n        number\n        position\n      }\n    }\n  }\n": types.JoinQueueDocument,
    "\n  mutation SnoozeTicket($token: String!) {\n    snoozeTicket(token: $token) {\n      ...TicketFields\n    }\n  }\n": types.SnoozeTicketDocument,
    "\n  fragment TicketFields on TicketView {\n    ticketId\n    queueId\n    queueName\n    queueDescription\n    queueStatus\n    name\n    number\n    status\n    position\n    waitingCount\n    nowServing\n    estimatedWait {\n      lowSeconds\n      highSeconds\n    }\n    calledMessage\n    alertAhead\n    counter\n    snoozePlaces\n    snoozesLeft\n    privacy {\n      keptBy\n      retentionDays\n    }\n    version\n  }\n": types.TicketFieldsFragmentDoc,
    "\n  query Ticket($token: String!) {\n    ticket(token: $token) {\n      ...TicketFields\n    }\n  }\n": types.TicketDocument,
    "\n  mutation LeaveQueue($token: String!) {\n    leaveQueue(token: $token) {\n      ...TicketFields\n    }\n  }\n": types.LeaveQueueDocument,
    "\n  subscription TicketEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      kind\n      ticketNumber\n      waitingCount\n      nowServing\n      fromPosition\n      toPosition\n      at\n    }\n  }\n": types.TicketEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Display($queueId: ID!, $key: String) {\n    queueDisplay(queueId: $queueId, key: $key) {\n      queueId\n      name\n      status\n      nowServing\n      waitingCount\n      version\n      recentCalls {\n        number\n        calledAt\n        counter\n      }\n      counters\n      counterCalls {\n        number\n        calledAt\n        counter\n      }\n      presenceCode {\n        code\n        validUntil\n      }\n    }\n  }\n"): typeof import('./graphql').DisplayDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DisplayEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      kind\n      ticketNumber\n      waitingCount\n      nowServing\n      counter\n      at\n    }\n  }\n"): typeof import('./graphql').DisplayEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JoinInfo($queueId: ID!) {\n    queueDisplay(queueId: $queueId) {\n      queueId\n      name\n      status\n      waitingCount\n      privacy {\n        keptBy\n        retentionDays\n      }\n    }\n  }\n"): typeof import('./graphql').JoinInfoDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinQueue($queueId: ID!, $input: TicketInput!, $presenceCode: String) {\n    joinQueue(queueId: $queueId, input: $input, presenceCode: $presenceCode) {\n      accessToken\n      ticket {\n        number\n        position\n      }\n    }\n  }\n"): typeof import('./graphql').JoinQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SnoozeTicket($token: String!) {\n    snoozeTicket(token: $token) {\n      ...TicketFields\n    }\n  }\n"): typeof import('./graphql').SnoozeTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketFields on TicketView {\n    ticketId\n    queueId\n    queueName\n    queueDescription\n    queueStatus\n    name\n    number\n    status\n    position\n    waitingCount\n    nowServing\n    estimatedWait {\n      lowSeconds\n      highSeconds\n    }\n    calledMessage\n    alertAhead\n    counter\n    snoozePlaces\n    snoozesLeft\n    privacy {\n      keptBy\n      retentionDays\n    }\n    version\n  }\n"): typeof import('./graphql').TicketFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ticket($token: String!) {\n    ticket(token: $token) {\n      ...TicketFields\n    }\n  }\n"): typeof import('./graphql').TicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveQueue($token: String!) {\n    leaveQueue(token: $token) {\n      ...TicketFields\n    }\n  }\n"): typeof import('./graphql').LeaveQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TicketEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      kind\n      ticketNumber\n      waitingCount\n      nowServing\n      fromPosition\n      toPosition\n      at\n    }\n  }\n"): typeof import('./graphql').TicketEventsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
