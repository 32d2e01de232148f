import { GraphQLError, isEnumType, type ExecutionResult, type GraphQLSchema } from 'graphql';
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

/** graphql-js's enum refusals, in validation and variable coercion: `… does not exist in "T" enum.`, `Enum "T" cannot represent …`. */
const enumRefusal = /(?:does not exist in "(\w+)" enum\.|^(?:.*; )?Enum "(\w+)" cannot represent )/;

/** The error listing every value of the enum it refuses a value for, in place of a guess at one. */
function withEnumValues(schema: GraphQLSchema, error: GraphQLError): GraphQLError {
  const match = enumRefusal.exec(error.message);
  const type = match && schema.getType(match[1] ?? match[2] ?? '');
  if (!isEnumType(type)) return error;
  const refused = withoutSuggestion(error);
  const { nodes, source, positions, path, originalError, extensions } = refused;
  const values = type.getValues().map((v) => v.name).join(', ');
  return new GraphQLError(`${refused.message} Allowed values: ${values}.`, { nodes, source, positions, path, originalError, extensions });
}

const resultWithEnumValues =
  (schema: GraphQLSchema) =>
  ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
    if (result.errors?.some((error) => enumRefusal.test(error.message))) setResult({ ...result, errors: result.errors.map((error) => withEnumValues(schema, error)) });
  };

/**
 * With introspection on, a refused enum value is answered with the enum's values (`NORMAL` for a
 * `NotificationPriority` gets "Allowed values: CRITICAL, HIGH, LOW."), where graphql-js suggests at
 * most a similar spelling, or nothing. Off, the schema stays unnamed (`useNoSuggestions`).
 */
export function useEnumValuesListed(): Plugin {
  return {
    onValidate: ({ params }) => ({ valid, result, setResult }) => {
      if (!valid) setResult(result.map((error) => withEnumValues(params.schema, error)));
    },
    onExecute: ({ args }) => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, resultWithEnumValues(args.schema)) }),
    onSubscribe: ({ args }) => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, resultWithEnumValues(args.schema)) }),
  };
}
