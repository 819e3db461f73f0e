import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
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
}

/** The mail queue: SQS with a dead-letter queue after 3 receives, an alarm when it holds anything, the consumer. */
export class Messaging extends Construct {
  public readonly mailQueue: sqs.Queue;
  public readonly deadLetters: sqs.Queue;
  public readonly consumer: QueueManagerFunction;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'MailDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.mailQueue = new sqs.Queue(this, 'Mail', {
      visibilityTimeout: Duration.seconds(90),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });
    new cloudwatch.Alarm(this, 'MailDeadLettersAlarm', {
      alarmDescription: 'Mail could not be delivered after 3 attempts: see the dead-letter queue.',
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
          description: 'Mail consumer: no data-store access; DynamoDB and SMTP through the NAT',
        }),
      ],
      timeout: Duration.seconds(30),
      environment: {
        ACCOUNTS_TABLE: props.accounts.tableName,
        SMTP_HOST: props.smtpHost,
        SMTP_PORT: String(props.smtpPort),
        SMTP_SECRET_ARN: smtp.secretArn,
        MAIL_FROM: props.mailFrom,
      },
    });
    // The delivery log (resolvers/stores/accounts/delivery-log.ts): claim, read a taken claim, mark, release.
    this.consumer.useTable(props.accounts, 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem');
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
  }
}
