import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizerDepsFromEnv,
  depsFromEnv,
  messageDepsFromEnv,
  sqlForMigrations,
  type Env,
} from '../../resolvers/handlers/aws-runtime';
import { buildApp } from '../bin/queue-manager';

type Json = unknown;
// Template JSON, read loosely: only the shapes these tests look at.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation properties are free-form JSON
type Loose = any;
type Resource = { Type: string; Properties?: Record<string, Loose> };

/**
 * Every function's cold start, run with exactly the environment the synthesized template gives it: token
 * references resolved to stand-ins, secrets served by moto (Secrets Manager) as Lambda would read them. A
 * variable a cold start needs and the template does not give fails here, not in AWS.
 */
describe('each function cold-starts with the environment the template gives it', () => {
  const { stack } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  let moto: ChildProcess;
  const secretArns = new Map<string, string>();

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: 'sa-east-1',
      AWS_ACCESS_KEY_ID: 'cold-start-test',
      AWS_SECRET_ACCESS_KEY: 'cold-start-test',
    });
    const client = new SecretsManagerClient({});
    // Each secret of the template, with a value of the shape its reader expects.
    for (const [id, resource] of Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::SecretsManager::Secret',
    )) {
      const value = /Mysql/.test(id)
        ? JSON.stringify({ username: 'admin', password: 'p@ss word' })
        : /Smtp/.test(id)
          ? JSON.stringify({ username: 'smtp-user', password: 'smtp-pass' })
          : 'k'.repeat(64);
      for (let attempt = 0; ; attempt++) {
        try {
          const { ARN } = await client.send(new CreateSecretCommand({ Name: id, SecretString: value }));
          secretArns.set(id, ARN!);
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((r) => setTimeout(r, 100)); // moto is still starting
        }
      }
      expect(resource.Type).toBe('AWS::SecretsManager::Secret');
    }
  }, 30_000);
  afterAll(() => {
    moto?.kill();
  });

  /** A template value as the function sees it: secrets' ARNs from moto, every other reference a stand-in. */
  function resolve(value: Json): string {
    if (typeof value === 'string') return value;
    const v = value as Record<string, Loose>;
    if (v.Ref) {
      const target = resources[v.Ref];
      if (target?.Type === 'AWS::SecretsManager::Secret') return secretArns.get(v.Ref)!;
      if (target?.Type === 'AWS::SecretsManager::SecretTargetAttachment')
        return secretArns.get(target.Properties!.SecretId.Ref)!;
      return `stand-in-${v.Ref}`;
    }
    if (v['Fn::GetAtt']) {
      const [logicalId, attribute] = v['Fn::GetAtt'] as [string, string];
      if (/Url$/.test(attribute)) return `https://${logicalId.toLowerCase()}.example.com/graphql`;
      // Nothing listens there: connections are opened lazily or refused.
      return /Port$/.test(attribute) ? '3306' : '127.0.0.9';
    }
    if (v['Fn::Join']) return (v['Fn::Join'][1] as Json[]).map(resolve).join(v['Fn::Join'][0]);
    throw new Error(`Unexpected template value ${JSON.stringify(value)}`);
  }

  const coldStarts: Record<string, (env: Env) => Promise<unknown>> = {
    resolver: depsFromEnv,
    // The SMS replies and the grace sweeper build the resolver's stores.
    smsReplies: depsFromEnv,
    graceSweeper: depsFromEnv,
    smsSettings: async (env) => {
      if (!/^[0-9]+$/.test(env.SMS_MONTHLY_SPEND_LIMIT_USD ?? ''))
        throw new Error('Missing environment variable SMS_MONTHLY_SPEND_LIMIT_USD.');
    },
    authorizer: authorizerDepsFromEnv,
    messageConsumer: messageDepsFromEnv,
    migrate: sqlForMigrations,
    logShipper: async (env) => {
      if (!env.OPENSEARCH_ENDPOINT) throw new Error('Missing environment variable OPENSEARCH_ENDPOINT.');
    },
  };

  it("given the template, then every one of the project's functions starts with only the variables it is given", async () => {
    const functions = Object.entries(resources).filter(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' &&
        /^index\.(\w+)$/.test(r.Properties!.Handler) &&
        coldStarts[r.Properties!.Handler.slice(6)],
    );
    expect(functions.map(([, r]) => r.Properties!.Handler).sort()).toEqual([
      'index.authorizer',
      'index.graceSweeper',
      'index.logShipper',
      'index.messageConsumer',
      'index.migrate',
      'index.resolver',
      'index.smsReplies',
      'index.smsSettings',
    ]);
    const report: string[] = [];
    for (const [id, resource] of functions) {
      const handler = resource.Properties!.Handler.slice(6) as string;
      const given = Object.fromEntries(
        Object.entries((resource.Properties!.Environment?.Variables ?? {}) as Record<string, Json>).map(
          ([k, v]) => [k, resolve(v)],
        ),
      );
      // What Lambda itself sets, plus moto standing in for AWS.
      const env: Env = { ...given, AWS_REGION: 'sa-east-1', AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL };
      const read = new Set<string>();
      const recording = new Proxy(env, { get: (target, key: string) => (read.add(key), target[key]) });
      let started: unknown;
      try {
        started = await coldStarts[handler]!(recording);
      } catch (error) {
        throw new Error(
          `${handler} (${id}) cannot start with the template's environment: ${(error as Error).message}`,
        );
      }
      // Connections opened lazily by the cold start are closed again (none is used here).
      const deps = started as {
        positions?: { redis?: { disconnect(): void } };
        destroy?: () => Promise<void>;
      };
      deps?.positions?.redis?.disconnect();
      await deps?.destroy?.();
      const unused = Object.keys(given).filter(
        (k) => !read.has(k) && !['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'].includes(k),
      );
      report.push(
        `${handler}: reads ${[...read]
          .filter((k) => k in given)
          .sort()
          .join(', ')}${unused.length ? `; given but unused: ${unused.join(', ')}` : ''}`,
      );
      expect(unused, `${handler} is given variables it never reads`).toEqual([]);
    }
    process.stdout.write(`cold starts:\n  ${report.join('\n  ')}\n`);
  }, 30_000);

  it('given the authorizer, then it reaches only its secrets: no table, queue, cache or API grants', () => {
    const authorizerRole = Object.entries(resources).find(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties!.Handler === 'index.authorizer',
    )![1].Properties!.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(resources)
      .filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties!.Roles).includes(authorizerRole),
      )
      .flatMap(
        (r) => r.Properties!.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
      );
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();
    expect(actions.filter((a) => !a.startsWith('xray:'))).toEqual(['secretsmanager:GetSecretValue']);
    const secrets = statements.find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secrets?.Resource).toHaveLength(2); // the database's and the session key's, nothing else
  });
});
