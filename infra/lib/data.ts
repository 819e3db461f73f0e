import { CfnResource, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { ACCOUNT_TABLE_SCHEMA } from '../../resolvers/stores/accounts/table-schema';
import { QueueManagerFunction } from './function';

export interface DataProps {
  readonly vpc: ec2.IVpc;
}

export const DATABASE_NAME = 'queue_manager';

/**
 * The stores: RDS MySQL 8.4 (Multi-AZ, encrypted, backups, RDS Proxy, utf8mb4 and TLS forced), an ElastiCache
 * Redis replication group across both AZs (TLS, at-rest encryption, auth token), the DynamoDB accounts table
 * (on demand, PITR, TTL), and the SQL migrations run on every deploy.
 */
export class Data extends Construct {
  public readonly database: rds.DatabaseInstance;
  public readonly proxy: rds.DatabaseProxy;
  public readonly databaseSecurityGroup: ec2.SecurityGroup;
  public readonly redis: elasticache.CfnReplicationGroup;
  public readonly redisSecurityGroup: ec2.SecurityGroup;
  public readonly redisAuth: secrets.Secret;
  public readonly accounts: dynamodb.Table;
  /** The one-shot migration function (monitored like the others). */
  public readonly migrations: QueueManagerFunction;
  /** The resolver and authorizer functions: they reach MySQL (through the proxy) and Redis. */
  public readonly apiSecurityGroup: ec2.SecurityGroup;
  /** The migration function: MySQL only. */
  public readonly migrationSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { vpc } = props;
    this.apiSecurityGroup = new ec2.SecurityGroup(this, 'ApiFunctions', {
      vpc,
      description: 'Resolver and authorizer functions: MySQL and Redis',
    });
    this.migrationSecurityGroup = new ec2.SecurityGroup(this, 'MigrationFunction', {
      vpc,
      description: 'Migration function: MySQL only',
    });
    this.databaseSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSg', {
      vpc,
      description: 'RDS MySQL and its proxy',
      allowAllOutbound: false,
    });
    this.databaseSecurityGroup.addIngressRule(
      this.apiSecurityGroup,
      ec2.Port.tcp(3306),
      'API functions to MySQL',
    );
    this.databaseSecurityGroup.addIngressRule(
      this.migrationSecurityGroup,
      ec2.Port.tcp(3306),
      'Migrations to MySQL',
    );
    this.databaseSecurityGroup.addIngressRule(
      this.databaseSecurityGroup,
      ec2.Port.tcp(3306),
      'Proxy to MySQL',
    );
    this.databaseSecurityGroup.addEgressRule(
      this.databaseSecurityGroup,
      ec2.Port.tcp(3306),
      'Proxy to MySQL',
    );

    const parameters = new rds.ParameterGroup(this, 'MysqlParameters', {
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_3 }),
      parameters: {
        character_set_server: 'utf8mb4',
        collation_server: 'utf8mb4_unicode_ci',
        require_secure_transport: 'ON',
      },
    });
    this.database = new rds.DatabaseInstance(this, 'Mysql', {
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_3 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.databaseSecurityGroup],
      multiAz: true,
      storageEncrypted: true,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromGeneratedSecret('queue_manager'),
      parameterGroup: parameters,
      cloudwatchLogsExports: ['error', 'slowquery'],
      enablePerformanceInsights: true,
      iamAuthentication: true,
    });
    Validations.of(this.database).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotation would change the password under the RDS Proxy mid-session; rotation is scheduled as an operational task after launch.',
    });
    Validations.of(this.database).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason:
        'The standard port: the database is reachable only from the functions security group in private subnets.',
    });
    this.proxy = this.database.addProxy('Proxy', {
      secrets: [this.database.secret!],
      vpc,
      securityGroups: [this.databaseSecurityGroup],
      requireTLS: true,
      iamAuth: false,
    });

    this.redisAuth = new secrets.Secret(this, 'RedisAuth', {
      description: 'ElastiCache auth token',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.redisAuth).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating an ElastiCache auth token needs a coordinated ROTATE/SET; done as an operational task.',
    });
    this.redisSecurityGroup = new ec2.SecurityGroup(this, 'RedisSg', {
      vpc,
      description: 'ElastiCache Redis',
      allowAllOutbound: false,
    });
    this.redisSecurityGroup.addIngressRule(
      this.apiSecurityGroup,
      ec2.Port.tcp(6379),
      'API functions to Redis',
    );
    const subnets = new elasticache.CfnSubnetGroup(this, 'RedisSubnets', {
      description: 'Private subnets of both AZs',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
    });
    this.redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: 'Queue Manager positions and fan-out',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      authToken: this.redisAuth.secretValue.unsafeUnwrap(),
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [this.redisSecurityGroup.securityGroupId],
      port: 6379,
      snapshotRetentionLimit: 1,
    });
    Validations.of(this.redis).acknowledge({
      id: 'AwsSolutions-AEC5',
      reason:
        'The default port: Redis is reachable only from the functions security group in private subnets.',
    });

    this.accounts = new dynamodb.Table(this, 'Accounts', {
      partitionKey: { name: ACCOUNT_TABLE_SCHEMA.partitionKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ACCOUNT_TABLE_SCHEMA.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.accounts.addGlobalSecondaryIndex({
      indexName: ACCOUNT_TABLE_SCHEMA.byIdIndex,
      partitionKey: { name: ACCOUNT_TABLE_SCHEMA.byIdKey, type: dynamodb.AttributeType.STRING },
    });

    // Migrations on every deploy: a one-shot function behind a custom resource, idempotent.
    this.migrations = new QueueManagerFunction(this, 'Migrate', {
      handler: 'migrate',
      vpc,
      securityGroups: [this.migrationSecurityGroup],
      timeout: Duration.minutes(5),
      environment: {
        MYSQL_SECRET_ARN: this.database.secret!.secretArn,
        MYSQL_HOST: this.proxy.endpoint,
        MYSQL_PORT: this.database.dbInstanceEndpointPort,
        MYSQL_DATABASE: DATABASE_NAME,
      },
    });
    const migrate = this.migrations;
    migrate.readSecrets(this.database.secret!);
    const provider = new cr.Provider(this, 'MigrationProvider', { onEventHandler: migrate.function });
    const ackProvider = (id: string, reason: string) => Validations.of(provider).acknowledge({ id, reason });
    ackProvider(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "The custom-resource framework's standard logging policy.",
    );
    ackProvider(
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(migrate.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      'The framework invokes the migration function, any version.',
    );
    ackProvider(
      'AwsSolutions-L1',
      'The custom-resource framework function and its runtime are managed by the CDK.',
    );
    new CustomResource(this, 'Migrations', {
      serviceToken: provider.serviceToken,
      properties: { schemaVersion: '001' },
    });
  }
}
