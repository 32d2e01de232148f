import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * `_service { sdl }` prints the whole schema, directives included: introspection by another name. While
 * introspection is off it is refused the same way, at validation, on every transport; a router then
 * composes from the committed schema/subgraph.graphql and needs only `_entities`.
 */
const noSubgraphSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service' && context.getParentType() === context.getSchema().getQueryType()) {
      context.reportError(new GraphQLError('GraphQL introspection has been disabled, but the requested query contained the field "_service".', { nodes: node }));
    }
  },
});

export function useNoSubgraphSdl(): Plugin {
  return {
    onValidate: ({ addValidationRule }) => addValidationRule(noSubgraphSdl),
  };
}
