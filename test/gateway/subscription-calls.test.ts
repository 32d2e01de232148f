import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { DxAccount } from '../../src/simulators/records.ts';
import { countByRoute, keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { subscribeSse, subscribeWs, subscriptionScope, until, type Received } from '../support/events.ts';
import { gql } from '../support/gql.ts';

// A caller's subscriptions draw their upstream calls from one paced allowance per instance (GRAPHQL_LIMITS
// upstreamCalls at once, subscriptionCallsPerSecond on average): replaying the event log cannot turn one
// rate-limited request into an upstream call per field per event (attack finding M1).

type Event = { clientEvents: { id: string; account: { balance: number; broker: { name: string } } } };
/** Each event costs two reads, one after the other: its account, then the account's broker. */
const EVENTS = gql`
  subscription ($after: ID) {
    clientEvents(after: $after) { id account { balance broker { name } } }
  }
` as unknown as TypedDocumentNode<Event, { after?: string }>;


let t: TestGateway;
const scope = subscriptionScope(() => t);
afterEach(() => scope.release());

/** Deposits `count` times into a funded account; answers the event id of the first, to replay after. */
async function deposits(count: number): Promise<string> {
  const account = [...t.sims.dxcore.state.accounts.values()].find((a) => a.status === 'FULL_TRADING' && a.balance > 1000) as DxAccount;
  const mark = `mark-${crypto.randomUUID()}`;
  for (let i = 0; i < count; i++) {
    const input = { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 1, currency: account.currency, transferId: i === 0 ? mark : undefined };
    const res = await t.run(gql`mutation ($input: TransferInput!) { depositFunds(input: $input) { __typename } }`, { input });
    expect(res.data).toEqual({ depositFunds: { __typename: 'TransferSuccess' } });
  }
  return `deposit:${encodeURIComponent(account.clearingCode)}/${encodeURIComponent(account.accountCode)}/${mark}`;
}

const delivered = (...subs: Received<Event>[]) => subs.reduce((sum, sub) => sum + sub.results.length, 0);
const readCalls = () => countByRoute(queryCalls(t.sims).filter((c) => c.method === 'GET'));
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('a caller whose allowance does not come back during the test (GRAPHQL_LIMITS: 8 calls, 0.001 a second)', () => {
  beforeAll(async () => {
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ upstreamCalls: 8, subscriptionCallsPerSecond: 0.001 }) });
  });
  afterAll(() => t.close());

  it("replays 11 events needing 2 calls each: the caller's two subscriptions make 8 calls between them, the rest wait, unfailed", async () => {
    const after = await deposits(12);
    t.sims.clearCalls();
    const sse = scope.track(await subscribeSse(t.gateway.url, EVENTS, { variables: { after }, authorization: `Bearer ${keys.all}` }));
    const ws = scope.track(subscribeWs(scope.client(`Bearer ${keys.all}`), EVENTS, { after }));
    await until(() => sum(readCalls()) >= 8, 'the allowance to be spent');
    // Another caller's allowance is its own; and queries are not paced.
    const other = scope.track(await subscribeSse(t.gateway.url, EVENTS, { variables: { after }, authorization: `Bearer ${keys.reader}` }));
    await other.waitFor(4);
    const query = await t.run(gql`{ client(domain: "default", login: "alice.martin0") { email } }`);
    expect(query.data).toEqual({ client: { email: expect.any(String) } });

    // 8 calls each for the two callers (an event's two calls are made one after the other, so the first
    // caller's two subscriptions got 3 or 4 whole events between them), and the query's one read.
    expect(readCalls()).toEqual({
      'dxcore GET /api/register/account/:clearingCode/:accountCode': expect.any(Number),
      'dxcore GET /api/register/broker/:brokerCode': expect.any(Number),
      'dxcore GET /api/register/client/:domain/:login': 1,
    });
    expect(sum(readCalls())).toBe(8 + 8 + 1);
    expect(delivered(sse, ws)).toBeGreaterThanOrEqual(3);
    expect(delivered(sse, ws)).toBeLessThanOrEqual(4);
    expect(other.results).toHaveLength(4);
    for (const result of [...sse.results, ...ws.results, ...other.results]) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.clientEvents.account.broker.name).toEqual(expect.any(String));
    }
  });
});

describe('a caller whose allowance comes back (GRAPHQL_LIMITS: 4 calls, 8 a second)', () => {
  beforeAll(async () => {
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ upstreamCalls: 4, subscriptionCallsPerSecond: 8 }) });
  });
  afterAll(() => t.close());

  it('gets every replayed event, whole and in order, later rather than failed; then live ones', async () => {
    const after = await deposits(12);
    t.sims.clearCalls();
    const sub = scope.track(await subscribeSse(t.gateway.url, EVENTS, { variables: { after }, authorization: `Bearer ${keys.all}` }));
    const replayed = await sub.waitFor(11, 20_000);
    expect(replayed.every((r) => r.errors === undefined && typeof r.data?.clientEvents.account.balance === 'number')).toBe(true);
    const balances = replayed.map((r) => r.data!.clientEvents.account.balance);
    expect(new Set(balances).size).toBe(1);
    await deposits(1);
    const [live] = (await sub.waitFor(12, 20_000)).slice(11);
    expect(live?.errors).toBeUndefined();
    expect(live?.data?.clientEvents.account.balance).toBe(balances[0]! + 1);
    // 12 events, and the last deposit's own read of the account.
    expect(readCalls()['dxcore GET /api/register/account/:clearingCode/:accountCode']).toBe(12 + 1);
  });
});

describe('a subscriber whose events wait falls behind like any slow one (GRAPHQL_LIMITS: 2 calls, 1 a second; 3 events queued at most)', () => {
  beforeAll(async () => {
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ upstreamCalls: 2, subscriptionCallsPerSecond: 1 }) }, { hub: { queueLimit: 3 } });
  });
  afterAll(() => t.close());

  it('is closed with SUBSCRIBER_TOO_SLOW and the last event it got to resume after', async () => {
    const sub = (await scope.live(EVENTS, {}, `Bearer ${keys.all}`)) as Received<Event>;
    await deposits(6);
    const results = await sub.waitFor(3);
    await sub.ended();
    const got = results.slice(0, 2).map((r) => r.data?.clientEvents.id);
    expect(got.every((id) => typeof id === 'string')).toBe(true);
    expect(results[2]?.errors?.map((e) => [e.extensions?.code, e.extensions?.resumeAfter])).toEqual([['SUBSCRIBER_TOO_SLOW', got[1]]]);
  });
});

describe('the pace is a setting, checked at start', () => {
  const urls = { DXCORE_URL: 'http://127.0.0.1:1', DXCORE_USERNAME: 'u', DXCORE_DOMAIN: 'd', DXCORE_PASSWORD: 'p', RETAIL_URL: 'http://127.0.0.1:2', RETAIL_API_KEY: 'r', PLATFORM_URL: 'http://127.0.0.1:3', PLATFORM_API_KEY: 'k' };

  it('GRAPHQL_LIMITS subscriptionCallsPerSecond: 20 by default, a fraction allowed', () => {
    expect(loadConfig(urls).security.limits.subscriptionCallsPerSecond).toBe(20);
    expect(loadConfig({ ...urls, GRAPHQL_LIMITS: '{"subscriptionCallsPerSecond": 0.5}' }).security.limits.subscriptionCallsPerSecond).toBe(0.5);
  });

  it.each(['0', '-1', '"fast"'])('subscriptionCallsPerSecond %s is a ConfigError naming it', (value) => {
    expect(() => loadConfig({ ...urls, GRAPHQL_LIMITS: `{"subscriptionCallsPerSecond": ${value}}` })).toThrow(/^GRAPHQL_LIMITS subscriptionCallsPerSecond: /);
  });
});
