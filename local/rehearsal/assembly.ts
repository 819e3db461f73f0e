import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// CloudFormation properties are free-form JSON: read loosely, checked where they are used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}

/** One of the project's functions as the template declares it. */
export interface FunctionSpec {
  logicalId: string;
  /** The export of the bundle that Lambda calls (`index.resolver` → `resolver`). */
  handler: string;
  /** The bundled asset folder in the cloud assembly (holds index.mjs). */
  assetDir: string;
  environment: Record<string, Json>;
  timeoutSeconds: number;
  memoryMb: number;
  roleLogicalId: string;
}

export interface ResolverSpec {
  typeName: string;
  fieldName: string;
  dataSource: { type: 'AWS_LAMBDA'; functionLogicalId: string } | { type: 'NONE' };
  code: string;
}

export interface EventSourceSpec {
  functionLogicalId: string;
  queueLogicalId: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
}

/** A bucket deployment of the web apps: the assets it copies and the stack values written into them. */
export interface WebDeploymentSpec {
  /** Where the files land in the bucket (`backoffice/`, or '' for the root). */
  prefix: string;
  sources: { dir: string; markers: Record<string, Json> }[];
}

/**
 * A synthesized cloud assembly (`cdk synth` output) read as a deploy would read it: the template's resources and
 * the asset folders they name.
 */
export class CloudAssembly {
  readonly resources: Record<string, Resource>;
  private readonly assets: Record<string, { source: { path: string } }>;

  constructor(
    readonly dir: string,
    readonly stackName = 'QueueManager',
  ) {
    const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
    this.resources = read(`${stackName}.template.json`).Resources;
    this.assets = read(`${stackName}.assets.json`).files;
  }

  ofType(type: string): [string, Resource][] {
    return Object.entries(this.resources).filter(([, r]) => r.Type === type);
  }

  /** The asset folder an S3 key (`<hash>.zip`) names. */
  assetDir(s3Key: string): string {
    const asset = this.assets[s3Key.replace(/\.zip$/, '')];
    if (!asset) throw new Error(`The template names asset ${s3Key}, which the assembly does not hold.`);
    return join(this.dir, asset.source.path);
  }

  /** The project's functions: Node functions whose asset is an ES module bundle (the CDK's helpers are not). */
  functions(): FunctionSpec[] {
    return this.ofType('AWS::Lambda::Function')
      .filter(([, r]) => String(r.Properties!.Runtime).startsWith('nodejs'))
      .map(([logicalId, r]) => ({ logicalId, p: r.Properties! }))
      .filter(
        ({ p }) =>
          typeof p.Code?.S3Key === 'string' && existsSync(join(this.assetDir(p.Code.S3Key), 'index.mjs')),
      )
      .map(({ logicalId, p }) => ({
        logicalId,
        handler: String(p.Handler).replace(/^index\./, ''),
        assetDir: this.assetDir(p.Code.S3Key),
        environment: p.Environment?.Variables ?? {},
        timeoutSeconds: p.Timeout ?? 3,
        memoryMb: p.MemorySize ?? 128,
        roleLogicalId: p.Role['Fn::GetAtt'][0],
      }));
  }

  /** The one GraphQL API: its schema, authorizer and resolvers. */
  api(): {
    logicalId: string;
    schema: string;
    authorizer: { functionLogicalId: string; ttlSeconds: number };
    resolvers: ResolverSpec[];
  } {
    const apis = this.ofType('AWS::AppSync::GraphQLApi');
    if (apis.length !== 1) throw new Error(`Expected one AppSync API, found ${apis.length}.`);
    const [logicalId, api] = apis[0]!;
    const p = api.Properties!;
    if (p.AuthenticationType !== 'AWS_LAMBDA')
      throw new Error(`The rehearsal serves a Lambda-authorized API, not ${p.AuthenticationType}.`);
    // Resolvers name their data source by its Name (or by a GetAtt of it).
    const dataSources = new Map(
      this.ofType('AWS::AppSync::DataSource').flatMap(([id, r]) => [
        [id, r.Properties!] as const,
        [String(r.Properties!.Name), r.Properties!] as const,
      ]),
    );
    const schema = this.ofType('AWS::AppSync::GraphQLSchema')[0]?.[1].Properties!.Definition;
    if (typeof schema !== 'string') throw new Error('The API has no inline schema definition.');
    return {
      logicalId,
      schema,
      authorizer: {
        functionLogicalId: p.LambdaAuthorizerConfig.AuthorizerUri['Fn::GetAtt'][0],
        ttlSeconds: p.LambdaAuthorizerConfig.AuthorizerResultTtlInSeconds ?? 300,
      },
      resolvers: this.ofType('AWS::AppSync::Resolver').map(([id, r]) => {
        const q = r.Properties!;
        if (q.Kind === 'PIPELINE' || q.Runtime?.Name !== 'APPSYNC_JS' || typeof q.Code !== 'string')
          throw new Error(`Resolver ${id}: the rehearsal runs unit APPSYNC_JS resolvers with inline code.`);
        const source = dataSources.get(
          typeof q.DataSourceName === 'string' ? q.DataSourceName : q.DataSourceName['Fn::GetAtt'][0],
        );
        if (!source) throw new Error(`Resolver ${id} names a data source the template does not declare.`);
        return {
          typeName: q.TypeName,
          fieldName: q.FieldName,
          dataSource:
            source.Type === 'AWS_LAMBDA'
              ? {
                  type: 'AWS_LAMBDA',
                  functionLogicalId: source.LambdaConfig.LambdaFunctionArn['Fn::GetAtt'][0],
                }
              : source.Type === 'NONE'
                ? { type: 'NONE' }
                : unsupported(`data source type ${source.Type}`),
          code: q.Code,
        };
      }),
    };
  }

  /** EventBridge Scheduler schedules that invoke one of the functions (the grace sweeper), and their input. */
  schedules(): { logicalId: string; functionLogicalId: string; expression: string; input: Json }[] {
    return this.ofType('AWS::Scheduler::Schedule').flatMap(([id, r]) => {
      const target = r.Properties!.Target;
      const fn = target?.Arn?.['Fn::GetAtt']?.[0];
      return typeof fn === 'string'
        ? [
            {
              logicalId: id,
              functionLogicalId: fn,
              expression: String(r.Properties!.ScheduleExpression),
              input: target.Input ? JSON.parse(target.Input as string) : {},
            },
          ]
        : [];
    });
  }

  /** Functions subscribed to an SNS topic (the two-way SMS topic's replies function). */
  topicSubscribers(): { topicLogicalId: string; functionLogicalId: string; subscriptionLogicalId: string }[] {
    return this.ofType('AWS::SNS::Subscription').flatMap(([id, r]) => {
      const p = r.Properties!;
      return p.Protocol === 'lambda' && p.TopicArn?.Ref && p.Endpoint?.['Fn::GetAtt']
        ? [
            {
              topicLogicalId: p.TopicArn.Ref as string,
              functionLogicalId: p.Endpoint['Fn::GetAtt'][0] as string,
              subscriptionLogicalId: id,
            },
          ]
        : [];
    });
  }

  eventSources(): EventSourceSpec[] {
    return this.ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => {
      const p = r.Properties!;
      return {
        functionLogicalId: p.FunctionName.Ref,
        queueLogicalId: p.EventSourceArn['Fn::GetAtt'][0],
        batchSize: p.BatchSize ?? 10,
        reportBatchItemFailures: (p.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      };
    });
  }

  /** Custom resources whose provider framework calls one of the project's functions (the migrations). */
  customResources(): { logicalId: string; functionLogicalId: string; properties: Record<string, Json> }[] {
    return this.ofType('AWS::CloudFormation::CustomResource').flatMap(([logicalId, r]) => {
      const framework = this.resources[r.Properties!.ServiceToken['Fn::GetAtt'][0]];
      const target =
        framework?.Properties?.Environment?.Variables?.USER_ON_EVENT_FUNCTION_ARN?.['Fn::GetAtt']?.[0];
      return target ? [{ logicalId, functionLogicalId: target as string, properties: r.Properties! }] : [];
    });
  }

  webDeployments(): WebDeploymentSpec[] {
    return this.ofType('Custom::CDKBucketDeployment').map(([, r]) => {
      const p = r.Properties!;
      return {
        prefix: p.DestinationBucketKeyPrefix ?? '',
        sources: (p.SourceObjectKeys as string[]).map((key, i) => ({
          dir: this.assetDir(key),
          markers: p.SourceMarkers?.[i] ?? {},
        })),
      };
    });
  }

  /** Every statement of the IAM policies attached to a role (inline AWS::IAM::Policy resources). */
  policyStatements(
    roleLogicalId: string,
  ): { Effect: string; Action: string | string[]; Resource?: Json; NotResource?: Json }[] {
    return this.ofType('AWS::IAM::Policy')
      .filter(([, r]) => (r.Properties!.Roles as Json[]).some((role) => role.Ref === roleLogicalId))
      .flatMap(([, r]) => r.Properties!.PolicyDocument.Statement);
  }

  managedPolicies(roleLogicalId: string): string[] {
    const role = this.resources[roleLogicalId];
    return (role?.Properties?.ManagedPolicyArns ?? []).map((arn: Json) =>
      typeof arn === 'string' ? arn : String(arn['Fn::Join'][1].at(-1)).replace(/^:iam::aws:policy\//, ''),
    );
  }
}

function unsupported(what: string): never {
  throw new Error(`The rehearsal does not stand in for ${what}.`);
}

/**
 * Resolves the template's intrinsic functions to the values this machine gives them: `Ref` and `Fn::GetAtt`
 * through the stand-ins registered for each resource, pseudo parameters, `Fn::Join`, `Fn::Sub`, `Fn::Select`.
 * A reference to a resource nothing stands in for is an error naming it (a function would read garbage).
 */
export class TemplateValues {
  private readonly refs = new Map<string, string>();
  private readonly attributes = new Map<string, string>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly stackName: string,
  ) {}

  standIn(logicalId: string, ref: string | undefined, attributes: Record<string, string> = {}): void {
    if (ref !== undefined) this.refs.set(logicalId, ref);
    for (const [name, value] of Object.entries(attributes))
      this.attributes.set(`${logicalId}.${name}`, value);
  }

  ref(name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.region,
      'AWS::AccountId': this.accountId,
      'AWS::Partition': 'aws',
      'AWS::StackName': this.stackName,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    const value = pseudo[name] ?? this.refs.get(name);
    if (value === undefined) throw new Error(`Nothing stands in for Ref ${name}.`);
    return value;
  }

  getAtt(logicalId: string, attribute: string): string {
    const value = this.attributes.get(`${logicalId}.${attribute}`);
    if (value === undefined) throw new Error(`Nothing stands in for ${logicalId}.${attribute}.`);
    return value;
  }

  resolve(value: Json): Json {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if ('Ref' in value) return this.ref(value.Ref);
    if ('Fn::GetAtt' in value) {
      const [id, attribute] = value['Fn::GetAtt'] as [string, string];
      return this.getAtt(id, attribute);
    }
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((p) => this.resolve(p)).join(separator);
    }
    if ('Fn::Select' in value) {
      const [index, list] = value['Fn::Select'] as [number, Json];
      return this.resolve(list)[index];
    }
    if ('Fn::Sub' in value) {
      const [text, names] = (
        typeof value['Fn::Sub'] === 'string' ? [value['Fn::Sub'], {}] : value['Fn::Sub']
      ) as [string, Record<string, Json>];
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (name in names) return this.resolve(names[name]);
        const dot = name.indexOf('.');
        return dot > 0 && !name.startsWith('AWS::')
          ? this.getAtt(name.slice(0, dot), name.slice(dot + 1))
          : this.ref(name);
      });
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
  }
}
