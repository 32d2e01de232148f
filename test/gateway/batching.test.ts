import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { listThresholds } from '../../src/graph/thresholds.ts';
import { countByRoute, queryCalls, rounds, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  // Rounds are read from the calls' times: the latency must stay well above the gateway's dispatch gaps, which a loaded CI machine stretches past 40 ms.
  t = await startTestGateway({ latencyMs: 150 });
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

it('reads a few brokers one call each, in one round', async () => {
  const res = await t.run(gql`{ a: broker(code: "ACME") { name } b: broker(code: "ORION") { name } again: broker(code: "ACME") { namespace } }`);
  expect(res.errors).toBeUndefined();
  const calls = queryCalls(t.sims);
  expect(countByRoute(calls)).toEqual({ 'dxcore GET /api/register/broker/:brokerCode': 2 });
  expect(rounds(calls)).toBe(1);
});

it(`serves ${listThresholds.broker} or more brokers with one list call`, async () => {
  const res = await t.run(gql`{ a: broker(code: "ACME") { name } b: broker(code: "ORION") { name } c: broker(code: "ZENITH") { name parent { code } } }`);
  expect(res.errors).toBeUndefined();
  expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/broker': 1 });
});

it('loads the members of a group one call per client, all in one round, none twice', async () => {
  // At most 24 members: one caller's share of dxCore's 32 calls in flight (UPSTREAM_RESILIENCE maxPerCaller); more wait for a second round.
  const group = [...t.sims.dxcore.state.clientGroups.values()].find((g) => g.clients.length > 5 && g.clients.length <= 24)!;
  const res = await t.run(gql`query($d: String!, $n: String!) { clientGroup(domain: $d, name: $n) { members { login fullName broker { code } } } }`, { d: group.domain, n: group.name });
  expect(res.errors).toBeUndefined();
  const calls = queryCalls(t.sims);
  expect(countByRoute(calls)).toEqual({
    'dxcore GET /api/register/client/group/:domain/:name': 1,
    'dxcore GET /api/register/client/:domain/:login': group.clients.length,
  });
  expect(new Set(calls.map((c) => c.path)).size).toBe(calls.length);
  expect(rounds(calls)).toBe(2);
});

it('answers a client its list call already holds without another call', async () => {
  const res = await t.run(gql`{ clients(first: 2) { edges { node { login } } } client(domain: "default", login: "alice.martin0") { fullName } }`);
  expect(res.errors).toBeUndefined();
  expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client': 1 });
});

it('reads Platform accounts by id one call each, in one round, none twice', async () => {
  const [first, second] = [...t.sims.platform.state.accounts.values()];
  const res = await t.run(gql`query($a: ID!, $b: ID!) { a: platformAccount(accountId: $a) { name status } b: platformAccount(accountId: $b) { name } again: platformAccount(accountId: $a) { type } }`, {
    a: first!.id,
    b: second!.id,
  });
  expect(res.data).toEqual({ a: { name: first!.name, status: first!.status }, b: { name: second!.name }, again: { type: first!.type } });
  const calls = queryCalls(t.sims);
  expect(countByRoute(calls)).toEqual({ 'platform GET /accounts/:account_id': 2 });
  expect(rounds(calls)).toBe(1);
});

it('a key refused before its call fails alone, not the batch it was loaded in', async () => {
  const account = [...t.sims.dxcore.state.accounts.values()][0]!;
  const res = await t.run(gql`query ($c: String!, $n: String!) { bad: account(clearingCode: "..", accountCode: "x") { balance } good: account(clearingCode: $c, accountCode: $n) { balance } }`, {
    c: account.clearingCode,
    n: account.accountCode,
  });
  expect(res.data).toEqual({ bad: null, good: { balance: account.balance } });
  expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.field])).toEqual([[['bad'], 'VALIDATION', 'clearingCode']]);
  expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/account/:clearingCode/:accountCode': 1 });
});
