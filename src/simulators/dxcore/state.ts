import type { DxAccount, DxBroker, DxCategory, DxClient, DxClientGroup, DxCoreSeed, DxNotification } from '../records.ts';

/** "domain@login": how dxCore names a client in group membership and account ownership. */
export const clientKey = (domain: string, login: string): string => `${domain}@${login}`;
/** "domain@name": how dxCore names a client group. */
export const groupKey = (domain: string, name: string): string => `${domain}@${name}`;
/** clearingCode + accountCode is the account's unique pair (document 000). */
export const accountKey = (clearingCode: string, accountCode: string): string => `${clearingCode}\u0000${accountCode}`;

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

  constructor(seed: DxCoreSeed) {
    // A deep copy: several simulators (or tests) may be built from one seeded world.
    const own = structuredClone(seed);
    for (const broker of own.brokers) this.brokers.set(broker.brokerCode, broker);
    for (const client of own.clients) this.clients.set(clientKey(client.domain, client.login), client);
    for (const account of own.accounts) this.accounts.set(accountKey(account.clearingCode, account.accountCode), account);
    for (const group of own.clientGroups) this.clientGroups.set(groupKey(group.domain, group.name), group);
    for (const [code, categories] of Object.entries(own.brokerCategories)) this.brokerCategories.set(code, categories);
    for (const notification of own.notifications) this.notifications.set(notification.id, notification);
  }

  client(domain: string, login: string): DxClient | undefined {
    return this.clients.get(clientKey(domain, login));
  }

  account(clearingCode: string, accountCode: string): DxAccount | undefined {
    return this.accounts.get(accountKey(clearingCode, accountCode));
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
