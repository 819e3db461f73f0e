import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ensureAccountTable } from '../../resolvers/stores/accounts/table';

export interface TestDynamo {
  client: DynamoDBClient;
  table: string;
  endpoint: string;
  cleanup(): Promise<void>;
}

/** dynalite in this process on a free loopback port, with a fresh accounts table. */
export async function freshDynamo(): Promise<TestDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = `qm-test-${randomBytes(4).toString('hex')}`;
  await ensureAccountTable(client, table);
  return {
    client,
    table,
    endpoint,
    async cleanup() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
