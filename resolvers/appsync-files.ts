/**
 * How resolvers/appsync names its APPSYNC_JS files, read by the CDK app, the local gateway and the wiring test:
 * the one invoke resolver every Lambda-served field runs, and one `Type.field.[NONE].ts` per field served on
 * the NONE data source.
 */
export const INVOKE_RESOLVER_FILE = 'invokeResolver.[LAMBDA].ts';

const NONE_RESOLVER = /^(Query|Mutation|Subscription)\.(\w+)\.\[NONE\]\.ts$/;

/** The field a `Type.field.[NONE].ts` file resolves; null for any other file. */
export function noneResolverField(file: string): { typeName: string; fieldName: string } | null {
  const match = NONE_RESOLVER.exec(file);
  return match ? { typeName: match[1]!, fieldName: match[2]! } : null;
}
