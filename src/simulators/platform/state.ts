import type { PlatformAccount, PlatformSeed } from '../records.ts';

export type PlatformSort = 'created_at' | 'updated_at';
export type PlatformOrder = 'ASC' | 'DESC';

export interface PlatformListQuery {
  sort: PlatformSort;
  order: PlatformOrder;
  offset: number;
  limit: number;
  /** Only the accounts this user belongs to. */
  userId?: string;
}

export interface PlatformPage {
  items: PlatformAccount[];
  /** All accounts that match, before paging. */
  totalCount: number;
}

/**
 * The Platform accounts API's mutable world (document 004): uuid accounts owned by users, grouped in
 * account groups. The write paths (create, rename, close, webhooks) can mutate the same records later.
 */
export class PlatformState {
  /** Accounts by id, in creation order. */
  readonly accounts = new Map<string, PlatformAccount>();
  readonly userIds: Set<string>;
  readonly accountGroupIds: Set<string>;
  /** The simulator's clock, in epoch milliseconds; tests may replace it. */
  now: () => number = () => Date.now();

  constructor(seed: PlatformSeed) {
    // A deep copy: the seed stays untouched, and two simulators never share records.
    const copy = structuredClone(seed);
    for (const account of copy.accounts) this.accounts.set(account.id, account);
    this.userIds = new Set(copy.userIds);
    this.accountGroupIds = new Set(copy.accountGroupIds);
  }

  getAccount(accountId: string): PlatformAccount | undefined {
    return this.accounts.get(accountId.toLowerCase());
  }

  accountsOfUser(userId: string): PlatformAccount[] {
    const wanted = userId.toLowerCase();
    return [...this.accounts.values()].filter((account) => account.users.some((user) => user.id.toLowerCase() === wanted));
  }

  /** Sorted by `sort` in `order`, ties broken on id in the same direction, then paged. */
  list(query: PlatformListQuery): PlatformPage {
    const matching = query.userId === undefined ? [...this.accounts.values()] : this.accountsOfUser(query.userId);
    const direction = query.order === 'DESC' ? -1 : 1;
    const sorted = matching.sort((a, b) => {
      const byTime = Date.parse(a[query.sort]) - Date.parse(b[query.sort]);
      if (byTime !== 0) return direction * byTime;
      return direction * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return { items: sorted.slice(query.offset, query.offset + query.limit), totalCount: sorted.length };
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
