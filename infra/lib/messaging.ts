import { MESSAGE_COPY_DAYS } from '../../resolvers/domain/retention';
import { CfnResource, CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { QueueManagerFunction } from './function';

export interface MessagingProps {
  readonly vpc: ec2.IVpc;
  readonly accounts: dynamodb.ITable;
  readonly alarmTopic: sns.ITopic;
  readonly smtpHost: string;
  readonly smtpPort: number;
  readonly mailFrom: string;
  readonly sms: SmsSettings;
}

/** Deploy context for SMS (`-c smsOriginationNumber=+55… -c smsMonthlySpendLimitUsd=50`). */
export interface SmsSettings {
  /** The origination number (E.164) bought in AWS End User Messaging SMS; absent: SNS picks one. */
  readonly originationNumber?: string;
  /** An alphanumeric sender id, where the destination country allows one. */
  readonly senderId?: string;
  /** The most one message may cost (USD); a dearer one is not sent. */
  readonly maxPriceUsd?: string;
  /** The account's monthly SMS spend limit (whole USD): SNS stops sending there; an alarm fires at 80 %. */
  readonly monthlySpendLimitUsd: number;
}

/**
 * Messages to people (mail and SMS): one SQS queue with a dead-letter queue after 3 receives and an alarm when
 * it holds anything, the consumer, the account's SMS settings, and the two-way SMS topic replies arrive on.
 */
export class Messaging extends Construct {
  public readonly mailQueue: sqs.Queue;
  public readonly deadLetters: sqs.Queue;
  public readonly consumer: QueueManagerFunction;
  /** AWS End User Messaging SMS publishes the texts people send back here (the number's two-way channel). */
  public readonly smsReplies: sns.Topic;
  public readonly smsSettings: QueueManagerFunction;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    // Messages carry addresses and texts: no copy is kept longer than a day, the shortest retention a venue can
    // choose (resolvers/domain/retention.ts: MESSAGE_COPY_DAYS). A message is stale by then (the longest link in
    // one lives 24 hours), and staff retry a failed one from its record in SQL, not from here.
    this.deadLetters = new sqs.Queue(this, 'MailDeadLetters', {
      retentionPeriod: Duration.days(MESSAGE_COPY_DAYS),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.mailQueue = new sqs.Queue(this, 'Mail', {
      visibilityTimeout: Duration.seconds(90),
      retentionPeriod: Duration.days(MESSAGE_COPY_DAYS),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });
    new cloudwatch.Alarm(this, 'MailDeadLettersAlarm', {
      alarmDescription:
        'A message (mail or SMS) could not be delivered after 3 attempts: see the dead-letter queue; staff can retry it from the queue screen.',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new actions.SnsAction(props.alarmTopic));

    // SES SMTP credentials, filled in by the operator after the first deploy; read at cold start, never in env.
    const smtp = new secrets.Secret(this, 'SmtpCredentials', {
      description: 'SES SMTP credentials: {"username": "...", "password": "..."}',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: '' }),
        generateStringKey: 'password',
      },
    });
    Validations.of(smtp).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'SES SMTP credentials are derived from an IAM key and rotated with it, not by a Secrets Manager rotation function.',
    });
    this.consumer = new QueueManagerFunction(this, 'MailConsumer', {
      handler: 'messageConsumer',
      vpc: props.vpc,
      securityGroups: [
        new ec2.SecurityGroup(this, 'ConsumerSg', {
          vpc: props.vpc,
          description: 'Message consumer: no data-store access; DynamoDB, SMTP and SNS through the NAT',
        }),
      ],
      timeout: Duration.seconds(30),
      environment: {
        ACCOUNTS_TABLE: props.accounts.tableName,
        SMTP_HOST: props.smtpHost,
        SMTP_PORT: String(props.smtpPort),
        SMTP_SECRET_ARN: smtp.secretArn,
        MAIL_FROM: props.mailFrom,
        ...(props.sms.originationNumber ? { SMS_ORIGINATION_NUMBER: props.sms.originationNumber } : {}),
        ...(props.sms.senderId ? { SMS_SENDER_ID: props.sms.senderId } : {}),
        ...(props.sms.maxPriceUsd ? { SMS_MAX_PRICE_USD: props.sms.maxPriceUsd } : {}),
      },
    });
    // Texts go to phone numbers only: SNS authorizes a publish to a number against no resource ("*"), and this
    // leaves out every topic and platform endpoint. IAM cannot pin the origination number (a message attribute).
    this.consumer.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
    );
    // The delivery log (resolvers/stores/accounts/delivery-log.ts): claim, sent or failed (updates); a taken claim is read.
    this.consumer.useTable(props.accounts, 'GetItem', 'UpdateItem');
    this.consumer.readSecrets(smtp);
    // The event source mapping polls with the function's role: what Lambda's SQS poller needs, nothing more
    // (SqsEventSource's grantConsumeMessages adds ChangeMessageVisibility and GetQueueUrl, never called).
    this.consumer.function.addEventSourceMapping('MailEvents', {
      eventSourceArn: this.mailQueue.queueArn,
      batchSize: 10,
      reportBatchItemFailures: true,
    });
    this.mailQueue.grant(
      this.consumer.function,
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    );

    this.smsReplies = new sns.Topic(this, 'SmsReplies', {
      displayName: 'Queue Manager SMS replies',
      enforceSSL: true,
    });
    // AWS End User Messaging SMS publishes a number's inbound texts with its service principal, for this account.
    this.smsReplies.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.smsReplies.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    Validations.of(this.smsReplies).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Inbound texts arrive from AWS End User Messaging SMS; an encrypted topic needs a customer-managed key that service may use, added when the number is configured.',
    });

    // The account's SMS settings on every deploy: the monthly spend limit, transactional by default.
    this.smsSettings = new QueueManagerFunction(this, 'SmsSettings', {
      handler: 'smsSettings',
      vpc: props.vpc,
      securityGroups: [
        new ec2.SecurityGroup(this, 'SmsSettingsSg', {
          vpc: props.vpc,
          description: 'SMS settings: SNS through the NAT, nothing else',
        }),
      ],
      timeout: Duration.seconds(30),
      environment: { SMS_MONTHLY_SPEND_LIMIT_USD: String(props.sms.monthlySpendLimitUsd) },
    });
    this.smsSettings.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
    );
    Validations.of(this.smsSettings.function).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'SNS SetSMSAttributes sets account-level settings: it has no resource to name.',
    });
    const provider = new cr.Provider(this, 'SmsSettingsProvider', {
      onEventHandler: this.smsSettings.function,
    });
    const ackProvider = (id: string, reason: string) => Validations.of(provider).acknowledge({ id, reason });
    ackProvider(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "The custom-resource framework's standard logging policy.",
    );
    ackProvider(
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.smsSettings.function.node.defaultChild as CfnResource)}.Arn>:*]`,
      'The framework invokes the SMS settings function, any version.',
    );
    ackProvider(
      'AwsSolutions-L1',
      'The custom-resource framework function and its runtime are managed by the CDK.',
    );
    new CustomResource(this, 'SmsAccountSettings', {
      serviceToken: provider.serviceToken,
      properties: { monthlySpendLimitUsd: String(props.sms.monthlySpendLimitUsd) },
    });
    new cloudwatch.Alarm(this, 'SmsSpendAlarm', {
      alarmDescription: `SMS spend this month reached 80 % of the ${props.sms.monthlySpendLimitUsd} USD limit: at the limit, SNS stops sending texts.`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: props.sms.monthlySpendLimitUsd * 0.8,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new actions.SnsAction(props.alarmTopic));
  }
}
