import { quoteCallerText } from '../../caller-text.ts';
import { LockBusy, type SharedLocks } from '../../locks.ts';
import { readMarketDataLinks, type ClientName } from '../../upstreams/dxcore-links.ts';
import type { Context } from '../context.ts';
import { ConflictError } from '../typed-errors.ts';

/**
 * One dxFeed account per client. dxCore keeps `dxFeedAccountId` as a plain attribute, with no
 * uniqueness and no lookup by it, so every write that sets a link checks first, with the one lookup by
 * that attribute (upstreams/dxcore-links.ts; the dxFeed callback effects find the linked user with it
 * too). A check and its write are serialized per dxFeed account in this process and, with REDIS_URL,
 * across instances by a Redis lock (`ctx.locks`), so that two concurrent links cannot both pass it.
 */

const pending = new Map<string, Promise<void>>();

/** Runs `task` once every earlier task for `key` in this process has settled. By hand: no dependency here queues by key. */
async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const result = (pending.get(key) ?? Promise.resolve()).then(task);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  pending.set(key, settled);
  try {
    return await result;
  } finally {
    if (pending.get(key) === settled) pending.delete(key);
  }
}

async function requireUnlinked(ctx: Context, accountId: string, self: { domain: string; login: string } | undefined): Promise<void> {
  const holders = (await readMarketDataLinks(ctx.dxcore)).get(accountId) ?? [];
  const isSelf = (c: ClientName) => self !== undefined && c.domain === self.domain && c.login === self.login;
  // The holder is another client: neither its login nor anything of it is named to the caller.
  if (holders.some((c) => !isSelf(c))) {
    throw new ConflictError('MARKET_DATA_ACCOUNT_ALREADY_LINKED', `dxFeed account ${quoteCallerText(accountId)} is already linked to another client`);
  }
}

/**
 * Runs `write`, which links the dxFeed account `accountId` to a client, only if no other client links it;
 * `self` is the client being updated (its own link is no conflict), undefined for a new client. Without
 * an `accountId` the write runs as it is.
 */
export function linkingOnce<T>(ctx: Context, accountId: string | undefined, self: { domain: string; login: string } | undefined, write: () => Promise<T>): Promise<T> {
  if (accountId === undefined) return write();
  const checked = async () => {
    await requireUnlinked(ctx, accountId, self);
    return write();
  };
  return oneAtATime(accountId, () => (ctx.locks ? acrossInstances(ctx.locks, accountId, checked) : checked()));
}

/** Runs `task` holding the dxFeed account's lock every instance sees; one held elsewhere too long is a conflict to retry. */
async function acrossInstances<T>(locks: SharedLocks, accountId: string, task: () => Promise<T>): Promise<T> {
  try {
    return await locks.holding(`market-data-link:${accountId}`, task);
  } catch (error) {
    if (!(error instanceof LockBusy)) throw error;
    throw new ConflictError('MARKET_DATA_ACCOUNT_LINK_IN_PROGRESS', `dxFeed account ${quoteCallerText(accountId)} is being linked through another instance: try again`);
  }
}
