import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DeliveryClaim, DeliveryLog } from '../../domain/ports';
import { conditional, N, S, str, ttl } from './attributes';

const keyOf = (id: string) => ({ pk: S(`DELIVERY#${id}`) });

/** Delivery records in the accounts table (`DELIVERY#<id>`), expiring through its TTL attribute. */
export class DynamoDeliveryLog implements DeliveryLog {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async claim(id: string, now: number, leaseUntil: number): Promise<DeliveryClaim> {
    const key = keyOf(id);
    const claimed = await conditional(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { ...key, state: S('SENDING'), expiresAtMs: N(leaseUntil), expiresAt: ttl(leaseUntil) },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND expiresAtMs <= :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': S('SENDING'), ':now': N(now) },
        }),
      ),
    );
    if (claimed) return 'claimed';
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item && str(Item, 'state') === 'DELIVERED' ? 'delivered' : 'busy';
  }

  async markDelivered(id: string, keepUntil: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: keyOf(id),
        UpdateExpression: 'SET #state = :delivered, expiresAtMs = :ms, expiresAt = :s',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':delivered': S('DELIVERED'),
          ':ms': N(keepUntil),
          ':s': ttl(keepUntil),
        },
      }),
    );
  }

  async release(id: string): Promise<void> {
    await conditional(() =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: keyOf(id),
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': S('SENDING') },
        }),
      ),
    );
  }
}
