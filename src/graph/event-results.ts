import type { ExecutionResult } from 'graphql';
import { isAsyncIterable } from 'graphql-yoga';
import type { Delivery, HandedOff, LiveHandoff } from '../events/hub.ts';
import type { LoggedEvent } from '../events/log.ts';
import { logger } from '../observability/logger.ts';
import { eventsDelivered } from '../observability/metrics.ts';
import { SerializedEvent } from '../serialized-results.ts';

/**
 * Where a subscriber's live events are written, each serialized once for every subscriber sharing it:
 * its graphql-ws socket (src/ws.ts) or its SSE stream (src/sse.ts).
 */
export interface EventSink {
  /** Whether it takes writes yet (an SSE stream once started); once it does, it does until the subscription ends. */
  ready(): boolean;
  /** Events written and not yet taken by the connection: a slow reader's queue. */
  backlog(): number;
  write(event: SerializedEvent): void;
}

/** Starts the shared execution of one operation over `feed`, through Yoga's whole envelop (masking, limits, the upstream-call allowance). */
export type OpenExecution = (feed: AsyncIterableIterator<Delivery>) => Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;

const done: IteratorResult<Delivery> = { done: true, value: undefined };

/** The shared execution's source: one delivery at a time, handed in by its group. */
class Feed implements AsyncIterableIterator<Delivery> {
  private pending: Delivery | undefined;
  private waiter: ((result: IteratorResult<Delivery>) => void) | undefined;
  private ended = false;

  [Symbol.asyncIterator](): AsyncIterableIterator<Delivery> {
    return this;
  }

  push(delivery: Delivery): void {
    const resolve = this.waiter;
    this.waiter = undefined;
    if (resolve) resolve({ done: false, value: delivery });
    else this.pending = delivery;
  }

  next(): Promise<IteratorResult<Delivery>> {
    if (this.ended) return Promise.resolve(done);
    const value = this.pending;
    this.pending = undefined;
    if (value) return Promise.resolve({ done: false, value });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<Delivery>> {
    this.ended = true;
    this.waiter?.(done);
    this.waiter = undefined;
    return Promise.resolve(done);
  }
}

/** One subscriber in push mode: its sink, and what was last written to it (where it resumes). */
class Member implements LiveHandoff {
  private readonly results: SharedEventResults;
  private readonly key: string;
  private readonly sink: EventSink;
  private readonly open: OpenExecution;
  private subscriber: HandedOff | undefined;
  private group: Group | undefined;
  private lastWrittenId: string | undefined;
  ended = false;

  constructor(results: SharedEventResults, key: string, sink: EventSink, open: OpenExecution) {
    this.results = results;
    this.key = key;
    this.sink = sink;
    this.open = open;
  }

  take(event: LoggedEvent, subscriber: HandedOff): boolean {
    if (this.ended) return false;
    if (!this.subscriber) {
      if (!this.sink.ready()) return false;
      this.subscriber = subscriber;
    }
    this.group ??= this.results.group(this.key, this.open);
    this.group.enqueue(event, this);
    return true;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.group?.leave(this);
  }

  /** Writes one event unless the connection already holds a full queue of them, which ends the subscriber instead. */
  write(event: SerializedEvent, queueLimit: number): boolean {
    if (this.ended) return false;
    if (this.sink.backlog() >= queueLimit) {
      this.behind();
      return false;
    }
    this.sink.write(event);
    this.lastWrittenId = event.eventId;
    return true;
  }

  /** Ends it with the overflow notice: it resumes after the last event written to it. */
  behind(): void {
    if (this.ended) return;
    this.ended = true;
    this.group?.leave(this);
    this.subscriber?.fellBehind(this.lastWrittenId);
  }
}

/**
 * Subscribers of one operation with the same variables and caller: each event is executed once, on
 * one pipeline, and its serialized result written to every member that wants it, in log order.
 */
class Group {
  private readonly results: SharedEventResults;
  private readonly key: string;
  private readonly open: OpenExecution;
  private readonly members = new Set<Member>();
  /** Events taken and not yet written, each with the members that want it. */
  private readonly queue: { event: LoggedEvent; members: Member[] }[] = [];
  private readonly feed = new Feed();
  private execution: AsyncIterator<ExecutionResult> | undefined;
  private draining = false;
  /** Fell too far behind: the event in execution is still written, then every member gets the notice. */
  private overflowing = false;
  closed = false;

  constructor(results: SharedEventResults, key: string, open: OpenExecution) {
    this.results = results;
    this.key = key;
    this.open = open;
  }

  enqueue(event: LoggedEvent, member: Member): void {
    this.members.add(member);
    if (this.overflowing) return;
    // The hub offers one event to every subscriber in one pass: its members join the same entry.
    const last = this.queue.at(-1);
    if (last?.event === event) last.members.push(member);
    else this.queue.push({ event, members: [member] });
    // The members share one execution, so they fall behind together; the first entry is in execution.
    if (this.queue.length - 1 > this.results.queueLimit) {
      this.overflowing = true;
      this.queue.length = 1;
      return;
    }
    if (!this.draining) void this.drain();
  }

  leave(member: Member): void {
    this.members.delete(member);
    if (this.members.size === 0) this.close();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      this.execution ??= await this.start();
      while (!this.closed && this.queue.length > 0) {
        const entry = this.queue[0]!;
        this.feed.push({ kind: 'event', event: entry.event, shared: true });
        const next = await this.execution.next();
        if (this.closed) return;
        this.queue.shift();
        if (next.done) throw new Error('the shared execution ended early');
        this.fanOut(entry.event, entry.members, new SerializedEvent(entry.event.id, next.value));
        if (this.overflowing) this.fellBehind();
      }
    } catch (error) {
      logger.error({ err: error }, 'shared subscription execution failed; its subscribers were closed to resume with after');
      this.fellBehind();
    } finally {
      this.draining = false;
    }
  }

  private async start(): Promise<AsyncIterator<ExecutionResult>> {
    const opened = await this.open(this.feed);
    if (!isAsyncIterable(opened)) throw new Error(`the shared execution did not start: ${opened.errors?.map((e) => e.message).join('; ')}`);
    const execution = opened[Symbol.asyncIterator]();
    if (this.closed) void execution.return?.();
    return execution;
  }

  private fanOut(event: LoggedEvent, members: Member[], serialized: SerializedEvent): void {
    let written = 0;
    for (const member of members) if (member.write(serialized, this.results.queueLimit)) written++;
    if (written > 0) eventsDelivered.inc({ stream: event.stream }, written);
  }

  private fellBehind(): void {
    const members = [...this.members];
    this.close();
    for (const member of members) member.behind();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.results.forget(this.key, this);
    void this.feed.return();
    void this.execution?.return?.();
  }
}

/**
 * The shared fan-out: subscribers that are caught up hand their live events to the group of their
 * operation, variables and caller (what a result can depend on), which executes each event once and
 * writes the one serialized result to every member's connection. Replayed events, and the notices
 * that end a subscription, still come through each subscriber's own iterator.
 */
export class SharedEventResults {
  /** Events a group, or one member's connection, may hold unwritten before its subscribers are closed (the hub's queueLimit). */
  readonly queueLimit: number;
  private readonly groups = new Map<string, Group>();

  constructor(queueLimit: number) {
    this.queueLimit = queueLimit;
  }

  /** The handoff of one subscriber writing to `sink`; `key` names what its results depend on. */
  handoff(key: string, sink: EventSink, open: OpenExecution): LiveHandoff {
    return new Member(this, key, sink, open);
  }

  group(key: string, open: OpenExecution): Group {
    let group = this.groups.get(key);
    if (!group) {
      group = new Group(this, key, open);
      this.groups.set(key, group);
    }
    return group;
  }

  forget(key: string, group: Group): void {
    if (this.groups.get(key) === group) this.groups.delete(key);
  }
}
