import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CloudAssembly, FunctionSpec, TemplateValues } from './assembly';
import { LambdaFunction } from './lambda-runtime';
import type { IssuedCredentials } from './sigv4';

/** Where Lambda's Node runtime keeps the CA bundle the template points NODE_EXTRA_CA_CERTS at. */
const LAMBDA_CA_BUNDLE = '/var/runtime/ca-cert.pem';

/** Credentials as Lambda gives a function its role's: one key per function, so every AWS call is attributable. */
function credentialsFor(fn: FunctionSpec): IssuedCredentials {
  const tag = createHash('sha256').update(fn.logicalId).digest('hex').slice(0, 16).toUpperCase();
  return {
    accessKeyId: `ASIA${tag}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(48).toString('base64'),
  };
}

/**
 * Every project function of the assembly, ready to invoke: what Lambda sets for every function, moto standing in
 * for AWS's endpoints, and exactly the environment the template gives it (references resolved; Lambda's CA
 * bundle path pointing at the rehearsal's). `keys` names each issued access key's function.
 */
export function lambdaFunctions(
  assembly: CloudAssembly,
  values: TemplateValues,
  options: { region: string; endpoint: string; caBundle: string; logsDir: string },
): {
  functions: Map<string, LambdaFunction>;
  keys: Map<string, IssuedCredentials & { owner: FunctionSpec }>;
} {
  const functions = new Map<string, LambdaFunction>();
  const keys = new Map<string, IssuedCredentials & { owner: FunctionSpec }>();
  for (const spec of assembly.functions()) {
    const credentials = credentialsFor(spec);
    keys.set(credentials.accessKeyId, { ...credentials, owner: spec });
    const given = Object.fromEntries(
      Object.entries(spec.environment).map(([name, value]) => {
        const resolved = String(values.resolve(value));
        return [name, resolved === LAMBDA_CA_BUNDLE ? options.caBundle : resolved];
      }),
    );
    const env: Record<string, string> = {
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_LAMBDA_FUNCTION_NAME: spec.logicalId,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      LAMBDA_TASK_ROOT: spec.assetDir,
      _HANDLER: `index.${spec.handler}`,
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_ENDPOINT_URL: options.endpoint,
      ...given,
    };
    functions.set(
      spec.logicalId,
      new LambdaFunction(spec, env, join(options.logsDir, `${spec.logicalId}.log`)),
    );
  }
  return { functions, keys };
}
