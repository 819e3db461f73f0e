import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomInt } from 'node:crypto';
import type { CloudAssembly, Json, TemplateValues } from './assembly';

export interface AwsClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A value as Secrets Manager's GenerateSecretString makes it (letters and digits only: every exclusion holds). */
function generate(spec: Json): string {
  const length = spec.PasswordLength ?? 32;
  const password = Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
  if (!spec.SecretStringTemplate) return password;
  return JSON.stringify({ ...JSON.parse(spec.SecretStringTemplate), [spec.GenerateStringKey]: password });
}

/**
 * The template's secrets, queues and tables, created in moto as CloudFormation would create them (named after
 * their logical ids), and registered as stand-ins so references to them resolve. Returns the secrets' values,
 * which the rehearsal's MariaDB and Redis are configured from (as RDS and ElastiCache are, from the same secrets).
 */
export async function createAwsResources(
  assembly: CloudAssembly,
  values: TemplateValues,
  aws: AwsClientConfig,
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<{ secrets: Map<string, string>; resolveSecret(reference: string): string }> {
  const secretsClient = new SecretsManagerClient(aws);
  const secrets = new Map<string, string>();
  const arns = new Map<string, string>();
  for (const [id, secret] of assembly.ofType('AWS::SecretsManager::Secret')) {
    const p = secret.Properties ?? {};
    const value = p.SecretString ?? generate(p.GenerateSecretString ?? {});
    const { ARN } = await secretsClient.send(new CreateSecretCommand({ Name: id, SecretString: value }));
    secrets.set(id, value);
    arns.set(ARN!, id);
    values.standIn(id, ARN!);
  }
  for (const [id, attachment] of assembly.ofType('AWS::SecretsManager::SecretTargetAttachment'))
    values.standIn(id, values.ref(attachment.Properties!.SecretId.Ref));
  secretsClient.destroy();

  const sqs = new SQSClient(aws);
  // Dead-letter queues first: the others name them.
  const queues = assembly
    .ofType('AWS::SQS::Queue')
    .sort(([, a], [, b]) => Number(!!a.Properties?.RedrivePolicy) - Number(!!b.Properties?.RedrivePolicy));
  for (const [id, queue] of queues) {
    const p = queue.Properties ?? {};
    const attributes: Record<string, string> = {};
    for (const name of [
      'DelaySeconds',
      'MessageRetentionPeriod',
      'ReceiveMessageWaitTimeSeconds',
      'VisibilityTimeout',
    ])
      if (p[name] !== undefined) attributes[name] = String(p[name]);
    if (options.visibilityTimeoutSeconds !== undefined)
      attributes.VisibilityTimeout = String(options.visibilityTimeoutSeconds);
    if (p.RedrivePolicy) attributes.RedrivePolicy = JSON.stringify(values.resolve(p.RedrivePolicy));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: id, Attributes: attributes }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    values.standIn(id, QueueUrl!, { Arn: Attributes!.QueueArn!, QueueName: id, QueueUrl: QueueUrl! });
  }
  sqs.destroy();

  const dynamo = new DynamoDBClient(aws);
  for (const [id, table] of assembly.ofType('AWS::DynamoDB::Table')) {
    const p = table.Properties!;
    const input: CreateTableCommandInput = {
      TableName: id,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      BillingMode: p.BillingMode ?? 'PROVISIONED',
      ...(p.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes } : {}),
      ...(p.ProvisionedThroughput ? { ProvisionedThroughput: p.ProvisionedThroughput } : {}),
    };
    const { TableDescription } = await dynamo.send(new CreateTableCommand(input));
    if (p.TimeToLiveSpecification)
      await dynamo.send(
        new UpdateTimeToLiveCommand({ TableName: id, TimeToLiveSpecification: p.TimeToLiveSpecification }),
      );
    values.standIn(id, id, { Arn: TableDescription!.TableArn! });
  }
  dynamo.destroy();

  return {
    secrets,
    /** `{{resolve:secretsmanager:<arn>:SecretString:<key>::}}` as CloudFormation resolves it at deploy; other values as they are. */
    resolveSecret(reference: string): string {
      if (!reference.startsWith('{{resolve:')) return reference;
      const match = /^\{\{resolve:secretsmanager:(.+?):SecretString:([^:]*):[^:]*:[^:]*\}\}$/.exec(reference);
      const id = match && arns.get(match[1]!);
      if (!match || !id) throw new Error(`Cannot resolve ${reference}.`);
      const value = secrets.get(id)!;
      return match[2] ? String(JSON.parse(value)[match[2]]) : value;
    },
  };
}
