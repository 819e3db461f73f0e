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
    "\n  query AuditLog(\n    $queueId: ID\n    $operation: AuditOperation\n    $from: AWSDateTime\n    $to: AWSDateTime\n    $nextToken: String\n  ) {\n    auditLog(\n      queueId: $queueId\n      operation: $operation\n      from: $from\n      to: $to\n      limit: 50\n      nextToken: $nextToken\n    ) {\n      items {\n        id\n        at\n        accountId\n        accountName\n        operation\n        queueName\n        ticketNumber\n        detail\n        requestId\n      }\n      nextToken\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AccountDeletionState {\n    me {\n      email\n      deletionDueAt\n    }\n  }\n": typeof types.AccountDeletionStateDocument,
    "\n  query AccountExport($nextToken: String) {\n    accountExport(nextToken: $nextToken) {\n      data\n      nextToken\n    }\n  }\n": typeof types.AccountExportDocument,
    "\n  mutation RequestAccountDeletion($password: String!) {\n    requestAccountDeletion(password: $password) {\n      deletionDueAt\n    }\n  }\n": typeof types.RequestAccountDeletionDocument,
    "\n  mutation CancelAccountDeletion {\n    cancelAccountDeletion {\n      deletionDueAt\n    }\n  }\n": typeof types.CancelAccountDeletionDocument,
    "\n  mutation RequestReset($email: AWSEmail!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestResetDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accepted\n      email\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      email\n      status\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation Login($email: AWSEmail!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": typeof types.LogoutEverywhereDocument,
    "\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) {\n      accessToken\n      expiresAt\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation ResendVerification($email: AWSEmail!) {\n    resendVerification(email: $email)\n  }\n": typeof types.ResendVerificationDocument,
    "\n  query MyVenues {\n    myVenues {\n      id\n      name\n      role\n    }\n  }\n": typeof types.MyVenuesDocument,
    "\n  query VenuePeople($venueId: ID!) {\n    venueMembers(venueId: $venueId) {\n      accountId\n      name\n      email\n      role\n      queueIds\n    }\n    venueInvitations(venueId: $venueId) {\n      id\n      email\n      role\n      status\n      expiresAt\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        name\n        venueId\n      }\n    }\n  }\n": typeof types.VenuePeopleDocument,
    "\n  mutation CreateVenue($input: VenueInput!) {\n    createVenue(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateVenueDocument,
    "\n  mutation InviteToVenue($venueId: ID!, $input: InvitationInput!) {\n    inviteToVenue(venueId: $venueId, input: $input) {\n      id\n      email\n    }\n  }\n": typeof types.InviteToVenueDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation SetMemberRole($venueId: ID!, $accountId: ID!, $input: MemberRoleInput!) {\n    setMemberRole(venueId: $venueId, accountId: $accountId, input: $input) {\n      accountId\n    }\n  }\n": typeof types.SetMemberRoleDocument,
    "\n  mutation RemoveMember($venueId: ID!, $accountId: ID!) {\n    removeMember(venueId: $venueId, accountId: $accountId)\n  }\n": typeof types.RemoveMemberDocument,
    "\n  query PersonalData($person: PersonInput!) {\n    personalData(person: $person)\n  }\n": typeof types.PersonalDataDocument,
    "\n  mutation ErasePerson($person: PersonInput!) {\n    erasePerson(person: $person) {\n      removed\n      erased\n    }\n  }\n": typeof types.ErasePersonDocument,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      role\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  query QueueLinks($id: ID!) {\n    queue(id: $id) {\n      id\n      name\n      joinUrl\n      displayUrl\n      presenceCode {\n        code\n        validUntil\n      }\n    }\n  }\n": typeof types.QueueLinksDocument,
    "\n  query QueueScreen($id: ID!) {\n    myVenues {\n      id\n      role\n    }\n    queue(id: $id) {\n      id\n      venueId\n      name\n      description\n      calledMessage\n      selfJoin\n      serveOnNext\n      capacity\n      alertAhead\n      onePerContact\n      presence\n      graceMinutes\n      graceCallsNext\n      snoozePlaces\n      snoozeLimit\n      counters {\n        id\n        name\n      }\n      messageTemplates {\n        kind\n        language\n        text\n      }\n      status\n      nowServing\n      waitingCount\n      version\n      joinUrl\n    }\n    queueTickets(queueId: $id, statuses: [WAITING, CALLED], limit: 500) {\n      items {\n        id\n        number\n        name\n        status\n        position\n        counter\n        partySize\n        snoozes\n        joinedAt\n      }\n    }\n    missed: queueTickets(queueId: $id, statuses: [NO_SHOW], limit: 500) {\n      items {\n        id\n        number\n        name\n        finishedAt\n      }\n    }\n  }\n": typeof types.QueueScreenDocument,
    "\n  query TicketMessagesOf($queueId: ID!, $ticketIds: [ID!]!) {\n    ticketMessages(queueId: $queueId, ticketIds: $ticketIds) {\n      id\n      ticketId\n      channel\n      kind\n      status\n      failures\n    }\n  }\n": typeof types.TicketMessagesOfDocument,
    "\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RetryMessageDocument,
    "\n  subscription QueueScreenEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      version\n      kind\n    }\n  }\n": typeof types.QueueScreenEventsDocument,
    "\n  mutation AddTicket($queueId: ID!, $input: TicketInput!) {\n    addTicket(queueId: $queueId, input: $input) {\n      accessUrl\n      ticket {\n        number\n        name\n      }\n    }\n  }\n": typeof types.AddTicketDocument,
    "\n  mutation CallNext($queueId: ID!, $counter: ID) {\n    callNext(queueId: $queueId, counter: $counter) {\n      number\n    }\n  }\n": typeof types.CallNextDocument,
    "\n  mutation Complete($id: ID!) {\n    completeTicket(id: $id) {\n      id\n    }\n  }\n": typeof types.CompleteDocument,
    "\n  mutation UpdateQueue($id: ID!, $input: UpdateQueueInput!) {\n    updateQueue(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateQueueDocument,
    "\n  mutation Recall($id: ID!) {\n    recallTicket(id: $id) {\n      id\n    }\n  }\n": typeof types.RecallDocument,
    "\n  mutation NoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n    }\n  }\n": typeof types.NoShowDocument,
    "\n  mutation SetStatus($id: ID!, $status: QueueStatus!) {\n    setQueueStatus(id: $id, status: $status) {\n      status\n    }\n  }\n": typeof types.SetStatusDocument,
    "\n  mutation DeleteQueue($id: ID!) {\n    deleteQueue(id: $id)\n  }\n": typeof types.DeleteQueueDocument,
    "\n  mutation Remove($id: ID!) {\n    removeTicket(id: $id) {\n      id\n    }\n  }\n": typeof types.RemoveDocument,
    "\n  mutation ReturnTicket($id: ID!, $position: Int) {\n    returnTicket(id: $id, position: $position) {\n      id\n    }\n  }\n": typeof types.ReturnTicketDocument,
    "\n  mutation NewTicketLink($id: ID!) {\n    newTicketLink(id: $id) {\n      accessUrl\n      ticket {\n        number\n        name\n      }\n    }\n  }\n": typeof types.NewTicketLinkDocument,
    "\n  query MyQueues {\n    myVenues {\n      id\n      name\n      role\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        venueId\n        name\n        status\n        waitingCount\n        nowServing\n      }\n    }\n  }\n": typeof types.MyQueuesDocument,
    "\n  subscription QueueListEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      waitingCount\n      nowServing\n    }\n  }\n": typeof types.QueueListEventsDocument,
    "\n  mutation CreateQueue($input: CreateQueueInput!) {\n    createQueue(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateQueueDocument,
    "\n  query QueueStats($id: ID!, $from: AWSDateTime, $to: AWSDateTime) {\n    queue(id: $id) {\n      name\n    }\n    queueStats(queueId: $id, from: $from, to: $to) {\n      joinedCount\n      calledCount\n      servedCount\n      noShowCount\n      averageWaitSeconds\n      averageCallIntervalSeconds\n      servedPerHour {\n        hour\n        count\n      }\n      waits {\n        ticketNumber\n        waitSeconds\n        served\n        quote {\n          lowSeconds\n          highSeconds\n        }\n      }\n      quoteAccuracy {\n        quoted\n        within\n        longer\n        shorter\n      }\n      byCounter {\n        counter\n        calledCount\n        servedCount\n        noShowCount\n        averageServiceSeconds\n      }\n    }\n  }\n": typeof types.QueueStatsDocument,
};
const documents: Documents = {
    "\n  query AuditLog(\n    $queueId: ID\n    $operation: AuditOperation\n    $from: AWSDateTime\n    $to: AWSDateTime\n    $nextToken: String\n  ) {\n    auditLog(\n      queueId: $queueId\n      operation: $operation\n      from: $from\n      to: $to\n      limit: 50\n      nextToken: $nextToken\n    ) {\n      items {\n        id\n        at\n        accountId\n        accountName\n        operation\n        queueName\n        ticketNumber\n        detail\n        requestId\n      }\n      nextToken\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        name\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AccountDeletionState {\n    me {\n      email\n      deletionDueAt\n    }\n  }\n": types.AccountDeletionStateDocument,
    "\n  query AccountExport($nextToken: String) {\n    accountExport(nextToken: $nextToken) {\n      data\n      nextToken\n    }\n  }\n": types.AccountExportDocument,
    "\n  mutation RequestAccountDeletion($password: String!) {\n    requestAccountDeletion(password: $password) {\n      deletionDueAt\n    }\n  }\n": types.RequestAccountDeletionDocument,
    "\n  mutation CancelAccountDeletion {\n    cancelAccountDeletion {\n      deletionDueAt\n    }\n  }\n": types.CancelAccountDeletionDocument,
    "\n  mutation RequestReset($email: AWSEmail!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestResetDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accepted\n      email\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      email\n      status\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation Login($email: AWSEmail!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": types.LogoutEverywhereDocument,
    "\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) {\n      accessToken\n      expiresAt\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation ResendVerification($email: AWSEmail!) {\n    resendVerification(email: $email)\n  }\n": types.ResendVerificationDocument,
    "\n  query MyVenues {\n    myVenues {\n      id\n      name\n      role\n    }\n  }\n": types.MyVenuesDocument,
    "\n  query VenuePeople($venueId: ID!) {\n    venueMembers(venueId: $venueId) {\n      accountId\n      name\n      email\n      role\n      queueIds\n    }\n    venueInvitations(venueId: $venueId) {\n      id\n      email\n      role\n      status\n      expiresAt\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        name\n        venueId\n      }\n    }\n  }\n": types.VenuePeopleDocument,
    "\n  mutation CreateVenue($input: VenueInput!) {\n    createVenue(input: $input) {\n      id\n    }\n  }\n": types.CreateVenueDocument,
    "\n  mutation InviteToVenue($venueId: ID!, $input: InvitationInput!) {\n    inviteToVenue(venueId: $venueId, input: $input) {\n      id\n      email\n    }\n  }\n": types.InviteToVenueDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation SetMemberRole($venueId: ID!, $accountId: ID!, $input: MemberRoleInput!) {\n    setMemberRole(venueId: $venueId, accountId: $accountId, input: $input) {\n      accountId\n    }\n  }\n": types.SetMemberRoleDocument,
    "\n  mutation RemoveMember($venueId: ID!, $accountId: ID!) {\n    removeMember(venueId: $venueId, accountId: $accountId)\n  }\n": types.RemoveMemberDocument,
    "\n  query PersonalData($person: PersonInput!) {\n    personalData(person: $person)\n  }\n": types.PersonalDataDocument,
    "\n  mutation ErasePerson($person: PersonInput!) {\n    erasePerson(person: $person) {\n      removed\n      erased\n    }\n  }\n": types.ErasePersonDocument,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      role\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  query QueueLinks($id: ID!) {\n    queue(id: $id) {\n      id\n      name\n      joinUrl\n      displayUrl\n      presenceCode {\n        code\n        validUntil\n      }\n    }\n  }\n": types.QueueLinksDocument,
    "\n  query QueueScreen($id: ID!) {\n    myVenues {\n      id\n      role\n    }\n    queue(id: $id) {\n      id\n      venueId\n      name\n      description\n      calledMessage\n      selfJoin\n      serveOnNext\n      capacity\n      alertAhead\n      onePerContact\n      presence\n      graceMinutes\n      graceCallsNext\n      snoozePlaces\n      snoozeLimit\n      counters {\n        id\n        name\n      }\n      messageTemplates {\n        kind\n        language\n        text\n      }\n      status\n      nowServing\n      waitingCount\n      version\n      joinUrl\n    }\n    queueTickets(queueId: $id, statuses: [WAITING, CALLED], limit: 500) {\n      items {\n        id\n        number\n        name\n        status\n        position\n        counter\n        partySize\n        snoozes\n        joinedAt\n      }\n    }\n    missed: queueTickets(queueId: $id, statuses: [NO_SHOW], limit: 500) {\n      items {\n        id\n        number\n        name\n        finishedAt\n      }\n    }\n  }\n": types.QueueScreenDocument,
    "\n  query TicketMessagesOf($queueId: ID!, $ticketIds: [ID!]!) {\n    ticketMessages(queueId: $queueId, ticketIds: $ticketIds) {\n      id\n      ticketId\n      channel\n      kind\n      status\n      failures\n    }\n  }\n": types.TicketMessagesOfDocument,
    "\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      id\n      status\n    }\n  }\n": types.RetryMessageDocument,
    "\n  subscription QueueScreenEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      version\n      kind\n    }\n  }\n": types.QueueScreenEventsDocument,
    "\n  mutation AddTicket($queueId: ID!, $input: TicketInput!) {\n    addTicket(queueId: $queueId, input: $input) {\n      accessUrl\n      ticket {\n        number\n        name\n      }\n    }\n  }\n": types.AddTicketDocument,
    "\n  mutation CallNext($queueId: ID!, $counter: ID) {\n    callNext(queueId: $queueId, counter: $counter) {\n      number\n    }\n  }\n": types.CallNextDocument,
    "\n  mutation Complete($id: ID!) {\n    completeTicket(id: $id) {\n      id\n    }\n  }\n": types.CompleteDocument,
    "\n  mutation UpdateQueue($id: ID!, $input: UpdateQueueInput!) {\n    updateQueue(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateQueueDocument,
    "\n  mutation Recall($id: ID!) {\n    recallTicket(id: $id) {\n      id\n    }\n  }\n": types.RecallDocument,
    "\n  mutation NoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n    }\n  }\n": types.NoShowDocument,
    "\n  mutation SetStatus($id: ID!, $status: QueueStatus!) {\n    setQueueStatus(id: $id, status: $status) {\n      status\n    }\n  }\n": types.SetStatusDocument,
    "\n  mutation DeleteQueue($id: ID!) {\n    deleteQueue(id: $id)\n  }\n": types.DeleteQueueDocument,
    "\n  mutation Remove($id: ID!) {\n    removeTicket(id: $id) {\n      id\n    }\n  }\n": types.RemoveDocument,
    "\n  mutation ReturnTicket($id: ID!, $position: Int) {\n    returnTicket(id: $id, position: $position) {\n      id\n    }\n  }\n": types.ReturnTicketDocument,
    "\n  mutation NewTicketLink($id: ID!) {\n    newTicketLink(id: $id) {\n      accessUrl\n      ticket {\n        number\n        name\n      }\n    }\n  }\n": types.NewTicketLinkDocument,
    "\n  query MyQueues {\n    myVenues {\n      id\n      name\n      role\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        venueId\n        name\n        status\n        waitingCount\n        nowServing\n      }\n    }\n  }\n": types.MyQueuesDocument,
    "\n  subscription QueueListEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      waitingCount\n      nowServing\n    }\n  }\n": types.QueueListEventsDocument,
    "\n  mutation CreateQueue($input: CreateQueueInput!) {\n    createQueue(input: $input) {\n      id\n    }\n  }\n": types.CreateQueueDocument,
    "\n  query QueueStats($id: ID!, $from: AWSDateTime, $to: AWSDateTime) {\n    queue(id: $id) {\n      name\n    }\n    queueStats(queueId: $id, from: $from, to: $to) {\n      joinedCount\n      calledCount\n      servedCount\n      noShowCount\n      averageWaitSeconds\n      averageCallIntervalSeconds\n      servedPerHour {\n        hour\n        count\n      }\n      waits {\n        ticketNumber\n        waitSeconds\n        served\n        quote {\n          lowSeconds\n          highSeconds\n        }\n      }\n      quoteAccuracy {\n        quoted\n        within\n        longer\n        shorter\n      }\n      byCounter {\n        counter\n        calledCount\n        servedCount\n        noShowCount\n        averageServiceSeconds\n      }\n    }\n  }\n": types.QueueStatsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog(\n    $queueId: ID\n    $operation: AuditOperation\n    $from: AWSDateTime\n    $to: AWSDateTime\n    $nextToken: String\n  ) {\n    auditLog(\n      queueId: $queueId\n      operation: $operation\n      from: $from\n      to: $to\n      limit: 50\n      nextToken: $nextToken\n    ) {\n      items {\n        id\n        at\n        accountId\n        accountName\n        operation\n        queueName\n        ticketNumber\n        detail\n        requestId\n      }\n      nextToken\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountDeletionState {\n    me {\n      email\n      deletionDueAt\n    }\n  }\n"): typeof import('./graphql').AccountDeletionStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountExport($nextToken: String) {\n    accountExport(nextToken: $nextToken) {\n      data\n      nextToken\n    }\n  }\n"): typeof import('./graphql').AccountExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccountDeletion($password: String!) {\n    requestAccountDeletion(password: $password) {\n      deletionDueAt\n    }\n  }\n"): typeof import('./graphql').RequestAccountDeletionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelAccountDeletion {\n    cancelAccountDeletion {\n      deletionDueAt\n    }\n  }\n"): typeof import('./graphql').CancelAccountDeletionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestReset($email: AWSEmail!) {\n    requestPasswordReset(email: $email)\n  }\n"): typeof import('./graphql').RequestResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      accepted\n      email\n    }\n  }\n"): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      email\n      status\n    }\n  }\n"): typeof import('./graphql').VerifyEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: AWSEmail!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"): typeof import('./graphql').LogoutEverywhereDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($current: String!, $next: String!) {\n    changePassword(currentPassword: $current, newPassword: $next) {\n      accessToken\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession {\n      accessToken\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').RefreshSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification($email: AWSEmail!) {\n    resendVerification(email: $email)\n  }\n"): typeof import('./graphql').ResendVerificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyVenues {\n    myVenues {\n      id\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').MyVenuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VenuePeople($venueId: ID!) {\n    venueMembers(venueId: $venueId) {\n      accountId\n      name\n      email\n      role\n      queueIds\n    }\n    venueInvitations(venueId: $venueId) {\n      id\n      email\n      role\n      status\n      expiresAt\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        name\n        venueId\n      }\n    }\n  }\n"): typeof import('./graphql').VenuePeopleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVenue($input: VenueInput!) {\n    createVenue(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateVenueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteToVenue($venueId: ID!, $input: InvitationInput!) {\n    inviteToVenue(venueId: $venueId, input: $input) {\n      id\n      email\n    }\n  }\n"): typeof import('./graphql').InviteToVenueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').RevokeInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMemberRole($venueId: ID!, $accountId: ID!, $input: MemberRoleInput!) {\n    setMemberRole(venueId: $venueId, accountId: $accountId, input: $input) {\n      accountId\n    }\n  }\n"): typeof import('./graphql').SetMemberRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($venueId: ID!, $accountId: ID!) {\n    removeMember(venueId: $venueId, accountId: $accountId)\n  }\n"): typeof import('./graphql').RemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonalData($person: PersonInput!) {\n    personalData(person: $person)\n  }\n"): typeof import('./graphql').PersonalDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ErasePerson($person: PersonInput!) {\n    erasePerson(person: $person) {\n      removed\n      erased\n    }\n  }\n"): typeof import('./graphql').ErasePersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').AcceptInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueLinks($id: ID!) {\n    queue(id: $id) {\n      id\n      name\n      joinUrl\n      displayUrl\n      presenceCode {\n        code\n        validUntil\n      }\n    }\n  }\n"): typeof import('./graphql').QueueLinksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueScreen($id: ID!) {\n    myVenues {\n      id\n      role\n    }\n    queue(id: $id) {\n      id\n      venueId\n      name\n      description\n      calledMessage\n      selfJoin\n      serveOnNext\n      capacity\n      alertAhead\n      onePerContact\n      presence\n      graceMinutes\n      graceCallsNext\n      snoozePlaces\n      snoozeLimit\n      counters {\n        id\n        name\n      }\n      messageTemplates {\n        kind\n        language\n        text\n      }\n      status\n      nowServing\n      waitingCount\n      version\n      joinUrl\n    }\n    queueTickets(queueId: $id, statuses: [WAITING, CALLED], limit: 500) {\n      items {\n        id\n        number\n        name\n        status\n        position\n        counter\n        partySize\n        snoozes\n        joinedAt\n      }\n    }\n    missed: queueTickets(queueId: $id, statuses: [NO_SHOW], limit: 500) {\n      items {\n        id\n        number\n        name\n        finishedAt\n      }\n    }\n  }\n"): typeof import('./graphql').QueueScreenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketMessagesOf($queueId: ID!, $ticketIds: [ID!]!) {\n    ticketMessages(queueId: $queueId, ticketIds: $ticketIds) {\n      id\n      ticketId\n      channel\n      kind\n      status\n      failures\n    }\n  }\n"): typeof import('./graphql').TicketMessagesOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryMessage($id: ID!) {\n    retryMessage(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RetryMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueScreenEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      version\n      kind\n    }\n  }\n"): typeof import('./graphql').QueueScreenEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTicket($queueId: ID!, $input: TicketInput!) {\n    addTicket(queueId: $queueId, input: $input) {\n      accessUrl\n      ticket {\n        number\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').AddTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CallNext($queueId: ID!, $counter: ID) {\n    callNext(queueId: $queueId, counter: $counter) {\n      number\n    }\n  }\n"): typeof import('./graphql').CallNextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Complete($id: ID!) {\n    completeTicket(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').CompleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateQueue($id: ID!, $input: UpdateQueueInput!) {\n    updateQueue(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Recall($id: ID!) {\n    recallTicket(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').RecallDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').NoShowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStatus($id: ID!, $status: QueueStatus!) {\n    setQueueStatus(id: $id, status: $status) {\n      status\n    }\n  }\n"): typeof import('./graphql').SetStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteQueue($id: ID!) {\n    deleteQueue(id: $id)\n  }\n"): typeof import('./graphql').DeleteQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Remove($id: ID!) {\n    removeTicket(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').RemoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnTicket($id: ID!, $position: Int) {\n    returnTicket(id: $id, position: $position) {\n      id\n    }\n  }\n"): typeof import('./graphql').ReturnTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NewTicketLink($id: ID!) {\n    newTicketLink(id: $id) {\n      accessUrl\n      ticket {\n        number\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').NewTicketLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyQueues {\n    myVenues {\n      id\n      name\n      role\n    }\n    myQueues(limit: 100) {\n      items {\n        id\n        venueId\n        name\n        status\n        waitingCount\n        nowServing\n      }\n    }\n  }\n"): typeof import('./graphql').MyQueuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueListEvents($queueId: ID!) {\n    onQueueEvent(queueId: $queueId) {\n      queueId\n      version\n      waitingCount\n      nowServing\n    }\n  }\n"): typeof import('./graphql').QueueListEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateQueue($input: CreateQueueInput!) {\n    createQueue(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueStats($id: ID!, $from: AWSDateTime, $to: AWSDateTime) {\n    queue(id: $id) {\n      name\n    }\n    queueStats(queueId: $id, from: $from, to: $to) {\n      joinedCount\n      calledCount\n      servedCount\n      noShowCount\n      averageWaitSeconds\n      averageCallIntervalSeconds\n      servedPerHour {\n        hour\n        count\n      }\n      waits {\n        ticketNumber\n        waitSeconds\n        served\n        quote {\n          lowSeconds\n          highSeconds\n        }\n      }\n      quoteAccuracy {\n        quoted\n        within\n        longer\n        shorter\n      }\n      byCounter {\n        counter\n        calledCount\n        servedCount\n        noShowCount\n        averageServiceSeconds\n      }\n    }\n  }\n"): typeof import('./graphql').QueueStatsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
