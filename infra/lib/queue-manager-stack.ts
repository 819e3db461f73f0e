import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { Api } from './api';
import { Data } from './data';
import { Messaging, type SmsSettings } from './messaging';
import { Monitoring } from './monitoring';
import { Network } from './network';
import { Web } from './web';

export interface QueueManagerStackProps extends StackProps {
  readonly ciHost?: boolean;
  /** Alarms go to this address when set. */
  readonly alarmEmail?: string;
  readonly smtpHost: string;
  /** SES SMTP's STARTTLS port by default (587). */
  readonly smtpPort?: number;
  readonly mailFrom: string;
  readonly sms: SmsSettings;
  /** Where people open the clients; the CloudFront address once the web construct lands. */
  readonly publicUrl: string;
  /** Seconds between an owner asking to delete their account and its deletion (default 7 days; the rehearsal's test shortens it). */
  readonly accountDeletionGraceSeconds?: number;
  /**
   * AppSync's own custom domain for the API (`-c apiDomain=api.example.com -c apiCertificateArn=…`, an ACM
   * certificate in us-east-1): the clients then use https://<apiDomain>/graphql. Without it, AppSync's URL.
   */
  readonly apiDomain?: { domainName: string; certificateArn: string };
}

/** Queue Manager on AWS: this file only wires the constructs, one per concern. */
export class QueueManagerStack extends Stack {
  public readonly network: Network;
  public readonly data: Data;
  public readonly messaging: Messaging;
  public readonly api: Api;
  public readonly alarms: sns.Topic;
  public readonly web: Web;
  public readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: QueueManagerStackProps) {
    super(scope, id, props);
    this.alarms = new sns.Topic(this, 'Alarms', { displayName: 'Queue Manager alarms', enforceSSL: true });
    if (props.alarmEmail) this.alarms.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.network = new Network(this, 'Network', { ciHost: props.ciHost ?? false });
    this.data = new Data(this, 'Data', { vpc: this.network.vpc });
    this.messaging = new Messaging(this, 'Messaging', {
      vpc: this.network.vpc,
      accounts: this.data.accounts,
      alarmTopic: this.alarms,
      smtpHost: props.smtpHost,
      smtpPort: props.smtpPort ?? 587,
      mailFrom: props.mailFrom,
      sms: props.sms,
    });
    this.api = new Api(this, 'Api', {
      vpc: this.network.vpc,
      securityGroups: [this.data.apiSecurityGroup],
      database: this.data.database,
      proxy: this.data.proxy,
      redisEndpoint: this.data.redis.attrPrimaryEndPointAddress,
      redisPort: this.data.redis.attrPrimaryEndPointPort,
      redisAuth: this.data.redisAuth,
      accounts: this.data.accounts,
      mailQueue: this.messaging.mailQueue,
      smsReplies: this.messaging.smsReplies,
      publicUrl: props.publicUrl,
      ...(props.accountDeletionGraceSeconds
        ? { accountDeletionGraceSeconds: props.accountDeletionGraceSeconds }
        : {}),
      ...(props.apiDomain ? { domain: props.apiDomain } : {}),
    });
    this.web = new Web(this, 'Web', {
      graphqlEndpoint: this.api.clientEndpoint,
      ...(props.apiDomain ? { apiDomain: props.apiDomain.domainName } : {}),
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      vpc: this.network.vpc,
      alarmTopic: this.alarms,
      database: this.data.database,
      redis: this.data.redis,
      functions: [
        this.api.resolver,
        this.api.authorizer,
        this.api.smsReplies,
        this.api.graceSweeper,
        this.messaging.consumer,
        this.messaging.smsSettings,
        this.data.migrations,
      ],
    });
    new CfnOutput(this, 'Url', {
      value: this.web.url,
      description: 'The client app; /backoffice/ for owners',
    });
    new CfnOutput(this, 'GraphqlUrl', {
      value: this.api.clientEndpoint,
      description: 'The API endpoint the clients use (AppSync, or its custom domain)',
    });
    new CfnOutput(this, 'BastionId', { value: this.network.bastion.instanceId });
    new CfnOutput(this, 'SmsRepliesTopic', {
      value: this.messaging.smsReplies.topicArn,
      description: "Set it as the origination number's two-way SMS destination in AWS End User Messaging SMS",
    });
  }
}
