import { LOG_RETENTION_DAYS } from '../../resolvers/handlers/log-shipper';
import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { routedFields } from '../../resolvers/handlers/router';
import { API_LIMITS } from '../../schema/limits';
import { DATABASE_NAME } from './data';
import { ApiFirewall } from './firewall';
import { QueueManagerFunction } from './function';
import { INVOKE_RESOLVER_FILE, noneResolverField } from '../../resolvers/appsync-files';

const SCHEMA = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
const APPSYNC_JS = fileURLToPath(new URL('../../resolvers/appsync/', import.meta.url));

/** Bundles an APPSYNC_JS resolver as AppSync runs it: one ES module, `@aws-appsync/utils` provided by AppSync. */
export function appsyncCode(file: string): appsync.Code {
  const result = buildSync({
    entryPoints: [`${APPSYNC_JS}${file}`],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2021',
    platform: 'neutral',
    external: ['@aws-appsync/utils'],
    minify: false,
  });
  return appsync.Code.fromInline(result.outputFiles[0]!.text);
}

export interface ApiProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroups: ec2.ISecurityGroup[];
  readonly database: rds.DatabaseInstance;
  readonly proxy: rds.DatabaseProxy;
  readonly redisEndpoint: string;
  readonly redisPort: string;
  readonly redisAuth: secrets.ISecret;
  readonly accounts: dynamodb.ITable;
  readonly mailQueue: sqs.IQueue;
  /** The two-way SMS topic: replies people text back reach the SMS replies function through it. */
  readonly smsReplies: sns.ITopic;
  /** Where the clients are served (links in mail and QR codes). */
  readonly publicUrl: string;
  /** Seconds of an account deletion's grace period, when not the default 7 days. */
  readonly accountDeletionGraceSeconds?: number;
  /** AppSync's own custom domain (AWS::AppSync::DomainName), with its ACM certificate (us-east-1). */
  readonly domain?: { domainName: string; certificateArn: string };
}

/**
 * AppSync from schema/schema.graphql unchanged: the Lambda authorizer by default, IAM for the backend's publish;
 * every Query and Mutation field through the invoke APPSYNC_JS resolver to the resolver function; the [NONE]
 * resolvers of resolvers/appsync for the publish mutation and the subscription.
 */
export class Api extends Construct {
  public readonly api: appsync.GraphqlApi;
  public readonly resolver: QueueManagerFunction;
  public readonly authorizer: QueueManagerFunction;
  /** Texts people send back (cancel, status): the resolver's stores, invoked by the two-way SMS topic. */
  public readonly smsReplies: QueueManagerFunction;
  /** Grace timers: the resolver's stores, invoked every minute by EventBridge Scheduler. */
  public readonly graceSweeper: QueueManagerFunction;
  public readonly firewall: ApiFirewall;
  /**
   * The endpoint the clients are given: AppSync's own URL, or its custom domain. aws-amplify derives the
   * real-time URL from it, which works only on AppSync's own hosts and custom domains (not through a proxy).
   */
  public readonly clientEndpoint: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const sessionSecret = new secrets.Secret(this, 'SessionKey', {
      description: 'Owner session signing key (HS256)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(sessionSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the signing key signs every owner out; it is rotated deliberately with a two-key window (operational task).',
    });
    const database = {
      MYSQL_SECRET_ARN: props.database.secret!.secretArn,
      MYSQL_HOST: props.proxy.endpoint,
      // The proxy listens on the database's port (3306 for MySQL).
      MYSQL_PORT: props.database.dbInstanceEndpointPort,
      MYSQL_DATABASE: DATABASE_NAME,
      SESSION_SECRET_ARN: sessionSecret.secretArn,
    };
    const fn = (
      name: string,
      handler: 'resolver' | 'authorizer' | 'smsReplies' | 'graceSweeper',
      environment: Record<string, string>,
      timeout = Duration.seconds(10),
    ) =>
      new QueueManagerFunction(this, name, {
        handler,
        vpc: props.vpc,
        securityGroups: props.securityGroups,
        environment,
        timeout,
      });
    // Each function gets exactly what its cold start reads (resolvers/handlers/aws-runtime.ts) and the grants
    // for it: the authorizer verifies sessions and looks tickets up, nothing more.
    const stores = {
      ...database,
      REDIS_URL: `rediss://${props.redisEndpoint}:${props.redisPort}`,
      REDIS_AUTH_SECRET_ARN: props.redisAuth.secretArn,
      ACCOUNTS_TABLE: props.accounts.tableName,
      MAIL_QUEUE_URL: props.mailQueue.queueUrl,
      PUBLIC_URL: props.publicUrl,
      ...(props.accountDeletionGraceSeconds
        ? { ACCOUNT_DELETION_GRACE_SECONDS: String(props.accountDeletionGraceSeconds) }
        : {}),
    };
    this.resolver = fn('Resolver', 'resolver', stores);
    this.smsReplies = fn('SmsReplies', 'smsReplies', stores);
    // Its jobs each stop taking work after 5 s (anonymising, deleting accounts), and the last batch may run over:
    // room for all of them within the minute between runs.
    this.graceSweeper = fn('GraceSweeper', 'graceSweeper', stores, Duration.seconds(50));
    this.authorizer = fn('Authorizer', 'authorizer', database);
    for (const f of [this.resolver, this.smsReplies, this.graceSweeper])
      f.readSecrets(props.database.secret!, props.redisAuth, sessionSecret);
    this.authorizer.readSecrets(props.database.secret!, sessionSecret);
    // The account store (resolvers/stores/accounts/dynamodb.ts): items by key, and the byId index for `me`;
    // the delivery log's states for staff (BatchGetItem), and forgetting a failure on retry.
    this.resolver.useTable(
      props.accounts,
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'Query',
      'BatchGetItem',
    );
    // Deleting an account whose grace period has passed: its token list read, its items deleted, its sessions
    // ended (resolvers/stores/accounts/dynamodb.ts: deleteAccount), its counters cleared.
    this.graceSweeper.useTable(props.accounts, 'GetItem', 'UpdateItem', 'DeleteItem');
    // Replies claim each inbound message once in the delivery log (a taken claim is read).
    this.smsReplies.useTable(props.accounts, 'GetItem', 'UpdateItem');
    // Message jobs are sent, nothing else (grantSendMessages adds GetQueueAttributes and GetQueueUrl, never called).
    for (const f of [this.resolver, this.smsReplies, this.graceSweeper])
      props.mailQueue.grant(f.function, 'sqs:SendMessage');
    // Every minute (a one-time schedule per call would cost an API call per call, and a per-call delete when
    // the person is served; the timers are in SQL anyway, where the queue's lock makes each act once).
    const sweepRole = new iam.Role(this, 'GraceSweepRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler invokes the grace sweeper, and nothing else',
    });
    // The target grants the role lambda:InvokeFunction on the function (and its versions): that, nothing more.
    Validations.of(sweepRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.graceSweeper.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason: 'EventBridge Scheduler invokes the grace sweeper, any version.',
    });
    new scheduler.Schedule(this, 'GraceSweep', {
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      target: new targets.LambdaInvoke(this.graceSweeper.function, { role: sweepRole }),
      description: 'Grace timers: unserved calls past their minutes become no-shows',
    });
    props.smsReplies.addSubscription(new subscriptions.LambdaSubscription(this.smsReplies.function));

    this.api = new appsync.GraphqlApi(this, 'GraphqlApi', {
      name: 'queue-manager',
      definition: appsync.Definition.fromFile(SCHEMA),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.LAMBDA,
          lambdaAuthorizerConfig: { handler: this.authorizer.function, resultsCacheTtl: Duration.minutes(5) },
        },
        additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }],
      },
      logConfig: {
        fieldLogLevel: appsync.FieldLogLevel.ERROR,
        excludeVerboseContent: true,
        retention: LOG_RETENTION_DAYS as logs.RetentionDays,
      },
      xrayEnabled: true,
      ...(props.domain
        ? {
            domainName: {
              domainName: props.domain.domainName,
              certificate: acm.Certificate.fromCertificateArn(
                this,
                'DomainCertificate',
                props.domain.certificateArn,
              ),
            },
          }
        : {}),
      // The same numbers the local gateway enforces (schema/limits.ts).
      queryDepthLimit: API_LIMITS.queryDepthLimit,
      resolverCountLimit: API_LIMITS.resolverCountLimit,
    });
    this.firewall = new ApiFirewall(this, 'Firewall', { apiArn: this.api.arn });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason:
        'Field logs at ERROR without verbose content on purpose: ALL would write arguments (names, emails, phones) to the logs.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]',
      reason: "AppSync's standard logging role.",
    });
    // The log retention above is applied by the CDK's singleton helper function (a fixed id in aws-cdk-lib).
    const retention = Stack.of(this).node.tryFindChild('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a');
    if (retention) {
      Validations.of(retention).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The CDK log-retention helper's standard logging policy.",
      });
      Validations.of(retention).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'The CDK log-retention helper sets retention on log groups it is told about at deploy time.',
      });
    }
    for (const f of [this.resolver, this.smsReplies, this.graceSweeper])
      f.function.addEnvironment('APPSYNC_GRAPHQL_URL', this.api.graphqlUrl);
    this.clientEndpoint = props.domain ? `https://${props.domain.domainName}/graphql` : this.api.graphqlUrl;
    // The resolver and replies functions publish queue events: publishQueueEvent only, nothing else.
    for (const f of [this.resolver, this.smsReplies, this.graceSweeper])
      f.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['appsync:GraphQL'],
          resources: [`${this.api.arn}/types/Mutation/fields/publishQueueEvent`],
        }),
      );

    const lambdaSource = this.api.addLambdaDataSource('Resolvers', this.resolver.function);
    Validations.of(lambdaSource).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.resolver.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason: 'AppSync invokes the resolver function, any version.',
    });
    const invoke = appsyncCode(INVOKE_RESOLVER_FILE);
    for (const [typeName, fields] of Object.entries(routedFields))
      for (const fieldName of fields)
        lambdaSource.createResolver(`${typeName}${fieldName}`, {
          typeName,
          fieldName,
          runtime: appsync.FunctionRuntime.JS_1_0_0,
          code: invoke,
        });

    const none = this.api.addNoneDataSource('None');
    for (const file of readdirSync(APPSYNC_JS)) {
      const field = noneResolverField(file);
      if (field)
        none.createResolver(`${field.typeName}${field.fieldName}`, {
          ...field,
          runtime: appsync.FunctionRuntime.JS_1_0_0,
          code: appsyncCode(file),
        });
    }
  }
}
