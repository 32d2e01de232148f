import type { SimServer } from '../http.ts';
import type { RetailAccount, RetailSubscription } from '../records.ts';
import {
  authenticated,
  fail,
  isFilled,
  isJsonObject,
  jsonObjectBody,
  requireAccount,
  requireUnblocked,
  retailApiVersions,
  type RetailContext,
} from './routes.ts';
import type { RetailApiVersion, RetailOrder, RetailOrderItem } from './state.ts';

const messages = {
  subscriptionsRequired: 'Subscriptions should be specified',
  feedNameRequired: 'feedName should be specified',
  endDateInPast: 'End date should be set in the future',
  invalidValue: (field: string) => `Invalid value for ${field} provided`,
  unknownFeeds: (names: string[]) => `Requested feeds [${names.join(', ')}] are not found`,
  alreadyActive: (name: string) => `Subscription ${name} is already active`,
  singleUseBefore: 'Single-use subscription has been already activated',
  confirmationRequired: 'Confirmation ID must be specified.',
  orderNotFound: 'Order not found or expired.',
  subscriptionNotFound: (name: string) => `Subscription ${name} is not found`,
  subscriptionExpired: (name: string) => `Subscription ${name} is expired`,
  alreadyExtended: (name: string) => `Subscription ${name} is already extended`,
  settingsInvalid: (name: string) => `Subscription ${name} cannot be extended: its feed is single-use or has no end`,
} as const;

function badRequest(message: string): never {
  return fail(400, 'BAD_REQUEST', message);
}

/** What an activation asks for, before the feeds are looked up. */
interface ActivationRequest {
  items: { feedName: string; endDate: string | null }[];
  successRedirectUrl: string | null;
}

/** `subscriptions`: a non-empty array (both versions, cancel and extend). */
function requiredList(body: Record<string, unknown> | undefined): unknown[] {
  const list = body?.subscriptions;
  if (!Array.isArray(list) || list.length === 0) badRequest(messages.subscriptionsRequired);
  return list;
}

/** Cancel, extend and activate v1: `subscriptions` is a list of feed names. */
function requiredNames(body: Record<string, unknown> | undefined): string[] {
  const list = requiredList(body);
  if (!list.every(isFilled)) badRequest(messages.subscriptionsRequired);
  return [...new Set(list as string[])];
}

/** ISO 8601 date and time with a zone ("2021-12-22T23:59:59Z", "2021-12-22T04:01:28+00:00"). */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** v2's `endDate`: optional; when sent, a date-time in the future, kept as ISO 8601 UTC. */
function optionalEndDate(value: unknown, now: number): string | null {
  if (value === undefined || value === null) return null;
  const at = typeof value === 'string' && isoDateTime.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) badRequest(messages.invalidValue('endDate'));
  if (at <= now) badRequest(messages.endDateInPast);
  return new Date(at).toISOString();
}

function v2Items(body: Record<string, unknown> | undefined, now: number): ActivationRequest['items'] {
  return requiredList(body).map((entry) => {
    if (!isJsonObject(entry) || !isFilled(entry.feedName)) badRequest(messages.feedNameRequired);
    return { feedName: entry.feedName, endDate: optionalEndDate(entry.endDate, now) };
  });
}

/** `successRedirectUrl`: optional; when sent, an absolute http(s) URL. */
function optionalRedirect(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    badRequest(messages.invalidValue('successRedirectUrl'));
  }
  return value;
}

function activationRequest(version: RetailApiVersion, body: Record<string, unknown> | undefined, now: number): ActivationRequest {
  const items = version === 'v1' ? requiredNames(body).map((feedName) => ({ feedName, endDate: null })) : v2Items(body, now);
  return { items, successRedirectUrl: optionalRedirect(body?.successRedirectUrl) };
}

/** Looks the feeds up (400 naming every unknown one); a feed asked twice counts once, first wins. */
function orderItems(ctx: RetailContext, request: ActivationRequest): RetailOrderItem[] {
  const unknown = request.items.filter((item) => !ctx.state.feed(item.feedName)).map((item) => item.feedName);
  if (unknown.length > 0) badRequest(messages.unknownFeeds([...new Set(unknown)]));
  const byName = new Map<string, RetailOrderItem>();
  for (const item of request.items) {
    if (!byName.has(item.feedName)) byName.set(item.feedName, { feed: ctx.state.feed(item.feedName)!, endDate: item.endDate });
  }
  return [...byName.values()];
}

/** 409s of document 001: an ACTIVE feed, or a single-use feed the account ever had. */
function checkActivatable(ctx: RetailContext, account: RetailAccount, items: RetailOrderItem[]): void {
  for (const { feed } of items) {
    const current = ctx.state.subscriptionOf(account, feed.name);
    if (current?.status === 'ACTIVE') fail(409, 'SUBSCRIPTION_ALREADY_ACTIVE', messages.alreadyActive(feed.name));
    if (current && feed.singleUse) fail(409, 'SINGLE_USE_FEED_ACTIVATED_BEFORE', messages.singleUseBefore);
  }
}

function signupLinks(ctx: RetailContext, order: RetailOrder) {
  const page = (theme: string) => `${ctx.baseUrl()}/onboarding/${order.signupToken}?theme=${theme}`;
  return { LIGHT: page('LIGHT'), DARK: page('DARK') };
}

/**
 * Document 001's four answers: signup links until personal data is provided, a confirmation id while
 * the order awaits one; both null when the order completed at once.
 */
function activationAnswer(ctx: RetailContext, account: RetailAccount, order: RetailOrder) {
  return {
    signupPageByTheme: account.personalDataProvided ? null : signupLinks(ctx, order),
    confirmationId: order.confirmationId,
  };
}

/** Cancel and extend: every named subscription exists (404) and is not over (409), checked before any change. */
function existingActive(ctx: RetailContext, account: RetailAccount, names: string[]): RetailSubscription[] {
  return names.map((name) => {
    const subscription = ctx.state.subscriptionOf(account, name) ?? fail(404, 'SUBSCRIPTION_NOT_FOUND', messages.subscriptionNotFound(name));
    if (subscription.status === 'EXPIRED') fail(409, 'SUBSCRIPTION_IS_EXPIRED', messages.subscriptionExpired(name));
    return subscription;
  });
}

/** Extend: only a subscription with an end, of a feed neither single-use nor "Infinite", once per period. */
function checkExtendable(ctx: RetailContext, account: RetailAccount, subscriptions: RetailSubscription[]): void {
  for (const { name, expiresAt } of subscriptions) {
    const feed = ctx.state.feed(name);
    if (expiresAt === null || feed?.singleUse || feed?.infinite) fail(422, 'SUBSCRIPTION_SETTINGS_ARE_INVALID', messages.settingsInvalid(name));
  }
  for (const { name } of subscriptions) {
    if (ctx.state.isExtendedThisPeriod(account, name)) fail(409, 'SUBSCRIPTION_ALREADY_EXTENDED', messages.alreadyExtended(name));
  }
}

function registerActivation(server: SimServer, ctx: RetailContext, version: RetailApiVersion): void {
  server.route(
    'POST',
    `/api/${version}/accounts/:accountId/subscriptions`,
    authenticated(ctx, 'accounts', (req) => {
      const request = activationRequest(version, jsonObjectBody(req), ctx.state.now());
      const account = requireUnblocked(requireAccount(ctx, req.params.accountId ?? ''));
      const items = orderItems(ctx, request);
      checkActivatable(ctx, account, items);
      const order = ctx.state.placeOrder(account, version, items, request.successRedirectUrl);
      return { status: 200, body: activationAnswer(ctx, account, order) };
    }),
  );

  server.route(
    'POST',
    `/api/${version}/accounts/:accountId/subscriptions/confirm`,
    authenticated(ctx, 'accounts', (req) => {
      const confirmationId = jsonObjectBody(req)?.confirmationId;
      if (!isFilled(confirmationId)) badRequest(messages.confirmationRequired);
      const account = requireUnblocked(requireAccount(ctx, req.params.accountId ?? ''));
      const order = ctx.state.pendingOrder(account.id);
      // The confirm URL's version must be the activation's (document 001); a replaced id is gone.
      if (!order || order.confirmationId !== confirmationId || order.version !== version) fail(404, 'ORDER_NOT_FOUND', messages.orderNotFound);
      ctx.state.confirmOrder(account, order);
      return { status: 200 };
    }),
  );
}

/** Subscription writes of document 001: activate (v1 and v2 differ), confirm, cancel, extend. */
export function registerRetailSubscriptionRoutes(server: SimServer, ctx: RetailContext): void {
  for (const version of retailApiVersions) {
    registerActivation(server, ctx, version);
    const base = `/api/${version}/accounts/:accountId/subscriptions`;

    server.route(
      'POST',
      `${base}/cancel`,
      authenticated(ctx, 'accounts', (req) => {
        const names = requiredNames(jsonObjectBody(req));
        const account = requireAccount(ctx, req.params.accountId ?? '');
        existingActive(ctx, account, names);
        ctx.state.cancel(account, names);
        return { status: 200 };
      }),
    );

    server.route(
      'POST',
      `${base}/extend`,
      authenticated(ctx, 'accounts', (req) => {
        const names = requiredNames(jsonObjectBody(req));
        const account = requireAccount(ctx, req.params.accountId ?? '');
        checkExtendable(ctx, account, existingActive(ctx, account, names));
        ctx.state.extend(account, names);
        return { status: 200 };
      }),
    );
  }
}
