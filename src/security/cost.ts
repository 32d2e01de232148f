import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createLRUCache, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { limitCodes } from './limits.ts';

/**
 * The cost of the operation `operationName` names (the costliest, when the document holds several and
 * none is named) with these variables, by `@pothos/plugin-complexity` from each field's complexity
 * (src/graph/complexity.ts). Undefined when the variables do not fit the operation: execution refuses it.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number | undefined {
  let cost: number | undefined;
  const rule = createComplexityRule({
    context: {},
    variableValues: variables,
    operationName,
    validate: ({ complexity }) => {
      cost = Math.max(cost ?? 0, complexity);
    },
  });
  validate(schema, document, [rule]);
  return cost;
}

const costLimitExceeded = (cost: number, limit: number) =>
  new GraphQLError(`Query cost ${cost} exceeds the limit of ${limit}: ask for smaller pages or fewer nested lists`, {
    extensions: { code: limitCodes.cost, http: { status: 400 } },
  });

const variablesOf = (params: Partial<GraphQLParams> | undefined): Record<string, unknown> =>
  typeof params?.variables === 'object' && params.variables !== null ? params.variables : {};

/** Variables longer than this, as JSON, are costed each time rather than kept as a cache key. */
const cachedVariablesChars = 2_048;

/**
 * `operationCost`, remembered per document and per operation name and variables: Yoga's parser cache
 * hands the same DocumentNode for the same text, so a repeated query (the usual case: a client's fixed
 * operations) is costed once. The cost depends only on these (each field's complexity reads its
 * arguments), never on the caller. Bounded: at most `perDocument` entries per document (least recently
 * used dropped), documents held weakly, and no entry for long variables.
 */
export function costCache(perDocument = 100) {
  const byDocument = new WeakMap<DocumentNode, ReturnType<typeof createLRUCache<{ cost: number | undefined }>>>();
  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number | undefined => {
    const json = JSON.stringify(variables);
    if (json.length > cachedVariablesChars) return operationCost(schema, document, variables, operationName);
    let costs = byDocument.get(document);
    if (!costs) {
      costs = createLRUCache({ max: perDocument });
      byDocument.set(document, costs);
    }
    // The name in JSON too, so that no name and variables can spell another pair's key.
    const key = `${JSON.stringify(operationName ?? null)}${json}`;
    const known = costs.get(key);
    if (known) return known.cost;
    const cost = operationCost(schema, document, variables, operationName);
    costs.set(key, { cost });
    return cost;
  };
}

/**
 * Refuses an operation that costs more than `limit` once it validates, before anything resolves. The
 * cost depends on the variables (`clients(first: $n)`), so it is checked after Yoga's validation
 * cache, which keys on the document alone; `params` is Yoga's (HTTP, SSE) or the graphql-ws payload.
 * Thrown rather than returned as a validation error, so that the cache never keeps it.
 */
export function useCostLimit(limit: number): Plugin {
  const costOf = costCache();
  return {
    onValidate({ params: { schema, documentAST }, context }) {
      return ({ valid }) => {
        if (!valid) return;
        const params = (context as { params?: Partial<GraphQLParams> }).params;
        const cost = costOf(schema, documentAST, variablesOf(params), params?.operationName);
        if (cost !== undefined && cost > limit) throw costLimitExceeded(cost, limit);
      };
    },
  };
}
