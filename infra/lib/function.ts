import { LOG_RETENTION_DAYS } from '../../resolvers/handlers/log-shipper';
import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

/** The one file every function is bundled from (resolvers/handlers/lambda.ts); `handler` names the export. */
export const LAMBDA_ENTRY = fileURLToPath(new URL('../../resolvers/handlers/lambda.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface QueueManagerFunctionProps {
  readonly handler:
    | 'resolver'
    | 'authorizer'
    | 'messageConsumer'
    | 'smsReplies'
    | 'smsSettings'
    | 'graceSweeper'
    | 'migrate'
    | 'logShipper';
  readonly vpc: ec2.IVpc;
  readonly securityGroups: ec2.ISecurityGroup[];
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/** Function defaults in one place: Node 22 on ARM64, in private subnets, X-Ray, JSON logs kept a month. */
export class QueueManagerFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: QueueManagerFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: LOG_RETENTION_DAYS as logs.RetentionDays });
    this.function = new NodejsFunction(this, 'Function', {
      entry: LAMBDA_ENTRY,
      handler: props.handler,
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: props.securityGroups,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // RDS and ElastiCache TLS certificates verify against the runtime's CA bundle.
        NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        sourceMap: true,
        minify: true,
        mainFields: ['module', 'main'],
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        // SQLite is for the local runtime only, loaded lazily; never bundled into a function.
        externalModules: ['better-sqlite3'],
      },
    });
    const acknowledge = (id: string, reason: string) =>
      Validations.of(this.function).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-L1',
      'Node 22 on purpose: the code is kept compatible with the Node 20 used locally; moved forward deliberately.',
    );
    acknowledge(
      `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
      'The standard log-writing policy of a Lambda function.',
    );
    acknowledge(
      `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]`,
      'The standard network-interface policy of a function in a VPC.',
    );
    acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords only accept Resource "*".',
    );
  }

  /**
   * Reads these secrets' values at cold start: `secretsmanager:GetSecretValue` only (a secret's `grantRead` adds
   * DescribeSecret, which no function calls; the AWS rehearsal checks grants against use).
   */
  readSecrets(...secrets: secretsmanager.ISecret[]): void {
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: secrets.map((s) => s.secretArn),
      }),
    );
  }

  /**
   * Exactly these DynamoDB actions on the table and its indexes (what the function's store calls, instead of
   * grantReadWriteData's twelve), acknowledging the `<table>/index/*` wildcard the grant adds.
   */
  useTable(table: dynamodb.ITable, ...actions: string[]): void {
    table.grant(this.function, ...actions.map((a) => `dynamodb:${a}`));
    Validations.of(this.function).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(table.node.defaultChild as CfnResource)}.Arn>/index/*]`,
      reason: 'Reads and writes to the accounts table include its indexes (byId for `me`).',
    });
  }
}
