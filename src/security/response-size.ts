import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * The result sent instead of one over the limit: the operation ran (a mutation in it took effect), its
 * data is withheld; a subscription event keeps its id (`extensions.eventId`), to resume after it.
 */
const tooLarge = (bytes: number, limit: number, eventId: unknown): ExecutionResult => ({
  data: null,
  errors: [
    new GraphQLError(`The answer (${bytes} bytes) exceeds the response limit of ${limit} bytes and was not sent: ask for smaller pages or fewer fields`, {
      extensions: { code: 'RESPONSE_TOO_LARGE' },
    }),
  ],
  ...(eventId === undefined ? {} : { extensions: { eventId } }),
});

/**
 * Replaces a result larger than `limit` bytes, serialized, by a RESPONSE_TOO_LARGE error, on every
 * transport: each query or mutation result, and each event of a subscription. Measured by serializing
 * it (no library caps a GraphQL result's size); the cost limit keeps what is serialized bounded.
 */
export function useResponseLimit(limit: number): Plugin {
  const capped = ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
    const text = JSON.stringify(result);
    const bytes = Buffer.byteLength(text);
    if (bytes > limit) setResult(tooLarge(bytes, limit, result.extensions?.eventId));
    // Yoga serializes a result with its `stringify` when it has one: a result without errors or extensions it
    // sends as it is, so the text measured here is the answer, and is not made twice.
    else if (!result.errors?.length && !result.extensions) setResult(Object.assign(result, { stringify: (r: unknown) => (r === result ? text : JSON.stringify(r)) }));
  };
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => (isAsyncIterable(result) ? { onNext: capped } : capped({ result, setResult })),
    }),
    onSubscribe: () => ({ onSubscribeResult: () => ({ onNext: capped }) }),
  };
}
