/** The attribute helpers every store over the accounts table uses (accounts, delivery log, shared secrets). */
import { ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });
export const str = (item: Item, key: string) => item[key]?.S;
export const num = (item: Item, key: string) =>
  item[key]?.N === undefined ? undefined : Number(item[key]!.N);
/** The TTL attribute's value for an instant in epoch ms. */
export const ttl = (ms: number) => N(Math.ceil(ms / 1000));

/** Runs a conditional write: undefined when its condition failed, any other error thrown. */
export async function conditional<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}
