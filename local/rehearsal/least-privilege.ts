import type { CloudAssembly, Json, TemplateValues } from './assembly';
import type { RecordedRequest } from './own-services';

/** One AWS call a function made: the IAM action and the resource it acted on. */
export interface Use {
  action: string;
  resource: string;
}

export interface FunctionPrivileges {
  function: string;
  handler: string;
  /** Every distinct action and resource used during the rehearsal. */
  used: Use[];
  /** Used, but no statement of the function's role allows it: AWS would refuse the call. */
  notGranted: Use[];
  /** Granted actions (per statement) that no call used. */
  unused: string[];
  /** AWS-managed policies on the role (the Lambda service's own logging and networking). */
  managedPolicies: string[];
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** The IAM action and resources of a request moto recorded (JSON protocols: X-Amz-Target; query: Action=). */
export function usesOf(
  request: RecordedRequest,
  resourceOf: {
    queueArn(url: string): string | undefined;
    tableArn(name: string): string | undefined;
    secretArn(id: string): string | undefined;
  },
): { accessKeyId: string; uses: Use[] } | undefined {
  const credential = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\//.exec(request.headers.Authorization ?? '');
  if (!credential) return undefined;
  const [, accessKeyId, service] = credential as unknown as [string, string, string];
  const text = request.body
    ? request.body_encoded
      ? Buffer.from(request.body, 'base64').toString('utf8')
      : request.body
    : '';
  const target = request.headers['X-Amz-Target'];
  let operation: string | undefined;
  let body: Json = {};
  if (target) {
    operation = target.slice(target.indexOf('.') + 1);
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {}; // the action is still known; its resource is then unknown ('*')
    }
  } else {
    const form = new URLSearchParams(text);
    operation = form.get('Action') ?? undefined;
    body = Object.fromEntries(form);
  }
  if (!operation) return undefined;
  // SQS authorizes a batch call as its single action (DeleteMessageBatch needs sqs:DeleteMessage).
  const action = `${service}:${service === 'sqs' ? operation.replace(/Batch$/, '') : operation}`;
  const resources: string[] = [];
  if (service === 'secretsmanager' && body.SecretId)
    resources.push(resourceOf.secretArn(body.SecretId) ?? body.SecretId);
  if (service === 'sqs' && body.QueueUrl) resources.push(resourceOf.queueArn(body.QueueUrl) ?? body.QueueUrl);
  // A publish to a topic names it; one to a phone number has no resource ("*").
  if (service === 'sns' && body.TopicArn) resources.push(body.TopicArn);
  if (service === 'dynamodb') {
    const tables = new Set<string>();
    const walk = (value: Json): void => {
      if (!value || typeof value !== 'object') return;
      if (typeof value.TableName === 'string') {
        const arn = resourceOf.tableArn(value.TableName) ?? value.TableName;
        tables.add(typeof value.IndexName === 'string' ? `${arn}/index/${value.IndexName}` : arn);
      }
      if (value.RequestItems)
        for (const name of Object.keys(value.RequestItems)) tables.add(resourceOf.tableArn(name) ?? name);
      for (const child of Object.values(value)) walk(child);
    };
    walk(body);
    resources.push(...tables);
  }
  return {
    accessKeyId,
    uses: (resources.length ? resources : ['*']).map((resource) => ({ action, resource })),
  };
}

/** The template's IAM policies, per function, resolved to this machine's resource names. */
export class PolicyBook {
  private readonly statements = new Map<
    string,
    { actions: string[]; resources: string[]; notResources?: string[] }[]
  >();

  constructor(
    private readonly assembly: CloudAssembly,
    values: TemplateValues,
  ) {
    for (const fn of assembly.functions())
      this.statements.set(
        fn.logicalId,
        assembly
          .policyStatements(fn.roleLogicalId)
          .filter((s) => s.Effect === 'Allow')
          .map((s) => {
            const resolve = (r: Json) => {
              try {
                return String(values.resolve(r));
              } catch {
                return `(unresolved ${JSON.stringify(r)})`;
              }
            };
            // NotResource: every resource but these (e.g. SMS to phone numbers, never a topic).
            return s.NotResource !== undefined
              ? {
                  actions: [s.Action].flat(),
                  resources: ['*'],
                  notResources: [s.NotResource].flat().map(resolve),
                }
              : { actions: [s.Action].flat(), resources: [s.Resource].flat().map(resolve) };
          }),
      );
  }

  /** Whether a statement of the function's role allows this use (actions and resources, with wildcards). */
  allows(functionLogicalId: string, use: Use): boolean {
    return (this.statements.get(functionLogicalId) ?? []).some((s) =>
      matches(use, s.actions, s.resources, s.notResources),
    );
  }

  /**
   * Compares what each function used with what its role grants. An action used but not granted would fail in
   * AWS; a grant never used is reported so it is removed or its reason written beside it.
   */
  compare(uses: Map<string, Use[]>): FunctionPrivileges[] {
    return this.assembly.functions().map((fn) => {
      const statements = this.statements.get(fn.logicalId) ?? [];
      const seen = new Map<string, Use>();
      for (const use of uses.get(fn.logicalId) ?? []) seen.set(`${use.action} ${use.resource}`, use);
      const used = [...seen.values()].sort((a, b) => a.action.localeCompare(b.action));
      const unused = statements.flatMap((s) =>
        s.actions.filter(
          (action) => !used.some((use) => matches(use, [action], s.resources, s.notResources)),
        ),
      );
      return {
        function: fn.logicalId,
        handler: fn.handler,
        used,
        notGranted: used.filter((use) => !this.allows(fn.logicalId, use)),
        unused: [...new Set(unused)].sort(),
        managedPolicies: this.assembly.managedPolicies(fn.roleLogicalId),
      };
    });
  }
}

function matches(use: Use, actions: string[], resources: string[], notResources: string[] = []): boolean {
  return (
    actions.some((a) => glob(a.toLowerCase()).test(use.action.toLowerCase())) &&
    resources.some((r) => glob(r).test(use.resource)) &&
    !notResources.some((r) => glob(r).test(use.resource))
  );
}
