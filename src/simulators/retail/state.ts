import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { retailDefaultPeriodDays } from '../../readings.ts';
import { SimEvents } from '../events.ts';
import type { RetailAccount, RetailFeed, RetailSeed, RetailSubscription } from '../records.ts';
import { retailEvent, type RetailEvent, type RetailEventType } from './events.ts';

export type RetailApiVersion = 'v1' | 'v2';

/** One requested subscription of an order: the feed and, from v2, its own end (ISO 8601 UTC). */
export interface RetailOrderItem {
  feed: RetailFeed;
  endDate: string | null;
}

/**
 * A pending activation. Document 001: the confirmation id and the signup links belong to one order, and
 * a second activation replaces both, so an account has at most one.
 */
export interface RetailOrder {
  accountId: string;
  /** Confirm must use the activation's version (document 001). */
  version: RetailApiVersion;
  /** Null when no feed of the order needs confirmation. */
  confirmationId: string | null;
  /** The token in the signup page links. */
  signupToken: string;
  items: RetailOrderItem[];
  confirmed: boolean;
  successRedirectUrl: string | null;
}

export interface RetailCredentials {
  login: string;
  password: string;
}

/** What the signup form sends; blank fields are left as they were. */
export interface RetailSignupForm {
  firstName?: string;
  lastName?: string;
  email?: string;
  subscriberStatus: string;
}

export interface RetailStateOptions {
  /** Where subscription changes are reported; the simulator shares its own. */
  events?: SimEvents<RetailEvent>;
  /** The application setting "credentials generation". @default true */
  credentialsGeneration?: boolean;
}

const dayMs = 86_400_000;
/** How long a profile page link stays valid (the simulator's choice; the answer carries `expiresAt`). */
export const retailProfileLinkTtlMs = 60 * 60_000;

/**
 * The Retail Services Platform's mutable world (documents 001/002): market-data accounts with their
 * subscriptions, the feeds the application offers, pending orders and generated credentials.
 * Route handlers check the documented failures; the mutations here assume a valid request and report
 * every subscription change on `events`.
 */
export class RetailState {
  /** Accounts by id, in creation order. */
  readonly accounts = new Map<string, RetailAccount>();
  /** The feeds the application offers, with their settings. */
  readonly feeds: RetailFeed[];
  readonly events: SimEvents<RetailEvent>;
  /** The application setting; read on every request, so tests may flip it. */
  credentialsGeneration: boolean;
  /** Trial tracking bodies, as received. */
  readonly trials: Record<string, unknown>[] = [];
  /** The simulator's clock, in epoch milliseconds; tests may replace it to travel in time. */
  now: () => number = () => Date.now();

  private readonly orders = new Map<string, RetailOrder>();
  private readonly credentials = new Map<string, RetailCredentials>();
  /** Per "account/feed": the end of the period during which the subscription was last extended. */
  private readonly extendedDuring = new Map<string, number>();
  /** "account/feed/expiresAt" of ends already reported by `sweepExpired`. */
  private readonly reportedEnds = new Set<string>();
  private readonly profileLinks = new Map<string, { accountId: string; expiresAt: number }>();
  private readonly tokenSecret = randomBytes(32);

  constructor(seed: RetailSeed, options: RetailStateOptions = {}) {
    // A deep copy: the seed stays untouched, and two simulators never share records.
    const copy = structuredClone(seed);
    for (const account of copy.accounts) {
      this.accounts.set(account.id, { ...account, ...(account.email === undefined ? {} : { email: normalizeEmail(account.email) }) });
    }
    this.feeds = copy.feeds;
    this.events = options.events ?? new SimEvents<RetailEvent>();
    this.credentialsGeneration = options.credentialsGeneration ?? true;
    // A seeded subscription went through an activation, which is when credentials are made (readings.ts).
    if (this.credentialsGeneration) {
      for (const account of this.accounts.values()) if (account.subscriptions.length > 0) this.issueCredentials(account);
    }
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

  /** The account's subscription to a feed as a read sees it now, if it ever had one. */
  subscriptionOf(account: RetailAccount, name: string): RetailSubscription | undefined {
    const stored = account.subscriptions.find((subscription) => subscription.name === name);
    return stored && effectiveSubscription(stored, this.now());
  }

  /** The names of the account's ACTIVE subscriptions: the QD filters a token's `details` lists. */
  activeFeeds(account: RetailAccount): string[] {
    return this.subscriptionsOf(account).filter((s) => s.status === 'ACTIVE').map((s) => s.name);
  }

  feed(name: string): RetailFeed | undefined {
    return this.feeds.find((feed) => feed.name === name);
  }

  // --- accounts ------------------------------------------------------------------------------

  createAccount(input: { email?: string; metadata: Record<string, string | null>; allowedStatuses?: string }): RetailAccount {
    const account: RetailAccount = {
      id: randomUUID(),
      ...(input.email === undefined ? {} : { email: normalizeEmail(input.email) }),
      status: 'ACTIVE',
      // The questionnaire of the signup form decides; until then the only status the restriction allows.
      subscriberStatus: input.allowedStatuses === 'PROFESSIONAL' ? 'PROFESSIONAL' : 'NON_PROFESSIONAL',
      dataAccessStatus: 'ENABLED',
      metadata: { ...input.metadata },
      subscriptions: [],
      personalDataProvided: false,
      ...(input.allowedStatuses === undefined ? {} : { allowedStatuses: input.allowedStatuses }),
    };
    this.accounts.set(account.id, account);
    return account;
  }

  changeEmail(account: RetailAccount, email: string): void {
    account.email = normalizeEmail(email);
  }

  /** A new password when credentials exist; nothing otherwise (document 001 answers 200 either way). */
  resetPassword(account: RetailAccount): boolean {
    if (!this.credentials.has(account.id)) return false;
    this.issueCredentials(account);
    return true;
  }

  /** Test hook: the login and password generated for the account, if any. */
  credentialsOf(accountId: string): RetailCredentials | undefined {
    const found = this.credentials.get(accountId);
    return found && { ...found };
  }

  findByCredentials(login: string, password: string): RetailAccount | undefined {
    for (const [accountId, credentials] of this.credentials) {
      if (credentials.login === login && credentials.password === password) return this.accounts.get(accountId);
    }
    return undefined;
  }

  /** An opaque dxFeed token: the account, the time and its feeds, signed with a per-simulator secret. */
  issueToken(account: RetailAccount): string {
    const payload = Buffer.from(['get.dxfeed', account.id, Math.floor(this.now() / 1000), this.activeFeeds(account).join('|')].join(',')).toString('base64url');
    return `${payload}.${createHmac('sha256', this.tokenSecret).update(payload).digest('base64url')}`;
  }

  issueProfileLink(account: RetailAccount): { token: string; expiresAt: string } {
    const token = randomUUID();
    const expiresAt = this.now() + retailProfileLinkTtlMs;
    this.profileLinks.set(token, { accountId: account.id, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The account a profile page link opens, while the link is valid. */
  accountOfProfileLink(token: string): RetailAccount | undefined {
    const link = this.profileLinks.get(token);
    if (!link || link.expiresAt <= this.now()) return undefined;
    return this.accounts.get(link.accountId);
  }

  /** Test hook: suspends or restores data access (tokens then answer DATA_ACCESS_SUSPENDED). */
  setDataAccessSuspended(accountId: string, suspended: boolean): void {
    const account = this.accounts.get(accountId);
    if (account) account.dataAccessStatus = suspended ? 'SUSPENDED' : 'ENABLED';
  }

  /**
   * Test hook: the blacklist outcome of document 001 — the account is BLOCKED, its pending order
   * disabled and its active subscriptions terminated.
   */
  blockAccount(accountId: string): void {
    const account = this.accounts.get(accountId);
    if (!account) return;
    account.status = 'BLOCKED';
    this.orders.delete(accountId);
    this.cancel(account, this.activeFeeds(account));
  }

  // --- orders --------------------------------------------------------------------------------

  /** Places an order, replacing the pending one, and completes it at once when nothing is missing. */
  placeOrder(account: RetailAccount, version: RetailApiVersion, items: RetailOrderItem[], successRedirectUrl: string | null): RetailOrder {
    const order: RetailOrder = {
      accountId: account.id,
      version,
      confirmationId: items.some((item) => item.feed.confirmation) ? randomUUID() : null,
      signupToken: randomUUID(),
      items,
      confirmed: false,
      successRedirectUrl,
    };
    this.orders.set(account.id, order);
    this.completeIfReady(account, order);
    return order;
  }

  pendingOrder(accountId: string): RetailOrder | undefined {
    return this.orders.get(accountId);
  }

  orderOfSignupToken(token: string): RetailOrder | undefined {
    for (const order of this.orders.values()) if (order.signupToken === token) return order;
    return undefined;
  }

  confirmOrder(account: RetailAccount, order: RetailOrder): void {
    order.confirmed = true;
    this.completeIfReady(account, order);
  }

  /** The signup form: personal data is now provided, and the order completes unless it awaits confirmation. */
  submitSignup(account: RetailAccount, order: RetailOrder, form: RetailSignupForm): void {
    if (form.firstName) account.metadata.firstName = form.firstName;
    if (form.lastName) account.metadata.lastName = form.lastName;
    if (form.email) account.email = normalizeEmail(form.email);
    account.subscriberStatus = form.subscriberStatus;
    account.personalDataProvided = true;
    this.completeIfReady(account, order);
  }

  /** Document 001: subscriptions activate once the form is submitted and, if needed, the order confirmed, in any order. */
  private completeIfReady(account: RetailAccount, order: RetailOrder): void {
    if (!account.personalDataProvided) return;
    if (order.confirmationId !== null && !order.confirmed) return;
    this.orders.delete(account.id);
    const at = this.now();
    const activated = order.items.map((item) =>
      this.putSubscription(account, { name: item.feed.name, status: 'ACTIVE', expiresAt: item.endDate ?? defaultEnd(item.feed, at) }),
    );
    if (this.credentialsGeneration && !this.credentials.has(account.id)) this.issueCredentials(account);
    this.emit('SUBSCRIPTION.ACTIVATED', account, activated);
  }

  // --- subscriptions -------------------------------------------------------------------------

  /** Cancel ends each subscription at once: EXPIRED with `expiresAt` now (readings.ts). */
  cancel(account: RetailAccount, names: string[]): void {
    if (names.length === 0) return;
    const now = new Date(this.now()).toISOString();
    const cancelled = names.map((name) => this.putSubscription(account, { name, status: 'EXPIRED', expiresAt: now }));
    this.emit('SUBSCRIPTION.DEACTIVATED', account, cancelled);
  }

  /**
   * What dxCore's disable-user-and-terminate-accounts with `cancelDxFeedSubscriptions` does (document
   * 003): cancels every ACTIVE subscription of the account. Answers what it cancelled; an unknown
   * account has nothing to cancel.
   */
  cancelAllSubscriptions(accountId: string): RetailSubscription[] {
    const account = this.accounts.get(accountId);
    if (!account) return [];
    const active = this.activeFeeds(account);
    this.cancel(account, active);
    return active.map((name) => this.subscriptionOf(account, name) as RetailSubscription);
  }

  /** True while the subscription's current period already holds an extension (one per period, readings.ts). */
  isExtendedThisPeriod(account: RetailAccount, name: string): boolean {
    const periodEnd = this.extendedDuring.get(subscriptionKey(account.id, name));
    return periodEnd !== undefined && this.now() < periodEnd;
  }

  /** Adds one default period to each subscription's end; the route has checked each has an end. */
  extend(account: RetailAccount, names: string[]): void {
    const extended = names.map((name) => {
      const stored = account.subscriptions.find((s) => s.name === name) as RetailSubscription;
      const end = Date.parse(stored.expiresAt as string);
      this.extendedDuring.set(subscriptionKey(account.id, name), end);
      stored.expiresAt = new Date(end + retailDefaultPeriodDays * dayMs).toISOString();
      return stored;
    });
    this.emit('SUBSCRIPTION.EXTENDED', account, extended);
  }

  /** Test hook: dxFeed adds a subscription on its own side (SUBSCRIPTION.ADDED). */
  addSubscription(accountId: string, name: string, expiresAt: string | null): void {
    const account = this.accounts.get(accountId);
    if (!account) return;
    this.emit('SUBSCRIPTION.ADDED', account, [this.putSubscription(account, { name, status: 'ACTIVE', expiresAt })]);
  }

  /** Test hook: dxFeed removes a subscription from the account (SUBSCRIPTION.REMOVED). */
  removeSubscription(accountId: string, name: string): void {
    const account = this.accounts.get(accountId);
    const index = account?.subscriptions.findIndex((s) => s.name === name) ?? -1;
    if (!account || index < 0) return;
    const [removed] = account.subscriptions.splice(index, 1);
    this.emit('SUBSCRIPTION.REMOVED', account, [removed as RetailSubscription]);
  }

  /**
   * Reports, once each, the ACTIVE subscriptions whose end has passed: one SUBSCRIPTION.DEACTIVATED per
   * account. No timer runs in the simulator; whoever wants expiry callbacks calls this on its own tick.
   */
  sweepExpired(): RetailEvent[] {
    const at = this.now();
    const emitted: RetailEvent[] = [];
    for (const account of this.accounts.values()) {
      // Stored ACTIVE but read as EXPIRED: the end passed without a write noticing it.
      const ended = account.subscriptions.filter((s) => s.status === 'ACTIVE' && effectiveSubscription(s, at).status === 'EXPIRED');
      const unreported = ended.filter((s) => {
        const key = `${subscriptionKey(account.id, s.name)}/${s.expiresAt}`;
        if (this.reportedEnds.has(key)) return false;
        this.reportedEnds.add(key);
        return true;
      });
      if (unreported.length > 0) emitted.push(this.emit('SUBSCRIPTION.DEACTIVATED', account, unreported));
    }
    return emitted;
  }

  /** Sets the account's subscription to a feed, reusing its record: a feed appears once per account. */
  private putSubscription(account: RetailAccount, next: RetailSubscription): RetailSubscription {
    this.extendedDuring.delete(subscriptionKey(account.id, next.name));
    const stored = account.subscriptions.find((s) => s.name === next.name);
    if (!stored) {
      account.subscriptions.push(next);
      return next;
    }
    stored.status = next.status;
    stored.expiresAt = next.expiresAt;
    return stored;
  }

  private issueCredentials(account: RetailAccount): void {
    this.credentials.set(account.id, { login: account.id, password: randomBytes(12).toString('base64url') });
  }

  private emit(type: RetailEventType, account: RetailAccount, subscriptions: RetailSubscription[]): RetailEvent {
    const at = this.now();
    const event = retailEvent(type, account.id, subscriptions.map((s) => effectiveSubscription(s, at)), at);
    this.events.emit(event);
    return event;
  }
}

/** Without `endDate`: the default period, or no end for an "Infinite" feed (readings.ts). */
function defaultEnd(feed: RetailFeed, at: number): string | null {
  return feed.infinite ? null : new Date(at + retailDefaultPeriodDays * dayMs).toISOString();
}

function subscriptionKey(accountId: string, name: string): string {
  return `${accountId}/${name}`;
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
