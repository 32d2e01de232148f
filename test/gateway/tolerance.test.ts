import { afterAll, beforeAll, expect, it } from 'vitest';
import { TraderDashboardDocument } from '../generated/operations.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

// The Retail simulator answers in the older shape of document 002: accounts are { id, email } only.
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ retailLegacy: true });
});
afterAll(() => t.close());

it('serves TraderDashboard from the older Retail API', async () => {
  const trader = [...t.sims.dxcore.state.clients.values()].find((c) => c.dxFeedAccountId)!;
  const res = await t.run(TraderDashboardDocument, { domain: trader.domain, login: trader.login });
  expect(res.errors).toBeUndefined();
  expect(res.data!.client!.marketDataAccount!.email).toBe(t.sims.retail.state.accounts.get(trader.dxFeedAccountId!)!.email);
});

it('answers null for fields the older API does not have, without an error', async () => {
  const trader = [...t.sims.dxcore.state.clients.values()].find((c) => c.dxFeedAccountId)!;
  const res = await t.run(gql`query($id: ID!) { marketDataAccount(accountId: $id) { email status subscriberStatus dataAccessStatus } }`, { id: trader.dxFeedAccountId });
  expect(res.errors).toBeUndefined();
  expect(res.data).toMatchObject({ marketDataAccount: { status: null, subscriberStatus: null, dataAccessStatus: null } });
});
