/**
 * The tighter read baseline: node:http and graphql-js executing one prepared document whose resolver does the
 * domain's own `ticket(token)` read (token lookup, queue, rank, estimate) on the same stores as the server,
 * opened the same way. What it leaves out is what the server adds: the AppSync-compatible gateway (auth mode,
 * authorizer, APPSYNC_JS resolvers, the Lambda router, response shaping). Its own process.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, parse } from 'graphql';
import { ticketView } from '../resolvers/domain/tickets';
import { configFromEnv } from '../local/config';
import { openLocalSystem } from '../local/embedded';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const system = await openLocalSystem(configFromEnv(process.env), { publish: async () => undefined }, silent);
const schema = buildSchema(
  'type Query { ticket(token: String!): TicketView } type TicketView { position: Int version: Int }',
);
const rootValue = { ticket: ({ token }: { token: string }) => ticketView(system.deps, token) };
const prepared = new Map<string, ReturnType<typeof parse>>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables: Record<string, unknown>;
      };
      let document = prepared.get(query);
      if (!document) prepared.set(query, (document = parse(query)));
      const result = await execute({ schema, document, rootValue, variableValues: variables });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    })();
  });
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(
    `baseline direct ready at http://127.0.0.1:${(server.address() as AddressInfo).port}\n`,
  ),
);
process.on('SIGTERM', () => void system.close().finally(() => process.exit(0)));
