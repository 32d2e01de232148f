import { GraphQLError, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

/** graphql-js ends a message with its suggestions (`didYouMean`): " Did you mean "CLIENT"?", " Did you mean the enum value "CLIENT"?". */
const suggestion = ' Did you mean ';

/** The error without its trailing suggestion; the last occurrence, since caller text quoted earlier may hold the words too. */
function withoutSuggestion<E extends Error>(error: E): E | GraphQLError {
  const at = error.message.lastIndexOf(suggestion);
  if (at < 0 || !(error instanceof GraphQLError)) return error;
  const { nodes, source, positions, path, originalError, extensions } = error;
  return new GraphQLError(error.message.slice(0, at), { nodes, source, positions, path, originalError, extensions });
}

const resultWithoutSuggestions = ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
  if (result.errors?.some((error) => error.message.includes(suggestion))) setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
};

/**
 * With introspection off, no error names what the schema holds: "Did you mean …?" is cut from every
 * error, whichever phase raised it (validation; variable coercion and execution, each subscription
 * event included), on every transport (graphql-ws runs the same envelop). graphql-armor's
 * blockFieldSuggestion covered validation only, and only suggestions in one form.
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate: () => ({ valid, result, setResult }) => {
      if (!valid) setResult(result.map(withoutSuggestion));
    },
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, resultWithoutSuggestions) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, resultWithoutSuggestions) }),
  };
}
