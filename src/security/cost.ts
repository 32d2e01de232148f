import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
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

/**
 * Refuses an operation that costs more than `limit` once it validates, before anything resolves. The
 * cost depends on the variables (`clients(first: $n)`), so it is checked after Yoga's validation
 * cache, which keys on the document alone; `params` is Yoga's (HTTP, SSE) or the graphql-ws payload.
 * Thrown rather than returned as a validation error, so that the cache never keeps it.
 */
export function useCostLimit(limit: number): Plugin {
  return {
    onValidate({ params: { schema, documentAST }, context }) {
      return ({ valid }) => {
        if (!valid) return;
        const params = (context as { params?: Partial<GraphQLParams> }).params;
        const cost = operationCost(schema, documentAST, variablesOf(params), params?.operationName);
        if (cost !== undefined && cost > limit) throw costLimitExceeded(cost, limit);
      };
    },
  };
}
