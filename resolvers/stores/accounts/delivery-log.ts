import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DeliveryClaim, DeliveryLog, DeliveryState, DeliveryStatus } from '../../domain/ports';
import { conditional, N, num, S, str, ttl, type Item } from './attributes';

const PREFIX = 'DELIVERY#';
const keyOf = (id: string) => ({ pk: S(`${PREFIX}${id}`) });
const STORED: readonly DeliveryState[] = ['SENDING', 'SENT', 'RETRYING', 'FAILED'];

/**
 * Delivery records in the accounts table (`DELIVERY#<id>`: `state`, `failures`), expiring through its TTL
 * attribute. States: SENDING (a consumer's claim, until its lease ends), SENT (`DELIVERED` in records written
 * before failures were kept), RETRYING, FAILED.
 */
export class DynamoDeliveryLog implements DeliveryLog {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async claim(id: string, now: number, leaseUntil: number): Promise<DeliveryClaim> {
    const key = keyOf(id);
    const claimed = await conditional(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #state = :sending, expiresAtMs = :lease, expiresAt = :leaseS',
          ConditionExpression:
            'attribute_not_exists(pk) OR #state IN (:retrying, :failed) OR (#state = :sending AND expiresAtMs <= :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': S('SENDING'),
            ':retrying': S('RETRYING'),
            ':failed': S('FAILED'),
            ':now': N(now),
            ':lease': N(leaseUntil),
            ':leaseS': ttl(leaseUntil),
          },
        }),
      ),
    );
    if (claimed) return 'claimed';
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item && isSent(Item) ? 'delivered' : 'busy';
  }

  async markDelivered(id: string, keepUntil: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: keyOf(id),
        UpdateExpression: 'SET #state = :sent, expiresAtMs = :ms, expiresAt = :s',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': S('SENT'), ':ms': N(keepUntil), ':s': ttl(keepUntil) },
      }),
    );
  }

  async markFailed(id: string, failures: number, final: boolean, keepUntil: number): Promise<void> {
    // Only this consumer's claim: a record another attempt already moved on stays as it is.
    await conditional(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: keyOf(id),
          UpdateExpression: 'SET #state = :state, failures = :failures, expiresAtMs = :ms, expiresAt = :s',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':state': S(final ? 'FAILED' : 'RETRYING'),
            ':sending': S('SENDING'),
            ':failures': N(failures),
            ':ms': N(keepUntil),
            ':s': ttl(keepUntil),
          },
        }),
      ),
    );
  }

  async statuses(ids: string[]): Promise<Map<string, DeliveryStatus>> {
    const out = new Map<string, DeliveryStatus>(ids.map((id) => [id, { state: 'QUEUED', failures: 0 }]));
    const unique = [...new Set(ids)];
    // BatchGetItem takes 100 keys; unprocessed ones are asked again.
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] = unique.slice(i, i + 100).map(keyOf);
      for (let round = 0; keys.length > 0 && round < 5; round += 1) {
        const answer = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of answer.Responses?.[this.table] ?? []) {
          const id = str(item, 'pk')!.slice(PREFIX.length);
          out.set(id, { state: stateOf(item), failures: num(item, 'failures') ?? 0 });
        }
        keys = (answer.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined) ?? [];
      }
    }
    return out;
  }

  async resetFailed(id: string): Promise<boolean> {
    const deleted = await conditional(() =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: keyOf(id),
          ConditionExpression: '#state = :failed',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':failed': S('FAILED') },
        }),
      ),
    );
    return deleted !== undefined;
  }
}

const isSent = (item: Item) => ['SENT', 'DELIVERED'].includes(str(item, 'state') ?? '');

function stateOf(item: Item): DeliveryState {
  if (isSent(item)) return 'SENT';
  const state = str(item, 'state') as DeliveryState;
  // A claim whose lease ran out is a message waiting for its next attempt.
  if (state === 'SENDING' && (num(item, 'expiresAtMs') ?? 0) <= Date.now()) return 'RETRYING';
  return STORED.includes(state) ? state : 'QUEUED';
}
