import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TraderDashboardDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const firstError = (res: { errors?: readonly { extensions?: Record<string, unknown>; message: string }[] }) => res.errors?.[0];

describe('documented read errors', () => {
  it.each([
    ['unknown client', gql`{ client(domain: "default", login: "nobody") { fullName } }`, 'CLIENT_NOT_FOUND', 'dxcore', '30001'],
    ['unknown account', gql`{ account(clearingCode: "acme", accountCode: "nope") { balance } }`, 'ACCOUNT_NOT_FOUND', 'dxcore', '30007'],
    ['unknown broker', gql`{ broker(code: "NOPE") { name } }`, 'BROKER_NOT_FOUND', 'dxcore', '30002'],
    ['unknown client group', gql`{ clientGroup(domain: "default", name: "nope") { members { login } } }`, 'CLIENT_GROUP_NOT_FOUND', 'dxcore', '30003'],
    ['unknown notification', gql`{ notification(id: "999999") { deliveries { recipient } } }`, 'NOTIFICATION_NOT_FOUND', 'dxcore', '30019'],
    ['bad recipients format', gql`{ notification(id: "1001") { deliveries(recipients: ["nodomain"]) { recipient } } }`, 'VALIDATION', 'dxcore', '30020'],
    ['unknown market-data account', gql`{ marketDataAccount(accountId: "nope") { email } }`, 'MARKET_DATA_ACCOUNT_NOT_FOUND', 'retail', 'ACCOUNT_NOT_FOUND'],
    ['malformed market-data email', gql`{ marketDataAccountByEmail(email: "not-an-email") { email } }`, 'VALIDATION', 'retail', 'BAD_REQUEST'],
    ['unknown Platform account', gql`{ platformAccount(accountId: "9c36af78-91a0-4174-a515-fc81214e3dab") { name } }`, 'PLATFORM_ACCOUNT_NOT_FOUND', 'platform', 'ACCOUNT_NOT_FOUND'],
  ])('%s: stable code, the upstream code kept', async (_, doc, code, upstream, upstreamCode) => {
    const res = await t.run(doc);
    const error = firstError(res)!;
    expect(error.extensions).toMatchObject({ code, upstream: { name: upstream, code: upstreamCode } });
    expect(error.message).toContain(upstreamCode);
    expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|stack|DXAPI|Bearer/);
  });

  it('locates the error at the failing field and keeps the rest of the answer', async () => {
    const res = await t.run(gql`{ ok: broker(code: "ACME") { name } missing: broker(code: "NOPE") { name } }`);
    expect(res.data).toEqual({ ok: { name: 'Acme Securities' }, missing: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.path).toEqual(['missing']);
  });
});

describe('callers', () => {
  const trader = () => [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED' && c.domain === 'default')!;

  it('refuses an unknown key with 401 UNAUTHENTICATED before any upstream call', async () => {
    const res = await t.run(TraderDashboardDocument, { domain: 'default', login: 'x' }, 'Bearer not-a-key');
    expect(res.status).toBe(401);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await t.run(gql`{ brokers(first: 1) { totalCount } }`, undefined, 'Basic abc');
    expect(res.status).toBe(401);
  });

  it('answers UNAUTHENTICATED to anything but login without credentials', async () => {
    const res = await t.run(gql`{ brokers(first: 1) { totalCount } }`, undefined, null);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await loginAs(t, trader())).toMatch(/^DXAPI \S+$/);
  });

  it('answers FORBIDDEN to a key without the read scope', async () => {
    const res = await t.run(gql`{ brokers(first: 1) { totalCount } }`, undefined, `Bearer ${keys.writer}`);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it("keeps an end user to their own client and away from back-office lists", async () => {
    const me = trader();
    const other = [...t.sims.dxcore.state.clients.values()].find((c) => c.login !== me.login)!;
    const auth = await loginAs(t, me);
    const own = await t.run(TraderDashboardDocument, { domain: me.domain, login: me.login }, auth);
    expect(own.errors).toBeUndefined();
    expect(own.data!.client!.login).toBe(me.login);
    const foreign = await t.run(TraderDashboardDocument, { domain: other.domain, login: other.login }, auth);
    expect(firstError(foreign)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const list = await t.run(gql`{ clients(first: 1) { totalCount } }`, undefined, auth);
    expect(firstError(list)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    // dxCore itself refuses the user's token on someone else's account.
    const account = [...t.sims.dxcore.state.accounts.values()].find((a) => a.owner !== `${me.domain}@${me.login}`)!;
    const foreignAccount = await t.run(gql`query($c: String!, $a: String!) { account(clearingCode: $c, accountCode: $a) { balance } }`, { c: account.clearingCode, a: account.accountCode }, auth);
    expect(firstError(foreignAccount)!.extensions).toMatchObject({ code: 'FORBIDDEN', upstream: { code: '20020' } });
  });

  it('refuses a DXAPI token the gateway did not issue', async () => {
    const res = await t.run(gql`{ me { login } }`, undefined, 'DXAPI made-up');
    expect(res.status).toBe(401);
  });
});

describe('the service session', () => {
  it('recovers from an expired session without the caller noticing: one re-login, one retry', async () => {
    const trader = [...t.sims.dxcore.state.clients.values()][0]!;
    t.sims.dxcore.expireSessions();
    t.sims.clearCalls();
    const res = await t.run(gql`query($d: String!, $l: String!) { client(domain: $d, login: $l) { fullName } }`, { d: trader.domain, l: trader.login });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ client: { fullName: trader.fullName } });
    const dx = t.sims.dxcore.server.calls.map((c) => `${c.route} ${c.status}`);
    expect(dx).toEqual(['GET /api/register/client/:domain/:login 401', 'POST /login 200', 'GET /api/register/client/:domain/:login 200']);
  });
});

describe('fields the parent already holds', () => {
  it('marketDataAccount { id } and broker { code } make no Retail or broker call', async () => {
    const trader = [...t.sims.dxcore.state.clients.values()].find((c) => c.dxFeedAccountId)!;
    const res = await t.run(gql`query($d: String!, $l: String!) { client(domain: $d, login: $l) { marketDataAccount { id accountId } broker { code } } }`, { d: trader.domain, l: trader.login });
    expect(res.data).toMatchObject({ client: { marketDataAccount: { accountId: trader.dxFeedAccountId }, broker: { code: trader.brokerCode } } });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 1 });
  });

  it('node(id) loads any entity by its global id', async () => {
    const first = await t.run(gql`{ brokers(first: 1) { edges { node { id name } } } }`);
    const broker = (first.data as { brokers: { edges: { node: { id: string; name: string } }[] } }).brokers.edges[0]!.node;
    const node = await t.run(gql`query($id: ID!) { node(id: $id) { id ... on Broker { name } } }`, { id: broker.id });
    expect(node.data).toEqual({ node: broker });
  });
});

describe('local schema checks', () => {
  it('rejects bad variables before any upstream call', async () => {
    const res = await t.run(gql`query($f: Int!) { accounts(first: $f) { totalCount } }`, { f: 'ten' });
    expect(res.errors?.[0]?.message).toMatch(/Int/);
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('a query answers as graphql-js executes it, one operation in its document or several', () => {
  /** The same query alone, and beside another operation after it in one document (named by operationName). */
  const both = async (query: string, variables: Record<string, unknown>) => {
    const run = async (text: string) => {
      const res = await fetch(`${t.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${keys.all}` },
        body: JSON.stringify({ query: text, operationName: 'Q', variables }),
      });
      const { data, errors } = (await res.json()) as { data?: unknown; errors?: { locations?: unknown }[] };
      return { data, errors };
    };
    const named = query.replace(/^query/, 'query Q');
    return { alone: await run(named), beside: await run(`${named} query Other { __typename }`) };
  };

  it('field errors carry their locations', async () => {
    const { alone, beside } = await both('query { node(id: "Zm9v") { id } }', {});
    expect(alone).toEqual(beside);
    expect(alone.errors?.[0]).toMatchObject({ locations: [{ line: 1, column: 11 }] });
  });

  it('@include and @skip with a null variable are an error, not a dropped field', async () => {
    for (const directive of ['@include(if: $v)', '@skip(if: $v)']) {
      const { alone, beside } = await both(`query ($v: Boolean = true) { brokers(first: 1) { edges { node { code ${directive} name } } } }`, { v: null });
      expect(alone, directive).toEqual(beside);
      expect(alone.errors?.length, directive).toBe(1);
    }
  });
});

describe('bad requests: a stable code, nothing of the request echoed', () => {
  const post = async (body: string, accept: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body });
    return { status: res.status, text: await res.text() };
  };

  it('a variable that does not fit its type is 400 BAD_USER_INPUT, naming the variable and why, without the value sent', async () => {
    const login = JSON.stringify({
      query: 'mutation ($i: LoginInput!) { login(input: $i) { __typename } }',
      variables: { i: { username: 'alice.martin0', domain: 'default', password: 'Secret-pw-1', extra: 1 } },
    });
    const long = JSON.stringify({ query: 'query ($f: Int!) { accounts(first: $f) { totalCount } }', variables: { f: 'a'.repeat(10_000) } });
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const misspelt = await post(login, accept);
      expect(misspelt.status).toBe(400);
      expect(JSON.parse(misspelt.text)).toEqual({
        errors: [{ message: 'Variable "$i" got an invalid value; Field "extra" is not defined by type "LoginInput".', locations: [{ line: 1, column: 11 }], extensions: { code: 'BAD_USER_INPUT' } }],
      });
      const tooLong = await post(long, accept, { authorization: `Bearer ${keys.all}` });
      expect(tooLong.status).toBe(400);
      expect(JSON.parse(tooLong.text).errors).toEqual([expect.objectContaining({ message: `Variable "$f" got an invalid value; Int cannot represent non-integer value: "${'a'.repeat(64)}…"`, extensions: { code: 'BAD_USER_INPUT' } })]);
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a body, or a variables or extensions parameter, that is not JSON is 400 BAD_REQUEST, quoting none of it (was: the body in extensions.originalError; a 500 for parameters)', async () => {
    const cut = '{"query":"mutation { login(input: {username: \\"a\\", domain: \\"b\\", password: \\"Secret-pw-2';
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const body = await post(cut, accept);
      expect(body).toEqual({ status: 400, text: JSON.stringify({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] }) });
    }
    const notJson = { errors: [{ message: 'The variables or extensions parameter is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] };
    for (const parameter of ['variables', 'extensions']) {
      const query = new URLSearchParams({ query: '{ __typename }', [parameter]: '{"password": "Secret-pw-3' });
      const res = await fetch(`${t.gateway.url}/graphql?${query}`, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 400, body: notJson });
      const form = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' }, body: query.toString() });
      expect({ status: form.status, body: await form.json() }).toEqual({ status: 400, body: notJson });
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe("upstream error text stays in the gateway", () => {
  // What the simulators write in their error bodies (src/simulators/*/errors.ts and routes): the
  // upstream's own words, which may name internals or other customers' data.
  const upstreamWords = /Specified|is not found|not found with|withdrawable amount|Amount exceeds|Bad recipients|Invalid value/i;

  it.each([
    ['a read refused by dxCore', gql`{ notification(id: "999999") { deliveries { recipient } } }`],
    ['a read refused by dxCore with details', gql`{ notification(id: "1001") { deliveries(recipients: ["nodomain"]) { recipient } } }`],
    ['a read refused by Retail', gql`{ marketDataAccount(accountId: "nope") { email } }`],
  ])('%s: the caller gets the codes and what they mean, not the upstream text', async (_, doc) => {
    const res = await t.run(doc);
    expect(firstError(res)!.extensions?.upstream).toBeDefined();
    expect(JSON.stringify(res)).not.toMatch(upstreamWords);
  });

  it('a write refused by dxCore: the error member keeps the stable and upstream codes, not the upstream text (here: the balance)', async () => {
    const account = [...t.sims.dxcore.state.accounts.values()].find((a) => a.status === 'FULL_TRADING' && a.balance > 0 && a.balance < 1e6)!;
    const res = await t.run(
      gql`mutation ($input: TransferInput!) { withdrawFunds(input: $input) { __typename ... on Error { code message upstream { name status code message } } } }`,
      { input: { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 1e7, currency: account.currency } },
    );
    expect(res.data).toMatchObject({ withdrawFunds: { __typename: 'RejectedError', code: 'INSUFFICIENT_FUNDS', upstream: { name: 'dxcore', code: '30011' } } });
    expect(JSON.stringify(res)).not.toMatch(upstreamWords);
    expect(JSON.stringify(res)).not.toContain(String(account.balance));
  });
});
