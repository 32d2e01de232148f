import { createContextCache } from '@pothos/core';
import type DataLoader from 'dataloader';
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

export function parsePairKey(key: string): [string, string] {
  const parsed: unknown = JSON.parse(key);
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === 'string')) throw new Error('malformed key');
  return parsed as [string, string];
}

/** The record behind a ref, loading it through the type's DataLoader when the ref holds only the key. */
export async function dataOf<D>(loader: (ctx: Context) => DataLoader<string, Ref<D>>, ref: Ref<D>, ctx: Context): Promise<D> {
  if (ref.data !== undefined) return ref.data;
  const record = (await loader(ctx).load(ref.key)).data;
  if (record === undefined) throw new Error(`loader returned no record for ${ref.key}`);
  return record;
}

/**
 * A resolver for one attribute of the record behind a ref: `field('balance')` reads the loaded
 * record, loading it first if the ref holds only the key.
 */
export const recordField =
  <D>(loader: (ctx: Context) => DataLoader<string, Ref<D>>) =>
  <K extends keyof D>(name: K) =>
  async (ref: Ref<D>, _args: unknown, ctx: Context): Promise<D[K]> =>
    (await dataOf(loader, ref, ctx))[name];

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

/** Whether `memo(ctx, name, …)` has been called in this request. */
export const memoStarted = (ctx: Context, name: string): boolean => memos(ctx).has(name);

export interface KeyedLoad<D> {
  /** Loads one record by key (the upstream's single-entity read). */
  one: (key: string) => Promise<D>;
  /** The upstream's list read, memoized per request; absent where there is none. */
  all?: () => Promise<D[]>;
  /** Serve the batch from the list when it has this many keys or the list is already on its way. */
  useList: (batchSize: number) => boolean;
  keyOf: (record: D) => string;
  notFound: (key: string) => Error;
}

/**
 * A DataLoader batch function over an upstream that has both a single read and a list read: a few
 * keys are loaded one call each (all in one round), many keys by one list call.
 */
export async function loadKeys<D>(keys: readonly string[], load: KeyedLoad<D>): Promise<(Ref<D> | Error)[]> {
  if (load.all && load.useList(keys.length)) {
    const byKey = new Map((await load.all()).map((record) => [load.keyOf(record), record]));
    return keys.map((key) => {
      const record = byKey.get(key);
      return record === undefined ? load.notFound(key) : loaded(key, record);
    });
  }
  return Promise.all(
    keys.map((key) =>
      load.one(key).then(
        (record) => loaded(key, record),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    ),
  );
}

/** Puts list results into an entity loader, so later loads of those keys make no call. */
export function prime<D>(loader: DataLoader<string, Ref<D>>, refs: Ref<D>[]): void {
  for (const ref of refs) loader.prime(ref.key, ref);
}
