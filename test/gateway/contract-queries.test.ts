import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountsOverviewDocument,
  BackOfficeClientsDocument,
  LoginDocument,
  MeDocument,
  NotificationDeliveryDocument,
  PlatformAccountsDocument,
  TraderDashboardDocument,
} from '../generated/operations.ts';
import { countByRoute, loginAs, queryCalls, rounds, startTestGateway, type TestGateway } from '../support/gateway.ts';

// Injected upstream latency, so that rounds of calls are told apart by time (see rounds()).
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ latencyMs: 40 });
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const traderWithMarketData = () => [...t.sims.dxcore.state.clients.values()].find((c) => c.dxFeedAccountId && c.status !== 'DISABLED')!;

describe('TraderDashboard', () => {
  it('returns the client, its accounts, brokers and market data from three upstreams', async () => {
    const trader = traderWithMarketData();
    const res = await t.run(TraderDashboardDocument, { domain: trader.domain, login: trader.login });
    expect(res.errors).toBeUndefined();
    const client = res.data!.client!;
    const owned = [...t.sims.dxcore.state.accounts.values()].filter((a) => a.owner === `${trader.domain}@${trader.login}`);
    const retail = t.sims.retail.state.accounts.get(trader.dxFeedAccountId!)!;
    expect(client).toMatchObject({ domain: trader.domain, login: trader.login, fullName: trader.fullName, email: trader.email, status: trader.status });
    expect(client.broker).toEqual({ code: trader.brokerCode, name: t.sims.dxcore.state.brokers.get(trader.brokerCode!)!.name });
    expect(client.accounts.map((a) => [a.accountCode, a.balance, a.currency])).toEqual(owned.map((a) => [a.accountCode, a.balance, a.currency]));
    expect(client.marketDataAccount).toMatchObject({ email: retail.email });
    expect(client.marketDataAccount!.subscriptions!.map((s) => s.name)).toEqual(retail.subscriptions.map((s) => s.name));
  });

  it('makes one call per distinct resource, none twice, in two rounds', async () => {
    const trader = traderWithMarketData();
    await t.run(TraderDashboardDocument, { domain: trader.domain, login: trader.login });
    const calls = queryCalls(t.sims);
    expect(countByRoute(calls)).toEqual({
      'dxcore GET /api/register/client/:domain/:login': 1,
      'dxcore GET /api/register/broker/:brokerCode': 1,
      'retail GET /api/v1/accounts/:accountId': 1,
      'retail GET /api/v1/accounts/:accountId/subscriptions': 1,
    });
    expect(rounds(calls)).toBe(2);
    // The client read asks dxCore only for the attributes the query uses.
    const clientCall = calls.find((c) => c.route.startsWith('GET /api/register/client/'))!;
    expect(new URLSearchParams(clientCall.query).get('attributes')).toBe('accounts,brokerCode,domain,dxFeedAccountId,email,fullName,login,status');
  });
});

describe('Me', () => {
  it("answers an end user's own client with one dxCore call made with their session", async () => {
    const trader = traderWithMarketData();
    const auth = await loginAs(t, trader);
    t.sims.clearCalls();
    const me = await t.run(MeDocument, {}, auth);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ login: trader.login, domain: trader.domain, fullName: trader.fullName });
    expect(me.data!.me!.accounts.length).toBeGreaterThan(0);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 1 });
  });
});

describe('BackOfficeClients', () => {
  it('pages the client list with cursors and a total', async () => {
    const first = await t.run(BackOfficeClientsDocument, { first: 10 });
    expect(first.errors).toBeUndefined();
    const page = first.data!.clients!;
    expect(page.totalCount).toBe(t.sims.dxcore.state.clients.size);
    expect(page.edges).toHaveLength(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await t.run(BackOfficeClientsDocument, { first: 10, after: page.pageInfo.endCursor });
    const logins = (p: typeof page) => p.edges!.map((e) => e!.node!.login);
    expect(logins(next.data!.clients!)).not.toEqual(expect.arrayContaining(logins(page)));
    expect(logins(next.data!.clients!)).toHaveLength(10);
  });

  it('fetches clients and brokers in one round, then only the subscriptions it shows', async () => {
    const res = await t.run(BackOfficeClientsDocument, { first: 20 });
    const nodes = res.data!.clients!.edges!.map((e) => e!.node!);
    const withMarketData = nodes.filter((n) => n.marketDataAccount).length;
    expect(nodes.find((n) => n.marketDataAccount)!.marketDataAccount!.subscriptions).toBeInstanceOf(Array);
    const calls = queryCalls(t.sims);
    expect(countByRoute(calls)).toEqual({
      'dxcore GET /api/register/client': 1,
      'dxcore GET /api/register/broker': 1,
      'retail GET /api/v1/accounts/:accountId/subscriptions': withMarketData,
    });
    expect(rounds(calls)).toBe(2);
  });
});

describe('AccountsOverview', () => {
  it('serves 100 accounts and their brokers with two calls in one round', async () => {
    const res = await t.run(AccountsOverviewDocument, { first: 100 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.accounts!.edges!.map((e) => e!.node!);
    expect(nodes).toHaveLength(100);
    expect(res.data!.accounts!.totalCount).toBe(t.sims.dxcore.state.accounts.size);
    const brokers = new Set(nodes.map((n) => n.broker!.code));
    expect(brokers.size).toBeGreaterThan(1);
    for (const n of nodes) expect(n.broker!.name).toBe(t.sims.dxcore.state.brokers.get(n.broker!.code)!.name);
    const calls = queryCalls(t.sims);
    expect(countByRoute(calls)).toEqual({ 'dxcore GET /api/register/account': 1, 'dxcore GET /api/register/broker': 1 });
    expect(rounds(calls)).toBe(1);
  });

  it('filters by status upstream', async () => {
    const res = await t.run(AccountsOverviewDocument, { first: 100, status: 'TERMINATED' });
    const expected = [...t.sims.dxcore.state.accounts.values()].filter((a) => a.status === 'TERMINATED');
    expect(res.data!.accounts!.totalCount).toBe(expected.length);
    expect(res.data!.accounts!.edges!.every((e) => e!.node!.status === 'TERMINATED')).toBe(true);
    const accountCall = queryCalls(t.sims).find((c) => c.route === 'GET /api/register/account')!;
    expect(new URLSearchParams(accountCall.query).get('status')).toBe('TERMINATED');
  });
});

describe('PlatformAccounts', () => {
  it('pages through the upstream with one call and reports its total', async () => {
    const res = await t.run(PlatformAccountsDocument, { first: 20 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.platformAccounts!.edges!.map((e) => e!.node!);
    expect(nodes).toHaveLength(20);
    expect(res.data!.platformAccounts!.totalCount).toBe(t.sims.platform.state.accounts.size);
    const first = nodes[0]!;
    expect(first).toMatchObject({ type: expect.stringMatching(/TRADING|PORTFOLIO/), status: expect.any(String), accountNumber: expect.any(Number) });
    const calls = queryCalls(t.sims);
    expect(countByRoute(calls)).toEqual({ 'platform GET /accounts': 1 });
    expect(new URLSearchParams(calls[0]!.query).get('offset')).toBe('0');
  });
});

describe('NotificationDelivery', () => {
  it('reads delivery status per recipient with one call', async () => {
    const notification = t.sims.dxcore.state.notifications.values().next().value!;
    const res = await t.run(NotificationDeliveryDocument, { id: notification.id });
    expect(res.errors).toBeUndefined();
    const deliveries = res.data!.notification!.deliveries;
    expect(deliveries.map((d) => d.recipient)).toEqual(notification.statuses.map((s) => s.recipient));
    const read = notification.statuses.find((s) => s.readTime)!;
    expect(deliveries.find((d) => d.recipient === read.recipient)!.readTime).toBe(new Date(read.readTime!).toISOString());
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/clientnotifications/notification/:notificationId': 1 });
  });
});

describe('Login', () => {
  it('answers typed errors for refused credentials and empty input', async () => {
    const trader = traderWithMarketData();
    const wrong = await t.run(LoginDocument, { input: { username: trader.login, domain: trader.domain, password: 'wrong' } }, null);
    expect(wrong.data?.login).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
    const empty = await t.run(LoginDocument, { input: { username: ' ', domain: trader.domain, password: 'x' } }, null);
    expect(empty.data?.login).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
    expect(countByRoute(queryCalls(t.sims))).toEqual({});
  });
});
