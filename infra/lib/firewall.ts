import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { RATE_LIMITED_BODY, RATE_LIMITS } from '../../schema/limits';

export interface ApiFirewallProps {
  /** The AppSync API the web ACL protects. */
  readonly apiArn: string;
}

/**
 * AWS WAF in front of AppSync: one rate-based rule per entry of RATE_LIMITS (requests from one IP address
 * whose body contains one of the rule's field names), blocked with HTTP 429 and the same JSON body the local
 * gateway answers. Everything else is allowed; AppSync's own limits (depth, resolver count) do the rest.
 */
export class ApiFirewall extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const bodyContains = (field: string): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
        positionalConstraint: 'CONTAINS',
        searchString: field,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('queue-manager-api'),
      customResponseBodies: { rateLimited: { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY } },
      rules: RATE_LIMITS.map((rule, priority) => ({
        name: rule.name,
        priority,
        action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'rateLimited' } } },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: rule.limit,
            evaluationWindowSec: rule.windowSeconds,
            scopeDownStatement:
              rule.fields.length === 1
                ? bodyContains(rule.fields[0]!)
                : { orStatement: { statements: rule.fields.map(bodyContains) } },
          },
        },
        visibilityConfig: visibility(`queue-manager-${rule.name}`),
      })),
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.apiArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
