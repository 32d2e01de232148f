import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Caller } from '../auth/callers.ts';
import { callerKeyOf } from './rate-limit.ts';

export const defaultSubscriptionsPerCaller = 100;

/** SUBSCRIPTIONS_PER_CALLER: open subscriptions one caller may hold on one instance, or `off`. */
export const subscriptionsPerCallerSetting = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() || undefined : value),
  z
    .string()
    .regex(/^(off|[1-9]\d{0,6})$/, 'SUBSCRIPTIONS_PER_CALLER must be a whole number from 1, or off')
    .optional()
    .transform((v) => (v === undefined ? defaultSubscriptionsPerCaller : v === 'off' ? undefined : Number(v))),
);

/** A subscription counted against its caller until `release()` (or the end of the source `hold` wraps). */
export interface SubscriptionSlot {
  hold<T>(source: AsyncIterableIterator<T>): AsyncIterableIterator<T>;
  release(): void;
}

/**
 * Counts each caller's open subscriptions on this instance, over graphql-ws and SSE alike (both start
 * theirs through the event fields' source), keyed as the rate limit keys callers: a key by its digest,
 * an end user by a digest of their domain and login, case and width folded.
 */
export class SubscriptionCap {
  readonly limit: number;
  private readonly open = new Map<string, number>();

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Takes a slot for `caller`, or throws `TOO_MANY_SUBSCRIPTIONS` when it holds `limit` already. */
  async take(caller: Caller): Promise<SubscriptionSlot> {
    const key = callerKeyOf(caller, undefined);
    const count = this.open.get(key) ?? 0;
    if (count >= this.limit) {
      throw new GraphQLError(`Too many open subscriptions: at most ${this.limit} per caller; end one before starting another`, {
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: this.limit },
      });
    }
    this.open.set(key, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
    return { release, hold: (source) => releasedAtEnd(source, release) };
  }
}

/**
 * `source`, calling `release` once it ends: done, returned (the client went away or completed) or
 * failed. Written here because no direct dependency wraps an async iterator with a `finally`.
 */
function releasedAtEnd<T>(source: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  const settle = async (step: () => Promise<IteratorResult<T>>) => {
    try {
      const result = await step();
      if (result.done) release();
      return result;
    } catch (error) {
      release();
      throw error;
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => settle(() => source.next()),
    return: async (value?: unknown) => {
      release();
      return source.return ? source.return(value) : { done: true, value: undefined };
    },
    throw: async (error?: unknown) => {
      release();
      if (source.throw) return source.throw(error);
      throw error;
    },
  };
}
