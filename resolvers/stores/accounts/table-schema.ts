/** The accounts table's keys, index and TTL: the stores use them, and the CDK app builds the table from them. */
export const ACCOUNT_TABLE_SCHEMA = {
  partitionKey: 'pk',
  byIdIndex: 'byId',
  byIdKey: 'accountId',
  /** Epoch seconds: DynamoDB's TTL. Reads honour `expiresAtMs`, since TTL deletes lazily. */
  ttlAttribute: 'expiresAt',
} as const;
