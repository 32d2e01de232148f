import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { ExecutionResult } from 'graphql';
import type { Context } from './graph/context.ts';
import type { EventSink } from './graph/event-results.ts';
import { serializeResult, sseIdLine, type SerializedEvent } from './serialized-results.ts';

/** Yoga's interval between SSE comment pings, which keep proxies from closing an idle stream. */
const pingIntervalMs = 12_000;

/**
 * One SSE subscription's pushed results, enqueued on its stream once it started; `backlog` counts the
 * messages the response has not yet taken (a client that does not read leaves them queued).
 */
class StreamSink implements EventSink {
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;

  attach(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
  }

  ready(): boolean {
    return this.controller !== undefined;
  }

  backlog(): number {
    // The stream's high-water mark is one message: desiredSize is 1 less what waits.
    return Math.max(0, 1 - (this.controller?.desiredSize ?? 1));
  }

  write(event: SerializedEvent): void {
    try {
      this.controller?.enqueue(event.sseFrame());
    } catch {
      // The client went away in the meantime: its subscription is ending, nothing is owed.
    }
  }
}

/**
 * GraphQL over SSE ("distinct connections" mode) as Yoga sends it, plus an `id:` line per event, so
 * that a reconnecting EventSource sends `Last-Event-ID` and resumes where it stopped.
 */
function sseWithEventIds(result: AsyncIterable<ExecutionResult>, fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response }, sink: StreamSink | undefined): Response {
  const encoder = new TextEncoder();
  const iterator = result[Symbol.asyncIterator]();
  let ping: ReturnType<typeof setInterval> | undefined;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      sink?.attach(controller);
      controller.enqueue(encoder.encode(':\n\n'));
      ping = setInterval(() => {
        if (controller.desiredSize === null) clearInterval(ping);
        else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
      }, pingIntervalMs);
    },
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (value != null) controller.enqueue(encoder.encode(`${sseIdLine(value.extensions?.eventId)}event: next\ndata: ${serializeResult(value)}\n\n`));
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

const acceptsSse = (request: Request) => (request.headers.get('accept') ?? '').includes('text/event-stream');

/**
 * SSE streams send each subscription result's `extensions.eventId` (src/graph/event-contexts.ts) as the
 * message's `id:`; `Last-Event-ID` is read into the context by the app. A request that accepts SSE gets
 * a sink in its context (`live`), so that its subscription takes pushed results from the shared fan-out.
 */
export function useSseEventIds(): Plugin<Context> {
  const sinks = new WeakMap<Request, StreamSink>();
  return {
    onContextBuilding({ context, extendContext }) {
      const request = (context as { request?: Request }).request;
      if (!request || !acceptsSse(request)) return;
      const sink = new StreamSink();
      sinks.set(request, sink);
      extendContext({ live: sink });
    },
    onResultProcess({ request, result, setResultProcessor }) {
      if (isAsyncIterable(result) && acceptsSse(request)) {
        setResultProcessor((r, fetchAPI) => sseWithEventIds(r as AsyncIterable<ExecutionResult>, fetchAPI, sinks.get(request)), 'text/event-stream');
      }
    },
  };
}
