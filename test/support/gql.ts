import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

/** An ad-hoc operation for tests that go beyond the contract operations (errors, edge cases). */
export function gql(strings: TemplateStringsArray): TypedDocumentNode<Record<string, unknown>, Record<string, unknown>> {
  return parse(strings.join(''));
}
