import type { ExecutionResult } from 'graphql';

/** A result as sent: without the server-only `http` extension. */
export function serializeResult(result: ExecutionResult): string {
  if (!result.extensions?.http) return JSON.stringify(result);
  const { http: _http, ...extensions } = result.extensions;
  return JSON.stringify({ ...result, extensions: Object.keys(extensions).length ? extensions : undefined });
}

/** An SSE message id is one line: an id holding a line break must not end the field early. */
export const sseIdLine = (id: unknown): string => (typeof id === 'string' && !/[\r\n]/.test(id) ? `id: ${id}\n` : '');

const encoder = new TextEncoder();

/**
 * One event's result, serialized once for every subscriber that shares it, with each transport's frame
 * made from that text by splicing (never serializing the result again) and kept for the next subscriber.
 */
export class SerializedEvent {
  readonly eventId: string;
  readonly payload: string;
  private readonly wsFrames = new Map<string, Buffer>();
  private sse: Uint8Array | undefined;

  constructor(eventId: string, result: ExecutionResult) {
    this.eventId = eventId;
    this.payload = serializeResult(result);
  }

  /** graphql-ws's `next` message for the operation `id`, as the bytes of a text frame. */
  wsFrame(id: string): Buffer {
    let frame = this.wsFrames.get(id);
    if (!frame) {
      frame = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":${this.payload}}`);
      this.wsFrames.set(id, frame);
    }
    return frame;
  }

  /** The SSE `next` message, its `id:` the event's. */
  sseFrame(): Uint8Array {
    this.sse ??= encoder.encode(`${sseIdLine(this.eventId)}event: next\ndata: ${this.payload}\n\n`);
    return this.sse;
  }
}
