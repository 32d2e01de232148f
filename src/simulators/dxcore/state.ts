import { SimEvents } from '../events.ts';
import type { DxAccount, DxBroker, DxCategory, DxClient, DxClientGroup, DxCoreSeed, DxNotification } from '../records.ts';
import type { DxCoreEvent } from './events.ts';
import type { MarketDataAccount } from './market-data.ts';
import type { ImportedTransaction } from './transactions.ts';
import type { AppliedTransfer } from './transfers.ts';

/** "domain@login": how dxCore names a client in group membership and account ownership. */
export const clientKey = (domain: string, login: string): string => `${domain}@${login}`;
/** "domain@name": how dxCore names a client group. */
export const groupKey = (domain: string, name: string): string => `${domain}@${name}`;
/** clearingCode + accountCode is the account's unique pair (document 000). */
export const accountKey = (clearingCode: string, accountCode: string): string => `${clearingCode}\u0000${accountCode}`;
const keyOfAccount = (account: DxAccount): string => accountKey(account.clearingCode, account.accountCode);

/** The owner's permission on an account it was created with (`accountAccess`; document 000's default TRADE). */
export type AccountAccess = 'VIEW_ONLY' | 'TRADE';

/** Balances are doubles; rounding to 1e-8 keeps sums of cents from drifting (0.1 + 0.2). */
export const roundMoney = (value: number): number => Math.round(value * 1e8) / 1e8;

/**
 * The simulator's mutable dxCore world. Records are kept as the simulator's own copies (the seed is
 * never touched) and stay mutable, so that write operations can change them in place; answers are
 * built from them on every read (see wire.ts), never stored.
 */
export class DxCoreState {
  readonly brokers = new Map<string, DxBroker>();
  /** Keyed by clientKey(domain, login). */
  readonly clients = new Map<string, DxClient>();
  /** Keyed by accountKey(clearingCode, accountCode); insertion order is the list order. */
  readonly accounts = new Map<string, DxAccount>();
  /** Keyed by groupKey(domain, name). */
  readonly clientGroups = new Map<string, DxClientGroup>();
  /** Account categories per broker code. */
  readonly brokerCategories = new Map<string, DxCategory[]>();
  readonly notifications = new Map<string, DxNotification>();
  /** Owner permission per accountKey; absent means TRADE. Kept only: nothing trades in the simulator. */
  readonly ownerAccess = new Map<string, AccountAccess>();
  /** Users granted trade permission on an account, per accountKey, as "domain@login". */
  readonly tradePermissions = new Map<string, Set<string>>();
  /** Applied transfers per accountKey, by transfer id (ids are unique per account). */
  readonly transfers = new Map<string, Map<string, AppliedTransfer>>();
  /** dxFeed market-data state per dxFeed account id, as the market-data paths set it. */
  readonly marketData = new Map<string, MarketDataAccount>();
  /** Imported transactions by transaction id ("sessionCode:actionCode"). */
  readonly transactions = new Map<string, ImportedTransaction>();
  readonly events: SimEvents<DxCoreEvent>;
  private lastUserId = 0;

  constructor(seed: DxCoreSeed, events = new SimEvents<DxCoreEvent>()) {
    this.events = events;
    // A deep copy: several simulators (or tests) may be built from one seeded world.
    const own = structuredClone(seed);
    for (const broker of own.brokers) this.brokers.set(broker.brokerCode, broker);
    this.lastUserId = Math.max(0, ...own.clients.map((client) => client.userId ?? 0));
    for (const client of own.clients) this.addClient(client);
    for (const account of own.accounts) this.accounts.set(accountKey(account.clearingCode, account.accountCode), account);
    for (const group of own.clientGroups) this.clientGroups.set(groupKey(group.domain, group.name), group);
    for (const [code, categories] of Object.entries(own.brokerCategories)) this.brokerCategories.set(code, categories);
    for (const notification of own.notifications) this.notifications.set(notification.id, notification);
  }

  /** Adds a client, giving it the next user id when it has none. */
  addClient(client: DxClient): void {
    client.userId ??= ++this.lastUserId;
    this.clients.set(clientKey(client.domain, client.login), client);
  }

  addAccount(account: DxAccount, access: AccountAccess = 'TRADE'): void {
    const key = keyOfAccount(account);
    this.accounts.set(key, account);
    if (access !== 'TRADE') this.ownerAccess.set(key, access);
  }

  /**
   * Removes a client with everything that names it: its accounts (an account has exactly one owner)
   * and their transfers, permissions and transactions, its group memberships and its trade permissions.
   */
  removeClient(client: DxClient): void {
    const member = clientKey(client.domain, client.login);
    for (const account of this.accountsOf(client)) this.removeAccount(account);
    for (const group of this.groupsOf(client)) group.clients = group.clients.filter((m) => m !== member);
    for (const users of this.tradePermissions.values()) users.delete(member);
    this.clients.delete(member);
  }

  private removeAccount(account: DxAccount): void {
    const key = keyOfAccount(account);
    this.accounts.delete(key);
    this.ownerAccess.delete(key);
    this.tradePermissions.delete(key);
    this.transfers.delete(key);
    for (const [id, transaction] of this.transactions) {
      if (transaction.accountKey === key) this.transactions.delete(id);
    }
  }

  /** Changes a balance by `delta`, rounded; answers the new balance. */
  adjustBalance(account: DxAccount, delta: number): number {
    account.balance = roundMoney(account.balance + delta);
    return account.balance;
  }

  client(domain: string, login: string): DxClient | undefined {
    return this.clients.get(clientKey(domain, login));
  }

  account(clearingCode: string, accountCode: string): DxAccount | undefined {
    return this.accounts.get(accountKey(clearingCode, accountCode));
  }

  clientByUserId(userId: number): DxClient | undefined {
    return [...this.clients.values()].find((client) => client.userId === userId);
  }

  /** The client linked to a dxFeed account (its `dxFeedAccountId`). */
  clientOfDxFeedAccount(accountId: string): DxClient | undefined {
    return [...this.clients.values()].find((client) => client.dxFeedAccountId === accountId);
  }

  ownerOf(account: DxAccount): DxClient | undefined {
    return this.clients.get(account.owner);
  }

  accessOf(account: DxAccount): AccountAccess {
    return this.ownerAccess.get(keyOfAccount(account)) ?? 'TRADE';
  }

  broker(brokerCode: string): DxBroker | undefined {
    return this.brokers.get(brokerCode);
  }

  clientGroup(domain: string, name: string): DxClientGroup | undefined {
    return this.clientGroups.get(groupKey(domain, name));
  }

  notification(id: string): DxNotification | undefined {
    return this.notifications.get(id);
  }

  /** The accounts the client owns, in list order. */
  accountsOf(client: DxClient): DxAccount[] {
    const owner = clientKey(client.domain, client.login);
    return [...this.accounts.values()].filter((account) => account.owner === owner);
  }

  /** The groups that have the client as a direct member (the Client model's `groups`). */
  groupsOf(client: DxClient): DxClientGroup[] {
    const member = clientKey(client.domain, client.login);
    return [...this.clientGroups.values()].filter((group) => group.clients.includes(member));
  }

  /** A broker's account categories; undefined for an unknown broker, [] for a broker without any. */
  categoriesOf(brokerCode: string): DxCategory[] | undefined {
    if (!this.brokers.has(brokerCode)) return undefined;
    return this.brokerCategories.get(brokerCode) ?? [];
  }

  /** Every settings category: the brokers' categories merged by name, values deduplicated, first-seen order. */
  allCategories(): DxCategory[] {
    const merged = new Map<string, Set<string>>();
    for (const categories of this.brokerCategories.values()) {
      for (const { category, values } of categories) {
        const seen = merged.get(category) ?? new Set<string>();
        for (const { value } of values) seen.add(value);
        merged.set(category, seen);
      }
    }
    return [...merged].map(([category, values]) => ({ category, values: [...values].map((value) => ({ value })) }));
  }
}
