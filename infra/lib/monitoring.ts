import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { QueueManagerFunction } from './function';

export interface MonitoringProps {
  readonly vpc: ec2.IVpc;
  readonly alarmTopic: sns.ITopic;
  readonly database: rds.DatabaseInstance;
  readonly redis: elasticache.CfnReplicationGroup;
  readonly functions: QueueManagerFunction[];
}

/** The alarm thresholds, stated once (they are what an operator is paged on). */
export const THRESHOLDS = {
  rdsCpuPercent: 80,
  rdsConnections: 100,
  rdsFreeStorageBytes: 2 * 1024 ** 3,
  rdsReadIops: 1000,
  rdsWriteIops: 1000,
  redisCpuPercent: 75,
  redisEvictions: 1,
  redisCacheMisses: 5000,
} as const;

/**
 * Alarms to SNS for RDS, ElastiCache and every function; every function's logs shipped by subscription into an
 * OpenSearch domain in the VPC, with Dashboards (the design's Elasticsearch and Kibana).
 */
export class Monitoring extends Construct {
  public readonly domain: opensearch.Domain;
  public readonly shipper: QueueManagerFunction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const alarm = (
      name: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      comparison: cloudwatch.ComparisonOperator,
      periods = 3,
    ) =>
      new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: comparison,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new actions.SnsAction(props.alarmTopic));
    const above = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    const fiveMinutes = { period: Duration.minutes(5) };
    const db = props.database;
    alarm('RdsCpu', db.metricCPUUtilization(fiveMinutes), THRESHOLDS.rdsCpuPercent, above);
    alarm('RdsConnections', db.metricDatabaseConnections(fiveMinutes), THRESHOLDS.rdsConnections, above);
    alarm(
      'RdsFreeStorage',
      db.metricFreeStorageSpace(fiveMinutes),
      THRESHOLDS.rdsFreeStorageBytes,
      cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      1,
    );
    alarm('RdsReadIops', db.metricReadIOPS(fiveMinutes), THRESHOLDS.rdsReadIops, above);
    alarm('RdsWriteIops', db.metricWriteIOPS(fiveMinutes), THRESHOLDS.rdsWriteIops, above);
    // Per node of the replication group (<group>-001 is the primary at creation, -002 the replica).
    for (const node of ['001', '002']) {
      const metric = (metricName: string, statistic: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/ElastiCache',
          metricName,
          statistic,
          period: Duration.minutes(5),
          dimensionsMap: { CacheClusterId: `${props.redis.ref}-${node}` },
        });
      alarm(`RedisCpu${node}`, metric('CPUUtilization', 'Average'), THRESHOLDS.redisCpuPercent, above);
      alarm(`RedisEvictions${node}`, metric('Evictions', 'Sum'), THRESHOLDS.redisEvictions, above, 1);
      alarm(`RedisCacheMisses${node}`, metric('CacheMisses', 'Sum'), THRESHOLDS.redisCacheMisses, above);
    }
    for (const [i, fn] of props.functions.entries()) {
      alarm(`FunctionErrors${i}`, fn.function.metricErrors(fiveMinutes), 1, above, 1);
      alarm(`FunctionThrottles${i}`, fn.function.metricThrottles(fiveMinutes), 1, above, 1);
    }

    const searchSecurityGroup = new ec2.SecurityGroup(this, 'SearchSg', {
      vpc: props.vpc,
      description: 'OpenSearch logs domain',
      allowAllOutbound: false,
    });
    const shipperSecurityGroup = new ec2.SecurityGroup(this, 'ShipperSg', {
      vpc: props.vpc,
      description: 'The log shipper',
    });
    searchSecurityGroup.addIngressRule(shipperSecurityGroup, ec2.Port.tcp(443), 'Shipper to OpenSearch');
    this.domain = new opensearch.Domain(this, 'Logs', {
      version: opensearch.EngineVersion.OPENSEARCH_2_17,
      vpc: props.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      securityGroups: [searchSecurityGroup],
      zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
      capacity: { dataNodes: 2, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
      ebs: { volumeSize: 20 },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
      logging: { slowSearchLogEnabled: true, slowIndexLogEnabled: true, appLogEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.domain).acknowledge({
      id: 'AwsSolutions-OS3',
      reason: 'The domain is in private subnets; its security group admits only the log shipper.',
    });
    Validations.of(this.domain).acknowledge({
      id: 'AwsSolutions-OS4',
      reason:
        'Two small data nodes hold a month of logs; dedicated masters would triple the cost for no gain at this size.',
    });
    Validations.of(this.domain).acknowledge({
      id: 'AwsSolutions-OS5',
      reason:
        'Only reachable inside the VPC; the access policy admits the shipper role, Dashboards users come through the bastion.',
    });
    Validations.of(this.domain).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "The domain's log-publishing resource policy is set by a CDK helper: logs:PutResourcePolicy has no resource-level form.",
    });
    // The CDK's custom-resource helper behind that policy (a fixed singleton id in aws-cdk-lib).
    const helper = Stack.of(this).node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
    if (helper) {
      Validations.of(helper).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The CDK custom-resource helper's standard logging policy.",
      });
      Validations.of(helper).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'The CDK custom-resource helper and its runtime are managed by the CDK.',
      });
    }

    this.shipper = new QueueManagerFunction(this, 'Shipper', {
      handler: 'logShipper',
      vpc: props.vpc,
      securityGroups: [shipperSecurityGroup],
      timeout: Duration.seconds(30),
      environment: { OPENSEARCH_ENDPOINT: this.domain.domainEndpoint },
    });
    // The shipper POSTs to _bulk, into the daily log indexes (resolvers/handlers/log-shipper.ts), and once an
    // hour lists them and deletes those past LOG_RETENTION_DAYS, as CloudWatch keeps the log groups: those
    // three requests only (grantIndexWrite and grantPathWrite add PUT and PATCH, never sent).
    this.shipper.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['es:ESHttpPost'],
        resources: ['_bulk', 'queue-manager-logs-*', 'queue-manager-logs-*/*'].map(
          (path) => `${this.domain.domainArn}/${path}`,
        ),
      }),
    );
    this.shipper.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['es:ESHttpGet'],
        resources: [`${this.domain.domainArn}/_cat/indices/queue-manager-logs-*`],
      }),
    );
    this.shipper.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['es:ESHttpDelete'],
        resources: [`${this.domain.domainArn}/queue-manager-logs-*`],
      }),
    );
    for (const resource of [
      'queue-manager-logs-*',
      'queue-manager-logs-*/*',
      '_cat/indices/queue-manager-logs-*',
    ])
      Validations.of(this.shipper.function).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId(this.domain)}.Arn>/${resource}]`,
        reason: 'The shipper writes to the daily log indexes, all under this prefix.',
      });
    for (const fn of props.functions)
      new logs.SubscriptionFilter(this, `Ship${fn.node.id}`, {
        logGroup: fn.logGroup,
        destination: new destinations.LambdaDestination(this.shipper.function),
        filterPattern: logs.FilterPattern.allEvents(),
      });
  }
}

function logicalId(domain: opensearch.Domain): string {
  const cfn = domain.node.defaultChild as opensearch.CfnDomain;
  return cfn.stack.getLogicalId(cfn);
}
