import { LOG_RETENTION_DAYS } from '../../resolvers/handlers/log-shipper';
import { MESSAGE_COPY_DAYS } from '../../resolvers/domain/retention';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_LIMITS, RATE_LIMITED_BODY, RATE_LIMITS } from '../../schema/limits';
import { buildApp } from '../bin/queue-manager';

let template: Template;

beforeAll(() => {
  // No AWS credentials, no network; functions are not bundled here (the bundle is built at deploy).
  const { stack } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
  template = Template.fromStack(stack);
});

describe('network', () => {
  it('given two AZs, then two public and two private subnets, one NAT instance allowing only the VPC, and a bastion', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true }, 2);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 2);
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet')).map((r) => ({
      az: JSON.stringify(r.Properties.AvailabilityZone),
      isPublic: r.Properties.MapPublicIpOnLaunch,
    }));
    const azs = [...new Set(subnets.map((s) => s.az))];
    expect(azs).toHaveLength(2);
    for (const az of azs)
      expect(
        subnets
          .filter((s) => s.az === az)
          .map((s) => s.isPublic)
          .sort(),
      ).toEqual([false, true]);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::Instance', { SourceDestCheck: false });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([
        Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('Vpc'), 'CidrBlock'] } }),
      ]),
    });
    template.hasResourceProperties('AWS::EC2::Instance', {
      Tags: Match.arrayWith([{ Key: 'Name', Value: 'BastionHost' }]),
    });
  });

  it('given the functions, then every one runs in the private subnets on Node 22, ARM64, with X-Ray', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: {
        Handler: Match.stringLikeRegexp('^index\\.(resolver|authorizer|messageConsumer|migrate)$'),
      },
    });
    expect(Object.keys(functions).length).toBe(4);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(fn.Properties.VpcConfig.SubnetIds).toHaveLength(2);
      expect(JSON.stringify(fn.Properties.VpcConfig.SubnetIds)).toMatch(/private/i);
    }
  });
});

describe('data', () => {
  it('given RDS MySQL 8.4, then Multi-AZ, encrypted, 7-day backups, deletion protection, a generated secret, a proxy, utf8mb4 and TLS', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'mysql',
      EngineVersion: Match.stringLikeRegexp('^8\\.4'),
      MultiAZ: true,
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"queue_manager"}' }),
    });
    template.hasResourceProperties('AWS::RDS::DBProxy', { RequireTLS: true, EngineFamily: 'MYSQL' });
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: {
        character_set_server: 'utf8mb4',
        collation_server: 'utf8mb4_unicode_ci',
        require_secure_transport: 'ON',
      },
    });
  });

  it('given ElastiCache, then a replication group across both AZs with failover, TLS, encryption at rest and an auth token from Secrets Manager', () => {
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      NumCacheClusters: 2,
      MultiAZEnabled: true,
      AutomaticFailoverEnabled: true,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      AuthToken: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
  });

  it('given the accounts table, then on demand, point-in-time recovery, TTL on expiresAt and the byId index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byId' })],
    });
  });

  it('given a deploy, then the SQL migrations and the SMS account settings each run through a custom resource', () => {
    template.resourceCountIs('AWS::CloudFormation::CustomResource', 2);
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { schemaVersion: '001' });
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { monthlySpendLimitUsd: '50' });
  });
});

describe('api', () => {
  it('given AppSync, then the Lambda authorizer by default and IAM as the additional mode, with logs and X-Ray', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AWS_LAMBDA',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      XrayEnabled: true,
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true }),
    });
  });

  it("given AppSync's limits, then the depth and resolver-count limits the local gateway enforces", () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      QueryDepthLimit: API_LIMITS.queryDepthLimit,
      ResolverCountLimit: API_LIMITS.resolverCountLimit,
    });
  });

  it('given the unauthenticated mutations, then a WAF web ACL on the API rate-limits each per source with 429 and the JSON the gateway sends', () => {
    const acls = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    const acl = acls[0]!.Properties;
    expect(acl.Scope).toBe('REGIONAL');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.CustomResponseBodies.rateLimited).toEqual({
      ContentType: 'APPLICATION_JSON',
      Content: RATE_LIMITED_BODY,
    });
    expect(acl.Rules).toHaveLength(RATE_LIMITS.length);
    for (const [i, rule] of RATE_LIMITS.entries()) {
      const deployed = acl.Rules[i];
      expect(deployed.Name).toBe(rule.name);
      expect(deployed.Action.Block.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: 'rateLimited',
      });
      const rate = deployed.Statement.RateBasedStatement;
      expect(rate).toMatchObject({
        AggregateKeyType: 'IP',
        Limit: rule.limit,
        EvaluationWindowSec: rule.windowSeconds,
      });
      const matched = JSON.stringify(rate.ScopeDownStatement);
      for (const field of rule.fields) expect(matched).toContain(`"SearchString":"${field}"`);
    }
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.objectLike({
        'Fn::GetAtt': Match.arrayWith([Match.stringLikeRegexp('GraphqlApi')]),
      }),
    });
  });

  it('given the publishers (the resolver, the SMS replies and the grace sweeper), then they may call publishQueueEvent and no other field', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const appsyncStatements = Object.values(policies)
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: unknown }) => s.Action === 'appsync:GraphQL');
    expect(appsyncStatements).toHaveLength(3);
    for (const statement of appsyncStatements)
      expect(JSON.stringify(statement.Resource)).toMatch(
        /^"?[^*]*\/types\/Mutation\/fields\/publishQueueEvent/,
      );
  });
});

describe('messaging', () => {
  it('given the mail queue, then a dead-letter queue after 3 receives, an alarm on it, and a consumer with partial batch responses', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [Match.objectLike({ Ref: Match.stringLikeRegexp('Alarms') })],
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
  });

  it('given grace timers, then EventBridge Scheduler invokes the sweeper every minute with a role that may invoke only it', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiGraceSweeper'), 'Arn'] } }),
    });
    const invoke = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: unknown }) => s.Action === 'lambda:InvokeFunction');
    expect(JSON.stringify(invoke)).toMatch(/ApiGraceSweeper/);
  });

  it('given SMS, then the consumer may text phone numbers only, replies come through a topic only End User Messaging may publish to, and spend has an alarm', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: unknown }) => s.Action === 'sns:Publish');
    expect(statements).toEqual([
      { Action: 'sns:Publish', Effect: 'Allow', NotResource: 'arn:aws:sns:*:*:*' },
    ]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
          }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: Match.stringLikeRegexp('SmsReplies') },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiSmsReplies'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'SMSMonthToDateSpentUSD',
      Threshold: 40,
      AlarmActions: [Match.objectLike({ Ref: Match.stringLikeRegexp('Alarms') })],
    });
  });
});

describe('web', () => {
  it('given the client buckets, then they are private, encrypted, TLS-only, logged, and read by CloudFront through origin access control', () => {
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: { LoggingConfiguration: Match.anyValue() },
    });
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const bucket of Object.values(buckets))
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
  });

  it('given the distribution, then HTTPS only, access logs, the two apps and nothing of the API, with CSP, HSTS and no-referrer', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
    // The API is not proxied: aws-amplify's real-time handshake names the configured host, which AppSync must own.
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    expect(
      distribution!.Properties.DistributionConfig.CacheBehaviors.map(
        (b: { PathPattern: string; ViewerProtocolPolicy: string }) => [b.PathPattern, b.ViewerProtocolPolicy],
      ),
    ).toEqual([['/backoffice/*', 'redirect-to-https']]);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'"),
          }),
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 31536000,
            IncludeSubdomains: true,
          }),
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });

  it("given a deploy, then each app bucket gets a runtime-config.json pointing at AppSync's own URL", () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    for (const deployment of deployments)
      expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain('"GraphQLUrl"');
    template.hasOutput('GraphqlUrl', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('GraphqlApi'), 'GraphQLUrl'] },
    });
    template.resourceCountIs('AWS::AppSync::DomainName', 0);
  });

  it('given a custom API domain, then AppSync serves it (domain and association), the clients and the CSP use it', () => {
    const { stack: custom } = buildApp(
      new App({
        context: {
          'aws:cdk:bundling-stacks': [],
          apiDomain: 'api.queues.example.com',
          apiCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        },
      }),
    );
    const t = Template.fromStack(custom);
    t.hasResourceProperties('AWS::AppSync::DomainName', {
      DomainName: 'api.queues.example.com',
      CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    t.resourceCountIs('AWS::AppSync::DomainNameApiAssociation', 1);
    t.hasOutput('GraphqlUrl', { Value: 'https://api.queues.example.com/graphql' });
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp('wss://api\\.queues\\.example\\.com'),
          }),
        }),
      }),
    });
  });
});

describe('monitoring', () => {
  const alarmOn = (namespace: string, metricName: string) =>
    Object.values(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: { Namespace: namespace, MetricName: metricName },
      }),
    );

  it('given RDS and ElastiCache, then each of the eight metrics has an alarm that notifies the alarm topic', () => {
    for (const metric of [
      'CPUUtilization',
      'DatabaseConnections',
      'FreeStorageSpace',
      'ReadIOPS',
      'WriteIOPS',
    ]) {
      const alarms = alarmOn('AWS/RDS', metric);
      expect(alarms, metric).toHaveLength(1);
      expect(JSON.stringify(alarms[0]!.Properties.AlarmActions)).toMatch(/Alarms/);
    }
    for (const metric of ['CPUUtilization', 'Evictions', 'CacheMisses'])
      expect(alarmOn('AWS/ElastiCache', metric), metric).toHaveLength(2);
  });

  it('given the functions, then each has an error and a throttle alarm', () => {
    expect(alarmOn('AWS/Lambda', 'Errors')).toHaveLength(7);
    expect(alarmOn('AWS/Lambda', 'Throttles')).toHaveLength(7);
  });

  it('given the documented retention periods, then every log group keeps LOG_RETENTION_DAYS, the shipper may list and delete only the log indexes, and both message queues keep a copy MESSAGE_COPY_DAYS', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(7);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(LOG_RETENTION_DAYS);
    // AppSync's own log group, whose retention the CDK helper sets at deploy time.
    for (const r of Object.values(template.findResources('Custom::LogRetention')))
      expect(r.Properties.RetentionInDays).toBe(LOG_RETENTION_DAYS);
    // CloudFront's access logs (viewers' addresses, ticket links) in their bucket, as long.
    const expirations = Object.values(template.findResources('AWS::S3::Bucket')).flatMap(
      (b) => (b.Properties.LifecycleConfiguration?.Rules ?? []) as { ExpirationInDays?: number }[],
    );
    expect(expirations.map((r) => r.ExpirationInDays)).toContain(LOG_RETENTION_DAYS);
    for (const r of expirations) expect(r.ExpirationInDays ?? 0).toBeLessThanOrEqual(LOG_RETENTION_DAYS);
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThanOrEqual(2);
    for (const q of queues) expect(q.Properties.MessageRetentionPeriod).toBe(MESSAGE_COPY_DAYS * 24 * 3600);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const on = (action: string) =>
      statements.filter((st) => [st.Action].flat().includes(action)).map((st) => JSON.stringify(st.Resource));
    expect(on('es:ESHttpDelete')).toHaveLength(1);
    expect(on('es:ESHttpDelete')[0]).toMatch(/\/queue-manager-logs-\*"\]/);
    expect(on('es:ESHttpGet')).toHaveLength(1);
    expect(on('es:ESHttpGet')[0]).toMatch(/\/_cat\/indices\/queue-manager-logs-\*"\]/);
  });

  it("given the functions' logs, then they are kept a month and shipped by subscription into an encrypted OpenSearch domain in the VPC", () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 7);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::OpenSearchService::Domain', {
      VPCOptions: Match.objectLike({ SubnetIds: Match.anyValue() }),
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: Match.objectLike({ EnforceHTTPS: true }),
      ClusterConfig: Match.objectLike({ ZoneAwarenessEnabled: true, InstanceCount: 2 }),
    });
  });
});

describe('least privilege', () => {
  const ingressSources = (port: number) =>
    Object.values(
      template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { FromPort: port } }),
    ).map((r) => JSON.stringify(r.Properties.SourceSecurityGroupId));
  const functionGroup = (handler: string) => {
    const [fn] = Object.values(
      template.findResources('AWS::Lambda::Function', { Properties: { Handler: `index.${handler}` } }),
    );
    return JSON.stringify(fn!.Properties.VpcConfig.SecurityGroupIds[0]);
  };

  it('given the functions, then each reaches exactly the stores it uses', () => {
    const mysql = ingressSources(3306);
    const redis = ingressSources(6379);
    expect(mysql).toContain(functionGroup('resolver'));
    expect(mysql).toContain(functionGroup('migrate'));
    expect(redis).toContain(functionGroup('resolver'));
    expect(functionGroup('authorizer')).toBe(functionGroup('resolver'));
    expect(redis).not.toContain(functionGroup('migrate'));
    for (const sources of [mysql, redis]) expect(sources).not.toContain(functionGroup('messageConsumer'));
    expect(ingressSources(443)).toEqual([functionGroup('logShipper')]);
  });

  it('given any function, then its environment names secrets by ARN and holds no secret value', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const variables: Record<string, unknown> = fn.Properties.Environment?.Variables ?? {};
      for (const [name, value] of Object.entries(variables)) {
        expect(name).not.toMatch(/PASSWORD|TOKEN|KEY$/);
        if (/SECRET/.test(name)) expect(JSON.stringify(value)).toMatch(/Ref|secret/i);
      }
    }
  });

  it('given the ciHost flag, then a CI host appears in a public subnet; without it, none', async () => {
    const { buildApp } = await import('../bin/queue-manager');
    const withCi = Template.fromStack(
      buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [], ciHost: true } })).stack,
    );
    const count = (t: Template) => Object.keys(t.findResources('AWS::EC2::Instance')).length;
    expect(count(withCi)).toBe(count(template) + 1);
  });
});
