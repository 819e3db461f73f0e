import {
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { API_LIMITS } from '../../schema/limits';
import { AppSyncError } from './errors';

export type Prepared = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** Far above any client document (the playground's introspection is ~400 tokens); bounds parse time and memory. */
const MAX_TOKENS = 20_000;
/** Fragment definitions per document: validation walks spreads recursively. */
const MAX_FRAGMENTS = 100;
/** Documents longer than this are prepared every time: clients send short documents again and again. */
const MAX_CACHED_DOCUMENT_BYTES = 16 * 1024;
const MAX_CACHED_BYTES = 1024 * 1024;
const MAX_CACHED_DOCUMENTS = 500;

const limitError = (message: string, errorType: string) =>
  new GraphQLError(message, { originalError: new AppSyncError(message, errorType) });

/**
 * Parses and validates documents against the schema under AppSync's limits (query depth, resolver count) and
 * keeps recently used short ones. The cache is bounded by count and by the bytes of the texts it keys on, so
 * no client can make it hold more than about a megabyte of query text.
 */
export class DocumentPreparer {
  private readonly cache = new Map<string, { document: DocumentNode }>();
  private cachedBytes = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    /** Root types whose fields run a resolver (each counts towards the resolver limit). */
    private readonly resolvedTypes: ReadonlySet<string>,
  ) {}

  get size(): { documents: number; bytes: number } {
    return { documents: this.cache.size, bytes: this.cachedBytes };
  }

  prepare(query: string): Prepared {
    const cached = this.cache.get(query);
    if (cached) {
      // Recently used stays: move to the end of the eviction order.
      this.cache.delete(query);
      this.cache.set(query, cached);
      return cached;
    }
    const result = this.parseAndValidate(query);
    if ('document' in result && query.length <= MAX_CACHED_DOCUMENT_BYTES) this.remember(query, result);
    return result;
  }

  private remember(query: string, prepared: { document: DocumentNode }): void {
    this.cache.set(query, prepared);
    this.cachedBytes += query.length;
    while (this.cache.size > MAX_CACHED_DOCUMENTS || this.cachedBytes > MAX_CACHED_BYTES) {
      const oldest = this.cache.keys().next().value!;
      this.cache.delete(oldest);
      this.cachedBytes -= oldest.length;
    }
  }

  private parseAndValidate(query: string): Prepared {
    // Nesting is checked on the text first: parsing and validating are recursive and a deep enough document
    // would exhaust the stack before any limit could be applied to its tree.
    if (braceDepth(query) > API_LIMITS.queryDepthLimit + 1) return { errors: [depthError()] };
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: MAX_TOKENS, noLocation: false });
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    const fragments = document.definitions.filter(
      (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
    );
    if (fragments.length > MAX_FRAGMENTS)
      return {
        errors: [limitError(`A document may define at most ${MAX_FRAGMENTS} fragments.`, 'ValidationError')],
      };
    const errors = validate(this.schema, document);
    if (errors.length) return { errors };
    const byName = new Map(fragments.map((f) => [f.name.value, f]));
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (selectionDepth(definition.selectionSet, byName) > API_LIMITS.queryDepthLimit)
        return { errors: [depthError()] };
      const rootType =
        definition.operation === 'query' ? 'Query' : definition.operation === 'mutation' ? 'Mutation' : '';
      if (
        this.resolvedTypes.has(rootType) &&
        rootFieldCount(definition.selectionSet, byName) > API_LIMITS.resolverCountLimit
      )
        return {
          errors: [
            limitError(
              `A request may invoke at most ${API_LIMITS.resolverCountLimit} resolvers.`,
              'ResolverCountLimitExceeded',
            ),
          ],
        };
    }
    return { document };
  }
}

const depthError = () =>
  limitError(
    `The query depth limit of ${API_LIMITS.queryDepthLimit} was exceeded.`,
    'QueryDepthLimitExceeded',
  );

/** The deepest `{` nesting of a document's text, strings, block strings and comments skipped. */
export function braceDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        i = end === -1 ? text.length : end + 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      }
    } else if (c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === '}') depth--;
  }
  return deepest;
}

/** Levels of nested selections, fragments expanded (validation has ruled out fragment cycles). */
function selectionDepth(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  memo = new Map<string, number>(),
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD)
      deepest = Math.max(
        deepest,
        1 + (selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, memo) : 0),
      );
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, memo));
    else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        const fragment = fragments.get(name);
        memo.set(name, fragment ? selectionDepth(fragment.selectionSet, fragments, memo) : 0);
      }
      deepest = Math.max(deepest, memo.get(name)!);
    }
  }
  return deepest;
}

/** Root fields an operation selects (aliases each count; fragments expanded): one resolver each. */
function rootFieldCount(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      count += rootFieldCount(selection.selectionSet, fragments);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, fragments);
    }
  }
  return count;
}
