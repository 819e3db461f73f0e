import { execute, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { passesFilter } from '../appsync-js/runner';
import type { SubscriptionFilter } from '../appsync-js/utils';
import type { TriggerMessage } from './fanout';

/** Receives one serialized `{data, errors}` result per event. */
export type Sink = (resultJson: string) => void;

export interface SubscriptionSpec {
  document: DocumentNode;
  variables: Record<string, unknown>;
  /** The mutations whose results trigger it (@aws_subscribe). */
  mutations: string[];
  /** Non-null subscription arguments: each must equal the same-named field of the mutation result. */
  args: Record<string, unknown>;
  filter: SubscriptionFilter | undefined;
}

interface Group extends SubscriptionSpec {
  key: string;
  /** The subscription's root field: the event is its value. */
  fieldName: string;
  /** Each sink with the arrival count at the moment it subscribed. */
  sinks: Map<Sink, number>;
}

function rootField(document: DocumentNode): string {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const field = operation && 'selectionSet' in operation ? operation.selectionSet.selections[0] : undefined;
  if (!field || field.kind !== 'Field') throw new Error('A subscription selects one root field.');
  return field.name.value;
}

/**
 * The subscriptions of this instance. Subscribers with the same document, variables, arguments and filter
 * share a group: each event is checked and executed once per group, and the same serialized result goes to
 * every sink in it, so the work per event grows with distinct subscriptions, not with watchers.
 */
export class SubscriptionHub {
  private readonly byMutation = new Map<string, Map<string, Group>>();
  private sinkCount = 0;
  /** Triggers that have reached this instance so far. */
  private arrivals = 0;

  constructor(private readonly schema: GraphQLSchema) {}

  add(spec: SubscriptionSpec, sink: Sink): () => void {
    const key = JSON.stringify([print(spec.document), spec.variables, spec.args, spec.filter ?? null]);
    const groups = spec.mutations.map((mutation) => {
      let forMutation = this.byMutation.get(mutation);
      if (!forMutation) this.byMutation.set(mutation, (forMutation = new Map()));
      let group = forMutation.get(key);
      if (!group)
        forMutation.set(
          key,
          (group = { ...spec, key, fieldName: rootField(spec.document), sinks: new Map() }),
        );
      group.sinks.set(sink, this.arrivals);
      return { forMutation, group };
    });
    this.sinkCount += 1;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.sinkCount -= 1;
      for (const { forMutation, group } of groups) {
        group.sinks.delete(sink);
        if (group.sinks.size === 0) forMutation.delete(group.key);
      }
    };
  }

  /** How many subscriptions this instance holds. */
  get size(): number {
    return this.sinkCount;
  }

  /**
   * Marks a trigger's arrival at this instance; pass the mark to `deliver`. A trigger delivered later (held for
   * ordering) still reaches only the subscriptions that existed when it arrived, as AppSync never sends a
   * subscriber what was published before it subscribed.
   */
  arrive(): number {
    return ++this.arrivals;
  }

  deliver({ mutation, payload }: TriggerMessage, arrival = this.arrive()): void {
    const groups = this.byMutation.get(mutation);
    if (!groups) return;
    for (const group of groups.values()) {
      if (!Object.entries(group.args).every(([name, value]) => payload[name] === value)) continue;
      if (!passesFilter(group.filter, payload)) continue;
      const result = execute({
        schema: this.schema,
        document: group.document,
        rootValue: { [group.fieldName]: payload },
        variableValues: group.variables,
      });
      // Default resolvers only: the result is synchronous.
      const json = JSON.stringify(result);
      for (const [sink, since] of group.sinks) if (since < arrival) sink(json);
    }
  }
}
