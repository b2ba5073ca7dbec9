import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
// Note: the CommonJS build, like graphql itself here; the ESM build imports graphql's .mjs files,
// whose type checks do not recognise the schema's (CommonJS) types.
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity/cjs';
import type { QueryLimits } from '../config.js';
import { apiError, type LimitCode } from '../errors.js';
import { MAX_FIRST } from '../services/arguments.js';

/**
 * What one field costs before its children: fields that run a search or a walk over the graph
 * cost more than a lookup. Everything else costs 1 when it returns objects and 0 for scalars.
 */
const FIELD_COST: Readonly<Record<string, number>> = {
  'Query.search': 10,
  'Query.path': 20,
  'Query.paths': 40,
  'Query.stats': 5,
  'Paper.similar': 10,
  'Concept.neighbourhood': 20,
  'Concept.papers': 2,
  'Concept.repositories': 2,
  'Repository.concepts': 2,
};

/**
 * How many items an unpaged list field is assumed to return, when it takes neither `first`
 * nor `limit`: a paper's concepts, a concept's broader terms and so on.
 */
const DEFAULT_LIST_SIZE = 10;
const LIST_SIZE: Readonly<Record<string, number>> = {
  'Paper.concepts': 20,
  'Repository.papers': 20,
  'Repository.concepts': 20,
};

/**
 * The cost model: a field costs its own price plus its children's cost times the number of items it
 * returns. A paged field returns `first` items (capped at the API's maximum, so an out-of-range
 * `first` is refused by argument validation, with its own message); `neighbourhood` returns up to
 * `limit` nodes; `nodes` and `edges` of a connection are already priced by the connection's `first`.
 */
export function estimateFieldCost({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const key = `${type.name}.${field.name}`;
  const own = FIELD_COST[key] ?? (isLeafType(getNamedType(field.type)) ? 0 : 1);
  return own + itemCount(key, type.name, field, args) * childComplexity;
}

function itemCount(key: string, parent: string, field: ComplexityEstimatorArgs['field'], args: Record<string, unknown>): number {
  const clamp = (value: unknown, max: number, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 0), max) : fallback;
  if (field.args.some((a) => a.name === 'first')) return clamp(args.first, MAX_FIRST, LIST_SIZE[key] ?? DEFAULT_LIST_SIZE);
  if (field.args.some((a) => a.name === 'limit')) return clamp(args.limit, 500, DEFAULT_LIST_SIZE);
  if (parent.endsWith('Connection')) return 1;
  return isListType(getNullableType(field.type)) ? (LIST_SIZE[key] ?? DEFAULT_LIST_SIZE) : 1;
}

/** Marks the errors our limit rules report, so `formatError` can give them their own code. */
const limitCodes = new WeakMap<object, LimitCode>();

/** The limit a refused request broke, if any (looked up by error identity, never by message). */
export function limitCodeOf(error: unknown): LimitCode | undefined {
  return typeof error === 'object' && error !== null ? limitCodes.get(error) : undefined;
}

function limitError(code: LimitCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const error = apiError(code, message, { limit: code, ...extensions });
  limitCodes.set(error, code);
  return error;
}

/** Reports an armor refusal as our own error (kept apart by code) instead of armor's generic one. */
function reportAs(code: LimitCode): GraphQLArmorRejectCallback {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const refused = limitError(code, error.message.replace(/^Syntax Error: /, ''));
    if (context) context.reportError(refused);
    else throw refused;
  };
}

/**
 * graphql-js raises the token limit as a plain syntax error without a code, so it is known by
 * its wording (16.x spells it "more that"; "than" is accepted too).
 */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more (?:than|that) \d+ tokens\. Parsing aborted\.$/;

/** Whether a parse error is graphql-js refusing a document over `maxTokens`. */
export function isTokenLimitError(error: GraphQLError): boolean {
  return TOO_MANY_TOKENS.test(error.message);
}

export interface LimitSetup {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: ParseOptions;
}

/**
 * The query limits as Apollo Server options:
 * - tokens: graphql-js stops parsing past `maxTokens` (before any other work);
 * - depth, aliases, directives: graphql-armor validation rules;
 * - cost: graphql-query-complexity with the cost model above, checked once the operation
 *   and its variables are known;
 * - field suggestions ("Did you mean ...?") are removed when introspection is off, so
 *   they do not give the schema away.
 */
export function queryLimits(schema: GraphQLSchema, limits: QueryLimits, options: { hideSuggestions: boolean }): LimitSetup {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reportAs('MAX_DEPTH_EXCEEDED')] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportAs('MAX_ALIASES_EXCEEDED')] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportAs('MAX_DIRECTIVES_EXCEEDED')] },
    // Note: graphql-js counts tokens itself (parseOptions below), without parsing the document twice.
    maxTokens: { enabled: false },
    // Note: armor's cost model prices every object alike; ours prices lists by `first`.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.hideSuggestions },
  }).protect();

  const costPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: operationName ?? undefined,
              estimators: [estimateFieldCost],
            });
          } catch {
            // Bad variables: execution refuses them with BAD_USER_INPUT, naming the variable.
            return;
          }
          if (cost > limits.maxCost) {
            throw limitError(
              'MAX_COST_EXCEEDED',
              `Query cost ${cost} exceeds the maximum of ${limits.maxCost}: ask for fewer items (smaller "first") or fewer nested lists.`,
              { cost, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };

  return {
    validationRules: armor.validationRules,
    // Note: armor is typed against Apollo's CommonJS types; the plugin objects are the same.
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin[]), costPlugin],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
