/**
 * `npm run start:aws`, start to stop: synthesize, create the stand-in resources, run the deploy-time custom
 * resource, serve the assembly, and undo all of it. One sequence, read top to bottom, hence one file.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from '../../resolvers/domain/ports';
import { loadAppSyncJs } from '../appsync-js/runner';
import type { Lambdas } from '../gateway/gateway';
import type { ApiWiring } from '../gateway/wiring';
import { CloudAssembly, TemplateValues, type FunctionSpec } from './assembly';
import { createAwsResources, type AwsClientConfig } from './aws-resources';
import { SqsEventSource } from './event-sources';
import { inboundSnsEvent, smsSent, type SentSms } from './sms';
import { lambdaFunctions } from './functions';
import type { LambdaFunction } from './lambda-runtime';
import { PolicyBook, usesOf, type FunctionPrivileges, type Use } from './least-privilege';
import { MailSink } from './mail-sink';
import { makeCertificates, OwnMariadb, OwnMoto, OwnRedis, type Certificates } from './own-services';
import type { IssuedCredentials } from './sigv4';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REGION = 'sa-east-1';
export const ACCOUNT_ID = '123456789012';

/** Runs `cdk synth` into `outdir` with the deploy-time context the rehearsal gives (its SMTP server, its URL). */
async function synthesize(outdir: string, context: Record<string, string>, logFile: string): Promise<void> {
  const log = createWriteStream(logFile);
  const args = [
    'synth',
    '--quiet',
    '-o',
    outdir,
    ...Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const child = spawn(join(ROOT, 'node_modules/.bin/cdk'), args, {
    cwd: join(ROOT, 'infra'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0)
    throw new Error(`cdk synth failed (exit ${code}):\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
}

export interface RehearsalStack {
  assembly: CloudAssembly;
  values: TemplateValues;
  functions: Map<string, LambdaFunction>;
  keys: Map<string, IssuedCredentials & { owner: FunctionSpec }>;
  policies: PolicyBook;
  wiring: ApiWiring;
  lambdas: Lambdas;
  mail: MailSink;
  eventSources: SqsEventSource[];
  certificates: Certificates;
  describe: Record<string, string>;
  /** Every AWS action each function performed so far, compared with its role's grants. */
  privileges(extraUses: Map<string, Use[]>): Promise<FunctionPrivileges[]>;
  /** SMS: what went out through SNS (moto), and a reply delivered to the two-way topic's subscriber. */
  sms: {
    sent(): Promise<SentSms[]>;
    reply(reply: { from: string; body: string; id?: string }): Promise<unknown>;
  };
  /** Invokes each schedule's function once, as EventBridge Scheduler does when its time comes. */
  runSchedules(): Promise<unknown[]>;
  /** Runs a custom resource's function with a CloudFormation event, as the provider framework would. */
  customResource(requestType: 'Create' | 'Update' | 'Delete'): Promise<unknown[]>;
  close(): Promise<void>;
}

export interface RehearsalOptions {
  /** Where the clients are served: the gateway's own URL (already listening). */
  url: string;
  log: Log;
  /** Shorter than the template's, to see redrive in a test; the template's when absent. */
  visibilityTimeoutSeconds?: number;
  /** An account deletion's grace period, when not the default 7 days (the rehearsal's test waits it out). */
  accountDeletionGraceSeconds?: number;
  workDir?: string;
}

/**
 * The cloud assembly brought up on this machine: synthesized with the rehearsal's context, its secrets, queues
 * and table in moto, MySQL and Redis over TLS configured from those secrets, every function of the project
 * run from its own bundle with the environment the template gives it, the migrations run as on deploy, and the
 * SQS event source polling. The gateway (AppSync's stand-in) is wired by the caller from `wiring` and `lambdas`.
 */
export async function openRehearsal(options: RehearsalOptions): Promise<RehearsalStack> {
  const { log, url } = options;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'qm-aws-rehearsal-'));
  const closers: (() => Promise<unknown> | void)[] = [];
  const close = async () => {
    for (const fn of closers.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    closers.length = 0;
  };
  try {
    mkdirSync(join(workDir, 'tls'), { recursive: true });
    mkdirSync(join(workDir, 'logs'), { recursive: true });
    const certificates = makeCertificates(join(workDir, 'tls'));
    const mail = await MailSink.start(join(workDir, 'mail'), certificates, log);
    closers.push(() => mail.close());
    const outdir = join(workDir, 'cdk.out');
    const [moto] = await Promise.all([
      OwnMoto.start(join(workDir, 'moto-recording.jsonl')),
      synthesize(
        outdir,
        {
          smtpHost: '127.0.0.1',
          smtpPort: String(mail.port),
          publicUrl: url,
          ...(options.accountDeletionGraceSeconds
            ? { accountDeletionGraceSeconds: String(options.accountDeletionGraceSeconds) }
            : {}),
        },
        join(workDir, 'logs/synth.log'),
      ),
    ]);
    closers.push(() => moto.kill());
    const assembly = new CloudAssembly(outdir);
    const values = new TemplateValues(REGION, ACCOUNT_ID, assembly.stackName);
    const admin: AwsClientConfig = {
      endpoint: moto.url,
      region: REGION,
      credentials: { accessKeyId: 'rehearsal-admin', secretAccessKey: 'rehearsal-admin' },
    };
    const created = await createAwsResources(assembly, values, admin, {
      ...(options.visibilityTimeoutSeconds !== undefined
        ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }
        : {}),
    });

    // RDS and ElastiCache, as the template configures them from its secrets: TLS only, with those credentials.
    const [databaseId, database] = assembly.ofType('AWS::RDS::DBInstance')[0]!;
    const dbUser = created.resolveSecret(values.resolve(database.Properties!.MasterUsername));
    const dbPassword = created.resolveSecret(values.resolve(database.Properties!.MasterUserPassword));
    const dbName = String(database.Properties!.DBName);
    const [redisId, redisGroup] = assembly.ofType('AWS::ElastiCache::ReplicationGroup')[0]!;
    const [mariadb, redis] = await Promise.all([
      OwnMariadb.start(join(workDir, 'mysql'), { tls: certificates }),
      OwnRedis.start({
        tls: certificates,
        password: created.resolveSecret(values.resolve(redisGroup.Properties!.AuthToken)),
      }),
    ]);
    closers.push(
      () => mariadb.kill(),
      () => redis.kill(),
    );
    await mariadb.admin([
      [
        `CREATE DATABASE \`${dbName.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        [],
      ],
      ["CREATE USER ?@'%' IDENTIFIED BY ? REQUIRE SSL", [dbUser, dbPassword]],
      [`GRANT ALL PRIVILEGES ON \`${dbName.replace(/`/g, '')}\`.* TO ?@'%'`, [dbUser]],
    ]);
    values.standIn(databaseId, databaseId, {
      'Endpoint.Address': '127.0.0.1',
      'Endpoint.Port': String(mariadb.port),
    });
    for (const [id] of assembly.ofType('AWS::RDS::DBProxy'))
      values.standIn(id, id, { Endpoint: '127.0.0.1' });
    values.standIn(redisId, redisId, {
      'PrimaryEndPoint.Address': '127.0.0.1',
      'PrimaryEndPoint.Port': String(redis.port),
    });
    const api = assembly.api();
    const apiArn = `arn:aws:appsync:${REGION}:${ACCOUNT_ID}:apis/rehearsal`;
    values.standIn(api.logicalId, apiArn, { GraphQLUrl: `${url}/graphql`, Arn: apiArn, ApiId: 'rehearsal' });
    for (const [id] of assembly.ofType('AWS::CloudFront::Distribution'))
      values.standIn(id, id, { DomainName: new URL(url).host });
    // The log shipper is not run here (no OpenSearch stand-in); its endpoint resolves to a name that answers nothing.
    for (const [id] of assembly.ofType('AWS::OpenSearchService::Domain'))
      values.standIn(id, id, {
        DomainEndpoint: 'opensearch.rehearsal.invalid',
        Arn: `arn:aws:es:${REGION}:${ACCOUNT_ID}:domain/${id}`,
      });
    for (const [id] of assembly.ofType('AWS::IAM::Role'))
      values.standIn(id, id, { Arn: `arn:aws:iam::${ACCOUNT_ID}:role/${id}` });
    for (const [id] of assembly.ofType('AWS::Logs::LogGroup'))
      values.standIn(id, id, { Arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${id}:*` });
    for (const [id] of assembly.ofType('AWS::Lambda::Function'))
      values.standIn(id, id, { Arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${id}` });

    // Lambda's CA bundle holds the public CAs and, here, the rehearsal's own (standing in for the RDS and
    // ElastiCache CAs the runtime's bundle includes).
    const caBundle = join(workDir, 'tls/lambda-ca-bundle.pem');
    writeFileSync(caBundle, certificates.ca); // before any function process starts and reads it
    const { functions, keys } = lambdaFunctions(assembly, values, {
      region: REGION,
      endpoint: moto.url,
      caBundle,
      logsDir: join(workDir, 'logs'),
    });
    closers.push(() => Promise.all([...functions.values()].map((fn) => fn.close())));
    const fnOf = (logicalId: string) => {
      const fn = functions.get(logicalId);
      if (!fn) throw new Error(`${logicalId} is not one of the project's bundled functions.`);
      return fn;
    };

    const customResource = async (requestType: 'Create' | 'Update' | 'Delete') => {
      const answers: unknown[] = [];
      for (const resource of assembly.customResources()) {
        const properties = values.resolve(resource.properties);
        answers.push(
          await fnOf(resource.functionLogicalId).invoke({
            RequestType: requestType,
            ServiceToken: properties.ServiceToken,
            ResponseURL: 'http://127.0.0.1/cloudformation-response',
            StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT_ID}:stack/${assembly.stackName}/rehearsal`,
            RequestId: randomUUID(),
            LogicalResourceId: resource.logicalId,
            ResourceType: 'AWS::CloudFormation::CustomResource',
            ResourceProperties: properties,
            ...(requestType === 'Create'
              ? {}
              : { PhysicalResourceId: 'queue-manager-sql-schema', OldResourceProperties: properties }),
          }),
        );
      }
      return answers;
    };
    // A deploy creates the stack: the migrations run before the API takes requests.
    await customResource('Create');

    const eventSources: SqsEventSource[] = [];
    for (const source of assembly.eventSources()) {
      const fn = fnOf(source.functionLogicalId);
      const credentials = [...keys.values()].find((k) => k.owner.logicalId === source.functionLogicalId)!;
      // Lambda polls with the function's execution role: those calls are the function's too.
      const asFunction: AwsClientConfig = { endpoint: moto.url, region: REGION, credentials };
      const poller = await SqsEventSource.start(
        source,
        {
          url: values.ref(source.queueLogicalId),
          arn: values.getAtt(source.queueLogicalId, 'Arn'),
        },
        fn,
        asFunction,
        log,
      );
      eventSources.push(poller);
      closers.push(() => poller.close());
    }

    const resolverSources = new Set(
      api.resolvers.flatMap((r) =>
        r.dataSource.type === 'AWS_LAMBDA' ? [r.dataSource.functionLogicalId] : [],
      ),
    );
    if (resolverSources.size !== 1)
      throw new Error(
        `The rehearsal serves one Lambda data source; the template has ${resolverSources.size}.`,
      );
    const resolverFn = fnOf([...resolverSources][0]!);
    const authorizerFn = fnOf(api.authorizer.functionLogicalId);
    const wiring: ApiWiring = { schema: api.schema, resolvers: new Map() };
    for (const r of api.resolvers)
      wiring.resolvers.set(`${r.typeName}.${r.fieldName}`, {
        dataSource: r.dataSource.type === 'AWS_LAMBDA' ? 'lambda' : 'none',
        code: await loadAppSyncJs({ code: r.code, name: `${r.typeName}.${r.fieldName}.js` }),
      });
    const lambdas: Lambdas = {
      resolver: (event, context) =>
        resolverFn.invoke(event, context.awsRequestId) as ReturnType<Lambdas['resolver']>,
      authorizer: (event) => authorizerFn.invoke(event) as ReturnType<Lambdas['authorizer']>,
    };

    const policies = new PolicyBook(assembly, values);
    const queueArns = new Map(
      assembly.ofType('AWS::SQS::Queue').map(([id]) => [values.ref(id), values.getAtt(id, 'Arn')]),
    );
    const tableArns = new Map(
      assembly.ofType('AWS::DynamoDB::Table').map(([id]) => [id, values.getAtt(id, 'Arn')]),
    );
    const secretArns = new Set(assembly.ofType('AWS::SecretsManager::Secret').map(([id]) => values.ref(id)));
    const resourceOf = {
      queueArn: (queueUrl: string) => queueArns.get(queueUrl),
      tableArn: (name: string) => tableArns.get(name),
      secretArn: (id: string) =>
        secretArns.has(id) ? id : [...secretArns].find((arn) => arn.includes(`:secret:${id}-`)),
    };
    return {
      assembly,
      values,
      functions,
      keys,
      policies,
      wiring,
      lambdas,
      mail,
      eventSources,
      certificates,
      describe: {
        assembly: outdir,
        moto: moto.url,
        mysql: `127.0.0.1:${mariadb.port} (TLS required)`,
        redis: `127.0.0.1:${redis.port} (TLS, AUTH)`,
        smtp: `127.0.0.1:${mail.port} (STARTTLS)`,
        logs: join(workDir, 'logs'),
        ca: certificates.caFile,
      },
      async privileges(extraUses) {
        const uses = new Map<string, Use[]>();
        for (const [fnId, list] of extraUses) uses.set(fnId, [...list]);
        for (const request of await moto.recording()) {
          const found = usesOf(request, resourceOf);
          const owner = found && keys.get(found.accessKeyId)?.owner.logicalId;
          if (owner) uses.set(owner, [...(uses.get(owner) ?? []), ...found.uses]);
        }
        return policies.compare(uses);
      },
      sms: {
        sent: async () => smsSent(await moto.recording()),
        async reply(reply) {
          const [subscriber] = assembly.topicSubscribers();
          if (!subscriber) throw new Error('The template subscribes no function to an SNS topic.');
          const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${subscriber.topicLogicalId}`;
          const event = inboundSnsEvent(topicArn, `${topicArn}:${subscriber.subscriptionLogicalId}`, {
            ...reply,
            to: '+5511900000000',
          });
          return fnOf(subscriber.functionLogicalId).invoke(event);
        },
      },
      async runSchedules() {
        const answers: unknown[] = [];
        for (const schedule of assembly.schedules())
          answers.push(await fnOf(schedule.functionLogicalId).invoke(schedule.input));
        return answers;
      },
      customResource,
      async close() {
        await close();
        if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // A start that fails leaves nothing behind: what it started is stopped, its folder removed (the synth log
    // is in the error when synthesis failed).
    await close();
    if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
