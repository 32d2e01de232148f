import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';
import { mutate as mutateOn } from '../support/mutations.ts';

/**
 * A logged-in end user gets a dxFeed token and a profile link for their own market-data account (the
 * one their dxCore client links), and for nobody else's; partner keys keep needing `write`.
 */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const tokenSelection = '... on MarketDataToken { token }';
const linkSelection = '... on MarketDataProfileLink { profilePage { light dark } account { id email } }';
const mutate = (field: string, selection: string, input: unknown, auth?: string) => mutateOn(t, field, selection, input, auth);

const clients = (): DxClient[] => [...t.sims.dxcore.state.clients.values()];
/** A client whose linked market-data account has an active subscription, so that Retail issues its token. */
function traderWithFeeds(except?: DxClient): DxClient {
  const retail = t.sims.retail.state;
  return clients().find((c) => {
    const account = c.dxFeedAccountId ? retail.accounts.get(c.dxFeedAccountId) : undefined;
    return c !== except && c.status !== 'DISABLED' && account?.status === 'ACTIVE' && account.dataAccessStatus !== 'SUSPENDED' && account.subscriptions.some((s) => s.status === 'ACTIVE');
  })!;
}

const ownRead = 'dxcore GET /api/register/client/:domain/:login';
const tokenCall = 'retail POST /api/v1/token';
const linkCall = 'retail POST /api/v1/accounts/:accountId/profile-link';

describe("an end user's own market data", () => {
  it('marketDataToken without an account id: the token of their own linked account, after one read of their client', async () => {
    const trader = traderWithFeeds();
    const auth = await loginAs(t, trader);
    t.sims.clearCalls();
    const res = await mutate('marketDataToken', tokenSelection, {}, auth);
    expect(res).toMatchObject({ __typename: 'MarketDataToken', token: expect.any(String) });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [ownRead]: 1, [tokenCall]: 1 });

    // The same account named explicitly: the same answer.
    const named = await mutate('marketDataToken', tokenSelection, { accountId: trader.dxFeedAccountId }, auth);
    expect(named).toMatchObject({ __typename: 'MarketDataToken', token: expect.any(String) });
  });

  it('marketDataProfileLink for their own account: the links, and the account read in full', async () => {
    const trader = traderWithFeeds();
    const auth = await loginAs(t, trader);
    t.sims.clearCalls();
    const res = await mutate('marketDataProfileLink', linkSelection, { accountId: trader.dxFeedAccountId }, auth);
    expect(res).toMatchObject({
      __typename: 'MarketDataProfileLink',
      profilePage: { light: expect.any(String), dark: expect.any(String) },
      account: { id: trader.dxFeedAccountId, email: t.sims.retail.state.accounts.get(trader.dxFeedAccountId!)!.email },
    });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [ownRead]: 1, [linkCall]: 1, 'retail GET /api/v1/accounts/:accountId': 1 });
  });

  it("another client's account is FORBIDDEN for both, with no Retail call", async () => {
    const trader = traderWithFeeds();
    const other = traderWithFeeds(trader);
    const auth = await loginAs(t, trader);
    t.sims.clearCalls();
    const token = await mutate('marketDataToken', tokenSelection, { accountId: other.dxFeedAccountId }, auth);
    expect(token).toMatchObject({ __typename: 'AccessDeniedError', code: 'FORBIDDEN' });
    const link = await mutate('marketDataProfileLink', linkSelection, { accountId: other.dxFeedAccountId }, auth);
    expect(link).toMatchObject({ __typename: 'AccessDeniedError', code: 'FORBIDDEN' });
    expect(JSON.stringify([token, link])).not.toContain(other.login);
    // One read of their own client per request, to know which account is theirs.
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [ownRead]: 2 });
  });

  it('a token by market-data credentials is FORBIDDEN to an end user, before any call or password try', async () => {
    const trader = traderWithFeeds();
    const auth = await loginAs(t, trader);
    t.sims.clearCalls();
    const res = await mutate('marketDataToken', tokenSelection, { login: 'someone', password: 'guess' }, auth);
    expect(res).toMatchObject({ __typename: 'AccessDeniedError', code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a client with no linked account gets MARKET_DATA_ACCOUNT_NOT_LINKED', async () => {
    const unlinked = clients().find((c) => !c.dxFeedAccountId && c.status !== 'DISABLED')!;
    const auth = await loginAs(t, unlinked);
    t.sims.clearCalls();
    const res = await mutate('marketDataToken', tokenSelection, {}, auth);
    expect(res).toMatchObject({ __typename: 'RejectedError', code: 'MARKET_DATA_ACCOUNT_NOT_LINKED' });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [ownRead]: 1 });
  });
});

describe('partner keys keep the scope rule', () => {
  it('a write key gets any account\'s token; a read-only key is FORBIDDEN, with no call', async () => {
    const trader = traderWithFeeds();
    const written = await mutate('marketDataToken', tokenSelection, { accountId: trader.dxFeedAccountId }, `Bearer ${keys.writer}`);
    expect(written).toMatchObject({ __typename: 'MarketDataToken', token: expect.any(String) });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [tokenCall]: 1 });
    t.sims.clearCalls();
    const res = await t.run(gql`mutation ($id: ID!) { marketDataToken(input: { accountId: $id }) { __typename } }`, { id: trader.dxFeedAccountId! }, `Bearer ${keys.reader}`);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(queryCalls(t.sims)).toEqual([]);
  });
});
