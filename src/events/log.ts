/**
 * The event log every subscription reads from: webhook events and the gateway's own client events,
 * appended once (de-duplicated by webhook id and by event id, per stream), kept in order, replayable
 * after an event id of the stream.
 * In memory by default; `redis-log.ts` keeps the same contract in a Redis Stream shared by instances.
 */
import { createHash } from 'node:crypto';

/**
 * Which stream an event belongs to; each GraphQL subscription field reads one. Each stream has one
 * source (account: Platform webhooks, market-data: dxFeed callbacks, client: the gateway's own dxCore
 * changes) and each source its own ids, which may collide with another's: event ids and webhook ids
 * are de-duplicated and looked up per stream.
 */
export type EventStream = 'account' | 'market-data' | 'client';

export interface GatewayEvent {
  /** The upstream event's own id (the gateway's for client events): what callers resume `after`. */
  id: string;
  stream: EventStream;
  /** The upstream's type as it was sent, e.g. `ACCOUNT.UPDATED`, `SUBSCRIPTION.ACTIVATED`. */
  type: string;
  /** The upstream's timestamp, ISO 8601. */
  createdAt: string;
  /** The stream's payload: the Platform account snapshot, the dxFeed callback body, the client change. */
  data: unknown;
}

/** An event with its place in the log: `<ms>-<seq>` as Redis Stream ids are, ordered by `comparePositions`. */
export interface LoggedEvent extends GatewayEvent {
  position: string;
}

export interface AppendResult {
  position: string;
  /** True when the webhook id or the event id was already logged: nothing was appended. */
  duplicate: boolean;
}

export interface EventLog {
  /**
   * Appends the event unless its stream already logged `dedupeKey` (the `webhook-id`) or `event.id`.
   * Resolves only once the event is in the log, so that a webhook is acknowledged only after that.
   */
  append(event: GatewayEvent, dedupeKey: string): Promise<AppendResult>;
  /** The event of `stream` with this id, or undefined when the log does not hold it (unknown, another stream's, or trimmed). */
  find(stream: EventStream, id: string): Promise<LoggedEvent | undefined>;
  /** Up to `limit` events after `position`, oldest first. */
  readAfter(position: string, limit: number): Promise<LoggedEvent[]>;
  /** The position of the newest event, `0-0` when the log is empty. */
  head(): Promise<string>;
  /**
   * Every event appended from now on, by this instance or any other sharing the log, in log order and
   * once each. Returns the function that stops the listener.
   */
  tail(listener: (event: LoggedEvent) => void): () => void;
  close(): Promise<void>;
}

/** Orders two positions (`<ms>-<seq>`): negative when `a` comes first. */
export function comparePositions(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/** Outside text (an event id, a webhook id, an `after`) as a key: a digest of fixed length and characters, whatever the text. */
export const idDigest = (id: string): string => createHash('sha256').update(id).digest('hex');

const keyOf = (stream: EventStream, id: string) => `${stream}:${idDigest(id)}`;

export interface MemoryEventLogOptions {
  /** Events kept for replay; the oldest is dropped first. @default 10_000 */
  capacity?: number;
  /** Webhook ids remembered for de-duplication. @default 100_000 */
  dedupeCapacity?: number;
}

/** A bounded in-process log: one gateway instance, lost on restart. */
export class MemoryEventLog implements EventLog {
  private readonly capacity: number;
  private readonly dedupeCapacity: number;
  private readonly events: LoggedEvent[] = [];
  /** Stream and event id (`keyOf`) -> the event, for the events still held. */
  private readonly held = new Map<string, LoggedEvent>();
  /** Stream and webhook id (`keyOf`) -> position, insertion-ordered so that the oldest is forgotten first. */
  private readonly seen = new Map<string, string>();
  private readonly listeners = new Set<(event: LoggedEvent) => void>();
  private sequence = 0;

  constructor(options: MemoryEventLogOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.dedupeCapacity = options.dedupeCapacity ?? 100_000;
  }

  async append(event: GatewayEvent, dedupeKey: string): Promise<AppendResult> {
    const webhookKey = keyOf(event.stream, dedupeKey);
    const eventKey = keyOf(event.stream, event.id);
    const known = this.seen.get(webhookKey) ?? this.held.get(eventKey)?.position;
    if (known !== undefined) return { position: known, duplicate: true };
    const logged: LoggedEvent = { ...event, position: `0-${++this.sequence}` };
    this.events.push(logged);
    this.held.set(eventKey, logged);
    this.seen.set(webhookKey, logged.position);
    if (this.events.length > this.capacity) {
      const dropped = this.events.shift() as LoggedEvent;
      this.held.delete(keyOf(dropped.stream, dropped.id));
    }
    if (this.seen.size > this.dedupeCapacity) this.seen.delete(this.seen.keys().next().value as string);
    for (const listener of this.listeners) listener(logged);
    return { position: logged.position, duplicate: false };
  }

  async find(stream: EventStream, id: string): Promise<LoggedEvent | undefined> {
    return this.held.get(keyOf(stream, id));
  }

  async readAfter(position: string, limit: number): Promise<LoggedEvent[]> {
    const start = this.events.findIndex((e) => comparePositions(e.position, position) > 0);
    return start < 0 ? [] : this.events.slice(start, start + limit);
  }

  async head(): Promise<string> {
    return this.events.at(-1)?.position ?? `0-${this.sequence}`;
  }

  tail(listener: (event: LoggedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
