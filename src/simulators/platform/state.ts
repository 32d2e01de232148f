import { randomUUID } from 'node:crypto';
import { SimEvents } from '../events.ts';
import type { PlatformAccount, PlatformSeed } from '../records.ts';
import { platformEvent, type PlatformEvent, type PlatformEventType } from './events.ts';

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

export interface PlatformStateOptions {
  /** Where account changes are reported; the simulator shares its own. */
  events?: SimEvents<PlatformEvent>;
  /** How long a closing account stays CLOSING before it is CLOSED, ms. @default 2000 */
  closeDelayMs?: number;
}

export interface NewPlatformAccount {
  userId: string;
  accountGroupId: string;
  type: PlatformAccount['type'];
  name?: string;
}

/**
 * The Platform accounts API's mutable world (document 004): uuid accounts owned by users, grouped in
 * account groups. Route handlers check the request; the mutations here assume a valid one and report
 * each change as document 004's webhook event.
 */
export class PlatformState {
  /** Accounts by id, in creation order. */
  readonly accounts = new Map<string, PlatformAccount>();
  readonly userIds: Set<string>;
  readonly accountGroupIds: Set<string>;
  readonly events: SimEvents<PlatformEvent>;
  /** The webhook every event is sent for: one subscription per simulator. */
  readonly webhookId = randomUUID();
  /** Read when a close starts, so tests may shorten it. */
  closeDelayMs: number;
  /** The simulator's clock, in epoch milliseconds; tests may replace it. */
  now: () => number = () => Date.now();
  private readonly closeTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(seed: PlatformSeed, options: PlatformStateOptions = {}) {
    // A deep copy: the seed stays untouched, and two simulators never share records.
    const copy = structuredClone(seed);
    for (const account of copy.accounts) this.accounts.set(account.id, account);
    this.userIds = new Set(copy.userIds.map((id) => id.toLowerCase()));
    this.accountGroupIds = new Set(copy.accountGroupIds.map((id) => id.toLowerCase()));
    this.events = options.events ?? new SimEvents<PlatformEvent>();
    this.closeDelayMs = options.closeDelayMs ?? 2000;
  }

  isKnownUser(userId: string): boolean {
    return this.userIds.has(userId.toLowerCase());
  }

  isKnownAccountGroup(accountGroupId: string): boolean {
    return this.accountGroupIds.has(accountGroupId.toLowerCase());
  }

  /**
   * Creates an ACTIVE account numbered after its owner's last one. Reported as CREATED (the account
   * still PENDING) then ACTIVATED, both before the 201, so a listener sees the whole life in order.
   */
  createAccount(input: NewPlatformAccount): PlatformAccount {
    const at = new Date(this.now()).toISOString();
    const userId = input.userId.toLowerCase();
    const account: PlatformAccount = {
      id: randomUUID(),
      created_at: at,
      updated_at: at,
      account_group_id: input.accountGroupId.toLowerCase(),
      type: input.type,
      users: [{ id: userId, type: 'OWNER' }],
      account_number: this.nextAccountNumber(userId),
      name: input.name ?? '',
      status: 'PENDING',
    };
    this.accounts.set(account.id, account);
    this.emit('ACCOUNT.CREATED', account);
    account.status = 'ACTIVE';
    this.emit('ACCOUNT.ACTIVATED', account);
    return account;
  }

  rename(account: PlatformAccount, name: string): void {
    account.name = name;
    this.touch(account);
    this.emit('ACCOUNT.UPDATED', account);
  }

  /** Starts the asynchronous closure: CLOSING now, CLOSED after `closeDelayMs`. */
  startClosing(account: PlatformAccount): void {
    account.status = 'CLOSING';
    this.touch(account);
    this.emit('ACCOUNT.CLOSING_INITIATED', account);
    const timer = setTimeout(() => {
      this.closeTimers.delete(timer);
      this.finishClosing(account);
    }, this.closeDelayMs);
    timer.unref();
    this.closeTimers.add(timer);
  }

  /** Test hook: the platform locks an account (ACCOUNT.LOCKED). Only an ACTIVE account locks. */
  lockAccount(accountId: string): boolean {
    const account = this.getAccount(accountId);
    if (account?.status !== 'ACTIVE') return false;
    account.status = 'LOCKED';
    this.touch(account);
    this.emit('ACCOUNT.LOCKED', account);
    return true;
  }

  /** Test hook: a LOCKED account becomes ACTIVE again (ACCOUNT.ACTIVATED). */
  unlockAccount(accountId: string): boolean {
    const account = this.getAccount(accountId);
    if (account?.status !== 'LOCKED') return false;
    account.status = 'ACTIVE';
    this.touch(account);
    this.emit('ACCOUNT.ACTIVATED', account);
    return true;
  }

  /** Stops pending closures (the simulator is closing); their accounts stay CLOSING. */
  dispose(): void {
    for (const timer of this.closeTimers) clearTimeout(timer);
    this.closeTimers.clear();
  }

  private finishClosing(account: PlatformAccount): void {
    if (account.status !== 'CLOSING') return;
    account.status = 'CLOSED';
    this.touch(account);
    this.emit('ACCOUNT.CLOSED', account);
  }

  /** The owner's next `account_number` (document 004 numbers a user's accounts 1, 2, ...). */
  private nextAccountNumber(userId: string): number {
    const owned = this.accountsOfUser(userId).filter((a) => a.users.some((u) => u.id.toLowerCase() === userId && u.type === 'OWNER'));
    return owned.reduce((max, a) => Math.max(max, a.account_number), 0) + 1;
  }

  /** Bumps `updated_at`, strictly later than before even within one millisecond. */
  private touch(account: PlatformAccount): void {
    account.updated_at = new Date(Math.max(this.now(), Date.parse(account.updated_at) + 1)).toISOString();
  }

  private emit(type: PlatformEventType, account: PlatformAccount): void {
    this.events.emit(platformEvent(type, serializePlatformAccount(account), this.webhookId, this.now()));
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

/** An account exactly as document 004 shows it, field by field and in its order (a copy). */
export function serializePlatformAccount(account: PlatformAccount): PlatformAccount {
  return {
    id: account.id,
    created_at: account.created_at,
    updated_at: account.updated_at,
    account_group_id: account.account_group_id,
    type: account.type,
    users: account.users.map((user) => ({ id: user.id, type: user.type })),
    account_number: account.account_number,
    name: account.name,
    status: account.status,
  };
}
