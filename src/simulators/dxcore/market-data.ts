import type { SimServer } from '../http.ts';
import type { DxClient } from '../records.ts';
import { objectBody, type BodyFailures, type FieldReader } from './bodies.ts';
import { dxErrors, dxWriteErrors } from './errors.ts';
import { serviceOnly, text, type RouteContext } from './kit.ts';
import { clientKey, type DxCoreState } from './state.ts';

/**
 * dxCore's side of dxFeed market data (document 000's market-data paths, document 003 §2.5): dxFeed
 * tells dxCore about a linked account's subscriptions and suspension. The simulator keeps what it is
 * told per dxFeed account id; it does not call dxFeed back.
 */

export interface MarketDataSubscription {
  feedName: string;
  endDate?: string;
}

export interface MarketDataAccount {
  /** By feed name. */
  subscriptions: Map<string, MarketDataSubscription>;
  suspended: boolean;
}

/** Document 000 words every body failure of these paths "Request body is not valid". */
const bodyFailures: BodyFailures = {
  missing: (field) => dxWriteErrors.bodyNotValid('missing', `${field} is required`),
  malformed: (detail) => dxWriteErrors.bodyNotValid('malformed', detail),
};

/** Reads a body, answering the change it asks for: a bad body is refused before anything changes. */
type MarketDataChange = (body: FieldReader) => (account: MarketDataAccount) => void;

const changes: Record<string, MarketDataChange> = {
  'market-data-subscription-activation': (body) => {
    const items = readSubscriptions(body);
    return (account) => items.forEach((item) => account.subscriptions.set(item.feedName, item));
  },
  'market-data-subscription-cancelation': (body) => {
    const items = readSubscriptions(body);
    return (account) => items.forEach((item) => account.subscriptions.delete(item.feedName));
  },
  'market-data-account-suspension': () => (account) => {
    account.suspended = true;
  },
};

export function registerMarketDataRoutes(server: SimServer, ctx: RouteContext): void {
  for (const [action, change] of Object.entries(changes)) {
    server.route(
      'POST',
      `/api/register/client/${action}`,
      serviceOnly(ctx.access, (req) => {
        const body = objectBody(req, bodyFailures);
        const accountId = body.requiredString('accountId');
        // The whole body is read before the account is looked up: a bad body is 400 whoever it names.
        const apply = change(body);
        const client = ctx.state.clientOfDxFeedAccount(accountId);
        if (!client) throw dxErrors.clientNotFound(accountId);
        apply(marketDataOf(ctx.state, accountId));
        logOut(ctx, client);
        return text('OK');
      }),
    );
  }
}

/** The DxFeed subscriptions update model's `subscriptions`: SubscriptionItem {feedName, endDate?}. */
function readSubscriptions(body: FieldReader): MarketDataSubscription[] {
  const items = body.objects('subscriptions');
  if (items === undefined) throw bodyFailures.missing(body.path('subscriptions'));
  return items.map((item) => {
    const feedName = item.requiredString('feedName');
    const endDate = item.string('endDate');
    if (endDate !== undefined && Number.isNaN(Date.parse(endDate))) throw bodyFailures.malformed(`${item.path('endDate')} must be a date`);
    return endDate === undefined ? { feedName } : { feedName, endDate };
  });
}

function marketDataOf(state: DxCoreState, accountId: string): MarketDataAccount {
  let account = state.marketData.get(accountId);
  if (!account) {
    account = { subscriptions: new Map(), suspended: false };
    state.marketData.set(accountId, account);
  }
  return account;
}

/** Document 003 §2.5: "once update received subscriptions updated, user logged out". */
function logOut({ sessions }: RouteContext, client: DxClient): void {
  sessions.endClientSessions(clientKey(client.domain, client.login));
}
