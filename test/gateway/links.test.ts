import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxAccount, DxClient } from '../../src/simulators/records.ts';
import { dxFeedEventBody, postWebhook, subscriptionScope } from '../support/events.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { gql } from '../support/gql.ts';
import { mutate, type Json } from '../support/mutations.ts';

/**
 * Links both ways, each with the fewest upstream calls: dxCore has no reverse lookups (an account's
 * owner, a dxFeed account's client, a broker's clients), so a request answers all of them from one
 * client list read, which also serves the linked clients' fields. An end user's links lead only to
 * their own records.
 */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const scope = subscriptionScope(() => t);
afterEach(() => scope.release());

const partner = `Bearer ${keys.all}`;
const dx = () => t.sims.dxcore.state;
const clients = (): DxClient[] => [...dx().clients.values()];
const ownerOf = (account: DxAccount) => clients().find((c) => dx().accountsOf(c).includes(account))!;
const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

describe('for a partner: one client list read answers every link of a request', () => {
  it('Account.client over 30 accounts: the account list and the client list, one call each, the clients read from the list', async () => {
    const res = await t.run(gql`{ accounts(first: 30) { edges { node { clearingCode accountCode client { login domain email } } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = (res.data as Json).accounts.edges.map((e: Json) => e.node);
    expect(nodes).toHaveLength(30);
    for (const node of nodes) {
      const owner = ownerOf(dx().account(node.clearingCode, node.accountCode)!);
      expect(node.client).toEqual({ login: owner.login, domain: owner.domain, email: owner.email });
    }
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/account': 1, 'dxcore GET /api/register/client': 1 });
  });

  it('MarketDataAccount.client, the reverse of dxFeedAccountId: the client list only, no Retail call for { id client }', async () => {
    const res = await t.run(gql`{ clients(first: 40) { edges { node { login marketDataAccount { id client { login fullName } } } } } }`);
    expect(res.errors).toBeUndefined();
    const linked = (res.data as Json).clients.edges.map((e: Json) => e.node).filter((n: Json) => n.marketDataAccount);
    expect(linked.length).toBeGreaterThan(10);
    for (const node of linked) {
      const holder = clients().find((c) => c.dxFeedAccountId === node.marketDataAccount.id)!;
      expect(node.marketDataAccount.client).toEqual({ login: holder.login, fullName: holder.fullName });
      expect(holder.login).toBe(node.login);
    }
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client': 1 });
  });

  it('marketDataAccount(accountId:) { client } reads the client list once, and the Retail account only for its own fields', async () => {
    const holder = clients().find((c) => c.dxFeedAccountId)!;
    const res = await t.run(gql`query ($id: ID!) { marketDataAccount(accountId: $id) { id email client { login email } } }`, { id: holder.dxFeedAccountId! });
    expect(res.data).toEqual({ marketDataAccount: { id: holder.dxFeedAccountId, email: t.sims.retail.state.accounts.get(holder.dxFeedAccountId!)!.email, client: { login: holder.login, email: holder.email } } });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client': 1, 'retail GET /api/v1/accounts/:accountId': 1 });
  });

  it("Broker.clients and Broker.accounts for every broker: the broker, client and account lists, one call each", async () => {
    const res = await t.run(gql`{
      brokers(first: 10) { edges { node {
        code
        clients(first: 20) { totalCount edges { node { login brokerCode } } }
        accounts(first: 20) { totalCount edges { node { accountCode brokerCode } } }
      } } }
    }`);
    expect(res.errors).toBeUndefined();
    const brokers = (res.data as Json).brokers.edges.map((e: Json) => e.node);
    expect(brokers.length).toBe(dx().brokers.size);
    for (const broker of brokers) {
      const own = clients().filter((c) => c.brokerCode === broker.code);
      expect(broker.clients.totalCount).toBe(own.length);
      expect(broker.clients.edges.map((e: Json) => e.node.login)).toEqual(own.slice(0, 20).map((c) => c.login));
      expect(broker.clients.edges.every((e: Json) => e.node.brokerCode === broker.code)).toBe(true);
      const accounts = [...dx().accounts.values()].filter((a) => a.brokerCode === broker.code);
      expect(broker.accounts.totalCount).toBe(accounts.length);
      expect(broker.accounts.edges.map((e: Json) => e.node.accountCode)).toEqual(accounts.slice(0, 20).map((a) => a.accountCode));
    }
    expect(brokers.some((b: Json) => b.clients.totalCount > 0 && b.accounts.totalCount > 0)).toBe(true);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/broker': 1, 'dxcore GET /api/register/client': 1, 'dxcore GET /api/register/account': 1 });
  });

  it('ClientEvent.client of a deposit (an event naming only the account) is its owner, from one client list read', async () => {
    const account = [...dx().accounts.values()].find((a) => a.status === 'FULL_TRADING' && a.currency === 'USD')!;
    const owner = ownerOf(account);
    const sub = await scope.live(gql`subscription { clientEvents { type accountCode client { login domain } } }`, {}, partner);
    const deposit = await mutate(t, 'depositFunds', '', { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 3, currency: 'USD' });
    expect(deposit.__typename).toBe('TransferSuccess');
    t.sims.clearCalls();
    await sub.waitFor(1);
    expect((sub.results[0] as Json).data.clientEvents).toEqual({ type: 'FUNDS_DEPOSITED', accountCode: account.accountCode, client: { login: owner.login, domain: owner.domain } });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client': 1 });
  });

  it('MarketDataSubscriptionEvent.client and .marketDataAccount: one client list read and one Retail read per event', async () => {
    const holder = clients().find((c) => c.dxFeedAccountId)!;
    const accountId = holder.dxFeedAccountId!;
    const sub = await scope.live(
      gql`subscription ($id: ID) { marketDataSubscriptionEvents(accountId: $id) { accountId marketDataAccount { id email } client { login email } } }`,
      { id: accountId },
      partner,
    );
    t.sims.clearCalls();
    expect((await postWebhook(t.gateway.url, '/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.ACTIVATED', accountId), { secret: webhookSecret })).status).toBe(200);
    await sub.waitFor(1);
    expect((sub.results[0] as Json).data.marketDataSubscriptionEvents).toEqual({
      accountId,
      marketDataAccount: { id: accountId, email: t.sims.retail.state.accounts.get(accountId)!.email },
      client: { login: holder.login, email: holder.email },
    });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client': 1, 'retail GET /api/v1/accounts/:accountId': 1 });
  });
});

describe('for an end user: links lead only to their own records', () => {
  const alice = () => dx().client('default', 'alice.martin0')!;

  it('from their accounts, market data and broker back to themselves: their own client read once, nothing else', async () => {
    const auth = await loginAs(t, alice());
    t.sims.clearCalls();
    const res = await t.run(
      gql`{ me {
        login
        accounts { accountCode client { login } }
        marketDataAccount { id client { login } }
        broker { clients(first: 50) { totalCount edges { node { login email } } } accounts(first: 50) { totalCount edges { node { accountCode balance } } } }
      } }`,
      undefined,
      auth,
    );
    expect(res.errors).toBeUndefined();
    const me = (res.data as Json).me;
    const own = dx().accountsOf(alice());
    expect(me.accounts).toEqual(own.map((a) => ({ accountCode: a.accountCode, client: { login: 'alice.martin0' } })));
    expect(me.marketDataAccount).toEqual({ id: alice().dxFeedAccountId, client: { login: 'alice.martin0' } });
    // The broker has other clients and accounts: an end user sees only their own among them.
    expect(clients().filter((c) => c.brokerCode === alice().brokerCode).length).toBeGreaterThan(1);
    expect(me.broker.clients).toEqual({ totalCount: 1, edges: [{ node: { login: 'alice.martin0', email: alice().email } }] });
    const atBroker = own.filter((a) => a.brokerCode === alice().brokerCode);
    expect(me.broker.accounts.totalCount).toBe(atBroker.length);
    expect(me.broker.accounts.edges.map((e: Json) => e.node)).toEqual(atBroker.map((a) => ({ accountCode: a.accountCode, balance: a.balance })));
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 1 });
  });

  it("another client's market-data events, and so their client, are FORBIDDEN", async () => {
    const other = clients().find((c) => c.dxFeedAccountId && c.login !== 'alice.martin0')!;
    const auth = await loginAs(t, alice());
    const sub = await scope.live(gql`subscription ($id: ID) { marketDataSubscriptionEvents(accountId: $id) { accountId client { login } } }`, { id: other.dxFeedAccountId! }, auth);
    const errors = [...sub.results.flatMap((r) => r.errors ?? []), ...(Array.isArray(sub.error) ? (sub.error as { extensions?: { code?: unknown } }[]) : [])];
    expect(errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(sub.results)).not.toContain(other.login);
  });
});

describe('Session.client', () => {
  it('login answers the session with its client: the key fields at once, with no read; the rest needs the session itself', async () => {
    const client = clients().find((c) => c.status !== 'DISABLED' && c.domain === 'default')!;
    const res = await t.run(
      gql`mutation ($input: LoginInput!) { login(input: $input) { __typename ... on Session { token client { id domain login } } } }`,
      { input: { username: client.login, domain: client.domain, password: seededClientPassword } },
      null,
    );
    expect(res.errors).toBeUndefined();
    const session = (res.data as Json).login;
    expect(session.client).toMatchObject({ domain: client.domain, login: client.login, id: expect.any(String) });
    expect(countByRoute(queryCalls(t.sims))['dxcore GET /api/register/client/:domain/:login']).toBeUndefined();

    const refused = await t.run(
      gql`mutation ($input: LoginInput!) { login(input: $input) { ... on Session { client { fullName } } } }`,
      { input: { username: client.login, domain: client.domain, password: seededClientPassword } },
      null,
    );
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(refused)).not.toContain(client.fullName!);

    const me = await t.run(gql`{ me { id fullName } }`, undefined, `DXAPI ${session.token}`);
    expect(me.data).toEqual({ me: { id: session.client.id, fullName: client.fullName } });
  });
});
