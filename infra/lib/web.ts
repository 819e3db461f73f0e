import { LOG_RETENTION_DAYS } from '../../resolvers/handlers/log-shipper';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { appContentSecurityPolicy } from '../../schema/web-headers';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REACT_DIST = fileURLToPath(new URL('../../clients/react/dist', import.meta.url));
const BACKOFFICE_DIST = fileURLToPath(new URL('../../clients/backoffice/dist/browser', import.meta.url));

export interface WebProps {
  /** The API endpoint written into the clients' runtime-config.json: AppSync's URL or its custom domain. */
  readonly graphqlEndpoint: string;
  /** The API's custom domain, when it has one: the pages may connect to it (CSP). */
  readonly apiDomain?: string;
}

/** Requests for app routes (no file extension) get the app's index.html: the SPA fallback, per app. */
function spaFallback(scope: Construct, id: string, index: string): cloudfront.Function {
  return new cloudfront.Function(scope, id, {
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(
      `function handler(event) { var r = event.request; if (!/\\.[a-z0-9]+$/i.test(r.uri)) r.uri = '${index}'; return r; }`,
    ),
  });
}

/**
 * Private S3 buckets for both clients behind one CloudFront distribution (origin access control): `/` the React
 * app, `/backoffice/*` the Angular app. HTTPS only, security headers, access logs; the clients' runtime-config.json
 * is written from the stack's values and points them at AppSync directly (its URL or its custom domain): the API
 * is not proxied, because aws-amplify puts the configured host in the real-time handshake and AppSync recognises
 * only its own hosts and custom domains.
 */
export class Web extends Construct {
  public readonly distribution: cloudfront.Distribution;
  public readonly url: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      // Access logs carry viewers' addresses and the paths they asked for (ticket links among them): kept as
      // long as every other log.
      lifecycleRules: [{ expiration: Duration.days(LOG_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging it into itself would loop.',
    });
    const bucket = (name: string) =>
      new s3.Bucket(this, name, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        serverAccessLogsBucket: logs,
        serverAccessLogsPrefix: `s3/${name}/`,
        removalPolicy: RemovalPolicy.DESTROY,
        autoDeleteObjects: true,
      });
    const react = bucket('ReactApp');
    const backoffice = bucket('Backoffice');

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // The same policy the local server sends (schema/web-headers.ts), with AppSync's origins.
          contentSecurityPolicy: appContentSecurityPolicy([
            'https://*.amazonaws.com',
            'wss://*.amazonaws.com',
            ...(props.apiDomain ? [`https://${props.apiDomain}`, `wss://${props.apiDomain}`] : []),
          ]),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Queue Manager: clients and API',
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(react),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            function: spaFallback(this, 'ReactFallback', '/index.html'),
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
          },
        ],
      },
      additionalBehaviors: {
        '/backoffice/*': {
          origin: origins.S3BucketOrigin.withOriginAccessControl(backoffice),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: headers,
          functionAssociations: [
            {
              function: spaFallback(this, 'BackofficeFallback', '/backoffice/index.html'),
              eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            },
          ],
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Queues serve people wherever they are; no geographic restriction.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves only static files; the API is protected where it is called, by the AWS WAF web ACL on AppSync (infra/lib/firewall.ts).',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'Without a custom domain CloudFront serves its default certificate, which cannot enforce TLS 1.2; set a custom domain to enforce it.',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    // The clients read their API endpoint at run time: generated here from the stack's own values.
    const runtimeConfig = {
      graphqlEndpoint: props.graphqlEndpoint,
      region: Stack.of(this).region,
      authMode: 'lambda',
      publicUrl: this.url,
    };
    const sources = (dist: string) => [
      // CloudFront compresses on its own; source maps stay out of the buckets.
      ...(existsSync(dist) ? [deploy.Source.asset(dist, { exclude: ['*.map', '*.br', '*.gz'] })] : []),
      deploy.Source.jsonData('runtime-config.json', runtimeConfig),
    ];
    new deploy.BucketDeployment(this, 'DeployReact', {
      destinationBucket: react,
      sources: sources(REACT_DIST),
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    new deploy.BucketDeployment(this, 'DeployBackoffice', {
      destinationBucket: backoffice,
      destinationKeyPrefix: 'backoffice/',
      sources: sources(BACKOFFICE_DIST),
      distribution: this.distribution,
      distributionPaths: ['/backoffice/*'],
    });
    // The CDK's bucket-deployment function (a fixed singleton id in aws-cdk-lib) copies the builds into the buckets.
    const deployer = Stack.of(this).node.tryFindChild(
      'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C',
    );
    if (deployer) {
      const acknowledge = (id: string, reason: string) =>
        Validations.of(deployer).acknowledge({ id, reason });
      const bucketId = (b: s3.Bucket) => Stack.of(this).getLogicalId(b.node.defaultChild as s3.CfnBucket);
      acknowledge(
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "The CDK deployment helper's standard logging policy.",
      );
      acknowledge('AwsSolutions-L1', 'The CDK deployment helper and its runtime are managed by the CDK.');
      acknowledge(
        'AwsSolutions-IAM5[Resource::*]',
        'The CDK deployment helper invalidates the distribution after a deploy; its grant is written with "*".',
      );
      for (const action of ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'])
        acknowledge(
          `AwsSolutions-IAM5[Action::${action}]`,
          'The CDK deployment helper syncs the build into the bucket (read, write, prune).',
        );
      for (const b of [react, backoffice])
        acknowledge(
          `AwsSolutions-IAM5[Resource::<${bucketId(b)}.Arn>/*]`,
          'Every object of the app bucket is replaced on deploy.',
        );
      acknowledge(
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Stack.of(this).region}/*]`,
        'The build is read from the CDK asset bucket.',
      );
    }
  }
}
