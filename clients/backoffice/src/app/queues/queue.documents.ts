import { graphql } from '../../gql';

/** What the live queue screen reads, hears and changes. */
export const QueueScreen = graphql(`
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
`);
export const TicketMessagesOf = graphql(`
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
`);
export const RetryMessage = graphql(`
  mutation RetryMessage($id: ID!) {
    retryMessage(id: $id) {
      id
      status
    }
  }
`);
export const QueueEvents = graphql(`
  subscription QueueScreenEvents($queueId: ID!) {
    onQueueEvent(queueId: $queueId) {
      version
      kind
    }
  }
`);
export const AddTicket = graphql(`
  mutation AddTicket($queueId: ID!, $input: TicketInput!) {
    addTicket(queueId: $queueId, input: $input) {
      accessUrl
      ticket {
        number
        name
      }
    }
  }
`);
export const CallNext = graphql(`
  mutation CallNext($queueId: ID!, $counter: ID) {
    callNext(queueId: $queueId, counter: $counter) {
      number
    }
  }
`);
export const Complete = graphql(`
  mutation Complete($id: ID!) {
    completeTicket(id: $id) {
      id
    }
  }
`);
export const UpdateQueue = graphql(`
  mutation UpdateQueue($id: ID!, $input: UpdateQueueInput!) {
    updateQueue(id: $id, input: $input) {
      id
    }
  }
`);
export const Recall = graphql(`
  mutation Recall($id: ID!) {
    recallTicket(id: $id) {
      id
    }
  }
`);
export const NoShow = graphql(`
  mutation NoShow($id: ID!) {
    markNoShow(id: $id) {
      id
    }
  }
`);
export const SetStatus = graphql(`
  mutation SetStatus($id: ID!, $status: QueueStatus!) {
    setQueueStatus(id: $id, status: $status) {
      status
    }
  }
`);
export const DeleteQueue = graphql(`
  mutation DeleteQueue($id: ID!) {
    deleteQueue(id: $id)
  }
`);
export const Remove = graphql(`
  mutation Remove($id: ID!) {
    removeTicket(id: $id) {
      id
    }
  }
`);
export const ReturnTicket = graphql(`
  mutation ReturnTicket($id: ID!, $position: Int) {
    returnTicket(id: $id, position: $position) {
      id
    }
  }
`);
export const NewTicketLink = graphql(`
  mutation NewTicketLink($id: ID!) {
    newTicketLink(id: $id) {
      accessUrl
      ticket {
        number
        name
      }
    }
  }
`);
