import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';
import type { Context } from './graph/context.ts';

/** Yoga's interval between SSE comment pings, which keep proxies from closing an idle stream. */
const pingIntervalMs = 12_000;

/** The result as sent: without the server-only `http` extension. */
function stringify(result: ExecutionResult): string {
  if (!result.extensions?.http) return JSON.stringify(result);
  const { http: _http, ...extensions } = result.extensions;
  return JSON.stringify({ ...result, extensions: Object.keys(extensions).length ? extensions : undefined });
}

/** An SSE message id is one line: an id holding a line break must not end the field early. */
const idLine = (result: ExecutionResult) => {
  const id = result.extensions?.eventId;
  return typeof id === 'string' && !/[\r\n]/.test(id) ? `id: ${id}\n` : '';
};

/**
 * GraphQL over SSE ("distinct connections" mode) as Yoga sends it, plus an `id:` line per event, so
 * that a reconnecting EventSource sends `Last-Event-ID` and resumes where it stopped.
 */
function sseWithEventIds(result: AsyncIterable<ExecutionResult>, fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response }): Response {
  const encoder = new TextEncoder();
  const iterator = result[Symbol.asyncIterator]();
  let ping: ReturnType<typeof setInterval> | undefined;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(':\n\n'));
      ping = setInterval(() => {
        if (controller.desiredSize === null) clearInterval(ping);
        else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
      }, pingIntervalMs);
    },
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (value != null) controller.enqueue(encoder.encode(`${idLine(value)}event: next\ndata: ${stringify(value)}\n\n`));
        if (done) {
          clearInterval(ping);
          controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
          controller.close();
        }
      } catch (error) {
        clearInterval(ping);
        controller.error(error);
      }
    },
    async cancel() {
      clearInterval(ping);
      await iterator.return?.();
    },
  });
  return new fetchAPI.Response(stream, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', 'Cache-Control': 'no-cache', 'Content-Encoding': 'none' },
  });
}

/**
 * SSE streams send each subscription result's `extensions.eventId` (src/graph/event-contexts.ts) as the
 * message's `id:`; `Last-Event-ID` is read into the context by the app.
 */
export function useSseEventIds(): Plugin<Context> {
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      const accept = request.headers.get('accept') ?? '';
      if (isAsyncIterable(result) && accept.includes('text/event-stream')) {
        setResultProcessor((r, fetchAPI) => sseWithEventIds(r as AsyncIterable<ExecutionResult>, fetchAPI), 'text/event-stream');
      }
    },
  };
}
