import { graphql } from '../../gql';

export const MyVenues = graphql(`
  query MyVenues {
    myVenues {
      id
      name
      role
    }
  }
`);
export const VenuePeople = graphql(`
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
`);
export const CreateVenue = graphql(`
  mutation CreateVenue($input: VenueInput!) {
    createVenue(input: $input) {
      id
    }
  }
`);
export const InviteToVenue = graphql(`
  mutation InviteToVenue($venueId: ID!, $input: InvitationInput!) {
    inviteToVenue(venueId: $venueId, input: $input) {
      id
      email
    }
  }
`);
export const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
    }
  }
`);
export const SetMemberRole = graphql(`
  mutation SetMemberRole($venueId: ID!, $accountId: ID!, $input: MemberRoleInput!) {
    setMemberRole(venueId: $venueId, accountId: $accountId, input: $input) {
      accountId
    }
  }
`);
export const RemoveMember = graphql(`
  mutation RemoveMember($venueId: ID!, $accountId: ID!) {
    removeMember(venueId: $venueId, accountId: $accountId)
  }
`);
export const PersonalData = graphql(`
  query PersonalData($person: PersonInput!) {
    personalData(person: $person)
  }
`);
export const ErasePerson = graphql(`
  mutation ErasePerson($person: PersonInput!) {
    erasePerson(person: $person) {
      removed
      erased
    }
  }
`);
export const AcceptInvitation = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      id
      name
      role
    }
  }
`);
