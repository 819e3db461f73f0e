/** Read baseline: a bare graphql-yoga server answering `ticket(token)` with a constant. Its own process. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({
    typeDefs:
      'type Query { ticket(token: String!): TicketView } type TicketView { position: Int version: Int }',
    resolvers: { Query: { ticket: () => ({ position: 42, version: 7 }) } },
  }),
  graphiql: false,
  logging: false,
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`baseline yoga ready at http://127.0.0.1:${(server.address() as AddressInfo).port}\n`),
);
process.on('SIGTERM', () => process.exit(0));
