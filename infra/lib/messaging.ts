import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { QueueManagerFunction } from './function';

export interface MessagingProps {
  readonly vpc: ec2.IVpc;
  readonly securityGroups: ec2.ISecurityGroup[];
  readonly accounts: dynamodb.ITable;
  readonly alarmTopic: sns.ITopic;
  readonly smtpHost: string;
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

    this.consumer = new QueueManagerFunction(this, 'MailConsumer', {
      handler: 'mailConsumer',
      vpc: props.vpc,
      securityGroups: props.securityGroups,
      timeout: Duration.seconds(30),
      environment: {
        ACCOUNTS_TABLE: props.accounts.tableName,
        SMTP_HOST: props.smtpHost,
        SMTP_PORT: '587',
        MAIL_FROM: props.mailFrom,
      },
    });
    props.accounts.grantReadWriteData(this.consumer.function);
    this.consumer.acknowledgeTableIndexes(
      Stack.of(this).getLogicalId(props.accounts.node.defaultChild as CfnResource),
    );
    this.consumer.function.addEventSource(
      new SqsEventSource(this.mailQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );
  }
}
