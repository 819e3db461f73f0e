import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routedFields } from '../../resolvers/handlers/router';
import { loadAppSyncJs, type AppSyncJsResolver } from '../appsync-js/runner';
import { INVOKE_RESOLVER_FILE, noneResolverField } from '../../resolvers/appsync-files';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What AppSync is given: the schema and, per field, its APPSYNC_JS resolver and data source. */
export interface ApiWiring {
  /** The schema as deployed (AppSync's own declarations are added here). */
  schema: string;
  /** `Type.field` → its resolver: on the resolver Lambda, or on a NONE data source. */
  resolvers: Map<string, { dataSource: 'lambda' | 'none'; code: AppSyncJsResolver }>;
}

/**
 * The wiring from this repository's sources, as infra/lib/api.ts deploys it: every routed field through the
 * invoke resolver to the Lambda, and each `Type.field.[NONE].ts` of resolvers/appsync on a NONE data source.
 */
export async function wiringFromSources(): Promise<ApiWiring> {
  const dir = join(ROOT, 'resolvers/appsync');
  const resolvers: ApiWiring['resolvers'] = new Map();
  const invoke = await loadAppSyncJs(join(dir, INVOKE_RESOLVER_FILE));
  for (const [typeName, fields] of Object.entries(routedFields))
    for (const field of fields) resolvers.set(`${typeName}.${field}`, { dataSource: 'lambda', code: invoke });
  for (const file of readdirSync(dir)) {
    const field = noneResolverField(file);
    if (field)
      resolvers.set(`${field.typeName}.${field.fieldName}`, {
        dataSource: 'none',
        code: await loadAppSyncJs(join(dir, file)),
      });
  }
  return { schema: readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'), resolvers };
}
