/**
 * The event log every subscription reads from: webhook events and the gateway's own client events,
 * appended once (de-duplicated by webhook id and by event id), kept in order, replayable by event id.
 * In memory by default; `redis-log.ts` keeps the same contract in a Redis Stream shared by instances.
 */

/** Which stream an event belongs to; each GraphQL subscription field reads one. */
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
   * Appends the event unless `dedupeKey` (the `webhook-id`) or `event.id` was logged before. Resolves
   * only once the event is in the log, so that a webhook is acknowledged only after that.
   */
  append(event: GatewayEvent, dedupeKey: string): Promise<AppendResult>;
  /** The position of the event with this id, or undefined when the log does not hold it (unknown or trimmed). */
  positionOf(id: string): Promise<string | undefined>;
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
  /** Event id -> position, for the events still held. */
  private readonly positions = new Map<string, string>();
  /** Webhook id -> position, insertion-ordered so that the oldest is forgotten first. */
  private readonly seen = new Map<string, string>();
  private readonly listeners = new Set<(event: LoggedEvent) => void>();
  private sequence = 0;

  constructor(options: MemoryEventLogOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    this.dedupeCapacity = options.dedupeCapacity ?? 100_000;
  }

  async append(event: GatewayEvent, dedupeKey: string): Promise<AppendResult> {
    const known = this.seen.get(dedupeKey) ?? this.positions.get(event.id);
    if (known !== undefined) return { position: known, duplicate: true };
    const logged: LoggedEvent = { ...event, position: `0-${++this.sequence}` };
    this.events.push(logged);
    this.positions.set(event.id, logged.position);
    this.seen.set(dedupeKey, logged.position);
    if (this.events.length > this.capacity) this.positions.delete((this.events.shift() as LoggedEvent).id);
    if (this.seen.size > this.dedupeCapacity) this.seen.delete(this.seen.keys().next().value as string);
    for (const listener of this.listeners) listener(logged);
    return { position: logged.position, duplicate: false };
  }

  async positionOf(id: string): Promise<string | undefined> {
    return this.positions.get(id);
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
