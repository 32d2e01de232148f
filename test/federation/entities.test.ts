import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByRoute, keys, loginAs, queryCalls, rounds, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

/** `_entities` as a federation router sends it: one document, the representations as a variable. */
const entities = (selection: string) => gql([`query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ${selection} } }`] as unknown as TemplateStringsArray);

const clientFields = '... on Client { domain login fullName email }';
const allFields = `
  ${clientFields}
  ... on Account { clearingCode accountCode balance currency }
  ... on Broker { code name }
  ... on ClientGroup { domain groupName: name members { login } }
  ... on MarketDataAccount { id email }
  ... on PlatformAccount { id name status }
  ... on Notification { id }
`;

const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);
const writerOnly = `Bearer ${keys.writer}`;

let t: TestGateway;
beforeAll(async () => {
  // Rounds are read from the calls' times: a latency well above the gateway's own gaps (as batching.test.ts).
  t = await startTestGateway({ latencyMs: 150 }, { GRAPHQL_LIMITS: JSON.stringify({ representations: 12 }) });
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const dx = () => t.sims.dxcore.state;
const clients = () => [...dx().clients.values()].filter((c) => c.domain === 'default');

/** The upstream calls of `run`, per route. */
async function callsOf(run: () => Promise<unknown>) {
  t.sims.clearCalls();
  await run();
  return countByRoute(queryCalls(t.sims));
}

describe('_entities resolves representations through the loaders the queries use', () => {
  it('N clients: their data, the same calls as the direct queries, in one round', async () => {
    const [a, b, c] = clients();
    const reps = [a!, b!, c!].map((x) => ({ __typename: 'Client', domain: x.domain, login: x.login }));
    const res = await t.run(entities(clientFields), { representations: reps });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([a!, b!, c!].map((x) => ({ __typename: 'Client', domain: x.domain, login: x.login, fullName: x.fullName ?? null, email: x.email ?? null })));
    const calls = queryCalls(t.sims);
    expect(rounds(calls)).toBe(1);
    expect(new Set(calls.map((call) => call.path)).size).toBe(3);

    const direct = await callsOf(() =>
      t.run(gql`query ($a: String!, $b: String!, $c: String!) { a: client(domain: "default", login: $a) { domain login fullName email } b: client(domain: "default", login: $b) { domain login fullName email } c: client(domain: "default", login: $c) { domain login fullName email } }`, {
        a: a!.login,
        b: b!.login,
        c: c!.login,
      }),
    );
    expect(countByRoute(calls)).toEqual(direct);
    expect(direct).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 3 });
  });

  it('three brokers are one list call, as three broker(code:) are', async () => {
    const codesOfBrokers = [...dx().brokers.keys()].slice(0, 3);
    const res = await t.run(entities('... on Broker { code name }'), { representations: codesOfBrokers.map((code) => ({ __typename: 'Broker', code })) });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual(codesOfBrokers.map((code) => ({ __typename: 'Broker', code, name: dx().brokers.get(code)!.name ?? null })));
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/broker': 1 });
  });

  it('every entity type in one request: each its data, the calls of the direct queries, one round for the entities', async () => {
    const client = clients()[0]!;
    const account = [...dx().accounts.values()][0]!;
    const group = [...dx().clientGroups.values()].find((g) => g.clients.length > 0)!;
    const broker = [...dx().brokers.values()][0]!;
    const feed = [...t.sims.retail.state.accounts.values()].find((x) => x.email)!;
    const platform = [...t.sims.platform.state.accounts.values()][0]!;
    const notification = [...dx().notifications.values()][0]!;
    const representations = [
      { __typename: 'Client', domain: client.domain, login: client.login },
      { __typename: 'Account', clearingCode: account.clearingCode, accountCode: account.accountCode },
      { __typename: 'Broker', code: broker.brokerCode },
      { __typename: 'ClientGroup', domain: group.domain, name: group.name },
      { __typename: 'MarketDataAccount', id: feed.id },
      { __typename: 'PlatformAccount', id: platform.id },
      { __typename: 'Notification', id: notification.id },
    ];
    const res = await t.run(entities(allFields), { representations }, `Bearer ${keys.reader}`);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { __typename: 'Client', domain: client.domain, login: client.login, fullName: client.fullName ?? null, email: client.email ?? null },
      { __typename: 'Account', clearingCode: account.clearingCode, accountCode: account.accountCode, balance: account.balance, currency: account.currency },
      { __typename: 'Broker', code: broker.brokerCode, name: broker.name ?? null },
      { __typename: 'ClientGroup', domain: group.domain, groupName: group.name, members: group.clients.map((m) => ({ login: m.slice(m.indexOf('@') + 1) })) },
      { __typename: 'MarketDataAccount', id: feed.id, email: feed.email },
      { __typename: 'PlatformAccount', id: platform.id, name: platform.name ?? null, status: platform.status },
      { __typename: 'Notification', id: notification.id },
    ]);
    const calls = queryCalls(t.sims);
    // A member's login is in the group record: no member is read.
    expect(rounds(calls)).toBe(1);

    const direct = await callsOf(() =>
      t.run(
        gql`query ($d: String!, $l: String!, $cc: String!, $ac: String!, $b: String!, $gd: String!, $gn: String!, $feed: ID!, $platform: ID!, $n: ID!) {
          client(domain: $d, login: $l) { domain login fullName email }
          account(clearingCode: $cc, accountCode: $ac) { clearingCode accountCode balance currency }
          broker(code: $b) { code name }
          clientGroup(domain: $gd, name: $gn) { domain name members { login } }
          marketDataAccount(accountId: $feed) { id email }
          platformAccount(accountId: $platform) { id name status }
          notification(id: $n) { id }
        }`,
        { d: client.domain, l: client.login, cc: account.clearingCode, ac: account.accountCode, b: broker.brokerCode, gd: group.domain, gn: group.name, feed: feed.id, platform: platform.id, n: notification.id },
        `Bearer ${keys.reader}`,
      ),
    );
    expect(countByRoute(calls)).toEqual(direct);
  });

  it("the keys the graph answers are the representations it takes back (what a router sends)", async () => {
    const read = await t.run(gql`{ platformAccounts(first: 2) { edges { node { id } } } accounts(first: 2) { edges { node { clearingCode accountCode client { domain login marketDataAccount { id } } } } } }`);
    expect(read.errors).toBeUndefined();
    const data = read.data as {
      platformAccounts: { edges: { node: { id: string } }[] };
      accounts: { edges: { node: { clearingCode: string; accountCode: string; client: { domain: string; login: string; marketDataAccount: { id: string } | null } } }[] };
    };
    const accounts = data.accounts.edges.map((e) => e.node);
    const representations = [
      ...data.platformAccounts.edges.map((e) => ({ __typename: 'PlatformAccount', id: e.node.id })),
      ...accounts.map((a) => ({ __typename: 'Account', clearingCode: a.clearingCode, accountCode: a.accountCode })),
      ...accounts.map((a) => ({ __typename: 'Client', domain: a.client.domain, login: a.client.login })),
      ...accounts.flatMap((a) => (a.client.marketDataAccount ? [{ __typename: 'MarketDataAccount', id: a.client.marketDataAccount.id }] : [])),
    ];
    expect(new Set(representations.map((r) => r.__typename)).size).toBe(4);
    const res = await t.run(entities('... on PlatformAccount { id } ... on Account { clearingCode accountCode } ... on Client { domain login } ... on MarketDataAccount { id }'), { representations });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual(representations);
  });

  it('an unknown key is that entity null with the upstream not-found code; the others answer', async () => {
    const [known] = clients();
    const res = await t.run(entities(clientFields), {
      representations: [
        { __typename: 'Client', domain: 'default', login: 'nobody.here' },
        { __typename: 'Client', domain: known!.domain, login: known!.login },
      ],
    });
    expect(res.data?._entities).toEqual([null, expect.objectContaining({ login: known!.login })]);
    expect(codes(res)).toEqual(['CLIENT_NOT_FOUND']);
    expect(res.errors?.[0]?.path).toEqual(['_entities', 0]);
  });

  it('answers exactly one entry per representation, in order, however many fail (a router matches them by position)', async () => {
    const [known] = clients();
    const unknown = { __typename: 'Client', domain: 'default', login: 'nobody.here' };
    for (const failing of [2, 10]) {
      const res = await t.run(entities(clientFields), { representations: [...Array.from({ length: failing }, () => unknown), { __typename: 'Client', domain: known!.domain, login: known!.login }] });
      expect(res.data?._entities).toEqual([...Array.from({ length: failing }, () => null), expect.objectContaining({ login: known!.login })]);
      expect(res.errors?.map((e) => e.path)).toEqual(Array.from({ length: failing }, (_, i) => ['_entities', i]));
    }
  });
});

describe('_entities keeps the graph scopes', () => {
  it("an end user resolves their own client and accounts; another client's representation is refused before any call", async () => {
    const alice = dx().client('default', 'alice.martin0')!;
    const own = [...dx().accounts.values()].find((a) => a.owner === `${alice.domain}@${alice.login}`)!;
    const auth = await loginAs(t, alice);
    const bob = clients().find((c) => c.login !== alice.login)!;
    t.sims.clearCalls();
    const res = await t.run(
      entities(`${clientFields} ... on Account { clearingCode accountCode balance }`),
      {
        representations: [
          { __typename: 'Client', domain: alice.domain, login: alice.login },
          { __typename: 'Client', domain: bob.domain, login: bob.login },
          { __typename: 'Account', clearingCode: own.clearingCode, accountCode: own.accountCode },
        ],
      },
      auth,
    );
    const answered = res.data?._entities as unknown[];
    expect(answered[0]).toMatchObject({ login: alice.login, email: alice.email ?? null });
    expect(answered[1]).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 1], 'FORBIDDEN']]);
    expect(answered[2]).toEqual({ __typename: 'Account', clearingCode: own.clearingCode, accountCode: own.accountCode, balance: own.balance });
    const calls = queryCalls(t.sims);
    expect(calls.some((call) => call.path.includes(encodeURIComponent(bob.login)))).toBe(false);
  });

  it("another client's account goes to dxCore with the end user's session, which refuses it; a read key gets it", async () => {
    const alice = dx().client('default', 'alice.martin0')!;
    const other = [...dx().accounts.values()].find((a) => a.owner !== `${alice.domain}@${alice.login}`)!;
    const representations = [{ __typename: 'Account', clearingCode: other.clearingCode, accountCode: other.accountCode }];
    const asUser = await t.run(entities('... on Account { accountCode balance }'), { representations }, await loginAs(t, alice));
    expect(asUser.data?._entities).toEqual([null]);
    expect(codes(asUser)).not.toEqual([]);
    expect(JSON.stringify(asUser)).not.toContain(String(other.balance));
    const asReader = await t.run(entities('... on Account { accountCode balance }'), { representations }, `Bearer ${keys.reader}`);
    expect(asReader.data?._entities).toEqual([{ __typename: 'Account', accountCode: other.accountCode, balance: other.balance }]);
  });

  it('back-office entities need read: an end user and a write-only key are refused each one, with no call', async () => {
    const platform = [...t.sims.platform.state.accounts.values()][0]!;
    const alice = await loginAs(t, { domain: 'default', login: 'alice.martin0' });
    for (const auth of [alice, writerOnly]) {
      t.sims.clearCalls();
      const res = await t.run(entities('... on PlatformAccount { name }'), { representations: [{ __typename: 'PlatformAccount', id: platform.id }] }, auth);
      expect(res.data?._entities).toEqual([null]);
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(queryCalls(t.sims)).toEqual([]);
    }
  });

  it('an anonymous caller is refused UNAUTHENTICATED, with no call', async () => {
    const res = await t.run(entities(clientFields), { representations: [{ __typename: 'Client', domain: 'default', login: 'alice.martin0' }] }, null);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data).toBeNull();
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

const rep = (login: string) => ({ __typename: 'Client', domain: 'default', login });

describe('_entities limits', () => {

  it('more representations than GRAPHQL_LIMITS representations is refused whole, 400 MAX_REPRESENTATIONS_EXCEEDED, with no call; as many run', async () => {
    const logins = clients().slice(0, 13).map((c) => c.login);
    const over = await t.run(entities('... on Client { fullName }'), { representations: logins.map(rep) });
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual(['MAX_REPRESENTATIONS_EXCEEDED']);
    expect(queryCalls(t.sims)).toEqual([]);
    const within = await t.run(entities('... on Client { fullName }'), { representations: logins.slice(0, 12).map(rep) });
    expect(within.errors).toBeUndefined();
    expect(within.data?._entities).toHaveLength(12);
  });

  it('a representation naming no entity is refused whole as VALIDATION, quoting it short, with no call', async () => {
    const res = await t.run(entities('... on Client { fullName }'), { representations: [rep('alice.martin0'), { __typename: `Query${'x'.repeat(200)}` }] });
    expect(codes(res)).toEqual(['VALIDATION']);
    expect(res.errors?.[0]?.message.length).toBeLessThan(150);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a key field that is not a string is that entity refused as VALIDATION; the others answer', async () => {
    const res = await t.run(entities('... on Client { login }'), { representations: [{ __typename: 'Client', domain: 'default', login: 42 }, rep('alice.martin0')] });
    expect(res.data?._entities).toEqual([null, { __typename: 'Client', login: 'alice.martin0' }]);
    expect(codes(res)).toEqual(['VALIDATION']);
  });

  it('hostile text in every key field answers coded errors, never a masked one, and sends no unsafe path upstream', async () => {
    const hostile = ['.', '..', '', '\uD800', 'a\u0000b', 'x'.repeat(300), '../../api/register/broker', 'a/b?c#d'];
    const keyFields: Record<string, string[]> = {
      Client: ['domain', 'login'],
      Account: ['clearingCode', 'accountCode'],
      Broker: ['code'],
      ClientGroup: ['domain', 'name'],
      MarketDataAccount: ['id'],
      PlatformAccount: ['id'],
      Notification: ['id'],
    };
    const representations = Object.entries(keyFields).flatMap(([typename, fields]) =>
      hostile.flatMap((text) => fields.map((field) => ({ __typename: typename, ...Object.fromEntries(fields.map((f) => [f, f === field ? text : 'default'])) }))),
    );
    const seen = new Set<unknown>();
    for (let at = 0; at < representations.length; at += 12) {
      t.sims.clearCalls();
      const res = await t.run(entities('... on Client { fullName } ... on Account { balance } ... on Broker { name } ... on ClientGroup { members { login } } ... on MarketDataAccount { email } ... on PlatformAccount { name } ... on Notification { id }'), {
        representations: representations.slice(at, at + 12),
      });
      expect(res.status).toBeLessThan(500);
      for (const code of codes(res)) seen.add(code);
      const unsafe = queryCalls(t.sims).filter((call) => call.path.split('/').slice(1).some((segment) => segment === '' || segment === '.' || segment === '..'));
      expect(unsafe).toEqual([]);
    }
    // Refused as the same text in a query's argument is: the caller's input, not an upstream's bad answer.
    expect([...seen].sort()).toEqual(['ACCOUNT_NOT_FOUND', 'BROKER_NOT_FOUND', 'CLIENT_GROUP_NOT_FOUND', 'CLIENT_NOT_FOUND', 'MARKET_DATA_ACCOUNT_NOT_FOUND', 'NOTIFICATION_NOT_FOUND', 'VALIDATION']);
  });

  it('the cost multiplies what it selects by the representations', async () => {
    const notification = [...dx().notifications.values()][0]!;
    const reps = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Notification', id: notification.id }));
    const selection = '... on Notification { deliveries { recipient readTime } }';
    const one = await t.run(entities(selection), { representations: reps(1) });
    expect(one.errors).toBeUndefined();
    const two = await t.run(entities(selection), { representations: reps(2) });
    expect(two.status).toBe(400);
    expect(codes(two)).toEqual(['COST_LIMIT_EXCEEDED']);
  });
});

describe('_service', () => {
  it('answers the committed subgraph SDL while introspection is on', async () => {
    const res = await t.run(gql`{ _service { sdl } }`);
    expect(res.data).toEqual({ _service: { sdl: readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8').trimEnd() } });
  });

  it('is refused as introspection is while introspection is off; _entities still answers', async () => {
    const closed = await startTestGateway({}, { GRAPHQL_INTROSPECTION: '' });
    try {
      const res = await closed.run(gql`{ _service { sdl } }`);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.message).toBe('GraphQL introspection has been disabled, but the requested query contained the field "_service".');
      const fetched = await closed.run(entities('... on Client { login }'), { representations: [rep('alice.martin0')] });
      expect(fetched.data?._entities).toEqual([{ __typename: 'Client', login: 'alice.martin0' }]);
    } finally {
      await closed.close();
    }
  });
});
