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
