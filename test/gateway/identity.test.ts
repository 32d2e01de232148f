import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import {
  ActivateSubscriptionsDocument,
  MarketDataEventsDocument,
  NotificationDeliveryDocument,
  PlatformAccountsDocument,
  SendNotificationDocument,
  TraderDashboardDocument,
} from '../generated/operations.ts';
import { subscriptionScope } from '../support/events.ts';
import { countByRoute, keys, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';
import { mutate as mutateOn, type Json } from '../support/mutations.ts';

/**
 * Ids that round-trip: an id naming an upstream record is that upstream's own id, the same value in
 * every read, input, filter and event, so a caller can chain what one operation returned into the next.
 */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
  // The simulators send their own webhooks, as the upstreams would after a change.
  t.sims.sendWebhooksTo(t.gateway.url, webhookSecret);
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const scope = subscriptionScope(() => t);
afterEach(() => scope.release());

const partner = `Bearer ${keys.all}`;
const mutate = (field: string, selection: string, input: unknown) => mutateOn(t, field, selection, input);
const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

/** A seeded client whose linked market-data account lacks `feed`, with its personal data given (so an activation completes at once). */
function traderWithout(feed: string): { client: DxClient; accountId: string } {
  const retail = t.sims.retail.state;
  const client = [...t.sims.dxcore.state.clients.values()].find((c) => {
    const account = c.dxFeedAccountId ? retail.accounts.get(c.dxFeedAccountId) : undefined;
    return account?.status === 'ACTIVE' && !retail.subscriptionOf(account, feed);
  })!;
  const accountId = client.dxFeedAccountId!;
  retail.accounts.get(accountId)!.personalDataProvided = true;
  return { client, accountId };
}

describe('a market-data account id is the Retail account id', () => {
  it('TraderDashboard → ActivateSubscriptions with that id → MarketDataEvents for that id receives the activation', async () => {
    const { client, accountId } = traderWithout('NYSE');
    const dashboard = await t.run(TraderDashboardDocument, { domain: client.domain, login: client.login });
    expect(dashboard.errors).toBeUndefined();
    const id = dashboard.data!.client!.marketDataAccount!.id;
    expect(id).toBe(accountId);

    const events = await scope.live(MarketDataEventsDocument, { accountId: id }, partner);
    t.sims.clearCalls();
    const activation = await t.run(ActivateSubscriptionsDocument, { input: { accountId: id, subscriptions: [{ feedName: 'NYSE' }] } });
    expect(activation.data?.activateSubscriptions).toMatchObject({ __typename: 'SubscriptionActivation' });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'retail POST /api/v1/accounts/:accountId/subscriptions': 1 });
    expect(queryCalls(t.sims)[0]!.path).toContain(accountId);

    await events.waitFor(1);
    const event = events.results[0]!.data!.marketDataSubscriptionEvents;
    expect(event).toMatchObject({ type: 'SUBSCRIPTION_ACTIVATED', accountId: id });
    expect(event.subscriptions.map((s) => `${s.name} ${s.status}`)).toEqual(['NYSE ACTIVE']);
  });

  it('marketDataAccount(accountId:) answers the same id it was asked for, and the client links back to it', async () => {
    const { client, accountId } = traderWithout('EUREX');
    const res = await t.run(gql`query ($id: ID!) { marketDataAccount(accountId: $id) { id accountId client { domain login marketDataAccount { id } } } }`, { id: accountId });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      marketDataAccount: { id: accountId, accountId, client: { domain: client.domain, login: client.login, marketDataAccount: { id: accountId } } },
    });
  });

  it("an earlier version's global id is refused as VALIDATION naming the field, before any call", async () => {
    const { accountId } = traderWithout('ICE_US');
    const legacy = encodeGlobalID('MarketDataAccount', accountId);
    const activation = await mutate('activateSubscriptions', '', { accountId: legacy, subscriptions: [{ feedName: 'ICE_US' }] });
    expect(activation).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'input.accountId' });
    expect(activation.message).toMatch(/MarketDataAccount\.id/);
    const read = await t.run(gql`query ($id: ID!) { marketDataAccount(accountId: $id) { email } }`, { id: legacy });
    expect(codes(read)).toEqual(['VALIDATION']);
    expect(read.errors?.[0]?.extensions?.field).toBe('accountId');
    const node = await t.run(gql`query ($id: ID!) { node(id: $id) { id } }`, { id: legacy });
    expect(codes(node)).toEqual(['VALIDATION']);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a filter refuses it too: marketDataSubscriptionEvents(accountId:) with a global id is VALIDATION', async () => {
    const { accountId } = traderWithout('CBOT');
    const events = await scope.live(MarketDataEventsDocument, { accountId: encodeGlobalID('MarketDataAccount', accountId) }, partner);
    const errors = [...events.results.flatMap((r) => r.errors ?? []), ...(Array.isArray(events.error) ? (events.error as { extensions?: { code?: unknown } }[]) : [])];
    expect(errors.map((e) => e.extensions?.code)).toEqual(['VALIDATION']);
  });
});

describe('a Platform account id is the Platform uuid', () => {
  it('PlatformAccounts ids equal the AccountEvents account ids for the same accounts, and the writes take them', async () => {
    const state = t.sims.platform.state;
    const owner = [...state.userIds][0]!;
    const events = await scope.live(gql`subscription { accountEvents { id type account { id name } } }`, {}, partner);
    const created = state.createAccount({ userId: owner, accountGroupId: [...state.accountGroupIds][0]!, type: 'PORTFOLIO', name: 'Round trip' });
    await events.waitFor(1);
    const event = (events.results[0] as Json).data.accountEvents;
    expect(event).toMatchObject({ type: 'ACCOUNT_CREATED', account: { id: created.id, name: 'Round trip' } });

    const list = await t.run(PlatformAccountsDocument, { first: 100 });
    expect(list.errors).toBeUndefined();
    const ids = list.data!.platformAccounts!.edges!.map((e) => e!.node!.id);
    expect(ids).toContain(event.account.id);
    expect(ids.every((id) => state.accounts.has(id))).toBe(true);

    const renamed = await mutate('renamePlatformAccount', '... on PlatformAccountRenamed { account { id name } }', { accountId: event.account.id, name: 'Renamed by id' });
    expect(renamed).toEqual({ __typename: 'PlatformAccountRenamed', account: { id: created.id, name: 'Renamed by id' } });
    const one = await t.run(gql`query ($id: ID!) { platformAccount(accountId: $id) { id name } }`, { id: created.id });
    expect(one.data).toEqual({ platformAccount: { id: created.id, name: 'Renamed by id' } });
  });

  it("a write given an earlier version's global id is VALIDATION naming the field, with no call", async () => {
    const account = [...t.sims.platform.state.accounts.keys()][0]!;
    const res = await mutate('renamePlatformAccount', '', { accountId: encodeGlobalID('PlatformAccount', account), name: 'x' });
    expect(res).toMatchObject({ __typename: 'ValidationError', field: 'input.accountId' });
    expect(res.message).toMatch(/PlatformAccount\.id/);
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe("a notification id is dxCore's id", () => {
  it('SendNotification answers it; NotificationDelivery and updateNotificationExpiration take it; the earlier global id still works for now', async () => {
    const recipient = [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED')!;
    const sent = await t.run(SendNotificationDocument, {
      input: { priority: 'LOW', subject: 'Ids', message: 'Round trip', mustAcknowledge: false, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), recipients: [{ domain: recipient.domain, login: recipient.login }] },
    });
    const result = sent.data!.sendNotification!;
    if (result.__typename !== 'NotificationSent') throw new Error(`not sent: ${JSON.stringify(result)}`);
    const id = result.notification.id;
    expect(t.sims.dxcore.state.notification(id)).toBeDefined();

    const read = await t.run(NotificationDeliveryDocument, { id });
    expect(read.data?.notification).toEqual({ id, deliveries: [{ recipient: `${recipient.login}@${recipient.domain}`, readTime: null, acknowledgmentTime: null }] });

    const later = new Date(Date.now() + 7_200_000).toISOString();
    for (const notificationId of [id, encodeGlobalID('Notification', id)]) {
      const updated = await mutate('updateNotificationExpiration', '... on NotificationExpirationUpdated { notification { id } }', { notificationId, expiresAt: later });
      expect(updated).toEqual({ __typename: 'NotificationExpirationUpdated', notification: { id } });
    }
  });
});

describe('types that stay Relay nodes', () => {
  it("node(id:) loads a client by the opaque id TraderDashboard returned, with the composite key inside", async () => {
    const client = [...t.sims.dxcore.state.clients.values()][0]!;
    const dashboard = await t.run(TraderDashboardDocument, { domain: client.domain, login: client.login });
    const id = dashboard.data!.client!.id;
    const node = await t.run(gql`query ($id: ID!) { node(id: $id) { id ... on Client { domain login } } }`, { id });
    expect(node.data).toEqual({ node: { id, domain: client.domain, login: client.login } });
  });
});
