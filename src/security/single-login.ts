import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The `extensions.code` of a document that would try more than one password. */
export const tooManyLoginsCode = 'MAX_LOGINS_EXCEEDED';

/**
 * `login` fields at the root of a selection set, through inline fragments and fragment spreads. Each
 * spread counts again (even of one fragment), and a spread already being expanded counts nothing, so
 * that a cyclic document (refused by validation anyway) cannot loop.
 */
function rootLogins(selections: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, expanding: Set<string>): number {
  let count = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === 'login' ? 1 : 0;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootLogins(selection.selectionSet, fragments, expanding);
    else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || expanding.has(fragment.name.value)) continue;
      expanding.add(fragment.name.value);
      count += rootLogins(fragment.selectionSet, fragments, expanding);
      expanding.delete(fragment.name.value);
    }
  }
  return count;
}

/** `login` fields in every mutation of the document: only one of them may be tried per request. */
export function loginsIn(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let count = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation') count += rootLogins(definition.selectionSet, fragments, new Set());
  }
  return count;
}

/**
 * One password try per request: aliases, fragments or several operations in one document would each be
 * a try the rate limit (which counts requests) does not see. Counted over the whole document, not
 * only the operation that runs, so that no choice of `operationName` changes the answer.
 */
const singleLoginRule: ValidationRule = (context) => ({
  Document(document) {
    const logins = loginsIn(document);
    if (logins > 1) {
      context.reportError(
        new GraphQLError(`A request may hold one login, found ${logins}`, { extensions: { code: tooManyLoginsCode, http: { status: 400 } } }),
      );
    }
  },
});

/** The rule as an envelop validation hook: HTTP, SSE and graphql-ws all run it. */
export const useSingleLogin = (): Plugin => ({
  onValidate({ addValidationRule }) {
    addValidationRule(singleLoginRule);
  },
});
