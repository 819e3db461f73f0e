import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DeliveryClaim, DeliveryLog } from '../../domain/ports';

/** Delivery records in the accounts table (`DELIVERY#<id>`), expiring through its TTL attribute. */
export class DynamoDeliveryLog implements DeliveryLog {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async claim(id: string, now: number, leaseUntil: number): Promise<DeliveryClaim> {
    const key = { pk: { S: `DELIVERY#${id}` } };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            ...key,
            state: { S: 'SENDING' },
            expiresAtMs: { N: String(leaseUntil) },
            expiresAt: { N: String(Math.ceil(leaseUntil / 1000)) },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND expiresAtMs <= :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': { S: 'SENDING' }, ':now': { N: String(now) } },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item?.state?.S === 'DELIVERED' ? 'delivered' : 'busy';
  }

  async markDelivered(id: string, keepUntil: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: { S: `DELIVERY#${id}` } },
        UpdateExpression: 'SET #state = :delivered, expiresAtMs = :ms, expiresAt = :s',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':delivered': { S: 'DELIVERED' },
          ':ms': { N: String(keepUntil) },
          ':s': { N: String(Math.ceil(keepUntil / 1000)) },
        },
      }),
    );
  }

  async release(id: string): Promise<void> {
    await this.client
      .send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: { pk: { S: `DELIVERY#${id}` } },
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': { S: 'SENDING' } },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }
}
