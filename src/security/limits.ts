import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { QueryLimits } from './settings.ts';

/** The `extensions.code` of each refused limit. */
export const limitCodes = {
  depth: 'MAX_DEPTH_EXCEEDED',
  aliases: 'MAX_ALIASES_EXCEEDED',
  tokens: 'MAX_TOKENS_EXCEEDED',
  directives: 'MAX_DIRECTIVES_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
  variableDepth: 'MAX_VARIABLE_DEPTH_EXCEEDED',
} as const;

/**
 * graphql-armor says "Syntax Error: Query depth limit of 12 exceeded, found 13." with no code; the
 * gateway answers the same sentence, without the misleading prefix, with a stable code and HTTP 400.
 * Thrown from armor's onReject hook, so it replaces armor's own error.
 */
const refuse = (code: string) => (_context: unknown, error: GraphQLError) => {
  throw new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code, http: { status: 400 } } });
};

const refusals = new Set<unknown>(Object.values(limitCodes));

/**
 * Yoga marks every error thrown while parsing (the token limit's) as the GraphQL-over-HTTP spec's parse
 * failure, which an `application/json` caller gets with status 200. A refused limit is the caller's to
 * fix whatever it accepts: the refusal is answered 400.
 */
const refusalsAnswer400: Plugin = {
  onExecutionResult({ result, setResult }) {
    if (!result || isAsyncIterable(result) || !result.errors?.some((e) => refusals.has(e.extensions.code))) return;
    const errors = result.errors.map((e) =>
      refusals.has(e.extensions.code) ? new GraphQLError(e.message, { extensions: { code: e.extensions.code, http: { status: 400 } } }) : e,
    );
    setResult({ ...result, errors });
  },
};

/**
 * graphql-armor's depth, alias, token and directive limits, as envelop parse and validation hooks:
 * they apply to every transport that runs Yoga's envelop (HTTP, SSE and graphql-ws). The cost limit
 * is `useCostLimit` (cost.ts); suggestions are `useNoSuggestions` (suggestions.ts).
 */
export function queryLimitPlugins(limits: QueryLimits): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.depth, flattenFragments: true, onReject: [refuse(limitCodes.depth)] },
    maxAliases: { n: limits.aliases, onReject: [refuse(limitCodes.aliases)] },
    maxTokens: { n: limits.tokens, onReject: [refuse(limitCodes.tokens)] },
    maxDirectives: { n: limits.directives, onReject: [refuse(limitCodes.directives)] },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return [...(armor.protect().plugins as Plugin[]), refusalsAnswer400];
}

/** Arrays and objects inside each other in `value`, counted without recursion (a deep value must not overflow the stack here either). */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(current)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses variables nested deeper than `maxDepth`, before anything reads them: a variable the operation
 * never uses is not type-checked, yet the cost cache, the shared fan-out's key and `_Any` representations
 * walk or stringify it, and a few thousand nested brackets overflowed the stack (a 500). No input type of
 * the graph nests anywhere near this deep. Before validation, on every transport that runs the envelop.
 */
export function useVariableDepthLimit(maxDepth = 32): Plugin {
  return {
    onValidate({ context }) {
      const variables = (context as { params?: { variables?: unknown } }).params?.variables;
      if (nestingDepth(variables) <= maxDepth + 1) return;
      throw new GraphQLError(`Variables nest deeper than ${maxDepth} levels`, { extensions: { code: limitCodes.variableDepth, http: { status: 400 } } });
    },
  };
}
