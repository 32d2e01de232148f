import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByRoute, keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

// CRM mode: onboardClient links existing dxFeed accounts there; createClient and updateClient link in every mode.
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({}, { DXTRADEXT_MODE: 'crm' });
});
afterAll(() => t.close());
beforeEach(() => {
  t.sims.clearCalls();
  t.sims.dxcore.server.setFaults({});
});

const writer = `Bearer ${keys.writer}`;
const state = () => t.sims.dxcore.state;
const alice = () => state().client('default', 'alice.martin0')!;
const linkedTo = (accountId: string) => [...state().clients.values()].filter((c) => c.dxFeedAccountId === accountId).map((c) => c.login);
let n = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
const result = (res: { data?: Record<string, unknown> | null }, field: string) => (res.data as Record<string, Record<string, unknown>> | null | undefined)?.[field];
const listRoute = 'dxcore GET /api/register/client';

const createClient = gql`
  mutation ($input: CreateClientInput!) {
    createClient(input: $input) { __typename ... on ClientCreated { client { login } } ... on Error { code message } }
  }
`;
const updateClient = gql`
  mutation ($input: UpdateClientInput!) {
    updateClient(input: $input) { __typename ... on ClientUpdated { client { login } } ... on Error { code message } }
  }
`;
const onboardClient = gql`
  mutation ($input: OnboardClientInput!) {
    onboardClient(input: $input) { __typename ... on ClientOnboarded { client { login } } ... on Error { code message } }
  }
`;

/** A dxFeed account no client links yet. */
async function unlinkedFeedAccount(): Promise<string> {
  const res = await t.run(gql`mutation ($email: String!) { createMarketDataAccount(input: { email: $email }) { ... on MarketDataAccountCreated { account { accountId } } } }`, { email: `${fresh('feed')}@example.com` });
  const id = (result(res, 'createMarketDataAccount') as { account: { accountId: string } }).account.accountId;
  t.sims.clearCalls();
  return id;
}

describe("a dxFeed account already linked to a client cannot be linked to another", () => {
  it("createClient with alice's dxFeed account is MARKET_DATA_ACCOUNT_ALREADY_LINKED, after one list read and no write", async () => {
    const feed = alice().dxFeedAccountId!;
    const res = await t.run(createClient, { input: { domain: 'default', login: fresh('sec2.attacker'), dxFeedAccountId: feed } }, writer);
    expect(result(res, 'createClient')).toMatchObject({ __typename: 'ConflictError', code: 'MARKET_DATA_ACCOUNT_ALREADY_LINKED' });
    expect(JSON.stringify(res)).not.toContain('alice');
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [listRoute]: 1 });
    expect(linkedTo(feed)).toEqual(['alice.martin0']);
  });

  it("updateClient cannot move alice's dxFeed account to another client; alice may keep her own", async () => {
    const feed = alice().dxFeedAccountId!;
    const other = [...state().clients.values()].find((c) => c.domain === 'default' && c.login !== 'alice.martin0')!;
    const before = other.dxFeedAccountId;
    const res = await t.run(updateClient, { input: { domain: other.domain, login: other.login, dxFeedAccountId: feed } }, writer);
    expect(result(res, 'updateClient')).toMatchObject({ __typename: 'ConflictError', code: 'MARKET_DATA_ACCOUNT_ALREADY_LINKED' });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [listRoute]: 1 });
    expect(state().client(other.domain, other.login)!.dxFeedAccountId).toBe(before);

    const own = await t.run(updateClient, { input: { domain: 'default', login: 'alice.martin0', dxFeedAccountId: feed, comments: 'same link' } }, writer);
    expect(result(own, 'updateClient')).toMatchObject({ __typename: 'ClientUpdated', client: { login: 'alice.martin0' } });
    expect(linkedTo(feed)).toEqual(['alice.martin0']);
  });

  it("onboardClient (CRM) with alice's dxFeed account refuses before any write", async () => {
    const feed = alice().dxFeedAccountId!;
    const login = fresh('sec2.intruder');
    const res = await t.run(onboardClient, { input: { login, email: `${login}@example.com`, marketDataAccountId: feed } }, writer);
    expect(result(res, 'onboardClient')).toMatchObject({ __typename: 'ConflictError', code: 'MARKET_DATA_ACCOUNT_ALREADY_LINKED' });
    expect(queryCalls(t.sims).filter((c) => c.method !== 'GET')).toEqual([]);
    expect(state().client('default', login)).toBeUndefined();
    expect(linkedTo(feed)).toEqual(['alice.martin0']);
  });

  it('an unlinked dxFeed account links as before', async () => {
    const feed = await unlinkedFeedAccount();
    const login = fresh('linked');
    const res = await t.run(createClient, { input: { domain: 'default', login, dxFeedAccountId: feed } }, writer);
    expect(result(res, 'createClient')).toMatchObject({ __typename: 'ClientCreated', client: { login } });
    expect(linkedTo(feed)).toEqual([login]);
  });

  it('two concurrent creates linking the same dxFeed account: one links it, the other is refused', async () => {
    const feed = await unlinkedFeedAccount();
    // Slow creates: without serialisation both list reads would answer before either create lands.
    t.sims.dxcore.server.setFaults({ 'POST /api/register/client': { latencyMs: 200 } });
    const logins = [fresh('race-a'), fresh('race-b')];
    const answers = await Promise.all(logins.map((login) => t.run(createClient, { input: { domain: 'default', login, dxFeedAccountId: feed } }, writer)));
    const typenames = answers.map((res) => result(res, 'createClient')?.__typename).sort();
    expect(typenames).toEqual(['ClientCreated', 'ConflictError']);
    expect(linkedTo(feed)).toHaveLength(1);
    expect(countByRoute(queryCalls(t.sims))['dxcore POST /api/register/client']).toBe(1);
  });
});
