/** The accounts table itself, for the local runtime: creating it, and secrets its instances share. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { conditional, S } from './attributes';
import { ACCOUNT_TABLE_SCHEMA } from './table-schema';

/**
 * A random secret stored once in the table and read by every instance that shares it: the first writer wins
 * (conditional put). For the local runtime; in AWS secrets come from Secrets Manager.
 */
export async function sharedSecret(
  client: DynamoDBClient,
  table: string,
  name: string,
  generate: () => string,
): Promise<string> {
  const key = { pk: S(`SECRET#${name}`) };
  const read = async () =>
    (await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item?.value
      ?.S;
  const existing = await read();
  if (existing) return existing;
  await conditional(() =>
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: { ...key, value: S(generate()) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  const value = await read();
  if (!value) throw new Error(`Shared secret ${name} could not be stored.`);
  return value;
}

/** Creates the table where nobody else does (dynalite, the embedded mode); in AWS the CDK stack owns it. */
export async function ensureAccountTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: ACCOUNT_TABLE_SCHEMA.partitionKey, AttributeType: 'S' },
        { AttributeName: ACCOUNT_TABLE_SCHEMA.byIdKey, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: ACCOUNT_TABLE_SCHEMA.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: ACCOUNT_TABLE_SCHEMA.byIdIndex,
          KeySchema: [{ AttributeName: ACCOUNT_TABLE_SCHEMA.byIdKey, KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`DynamoDB table ${table} did not become active.`);
}
