import { quoteCallerText } from '../caller-text.ts';
import { comparePositions, type AppendResult, type EventLog, type EventStream, type GatewayEvent, type LoggedEvent } from './log.ts';

/**
 * What a subscriber receives: an event, the notice that it fell too far behind and was closed, or the
 * notice that its resume point lies more than `replayScanLimit` events back (the replay stopped there).
 * An event `shared` is one execution's for many subscribers (src/graph/event-results.ts), which counts
 * its deliveries itself.
 */
export type Delivery =
  | { kind: 'event'; event: LoggedEvent; shared?: true }
  | { kind: 'overflow'; lastDeliveredId: string | undefined; limit: number }
  | { kind: 'resume-too-far'; limit: number };

/** A subscriber whose live events were handed off: it can still be ended with the overflow notice. */
export interface HandedOff {
  /** Too far behind: ends it with the overflow notice naming `lastDeliveredId` (the last event written for it), or its own last. */
  fellBehind(lastDeliveredId: string | undefined): void;
}

/**
 * Where a subscriber's live events go while it is caught up and its consumer waits, instead of through
 * its iterator: the shared fan-out, which writes one serialized result to many subscribers.
 */
export interface LiveHandoff {
  /** Takes one live event the subscriber wants, in log order; false leaves it to the iterator (only before it took a first one). */
  take(event: LoggedEvent, subscriber: HandedOff): boolean;
  /** The subscriber ended: nothing more is written for it. */
  end(): void;
}

export interface SubscribeOptions {
  stream: EventStream;
  /** Resume after this event id of `stream`: the log's later events first, then live ones, none twice. */
  after?: string | undefined;
  /** Which events of the stream this subscriber sees (its filters and what its caller may see). */
  accept: (event: LoggedEvent) => boolean;
  /**
   * Which events of the stream its caller may see at all, filters aside: an `after` naming another is
   * refused exactly like an unknown id, so that the answer tells nothing of it. @default every event
   */
  visible?: ((event: LoggedEvent) => boolean) | undefined;
  /** Live events once caught up, while the consumer waits (replayed events always come through the iterator). */
  handoff?: LiveHandoff | undefined;
  /**
   * An index, not a filter: `accept` can only take events whose `route.of(event)` is `route.key` (one
   * account's), so the hub offers this subscriber no other and skips it for the rest.
   */
  route?: { of: EventRoute; key: string } | undefined;
}

/** The value of an event a subscriber may be routed by (its account's id); undefined for events it has none. */
export type EventRoute = (event: LoggedEvent) => string | undefined;

/** `after` names no event the caller may see in the log: never seen, another's, or trimmed since. */
export class ResumeError extends Error {
  override readonly name = 'ResumeError';
}

export interface EventHubOptions {
  /** Undelivered events one subscriber may hold before it is closed. @default 1_000 */
  queueLimit?: number;
  /** Events read from the log per replay step. @default 500 */
  replayPage?: number;
  /** Events one replay may read from the log, wanted or not: a bound on what one `after` costs. @default 10_000 */
  replayScanLimit?: number;
}

/**
 * Fans the log's events out to this process's subscribers. Each subscriber has a bounded queue: one
 * that falls `queueLimit` events behind is closed with an overflow notice (and can resume with `after`),
 * so a slow consumer costs at most that much memory.
 */
export class EventHub {
  readonly log: EventLog;
  /** Undelivered events one subscriber may hold. */
  readonly queueLimit: number;
  /** Events read from the log per replay step. */
  readonly replayPage: number;
  /** Events one replay may read from the log. */
  readonly replayScanLimit: number;
  /** Subscribers offered every event, and those offered only their route's, by route and key. */
  private readonly subscribers = new Set<Subscriber>();
  private readonly routed = new Map<EventRoute, Map<string, Set<Subscriber>>>();
  private readonly stopTail: () => void;
  private closed = false;

  constructor(log: EventLog, options: EventHubOptions = {}) {
    this.log = log;
    this.queueLimit = options.queueLimit ?? 1_000;
    this.replayPage = options.replayPage ?? 500;
    this.replayScanLimit = options.replayScanLimit ?? 10_000;
    this.stopTail = log.tail((event) => {
      for (const subscriber of this.subscribers) subscriber.offer(event);
      for (const [route, byKey] of this.routed) {
        const key = route(event);
        const subscribers = key === undefined ? undefined : byKey.get(key);
        if (subscribers) for (const subscriber of subscribers) subscriber.offer(event);
      }
    });
  }

  /** Appends to the log; live subscribers get the event from the log's tail, on every instance alike. */
  publish(event: GatewayEvent, dedupeKey: string = event.id): Promise<AppendResult> {
    return this.log.append(event, dedupeKey);
  }

  /** Subscribers on this process. */
  get size(): number {
    let size = this.subscribers.size;
    for (const byKey of this.routed.values()) for (const subscribers of byKey.values()) size += subscribers.size;
    return size;
  }

  /** Starts a subscription; rejects with `ResumeError` when `after` cannot be resumed from. */
  async subscribe(options: SubscribeOptions): Promise<AsyncIterableIterator<Delivery>> {
    if (this.closed) throw new Error('The event hub is closed: the gateway is shutting down');
    const from = options.after === undefined ? undefined : await this.resumePoint(options.stream, options.after, options.visible);
    const set = options.route ? this.routedSet(options.route) : this.subscribers;
    const subscriber = new Subscriber(this, options, from, () => {
      set.delete(subscriber);
      const byKey = options.route && this.routed.get(options.route.of);
      if (byKey && set.size === 0 && byKey.get(options.route!.key) === set) byKey.delete(options.route!.key);
    });
    set.add(subscriber);
    return subscriber;
  }

  /** The subscribers of one route's key; a key's set is dropped with its last subscriber, a route's map stays (one per stream filter). */
  private routedSet({ of, key }: { of: EventRoute; key: string }): Set<Subscriber> {
    let byKey = this.routed.get(of);
    if (!byKey) this.routed.set(of, (byKey = new Map()));
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    return set;
  }

  /** The position of `after`; an event the caller may not see is refused as an unknown one is, after the same single lookup. */
  private async resumePoint(stream: EventStream, after: string, visible: SubscribeOptions['visible']): Promise<string> {
    const event = await this.log.find(stream, after);
    if (event === undefined || (visible !== undefined && !visible(event))) {
      throw new ResumeError(`Cannot resume after event ${quoteCallerText(after)}: this stream has no such event that you may see (unknown, or older than the log keeps)`);
    }
    return event.position;
  }

  /** Ends every subscription (each iterator reports done) and stops reading the log. */
  close(): void {
    this.closed = true;
    this.stopTail();
    const routed = [...this.routed.values()].flatMap((byKey) => [...byKey.values()].flatMap((subscribers) => [...subscribers]));
    for (const subscriber of [...this.subscribers, ...routed]) void subscriber.return();
  }
}

const done: IteratorResult<Delivery> = { done: true, value: undefined };

/**
 * One subscription as an async iterator (not a generator, so that `return()` ends it at once even
 * while it waits). It replays the log after its start position page by page, while live events queue
 * up; live events at or before the last replayed position are skipped, so none comes twice.
 */
class Subscriber implements AsyncIterableIterator<Delivery>, HandedOff {
  private readonly hub: EventHub;
  private readonly options: SubscribeOptions;
  private readonly unregister: () => void;
  private readonly live: LoggedEvent[] = [];
  private replay: LoggedEvent[] = [];
  /** The last position handed out or skipped; undefined for a live-only subscriber not yet served. */
  private cursor: string | undefined;
  private replaying: boolean;
  /** Events the replay has read from the log so far. */
  private scanned = 0;
  private resumeTooFar = false;
  private lastDeliveredId: string | undefined;
  private overflowed = false;
  private closed = false;
  private waiter: ((result: IteratorResult<Delivery>) => void) | undefined;

  constructor(hub: EventHub, options: SubscribeOptions, from: string | undefined, unregister: () => void) {
    this.hub = hub;
    this.options = options;
    this.cursor = from;
    this.replaying = from !== undefined;
    this.lastDeliveredId = options.after;
    this.unregister = unregister;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Delivery> {
    return this;
  }

  /** A live event from the log's tail. */
  offer(event: LoggedEvent): void {
    // At or before the cursor: the replay has already handed it out (or skipped it).
    if (this.closed || !this.wanted(event) || !this.isNew(event)) return;
    if (this.waiter && !this.replaying) {
      // The consumer waits with nothing owed: the handoff writes the event, the iterator stays waiting.
      if (this.options.handoff?.take(event, this)) {
        this.cursor = event.position;
        return;
      }
      const resolve = this.waiter;
      this.waiter = undefined;
      return resolve(this.deliver(event));
    }
    this.live.push(event);
    if (this.live.length > this.hub.queueLimit) this.overflow();
  }

  async next(): Promise<IteratorResult<Delivery>> {
    if (this.closed) return done;
    if (this.overflowed) return this.finish({ kind: 'overflow', lastDeliveredId: this.lastDeliveredId, limit: this.hub.queueLimit });
    if (this.replaying) {
      const replayed = await this.nextReplayed();
      if (replayed) return this.deliver(replayed);
      if (this.resumeTooFar) return this.finish({ kind: 'resume-too-far', limit: this.hub.replayScanLimit });
      if (this.closed) return done;
    }
    while (this.live.length > 0) {
      const event = this.live.shift() as LoggedEvent;
      if (this.isNew(event)) return this.deliver(event);
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  async return(): Promise<IteratorResult<Delivery>> {
    this.close();
    return done;
  }

  private wanted(event: LoggedEvent): boolean {
    return event.stream === this.options.stream && this.options.accept(event);
  }

  private isNew(event: LoggedEvent): boolean {
    return this.cursor === undefined || comparePositions(event.position, this.cursor) > 0;
  }

  /** The next replayed event the subscriber wants, reading further pages as needed; undefined when caught up. */
  private async nextReplayed(): Promise<LoggedEvent | undefined> {
    for (;;) {
      const event = this.replay.shift();
      if (event) {
        this.cursor = event.position;
        this.dropReplayedLive();
        if (this.wanted(event)) return event;
        continue;
      }
      const page = await this.hub.log.readAfter(this.cursor as string, this.hub.replayPage);
      this.scanned += page.length;
      this.resumeTooFar = !this.closed && this.scanned > this.hub.replayScanLimit;
      if (page.length === 0 || this.closed || this.resumeTooFar) {
        this.replaying = false;
        return undefined;
      }
      this.replay = page;
    }
  }

  /**
   * Live events that arrived during the replay and that the replay has now reached are not owed any
   * more: dropped at once, so that they do not count against the queue of a subscriber keeping up.
   */
  private dropReplayedLive(): void {
    while (this.live.length > 0 && !this.isNew(this.live[0] as LoggedEvent)) this.live.shift();
  }

  private deliver(event: LoggedEvent): IteratorResult<Delivery> {
    this.cursor = event.position;
    this.lastDeliveredId = event.id;
    return { done: false, value: { kind: 'event', event } };
  }

  fellBehind(lastDeliveredId: string | undefined): void {
    if (this.closed || this.overflowed) return;
    this.lastDeliveredId = lastDeliveredId ?? this.lastDeliveredId;
    this.overflow();
    const resolve = this.waiter;
    this.waiter = undefined;
    if (resolve) resolve(this.finish({ kind: 'overflow', lastDeliveredId: this.lastDeliveredId, limit: this.hub.queueLimit }));
  }

  /** Too far behind: drop what is queued and end with the notice. */
  private overflow(): void {
    this.overflowed = true;
    this.live.length = 0;
    this.replay = [];
    this.unregister();
    this.options.handoff?.end();
  }

  private finish(value: Delivery): IteratorResult<Delivery> {
    this.close();
    return { done: false, value };
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.live.length = 0;
    this.replay = [];
    this.unregister();
    this.options.handoff?.end();
    this.waiter?.(done);
    this.waiter = undefined;
  }
}
