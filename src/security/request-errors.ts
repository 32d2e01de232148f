import { GraphQLError, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { quoteCallerText } from '../caller-text.ts';

type RequestParser = NonNullable<Parameters<NonNullable<Plugin['onRequestParse']>>[0]['requestParser']>;

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/**
 * Yoga's request parsers, with nothing of the request echoed: the JSON body parser puts JSON.parse's
 * message, which quotes the body, in `extensions.originalError` (which alone made its answer 400 to an
 * `application/json` caller); the GET and form parsers let that SyntaxError out, which was masked as a 500.
 */
function quietParser(parse: RequestParser): RequestParser {
  return async (request) => {
    try {
      return await parse(request);
    } catch (error) {
      if (error instanceof SyntaxError) throw badRequest('The variables or extensions parameter is not valid JSON.');
      if (error instanceof GraphQLError && error.extensions.originalError !== undefined) throw badRequest(error.message);
      throw error;
    }
  };
}

/** A JSON-quoted string in a message (graphql-js quotes values with JSON.stringify). */
const quoted = /"(?:[^"\\]|\\.)*"/g;

/** `text` with each quoted string longer than callers' text is quoted elsewhere cut short. */
function shortQuotes(text: string): string {
  return text.replace(quoted, (quote) => {
    try {
      return quoteCallerText(JSON.parse(quote) as string);
    } catch {
      return quote;
    }
  });
}

const invalidVariable = /^(Variable "\$\w+") got invalid value /;

/**
 * graphql-js's "Variable "$i" got invalid value <the whole value, as sent> at "i.x"; <why>" without the
 * value, which would echo what the caller sent (a password beside a misspelt field included).
 */
function withoutEchoedValue(error: GraphQLError): string {
  const reason = error.originalError instanceof GraphQLError ? error.originalError.message : undefined;
  const variable = invalidVariable.exec(error.message)?.[1];
  if (reason === undefined || variable === undefined || !error.message.endsWith(`; ${reason}`)) return error.message;
  const valueAndPath = error.message.slice(0, -(reason.length + 2));
  const path = / at "[\w.[\]]*"$/.exec(valueAndPath)?.[0] ?? '';
  return `${variable} got an invalid value${path}; ${reason}`;
}

/** graphql-js's own errors about the request (variables that do not coerce, an operation name naming none): no location in the result, no code. */
const isRequestError = (error: GraphQLError) =>
  error.path === undefined && error.extensions.code === undefined && (error.originalError === undefined || error.originalError instanceof GraphQLError);

function badUserInput(error: GraphQLError): GraphQLError {
  if (!isRequestError(error)) return error;
  const { nodes, source, positions, originalError, extensions } = error;
  return new GraphQLError(shortQuotes(withoutEchoedValue(error)), { nodes, source, positions, originalError, extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
}

/** A result graphql-js answered without executing (no `data`): its request errors coded. */
const codedRequestErrors = ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
  if (!('data' in result) && result.errors?.length) setResult({ ...result, errors: result.errors.map(badUserInput) });
};

/**
 * Bad requests answered with a stable code and nothing of the request echoed: a body or parameter
 * that is not JSON is 400 `BAD_REQUEST`; a variable that does not fit its type (or an operation name
 * that names none) is `BAD_USER_INPUT` (graphql-js gives it no code), without the value sent and with
 * caller text quoted short. Runs before the operation records, so that the log reads the code callers get.
 */
export function useRequestErrors(): Plugin {
  return {
    onRequestParse: ({ requestParser, setRequestParser }) => {
      if (requestParser) setRequestParser(quietParser(requestParser));
    },
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, codedRequestErrors) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, codedRequestErrors) }),
  };
}
