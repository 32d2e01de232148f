import type { RetailAccount, RetailSeed, RetailSubscription } from '../records.ts';

/**
 * The Retail Services Platform's mutable world (documents 001/002): market-data accounts with their
 * subscriptions, and the feeds the application offers. Reads go through the helpers below so that the
 * write paths (create account, change email, activate / cancel / extend subscriptions, ...) can be
 * added later by mutating the same records.
 */
export class RetailState {
  /** Accounts by id, in creation order. */
  readonly accounts = new Map<string, RetailAccount>();
  /** Feed names the application offers. */
  readonly feeds: string[];
  /** The simulator's clock, in epoch milliseconds; tests may replace it to travel in time. */
  now: () => number = () => Date.now();

  constructor(seed: RetailSeed) {
    // A deep copy: the seed stays untouched, and two simulators never share records.
    const copy = structuredClone(seed);
    for (const account of copy.accounts) {
      this.accounts.set(account.id, { ...account, ...(account.email === undefined ? {} : { email: normalizeEmail(account.email) }) });
    }
    this.feeds = copy.feeds;
  }

  getAccount(accountId: string): RetailAccount | undefined {
    return this.accounts.get(accountId);
  }

  /** Emails are saved in lower case (document 001), so the lookup compares lower-cased. */
  findByEmail(email: string): RetailAccount | undefined {
    const wanted = normalizeEmail(email);
    for (const account of this.accounts.values()) {
      if (account.email !== undefined && normalizeEmail(account.email) === wanted) return account;
    }
    return undefined;
  }

  /** The account's subscriptions as a read sees them now: an ACTIVE one past its end is EXPIRED. */
  subscriptionsOf(account: RetailAccount, at: number = this.now()): RetailSubscription[] {
    return account.subscriptions.map((subscription) => effectiveSubscription(subscription, at));
  }
}

/** The subscription as seen at `at` (epoch ms): ACTIVE with `expiresAt` not after `at` reads as EXPIRED. */
export function effectiveSubscription(subscription: RetailSubscription, at: number): RetailSubscription {
  const expired =
    subscription.status === 'ACTIVE' && subscription.expiresAt !== null && Date.parse(subscription.expiresAt) <= at;
  return { name: subscription.name, status: expired ? 'EXPIRED' : subscription.status, expiresAt: subscription.expiresAt };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * "local-part@domain" (document 001's wording): a local part without blanks or '@', and a domain of
 * dot-separated labels made of letters, digits and hyphens.
 */
const emailPattern = /^[^\s@]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && emailPattern.test(email.trim());
}
