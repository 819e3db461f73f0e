import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Account, AccountStatus } from '../../domain/model';
import type { AccountStore, SessionState, SignUpChoice, StoredToken, TokenPurpose } from '../../domain/ports';
import { conditional, N, num, S, str, ttl, type Item } from './attributes';
import { ACCOUNT_TABLE_SCHEMA } from './table-schema';
import { ACCOUNT_RULES } from '../../domain/accounts';
import { SESSION } from '../../domain/sessions';

/**
 * Accounts in one DynamoDB table, with no transactions (dynalite has none): the account item is keyed by its
 * email, so a conditional put is the uniqueness check. Items that expire carry `expiresAt` in epoch seconds
 * (the table's TTL attribute) and `expiresAtMs`, which reads honour, since TTL deletes lazily.
 *
 *   EMAIL#<email>      the account (GSI byId on accountId serves `me`)
 *   TOKEN#<sha256>     a single-use verification (with the sign-up it confirms) or reset token
 *   TOKENS#<email>     the hashes of the tokens sent to an address (so deleting the account finds them)
 *   ATTEMPTS#<name>    attempts on a named counter (logins, mails per address) in the current window
 *   SESSIONS#<id>      the account's session version and the sessions ended one by one
 *   DELIVERY#<id>      a consumer's claim on a message, then its delivery record (delivery-log.ts)
 *   SECRET#<name>      a secret every instance of the local runtime shares (table.ts: sharedSecret)
 */

function toAccount(item: Item): Account {
  return {
    id: str(item, 'accountId')!,
    email: str(item, 'email')!,
    name: str(item, 'name')!,
    passwordHash: str(item, 'passwordHash')!,
    status: str(item, 'status') as AccountStatus,
    createdAt: num(item, 'createdAt')!,
    verifiedAt: num(item, 'verifiedAt') ?? null,
    expiresAt: num(item, 'expiresAtMs') ?? null,
  };
}

/** How long an address's list of token hashes outlives its latest token (no token lives longer). */
const TOKEN_LIST_MS = ACCOUNT_RULES.verifyTokenMs;

const live = (account: Account, now: number) => account.expiresAt === null || account.expiresAt > now;

export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async createPending(account: Account): Promise<'created' | 'active'> {
    const item: Item = {
      pk: S(`EMAIL#${account.email}`),
      accountId: S(account.id),
      email: S(account.email),
      name: S(account.name),
      passwordHash: S(account.passwordHash),
      status: S(account.status),
      createdAt: N(account.createdAt),
      ...(account.expiresAt !== null
        ? { expiresAtMs: N(account.expiresAt), expiresAt: ttl(account.expiresAt) }
        : {}),
    };
    const put = await conditional(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: item,
          // A later sign-up replaces a pending one (each link still carries its own sign-up); a verified
          // account is never replaced.
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': S('PENDING') },
        }),
      ),
    );
    return put ? 'created' : 'active';
  }

  async byEmail(email: string): Promise<Account | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: { pk: S(`EMAIL#${email}`) }, ConsistentRead: true }),
    );
    const account = Item && toAccount(Item);
    return account && live(account, this.now()) ? account : undefined;
  }

  async byId(id: string): Promise<Account | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: ACCOUNT_TABLE_SCHEMA.byIdIndex,
        KeyConditionExpression: 'accountId = :id',
        ExpressionAttributeValues: { ':id': S(id) },
        Limit: 1,
      }),
    );
    const account = Items?.[0] && toAccount(Items[0]);
    return account && live(account, this.now()) ? account : undefined;
  }

  async activate(email: string, at: number, signUp: SignUpChoice): Promise<Account | undefined> {
    const result = await conditional(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { pk: S(`EMAIL#${email}`) },
          UpdateExpression:
            'SET #status = :active, verifiedAt = :at, accountId = :id, #name = :name, passwordHash = :hash REMOVE expiresAt, expiresAtMs',
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending AND expiresAtMs > :at',
          ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
          ExpressionAttributeValues: {
            ':active': S('ACTIVE'),
            ':pending': S('PENDING'),
            ':at': N(at),
            ':id': S(signUp.accountId),
            ':name': S(signUp.name),
            ':hash': S(signUp.passwordHash),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return result?.Attributes && toAccount(result.Attributes);
  }

  async setPasswordHash(email: string, passwordHash: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(`EMAIL#${email}`) },
        UpdateExpression: 'SET passwordHash = :hash',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':hash': S(passwordHash) },
      }),
    );
  }

  async putToken(token: StoredToken): Promise<void> {
    // The address's list first: a token is never stored where deleting the account would not find it. Every
    // token lives at most a day, so the list expires a day after its latest one.
    const listExpires = this.now() + TOKEN_LIST_MS;
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(`TOKENS#${token.email}`) },
        UpdateExpression: 'ADD hashes :hash SET expiresAtMs = :ms, expiresAt = :s',
        ExpressionAttributeValues: {
          ':hash': { SS: [token.tokenHash] },
          ':ms': N(listExpires),
          ':s': ttl(listExpires),
        },
      }),
    );
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          pk: S(`TOKEN#${token.tokenHash}`),
          purpose: S(token.purpose),
          email: S(token.email),
          expiresAtMs: N(token.expiresAt),
          expiresAt: ttl(token.expiresAt),
          ...(token.sessionVersion !== undefined ? { sessionVersion: N(token.sessionVersion) } : {}),
          ...(token.signUp
            ? {
                signUpAccountId: S(token.signUp.accountId),
                signUpName: S(token.signUp.name),
                signUpPasswordHash: S(token.signUp.passwordHash),
              }
            : {}),
        },
      }),
    );
  }

  async consumeToken(
    tokenHash: string,
    purpose: TokenPurpose,
    now: number,
  ): Promise<StoredToken | undefined> {
    // Deleting with a condition is the atomic "use once": of two concurrent uses, one gets the old item.
    const result = await conditional(() =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: { pk: S(`TOKEN#${tokenHash}`) },
          ConditionExpression: 'attribute_exists(pk) AND purpose = :purpose AND expiresAtMs > :now',
          ExpressionAttributeValues: { ':purpose': S(purpose), ':now': N(now) },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    const item = result?.Attributes;
    if (!item) return undefined;
    const signUpAccountId = str(item, 'signUpAccountId');
    return {
      tokenHash,
      purpose,
      email: str(item, 'email')!,
      expiresAt: num(item, 'expiresAtMs')!,
      ...(num(item, 'sessionVersion') !== undefined ? { sessionVersion: num(item, 'sessionVersion')! } : {}),
      ...(signUpAccountId
        ? {
            signUp: {
              accountId: signUpAccountId,
              name: str(item, 'signUpName')!,
              passwordHash: str(item, 'signUpPasswordHash')!,
            },
          }
        : {}),
    };
  }

  async claimAttempt(counter: string, now: number, windowMs: number, max: number): Promise<boolean> {
    const key = { pk: S(`ATTEMPTS#${counter}`) };
    // Each step is one conditional write, so concurrent attempts on any number of instances are counted one
    // by one and exactly `max` of them pass in a window.
    for (let round = 0; round < 5; round += 1) {
      const counted = await conditional(() =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: 'ADD attempts :one',
            ConditionExpression: 'attribute_exists(pk) AND expiresAtMs > :now AND attempts < :max',
            ExpressionAttributeValues: { ':one': N(1), ':now': N(now), ':max': N(max) },
          }),
        ),
      );
      if (counted) return true;
      // No live window (none yet, or it ended): start one with this attempt.
      const end = now + windowMs;
      const started = await conditional(() =>
        this.client.send(
          new PutItemCommand({
            TableName: this.table,
            Item: { ...key, attempts: N(1), expiresAtMs: N(end), expiresAt: ttl(end) },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now',
            ExpressionAttributeValues: { ':now': N(now) },
          }),
        ),
      );
      if (started) return true;
      // Both refused: either the window is full, or another attempt started it between the two writes.
      const { Item } = await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
      );
      if (Item && (num(Item, 'expiresAtMs') ?? 0) > now && (num(Item, 'attempts') ?? 0) >= max) return false;
    }
    return false;
  }

  async clearAttempts(counter: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.table, Key: { pk: S(`ATTEMPTS#${counter}`) } }),
    );
  }

  async sessionState(accountId: string): Promise<SessionState> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: { pk: S(`SESSIONS#${accountId}`) },
        ConsistentRead: true,
      }),
    );
    return { version: (Item && num(Item, 'version')) ?? 0, ended: new Set(Item?.ended?.SS ?? []) };
  }

  async endAllSessions(accountId: string): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(`SESSIONS#${accountId}`) },
        // The sessions ended one by one are all older than the new version: forget them.
        UpdateExpression: 'ADD #version :one REMOVE ended',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':one': N(1) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return num(Attributes ?? {}, 'version') ?? 1;
  }

  async deleteAccount(accountId: string, email: string, now: number): Promise<void> {
    const del = (pk: string) =>
      this.client.send(new DeleteItemCommand({ TableName: this.table, Key: { pk: S(pk) } }));
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: { pk: S(`TOKENS#${email}`) }, ConsistentRead: true }),
    );
    for (const hash of Item?.hashes?.SS ?? []) await del(`TOKEN#${hash}`);
    await del(`TOKENS#${email}`);
    // Only the account's own item: a later sign-up by someone else with this address is theirs.
    await conditional(() =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.table,
          Key: { pk: S(`EMAIL#${email}`) },
          ConditionExpression: 'accountId = :id',
          ExpressionAttributeValues: { ':id': S(accountId) },
        }),
      ),
    );
    // Every session ends; the new version stays until no token of the old ones could still be live.
    const until = now + SESSION.maxAgeSeconds * 1000;
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(`SESSIONS#${accountId}`) },
        UpdateExpression: 'ADD #version :one REMOVE ended SET expiresAtMs = :ms, expiresAt = :s',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':one': N(1), ':ms': N(until), ':s': ttl(until) },
      }),
    );
  }

  async endSession(accountId: string, sessionId: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(`SESSIONS#${accountId}`) },
        UpdateExpression: 'ADD ended :session',
        ExpressionAttributeValues: { ':session': { SS: [sessionId] } },
      }),
    );
  }
}
