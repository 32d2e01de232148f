import { encodeGlobalID } from '@pothos/plugin-relay';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, type FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subscribeSse, subscribeWs, until, wsClient } from '../support/events.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { pairKey } from '../../src/graph/loading.ts';
import { logger, logTo } from '../../src/observability/logger.ts';
import { upstreamHealth } from '../../src/upstreams/index.ts';
import { MeDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

type Answer = FormattedExecutionResult<Record<string, unknown>> & { status: number; text: string };

/** A raw POST to /graphql as a partner (or `authorization`), accepting `accept`. */
async function post(url: string, body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${keys.all}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, ...(text.startsWith('{') ? (JSON.parse(text) as FormattedExecutionResult<Record<string, unknown>>) : {}) };
}

const codes = (a: { errors?: readonly { extensions?: Record<string, unknown> }[] | undefined }) => (a.errors ?? []).map((e) => e.extensions?.code);

/** Runs one operation over graphql-ws and collects what came back: results, or the operation's errors. */
async function overWebSocket(url: string, payload: { query: string; variables?: Record<string, unknown> }) {
  const client = wsClient(url, `Bearer ${keys.all}`);
  const got: { results: unknown[]; errors: { message: string; extensions?: Record<string, unknown> }[] | undefined; done: boolean } = { results: [], errors: undefined, done: false };
  client.subscribe(payload, {
    next: (result) => void got.results.push(result),
    error: (errors) => {
      got.errors = Array.isArray(errors) ? errors : [{ message: String(errors) }];
      got.done = true;
    },
    complete: () => {
      got.done = true;
    },
  });
  await until(() => got.done, 'the operation to end');
  await client.dispose();
  return got;
}

/** The issue's query: `aliases` pages of `first` clients, each with two levels of groups and members. */
function nestedClients(first: '$n' | number, aliases = 15): string {
  const page = `clients(first: ${first}) { edges { node { login email accounts { balance } groups { members { email accounts { balance } groups { members { email accounts { balance } } } } } } } }`;
  const selection = Array.from({ length: aliases }, (_, i) => `a${i}: ${page}`).join(' ');
  return first === '$n' ? `query($n: Int!) { ${selection} }` : `{ ${selection} }`;
}

/** One page of clients with their accounts: cheap for a short page, over the cost limit for 500. */
const clientPage = 'query($n: Int!) { clients(first: $n) { edges { node { login email accounts { accountCode balance currency } } } } }';

describe('cost counts variables and multiplies nested lists (default limits)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('the issue’s query is refused with COST_LIMIT_EXCEEDED before any upstream call, whether n = 500 comes as a variable or a literal', async () => {
    for (const query of [nestedClients('$n'), nestedClients(500)]) {
      const res = await post(t.gateway.url, { query, variables: { n: 500 } });
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(['COST_LIMIT_EXCEEDED']);
      expect(res.errors?.[0]?.message).toMatch(/^Query cost \d+ exceeds the limit of \d+/);
      expect(res.data).toBeUndefined();
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('nested lists multiply: one client with groups of members of groups is refused too', async () => {
    const res = await post(t.gateway.url, { query: nestedClients('$n', 1), variables: { n: 1 } });
    expect(codes(res)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('the same document runs for a short page and is refused for 500: the variable decides', async () => {
    const short = await post(t.gateway.url, { query: clientPage, variables: { n: 20 } });
    expect(short.status).toBe(200);
    expect(short.errors).toBeUndefined();
    expect((short.data?.clients as { edges: unknown[] }).edges).toHaveLength(20);
    t.sims.clearCalls();
    const long = await post(t.gateway.url, { query: clientPage, variables: { n: 500 } });
    expect(long.status).toBe(400);
    expect(codes(long)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('over graphql-ws the refusal is the operation’s error (the socket goes on); over SSE it answers before any stream', async () => {
    const ws = await overWebSocket(t.gateway.url, { query: clientPage, variables: { n: 500 } });
    expect(ws.results).toEqual([]);
    expect(ws.errors?.map((e) => e.extensions?.code)).toEqual(['COST_LIMIT_EXCEEDED']);
    const fine = await overWebSocket(t.gateway.url, { query: clientPage, variables: { n: 2 } });
    expect(fine.errors).toBeUndefined();
    expect(fine.results).toHaveLength(1);
    t.sims.clearCalls();
    const sse = await post(t.gateway.url, { query: clientPage, variables: { n: 500 } }, { accept: 'text/event-stream' });
    expect(sse.text).toContain('COST_LIMIT_EXCEEDED');
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('the cost arithmetic (GRAPHQL_LIMITS cost 52)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ cost: 52 }) });
  });
  afterAll(() => t.close());

  // Each field 1, times the items of every list above it: a group's members are assumed 50, a connection's page is `first` (else 20).
  it.each([
    { what: 'a group with its members’ emails, 1 + (1 + 50 × 1),', query: '{ clientGroup(domain: "default", name: "retail") { members { email } } }', cost: 52 },
    { what: 'and its name', query: '{ clientGroup(domain: "default", name: "retail") { name members { email } } }', cost: 53 },
    { what: '17 clients’ logins, 1 + 17 × (edges 1 + node 1 + login 1),', query: '{ clients(first: 17) { edges { node { login } } } }', cost: 52 },
    { what: '18 of them', query: '{ clients(first: 18) { edges { node { login } } } }', cost: 55 },
    { what: 'the default page of 20', query: '{ clients { edges { node { login } } } }', cost: 61 },
  ])('$what costs $cost', async ({ query, cost }) => {
    const res = await post(t.gateway.url, { query });
    if (cost <= 52) expect(res.errors).toBeUndefined();
    else expect(res.errors?.[0]?.message).toBe(`Query cost ${cost} exceeds the limit of 52: ask for smaller pages or fewer nested lists`);
  });
});

describe('hard budgets per request (GRAPHQL_LIMITS: 5 upstream calls, 3 node ids, 4 KiB of response)', () => {
  let t: TestGateway;
  const clients = () => [...t.sims.dxcore.state.clients.values()];
  beforeAll(async () => {
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ upstreamCalls: 5, nodeIds: 3, responseBytes: 4096 }) });
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('the calls past the budget are never sent; their fields answer UPSTREAM_CALL_BUDGET_EXCEEDED, the rest their data', async () => {
    const ten = clients().slice(0, 10);
    const res = await post(t.gateway.url, { query: `{ ${ten.map((c, i) => `c${i}: client(domain: "${c.domain}", login: "${c.login}") { email }`).join(' ')} }` });
    expect(res.status).toBe(200);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 5 });
    expect(Object.values(res.data ?? {}).filter((v) => v !== null)).toHaveLength(5);
    expect(codes(res)).toEqual(Array(5).fill('UPSTREAM_CALL_BUDGET_EXCEEDED'));
    expect(res.errors?.[0]?.message).toMatch(/not called: this request has made its 5 upstream calls/);
  });

  it('each request has a budget of its own', async () => {
    for (let round = 0; round < 3; round++) {
      const four = clients().slice(round * 4, round * 4 + 4);
      const res = await post(t.gateway.url, { query: `{ ${four.map((c, i) => `c${i}: client(domain: "${c.domain}", login: "${c.login}") { email }`).join(' ')} }` });
      expect(res.errors).toBeUndefined();
    }
    expect(queryCalls(t.sims)).toHaveLength(12);
  });

  it('the service session’s login, made for everyone, is not charged to the request that needed it', async () => {
    const session = t.gateway.upstreams.dxcore.session;
    session.invalidate(await session.authorization());
    const five = clients().slice(0, 5);
    const res = await post(t.gateway.url, { query: `{ ${five.map((c, i) => `c${i}: client(domain: "${c.domain}", login: "${c.login}") { email }`).join(' ')} }` });
    expect(res.errors).toBeUndefined();
    expect(t.sims.dxcore.server.calls.filter((c) => c.route === 'POST /login')).toHaveLength(1);
    expect(queryCalls(t.sims)).toHaveLength(5);
  });

  it('nodes(ids:) with more ids than allowed is refused with MAX_NODE_IDS_EXCEEDED before any call; as many as allowed run', async () => {
    const ids = clients().slice(0, 4).map((c) => encodeGlobalID('Client', pairKey(c.domain, c.login)));
    const over = await post(t.gateway.url, { query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Client { email } } }', variables: { ids } });
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual(['MAX_NODE_IDS_EXCEEDED']);
    expect(over.errors?.[0]?.message).toBe('nodes(ids:) takes at most 3 ids, got 4');
    expect(queryCalls(t.sims)).toEqual([]);
    const within = await post(t.gateway.url, { query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Client { email } } }', variables: { ids: ids.slice(0, 3) } });
    expect(within.errors).toBeUndefined();
    expect(within.data?.nodes).toHaveLength(3);
  });

  it('an answer larger than the response budget is replaced by RESPONSE_TOO_LARGE; a smaller one is sent', async () => {
    const big = await post(t.gateway.url, { query: clientPage, variables: { n: 60 } });
    expect(big.status).toBe(200);
    expect(big.data).toBeNull();
    expect(codes(big)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(big.errors?.[0]?.message).toMatch(/^The answer \(\d+ bytes\) exceeds the response limit of 4096 bytes/);
    expect(big.text.length).toBeLessThan(1024);
    const small = await post(t.gateway.url, { query: clientPage, variables: { n: 2 } });
    expect(small.errors).toBeUndefined();
    expect((small.data?.clients as { edges: unknown[] }).edges).toHaveLength(2);
  });

  it('over graphql-ws the response budget applies to the result too', async () => {
    const ws = await overWebSocket(t.gateway.url, { query: clientPage, variables: { n: 60 } });
    expect(ws.results).toEqual([{ data: null, errors: [expect.objectContaining({ extensions: { code: 'RESPONSE_TOO_LARGE' } })] }]);
  });
});

describe('each subscription event has budgets of its own (GRAPHQL_LIMITS: 2 upstream calls, 1 KiB of response)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ upstreamCalls: 2, responseBytes: 1024 }) });
  });
  afterAll(() => t.close());

  const deposit = (account: { clearingCode: string; accountCode: string; currency: string }) =>
    post(t.gateway.url, {
      query: 'mutation ($input: TransferInput!) { depositFunds(input: $input) { __typename } }',
      variables: { input: { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 10, currency: account.currency } },
    });

  it('every event may make 2 upstream calls: its account and broker arrive, the broker’s parent’s name (a third call) is refused, event after event', async () => {
    const account = [...t.sims.dxcore.state.accounts.values()].find((a) => a.status === 'FULL_TRADING' && a.brokerCode === 'ACME_EU')!;
    const events = gql`subscription ($accountCode: String) { clientEvents(accountCode: $accountCode) { account { balance broker { name parent { name } } } } }`;
    const ws = subscribeWs(wsClient(t.gateway.url, `Bearer ${keys.all}`), events, { accountCode: account.accountCode });
    await until(() => t.gateway.events.size === 1, 'the subscriber to register');
    for (let i = 0; i < 2; i++) expect((await deposit(account)).data).toEqual({ depositFunds: { __typename: 'TransferSuccess' } });
    const results = await ws.waitFor(2);
    for (const result of results) {
      expect(result.data).toEqual({ clientEvents: { account: { balance: expect.any(Number), broker: { name: 'Acme Securities Europe', parent: { name: null } } } } });
      expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['clientEvents.account.broker.parent.name', 'UPSTREAM_CALL_BUDGET_EXCEEDED']]);
    }
    await ws.close();
    await until(() => t.gateway.events.size === 0, 'the subscriber to go');
  });

  it('an event too large arrives as RESPONSE_TOO_LARGE with its event id, over SSE; a small one over graphql-ws arrives whole', async () => {
    const account = [...t.sims.dxcore.state.accounts.values()].find((a) => a.status === 'FULL_TRADING')!;
    const accountFields = Array.from({ length: 8 }, (_, i) => `a${i}: account { clearingCode accountCode currency balance status accountType broker { code name } }`).join(' ');
    const big = parse(`subscription ($accountCode: String) { clientEvents(accountCode: $accountCode) { id ${accountFields} } }`) as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;
    const small = gql`subscription ($accountCode: String) { clientEvents(accountCode: $accountCode) { id type } }`;
    const sse = await subscribeSse(t.gateway.url, big, { variables: { accountCode: account.accountCode }, authorization: `Bearer ${keys.all}` });
    const ws = subscribeWs(wsClient(t.gateway.url, `Bearer ${keys.all}`), small, { accountCode: account.accountCode });
    await until(() => t.gateway.events.size === 2, 'both subscribers to register');
    expect((await deposit(account)).data).toEqual({ depositFunds: { __typename: 'TransferSuccess' } });
    const [tooLarge] = await sse.waitFor(1);
    const [whole] = await ws.waitFor(1);
    expect(whole?.data).toEqual({ clientEvents: { id: expect.any(String), type: 'FUNDS_DEPOSITED' } });
    expect(tooLarge).toMatchObject({ data: null, errors: [{ extensions: { code: 'RESPONSE_TOO_LARGE' } }] });
    expect(sse.messages[0]?.id).toBe((whole?.data as { clientEvents: { id: string } }).clientEvents.id);
    await Promise.all([sse.close(), ws.close()]);
  });
});

describe('one caller cannot take an upstream from the others (dxCore: 4 calls in flight, 4 waiting)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { UPSTREAM_RESILIENCE: JSON.stringify({ dxcore: { maxConcurrent: 4, maxQueued: 4 } }) });
  });
  afterAll(() => t.close());

  it('a partner flooding dxCore with slow reads leaves room for an end user’s me, which answers', async () => {
    const alice = await loginAs(t, { login: 'alice.martin0', domain: 'default' });
    const others = [...t.sims.dxcore.state.clients.values()].filter((c) => c.login !== 'alice.martin0').slice(0, 14);
    t.sims.clearCalls();
    t.sims.dxcore.server.setFaults({ 'GET /api/register/client/:domain/:login': { latencyMs: 300 } });
    const flood = post(t.gateway.url, { query: `{ ${others.map((c, i) => `c${i}: client(domain: "${c.domain}", login: "${c.login}") { email }`).join(' ')} }` }, { authorization: `Bearer ${keys.reader}` });
    await until(() => upstreamHealth(t.gateway.upstreams).dxcore.inFlight > 0, 'the flood to reach dxCore');
    const me = await t.run(MeDocument, {}, alice);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me?.login).toBe('alice.martin0');
    const flooded = await flood;
    // The flood holds at most 3 of the 4 slots, never the queue; 4 more of its calls wait in a line of its own, the other 7 are refused at once.
    expect(Object.values(flooded.data ?? {}).filter((v) => v !== null)).toHaveLength(7);
    expect(flooded.errors?.map((e) => e.message)).toEqual(Array(7).fill(expect.stringMatching(/too many calls in progress for this caller: not called/)));
    expect(codes(flooded)).toEqual(Array(7).fill('UPSTREAM_UNAVAILABLE'));
    const reads = queryCalls(t.sims).filter((c) => c.route === 'GET /api/register/client/:domain/:login');
    expect(reads.map((c) => c.path)).toContain('/api/register/client/default/alice.martin0');
    expect(reads).toHaveLength(8);
    expect(t.sims.dxcore.server.peakInFlight).toBeLessThanOrEqual(4);
  });
});

describe('a large operation takes turns with the others (limits raised to admit 100 pages of 60 clients)', () => {
  let t: TestGateway;
  const lines: string[] = [];
  let restoreLogs: () => void;
  const previousLevel = logger.level;
  beforeAll(async () => {
    restoreLogs = logTo({ write: (line: string) => void lines.push(line) });
    logger.level = 'info';
    t = await startTestGateway({}, { GRAPHQL_LIMITS: JSON.stringify({ cost: 1_000_000, aliases: 100, tokens: 5000, responseBytes: 50_000_000 }) });
  });
  afterAll(async () => {
    await t.close();
    restoreLogs();
    logger.level = previousLevel;
  });

  it('a broker read answered while 100 pages of clients resolve finishes first, not after them', async () => {
    // The client list comes back at 100 ms, the broker at 300 ms; resolving 100 × 60 clients × 20 fields takes far longer than 200 ms.
    t.sims.dxcore.server.setFaults({ 'GET /api/register/client': { latencyMs: 100 }, 'GET /api/register/broker/:brokerCode': { latencyMs: 300 } });
    const fields = 'login domain fullName email brokerCode type status dxFeedAccountId passwordExpiry passwordReset createdAt lastLogin birthPlace birthDate citizenship phone insuranceNumber company contractDate comments';
    const pages = Array.from({ length: 100 }, (_, i) => `p${i}: clients(first: 60) { edges { node { ...F } } }`).join(' ');
    const [pagesAnswer, brokerAnswer] = await Promise.all([
      post(t.gateway.url, { query: `query Pages { ${pages} } fragment F on Client { ${fields} }` }),
      post(t.gateway.url, { query: 'query Broker { broker(code: "ACME") { name } }' }),
    ]);
    expect(pagesAnswer.errors).toBeUndefined();
    expect(brokerAnswer.data).toEqual({ broker: { name: 'Acme Securities' } });
    // The gateway logs each operation as it finishes.
    const finished = lines.map((line) => JSON.parse(line) as { msg?: string; operation?: string }).filter((l) => l.msg === 'graphql operation').map((l) => l.operation);
    expect(finished).toEqual(['Broker', 'Pages']);
  });
});

describe('each limit answers its HTTP status whatever the caller accepts', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  const refused = {
    MAX_DEPTH_EXCEEDED: `{ broker(code: "B") { ${'parent { '.repeat(12)}code${' }'.repeat(12)} } }`,
    MAX_ALIASES_EXCEEDED: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: broker(code: "B") { code }`).join(' ')} }`,
    MAX_TOKENS_EXCEEDED: `{ ${'__typename '.repeat(1000)}}`,
    MAX_DIRECTIVES_EXCEEDED: `{ __typename ${'@include(if: true) '.repeat(51)}}`,
    COST_LIMIT_EXCEEDED: nestedClients(500),
  };

  it.each(Object.entries(refused))('%s: 400 for application/graphql-response+json and for application/json; over graphql-ws the operation’s error', async (code, query) => {
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const res = await post(t.gateway.url, { query }, { accept });
      expect([res.status, codes(res)], accept).toEqual([400, [code]]);
    }
    const ws = await overWebSocket(t.gateway.url, { query });
    expect([ws.results, ws.errors?.map((e) => e.extensions)]).toEqual([[], [{ code }]]);
  });
});

describe('the budgets are settings, checked at start', () => {
  const urls = { DXCORE_URL: 'http://127.0.0.1:1', DXCORE_USERNAME: 'u', DXCORE_DOMAIN: 'd', DXCORE_PASSWORD: 'p', RETAIL_URL: 'http://127.0.0.1:2', RETAIL_API_KEY: 'r', PLATFORM_URL: 'http://127.0.0.1:3', PLATFORM_API_KEY: 'k' };

  it('GRAPHQL_LIMITS sets cost, upstreamCalls, nodeIds and responseBytes over their defaults (3500, 40, 100, 1 MiB)', () => {
    expect(loadConfig(urls).security.limits).toMatchObject({ cost: 3500, upstreamCalls: 40, nodeIds: 100, responseBytes: 1024 * 1024 });
    expect(loadConfig({ ...urls, GRAPHQL_LIMITS: '{"upstreamCalls": 20, "nodeIds": 10, "responseBytes": 65536}' }).security.limits).toMatchObject({ upstreamCalls: 20, nodeIds: 10, responseBytes: 65536 });
  });

  it.each([
    ['GRAPHQL_LIMITS', '{"upstreamCalls": 0}', 'GRAPHQL_LIMITS upstreamCalls: Too small: expected number to be >0'],
    ['GRAPHQL_LIMITS', '{"nodeIds": 1.5}', 'GRAPHQL_LIMITS nodeIds: Invalid input: expected int, received number'],
    ['GRAPHQL_LIMITS', '{"responseBytes": 10}', 'GRAPHQL_LIMITS responseBytes: Too small: expected number to be >=1024'],
    ['UPSTREAM_RESILIENCE', '{"dxcore": {"maxPerCaller": 0}}', 'UPSTREAM_RESILIENCE dxcore.maxPerCaller: Too small: expected number to be >0'],
    ['UPSTREAM_RESILIENCE', '{"*": {"maxQueuedPerCaller": -1}}', 'UPSTREAM_RESILIENCE *.maxQueuedPerCaller: Too small: expected number to be >=0'],
  ])('%s=%s is a ConfigError naming the setting', (name, value, message) => {
    expect(() => loadConfig({ ...urls, [name]: value })).toThrow(new ConfigError(message));
  });
});
