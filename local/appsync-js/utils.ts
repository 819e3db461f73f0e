/**
 * A local implementation of the parts of `@aws-appsync/utils` that resolvers/appsync uses, bundled into each
 * resolver by the runner. (The npm package holds types only.) What a call records for the runner (errors,
 * the subscription filter) goes to the evaluation slot the runner puts on the sandbox's globalThis.
 */
import { AppSyncError } from '../gateway/errors';
export interface SubscriptionFilter {
  filterGroup: { filters: { fieldName: string; operator: string; value: unknown }[] }[];
}

export interface EvaluationSlot {
  subscriptionFilter?: SubscriptionFilter;
}

const slot = (): EvaluationSlot =>
  (globalThis as unknown as { __appsyncEvaluation: EvaluationSlot }).__appsyncEvaluation;

const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'in',
  'notIn',
  'contains',
  'notContains',
  'beginsWith',
  'between',
];

function filtersOf(
  object: Record<string, Record<string, unknown>>,
): SubscriptionFilter['filterGroup'][number] {
  const filters = [];
  for (const [fieldName, condition] of Object.entries(object)) {
    for (const [operator, value] of Object.entries(condition)) {
      if (!OPERATORS.includes(operator))
        throw new AppSyncError(`Unsupported filter operator ${operator}`, 'BadRequest');
      filters.push({ fieldName, operator, value });
    }
  }
  return { filters };
}

export const util = {
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
    // AppSync answers an error raised without a type as "Unknown".
    throw new AppSyncError(message, errorType ?? 'Unknown', data ?? null, errorInfo ?? null);
  },
  unauthorized(): never {
    throw new AppSyncError('Unauthorized', 'Unauthorized');
  },
  /** Like AppSync's (Java regex): the whole value must match the pattern. */
  matches(pattern: string, value: string): boolean {
    return typeof value === 'string' && new RegExp(`^(?:${pattern})$`).test(value);
  },
  transform: {
    /** `{ field: { op: value } }` (AND), or `{ or: [ … ] }` (one filter group each). */
    toSubscriptionFilter(object: Record<string, unknown>): SubscriptionFilter {
      const alternatives = (object.or as Record<string, Record<string, unknown>>[] | undefined) ?? [
        object as Record<string, Record<string, unknown>>,
      ];
      return { filterGroup: alternatives.map(filtersOf) };
    },
  },
};

export const extensions = {
  setSubscriptionFilter(filter: SubscriptionFilter): void {
    slot().subscriptionFilter = filter;
  },
};
