import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The `extensions.code` of a document that would check more than one credential (the name it had when only `login` counted). */
export const tooManyLoginsCode = 'MAX_LOGINS_EXCEEDED';

/** Mutation fields that check a password against an upstream: each is a guess. */
const credentialChecks = new Set(['login', 'checkLogin', 'marketDataToken']);

/**
 * Credential-checking fields at the root of a selection set, through inline fragments and fragment
 * spreads. Each spread counts again (even of one fragment), and a spread already being expanded counts
 * nothing, so that a cyclic document (refused by validation anyway) cannot loop.
 */
function rootChecks(selections: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, expanding: Set<string>): number {
  let count = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) count += credentialChecks.has(selection.name.value) ? 1 : 0;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootChecks(selection.selectionSet, fragments, expanding);
    else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || expanding.has(fragment.name.value)) continue;
      expanding.add(fragment.name.value);
      count += rootChecks(fragment.selectionSet, fragments, expanding);
      expanding.delete(fragment.name.value);
    }
  }
  return count;
}

/** Credential-checking fields in every mutation of the document: only one of them may run per request. */
export function credentialChecksIn(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let count = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation') count += rootChecks(definition.selectionSet, fragments, new Set());
  }
  return count;
}

/**
 * One credential check per request (`login`, `checkLogin`, `marketDataToken`): aliases, fragments or
 * several operations in one document would each be a guess the rate limit (which counts requests) does
 * not see. Counted over the whole document, not only the operation that runs, so that no choice of
 * `operationName` changes the answer; a `marketDataToken` by account id counts too, since a document
 * does not show whether a variable holds a password.
 */
const singleCredentialCheckRule: ValidationRule = (context) => ({
  Document(document) {
    const checks = credentialChecksIn(document);
    if (checks > 1) {
      context.reportError(
        new GraphQLError(`A request may hold one credential check (login, checkLogin, marketDataToken), found ${checks}`, {
          extensions: { code: tooManyLoginsCode, http: { status: 400 } },
        }),
      );
    }
  },
});

/** The rule as an envelop validation hook: HTTP, SSE and graphql-ws all run it. */
export const useSingleCredentialCheck = (): Plugin => ({
  onValidate({ addValidationRule }) {
    addValidationRule(singleCredentialCheckRule);
  },
});
