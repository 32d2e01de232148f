import { createContextCache, PothosValidationError } from '@pothos/core';
import type DataLoader from 'dataloader';
import { loaderBatchSize } from '../observability/metrics.ts';
import type { Context } from './context.ts';

/**
 * The parent value of every entity type: its key, and its upstream record once loaded. A field that
 * needs only the key (`id`, `code`, `marketDataAccount { id }`) makes no call; any other field loads
 * the record through the type's per-request DataLoader.
 */
export interface Ref<D> {
  key: string;
  data?: D;
}

export const loaded = <D>(key: string, data: D): Ref<D> => ({ key, data });

/** Composite keys (domain + login, clearing code + account code) as one string: JSON, so any character is safe. */
export const pairKey = (a: string, b: string): string => JSON.stringify([a, b]);

/** The two parts of a composite key, or undefined when `key` is no JSON pair of strings. */
function pairIn(key: string): [string, string] | undefined {
  try {
    const parsed: unknown = JSON.parse(key);
    return Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string') ? (parsed as [string, string]) : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of a key the gateway made (`pairKey`): callers' ids are checked before they become keys (`pairKeyId`). */
export function parsePairKey(key: string): [string, string] {
  const pair = pairIn(key);
  if (!pair) throw new Error('malformed key');
  return pair;
}

/**
 * A node type's `id.parse` for a composite key: the id inside a caller's global id must be a pair of
 * strings, else VALIDATION (Pothos's input error) before anything loads. Answers the key as `pairKey`
 * writes it, so that it matches the keys of list reads.
 */
export const pairKeyId =
  (typename: string) =>
  (id: string): string => {
    const pair = pairIn(id);
    if (!pair) throw new PothosValidationError(`Invalid ${typename} ID, not a JSON pair of strings: ${id}`);
    return pairKey(...pair);
  };

/**
 * The key of a name dxCore qualifies by domain, "domain@name" (group members, group names); null when
 * it has no domain part.
 */
export function domainQualifiedKey(qualified: string): string | null {
  const at = qualified.indexOf('@');
  return at > 0 ? pairKey(qualified.slice(0, at), qualified.slice(at + 1)) : null;
}

/** `f` of a value that may still be loading: at once when it is there, so a loaded record's fields make no promise each. */
export const whenLoaded = <T, U>(value: T | Promise<T>, f: (value: T) => U): U | Promise<U> => (value instanceof Promise ? value.then(f) : f(value));

/** The record behind a ref: the one it holds, or a promise of it through the type's DataLoader when the ref holds only the key. */
export function dataOf<D>(loader: (ctx: Context) => DataLoader<string, Ref<D>>, ref: Ref<D>, ctx: Context): D | Promise<D> {
  if (ref.data !== undefined) return ref.data;
  return loader(ctx)
    .load(ref.key)
    .then(({ data }) => {
      if (data === undefined) throw new Error(`loader returned no record for ${ref.key}`);
      return data;
    });
}

/**
 * A resolver for one attribute of the record behind a ref: `field('balance')` reads the loaded
 * record, loading it first if the ref holds only the key.
 */
export const recordField =
  <D>(loader: (ctx: Context) => DataLoader<string, Ref<D>>) =>
  <K extends keyof D>(name: K) =>
  (ref: Ref<D>, _args: unknown, ctx: Context): D[K] | Promise<D[K]> =>
    whenLoaded(dataOf(loader, ref, ctx), (record) => record[name]);

const memos = createContextCache(() => new Map<string, Promise<unknown>>());

/** One promise per name per request: identical upstream calls in one GraphQL request are made once. */
export function memo<T>(ctx: Context, name: string, call: () => Promise<T>): Promise<T> {
  const cache = memos(ctx);
  let promise = cache.get(name) as Promise<T> | undefined;
  if (!promise) {
    promise = call();
    cache.set(name, promise);
  }
  return promise;
}

/** Drops memoized calls whose names start with `prefix`: a write made them stale. */
export function forget(ctx: Context, prefix: string): void {
  const cache = memos(ctx);
  for (const name of cache.keys()) if (name.startsWith(prefix)) cache.delete(name);
}

/** Whether `memo(ctx, name, …)` has been called in this request. */
export const memoStarted = (ctx: Context, name: string): boolean => memos(ctx).has(name);

/** An upstream's list read, where it has one, and when to serve a batch of keys from it. */
export interface ListRead<D> {
  /** The list read, memoized per request. */
  all: () => Promise<D[]>;
  /** Serve the batch from the list when it has this many keys or the list is already on its way. */
  use: (batchSize: number) => boolean;
  keyOf: (record: D) => string;
  /** The error for a key the list does not hold, coded as the upstream's own "not found". */
  notFound: (key: string) => Error;
}

/**
 * A DataLoader batch function: one call per key with the upstream's single read (all in one round),
 * or, where the upstream has a list read and `list.use` says so, one list call for the batch.
 */
export async function loadKeys<D>(keys: readonly string[], one: (key: string) => Promise<D>, list?: ListRead<D>): Promise<(Ref<D> | Error)[]> {
  const byList = list?.use(keys.length) ?? false;
  loaderBatchSize.observe({ strategy: byList ? 'list' : 'per_key' }, keys.length);
  if (list && byList) {
    const byKey = new Map((await list.all()).map((record) => [list.keyOf(record), record]));
    return keys.map((key) => {
      const record = byKey.get(key);
      return record === undefined ? list.notFound(key) : loaded(key, record);
    });
  }
  // A key the client refuses throws before its call (parameters.ts): that key's error, not its whole batch's.
  return Promise.all(
    keys.map(async (key) => {
      try {
        return loaded(key, await one(key));
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

/** Puts list results into an entity loader, so later loads of those keys make no call. */
export function prime<D>(loader: DataLoader<string, Ref<D>>, refs: Ref<D>[]): void {
  for (const ref of refs) loader.prime(ref.key, ref);
}
