import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../bin/queue-manager';

const file = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

describe('the deployed API', () => {
  const { app, stack } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
  const template = Template.fromStack(stack);

  it('given schema.graphql, then every Query, Mutation and Subscription field has a resolver in the stack', () => {
    const schema = buildSchema(file('schema/appsync.graphql') + file('schema/schema.graphql'));
    const fields = (type: GraphQLObjectType | null | undefined) =>
      Object.keys(type?.getFields() ?? {}).map((f) => `${type!.name}.${f}`);
    const expected = [
      ...fields(schema.getQueryType()),
      ...fields(schema.getMutationType()),
      ...fields(schema.getSubscriptionType()),
    ].sort();
    const resolvers = Object.values(template.findResources('AWS::AppSync::Resolver')).map(
      (r) => `${r.Properties.TypeName}.${r.Properties.FieldName}`,
    );
    expect(resolvers.sort()).toEqual(expected);
  });

  it('given the schema file, then AppSync gets it unchanged', () => {
    const [schema] = Object.values(template.findResources('AWS::AppSync::GraphQLSchema'));
    expect(schema!.Properties.Definition).toBe(file('schema/schema.graphql'));
  });

  it('given every APPSYNC_JS resolver, then its code is bundled with @aws-appsync/utils left to AppSync', () => {
    for (const resolver of Object.values(template.findResources('AWS::AppSync::Resolver'))) {
      expect(resolver.Properties.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(resolver.Properties.Code).toMatch(/export \{[^}]*request[^}]*response|export function request/);
      expect(resolver.Properties.Code).not.toMatch(/require\(/);
    }
  });

  it('given cdk-nag AwsSolutions on the whole app, then synthesis passes: every finding is fixed or acknowledged with a reason', () => {
    expect(() => app.synth()).not.toThrow();
  });
});

describe('npm run synth', () => {
  it('given no AWS credentials and no network, then the CDK CLI synthesises the stack with every function bundled', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
    const run = spawnSync('npm', ['run', 'synth', '-w', 'infra'], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const out = fileURLToPath(new URL('../cdk.out/', import.meta.url));
    const template = JSON.parse(readFileSync(`${out}QueueManager.template.json`, 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const bundled = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(bundled.length).toBeGreaterThanOrEqual(4);
    const assets = readdirSync(out).filter((name) => name.startsWith('asset.'));
    const handlers = assets.filter((name) => existsSync(`${out}${name}/index.mjs`));
    expect(handlers.length).toBeGreaterThanOrEqual(1);
    for (const handler of handlers)
      expect(readFileSync(`${out}${handler}/index.mjs`, 'utf8')).not.toContain('better_sqlite3.node');
  });
});
