import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, Kind, type ExecutionArgs } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { Plugin } from 'graphql-yoga';

/**
 * A document holding one operation, a query, whose variables fit. The plugin keeps one compiled operation
 * per document whatever the operation name, so a document of several (GraphiQL's tabs) runs uncompiled.
 * graphql-js coerces the variables first, so that ill-typed ones get its answer (400 BAD_USER_INPUT
 * naming the variable) from the standard executor, as before.
 */
function compilable({ schema, document, operationName, variableValues }: ExecutionArgs): boolean {
  if (document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length !== 1) return false;
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return false;
  return !('errors' in getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}, { maxErrors: 1 }));
}

/**
 * Queries run compiled (graphql-jit through envelop): each document is compiled once, on first use, into
 * a function that resolves its fields without graphql-js's walk of the selection for every object.
 * Mutations and subscriptions keep the standard executor: they run a few fields each, and mutations'
 * error unions and subscriptions' streams stay with the executor the rest of the gateway is tested on.
 */
export function useCompiledQueries(): Plugin {
  return useGraphQlJit({}, { enableIf: compilable }) as Plugin;
}
