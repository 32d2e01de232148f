import { request } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { wsClient } from '../support/events.ts';
import { loadConfig } from '../../src/config.ts';
import { startGateway, type RunningGateway } from '../../src/server.ts';
import { startSimulators, type Simulators } from '../../src/simulators/index.ts';
import { keys, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

type Answer = ExecutionResult<Record<string, Record<string, unknown> | null>> & { errors?: { message: string; extensions?: Record<string, unknown> }[] };

/**
 * A raw POST to /graphql (`body` JSON-encoded), anonymous unless `authorization` is given; `from` is
 * the client address (any of 127.0.0.0/8, all loopback), so that one test can be several callers.
 */
function post(url: string, body: unknown, authorization?: string, from = '127.0.0.1'): Promise<{ status: number; body: Answer }> {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(authorization ? { authorization } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, { method: 'POST', headers, localAddress: from, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const loginField = (alias: string, username: string, password: string) =>
  `${alias}: login(input: { username: "${username}", domain: "default", password: "${password}" }) { __typename ... on Error { code } }`;

const enabledClients = (t: TestGateway): DxClient[] => [...t.sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED' && c.domain === 'default');
/** Password tries that reached dxCore (the service session is warm, so each /login is a caller's). */
const dxLogins = ({ sims }: { sims: Simulators }) => sims.dxcore.server.calls.filter((c) => c.route === 'POST /login').length;

describe('one login per request', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('refuses 15 aliased logins in one document before any password is tried', async () => {
    const victim = enabledClients(t)[0]!.login;
    const guesses = Array.from({ length: 15 }, (_, i) => loginField(`g${i}`, victim, `guess-${i}`)).join('\n');
    const res = await post(t.gateway.url, { query: `mutation { ${guesses} }` });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
    expect(dxLogins(t)).toBe(0);
  });

  it('counts logins reached through fragments and in every operation of the document', async () => {
    const victim = enabledClients(t)[0]!.login;
    const documents = [
      `mutation { ...Guess ${loginField('b', victim, 'second')} } fragment Guess on Mutation { ${loginField('a', victim, 'first')} }`,
      `mutation { ... on Mutation { ${loginField('a', victim, 'first')} } ... on Mutation { ${loginField('b', victim, 'second')} } }`,
      `mutation { ...Guess ...Guess } fragment Guess on Mutation { ${loginField('a', victim, 'first')} }`,
      `mutation One { ${loginField('a', victim, 'first')} } mutation Two { ${loginField('a', victim, 'second')} }`,
    ];
    for (const query of documents) {
      const res = await post(t.gateway.url, { query, operationName: query.includes('One') ? 'One' : undefined });
      expect(res.status, query).toBe(400);
      expect(res.body.errors?.[0]?.extensions, query).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
    }
    expect(dxLogins(t)).toBe(0);
  });

  it('refuses a batch of login requests (a JSON array) without trying any', async () => {
    const victim = enabledClients(t)[0]!.login;
    const res = await post(t.gateway.url, [{ query: `mutation { ${loginField('a', victim, 'first')} }` }, { query: `mutation { ${loginField('a', victim, 'second')} }` }]);
    expect(res.status).toBe(400);
    expect(dxLogins(t)).toBe(0);
  });

  it('refuses two logins in one graphql-ws operation with the same code, and the socket goes on', async () => {
    const victim = enabledClients(t)[0]!;
    const client = wsClient(t.gateway.url);
    try {
      const run = (query: string) =>
        new Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown }>((resolve) => {
          let got: { errors?: readonly { extensions?: Record<string, unknown> }[]; data?: unknown } = {};
          client.subscribe({ query }, { next: (r) => (got = r as typeof got), error: (e) => resolve({ errors: e as never }), complete: () => resolve(got) });
        });
      const refused = await run(`mutation { ${loginField('a', victim.login, 'first')} ${loginField('b', victim.login, 'second')} }`);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
      expect(dxLogins(t)).toBe(0);
      const one = await run(`mutation { ${loginField('a', victim.login, seededClientPassword)} }`);
      expect(one.data).toEqual({ a: { __typename: 'Session' } });
      expect(dxLogins(t)).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it('counts checkLogin and marketDataToken as credential checks too: one per request, whatever the mix', async () => {
    const victim = enabledClients(t)[0]!;
    const check = (alias: string, password: string) => `${alias}: checkLogin(input: { login: "${victim.login}", domain: "default", password: "${password}" }) { __typename }`;
    const token = (alias: string, password: string) => `${alias}: marketDataToken(input: { login: "trader", password: "${password}" }) { __typename }`;
    const documents = [
      `mutation { ${Array.from({ length: 15 }, (_, i) => token(`t${i}`, `guess-${i}`)).join(' ')} }`,
      `mutation { ${check('a', 'first')} ${check('b', 'second')} }`,
      `mutation { ${loginField('a', victim.login, 'first')} ${check('b', 'second')} }`,
      `mutation { ${token('a', 'first')} ...More } fragment More on Mutation { ${loginField('b', victim.login, 'second')} }`,
    ];
    for (const query of documents) {
      const res = await post(t.gateway.url, { query }, `Bearer ${keys.all}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors?.[0]?.extensions, query).toMatchObject({ code: 'MAX_LOGINS_EXCEEDED' });
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('lets one login through, with one dxCore /login', async () => {
    const user = enabledClients(t)[1]!;
    const res = await post(t.gateway.url, { query: `mutation { ${loginField('only', user.login, seededClientPassword)} }` });
    expect(res.body.data).toEqual({ only: { __typename: 'Session' } });
    expect(dxLogins(t)).toBe(1);
  });
});

type LoginAnswer = { __typename: string; code?: string; message?: string; retryAfter?: number; token?: string };

/** One anonymous `login` through the gateway at `url`, from the client address `from`. */
async function tryLogin(url: string, username: string, password: string, domain = 'default', from?: string): Promise<LoginAnswer> {
  const res = await post(url, {
    query: `mutation ($input: LoginInput!) { login(input: $input) { __typename ... on Session { token } ... on Error { code message } ... on LoginThrottledError { retryAfter } } }`,
    variables: { input: { username, domain, password } },
  }, undefined, from);
  if (!res.body.data?.login) throw new Error(JSON.stringify(res.body));
  return res.body.data.login as LoginAnswer;
}

const wrong = (t: TestGateway, username: string, from?: string) => tryLogin(t.gateway.url, username, 'wrong-password', 'default', from);
const right = (t: TestGateway, username: string, from?: string) => tryLogin(t.gateway.url, username, seededClientPassword, 'default', from);

describe('failed logins per username', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { LOGIN_LIMITS: JSON.stringify({ userFailures: 3, addressFailures: 50, blockSeconds: 600 }) });
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('refuses a username after 3 failures in a row, even with the right password, without asking dxCore', async () => {
    const [victim, bystander] = enabledClients(t);
    for (let i = 0; i < 3; i++) expect(await wrong(t, victim!.login)).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
    const refused = await right(t, victim!.login);
    expect(refused).toMatchObject({ __typename: 'LoginThrottledError', code: 'LOGIN_THROTTLED' });
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.retryAfter).toBeLessThanOrEqual(600);
    expect(dxLogins(t)).toBe(3);
    // The address is not blocked: another user logs in.
    expect((await right(t, bystander!.login)).__typename).toBe('Session');
  });

  it('answers a username that does not exist exactly as one that does', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await wrong(t, 'no.such.user'));
    const victim = enabledClients(t)[2]!;
    const known = [];
    for (let i = 0; i < 4; i++) known.push(await wrong(t, victim.login));
    const shape = (a: LoginAnswer) => ({ ...a, message: a.message?.replace(/\d+/g, 'N'), retryAfter: a.retryAfter === undefined ? undefined : 'N' });
    expect(answers.map(shape)).toEqual(known.map(shape));
    expect(answers.map((a) => a.code)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'LOGIN_THROTTLED']);
  });

  it('counts case and width variants of a username as one', async () => {
    const victim = enabledClients(t)[3]!;
    for (const variant of [victim.login.toUpperCase(), ` ${victim.login}`, victim.login.replace('a', 'ａ')]) await wrong(t, variant);
    expect((await right(t, victim.login)).code).toBe('LOGIN_THROTTLED');
  });

  it('starts the count again after a success', async () => {
    const victim = enabledClients(t)[4]!;
    for (let round = 0; round < 2; round++) {
      await wrong(t, victim.login);
      await wrong(t, victim.login);
      expect((await right(t, victim.login)).__typename).toBe('Session');
    }
    expect(dxLogins(t)).toBe(6);
  });

  it('counts failed checkLogin password checks like failed logins', async () => {
    const victim = enabledClients(t)[6]!;
    const check = (password: string) =>
      post(
        t.gateway.url,
        { query: 'mutation ($input: CheckLoginInput!) { checkLogin(input: $input) { __typename ... on Error { code } } }', variables: { input: { login: victim.login, domain: victim.domain, password } } },
        `Bearer ${keys.all}`,
      );
    for (let i = 0; i < 3; i++) expect((await check('wrong')).body.data?.checkLogin).toEqual({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
    expect((await check(seededClientPassword)).body.data?.checkLogin).toEqual({ __typename: 'LoginThrottledError', code: 'LOGIN_THROTTLED' });
    expect((await right(t, victim.login)).code).toBe('LOGIN_THROTTLED');
    expect(t.sims.dxcore.server.calls.filter((c) => c.route === 'POST /checkLogin')).toHaveLength(3);
    expect(dxLogins(t)).toBe(0);
  });

  it('counts failed marketDataToken password tries per market-data login and address, like logins', async () => {
    const retail = t.sims.retail.state;
    const account = retail.createAccount({ metadata: {}, email: 'token.guessing@example.com' });
    account.personalDataProvided = true;
    retail.placeOrder(account, 'v1', [{ feed: retail.feed('CME')!, endDate: null }], null);
    const { login } = retail.credentialsOf(account.id)!;
    const token = async (password: string) =>
      (
        await post(
          t.gateway.url,
          { query: 'mutation ($input: MarketDataTokenInput!) { marketDataToken(input: $input) { __typename ... on Error { code } } }', variables: { input: { login, password } } },
          `Bearer ${keys.all}`,
        )
      ).body.data?.marketDataToken;
    const tokenCalls = () => t.sims.retail.server.calls.filter((c) => c.route === 'POST /api/v1/token').length;
    for (let i = 0; i < 3; i++) expect(await token(`guess-${i}`)).toEqual({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
    expect(await token(retail.credentialsOf(account.id)!.password)).toEqual({ __typename: 'LoginThrottledError', code: 'LOGIN_THROTTLED' });
    expect(tokenCalls()).toBe(3);
  });

  it('counts guesses sent in parallel before dxCore answers any', async () => {
    const victim = enabledClients(t)[5]!;
    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong(t, victim.login)));
    expect(answers.filter((a) => a.code === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(answers.filter((a) => a.code === 'LOGIN_THROTTLED')).toHaveLength(9);
    expect(dxLogins(t)).toBe(3);
  });
});

describe('failed logins per username from other addresses', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { LOGIN_LIMITS: JSON.stringify({ userFailures: 3, userFailuresTotal: 5, addressFailures: 50 }) });
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('one address failing on purpose is blocked for that username, and the user still logs in from their own', async () => {
    const victim = enabledClients(t)[0]!;
    for (let i = 0; i < 3; i++) expect((await wrong(t, victim.login, '127.0.0.2')).code).toBe('INVALID_CREDENTIALS');
    expect((await right(t, victim.login, '127.0.0.2')).code).toBe('LOGIN_THROTTLED');
    expect(dxLogins(t)).toBe(3);
    expect((await right(t, victim.login, '127.0.0.1')).__typename).toBe('Session');
    expect(dxLogins(t)).toBe(4);
  });

  it('failures from all addresses together block the username past userFailuresTotal, for every address, without asking dxCore', async () => {
    const victim = enabledClients(t)[1]!;
    for (const from of ['127.0.0.3', '127.0.0.3', '127.0.0.4', '127.0.0.4', '127.0.0.5']) expect((await wrong(t, victim.login, from)).code).toBe('INVALID_CREDENTIALS');
    t.sims.clearCalls();
    for (const from of ['127.0.0.1', '127.0.0.6']) expect(await right(t, victim.login, from)).toMatchObject({ __typename: 'LoginThrottledError', code: 'LOGIN_THROTTLED' });
    expect(dxLogins(t)).toBe(0);
  });
});

describe('failed logins per address', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { LOGIN_LIMITS: JSON.stringify({ userFailures: 3, addressFailures: 8 }) });
  });
  afterAll(() => t.close());

  it('refuses the address after 8 failures over any usernames; successes and refused tries do not count', async () => {
    const users = enabledClients(t);
    expect((await right(t, users[0]!.login)).__typename).toBe('Session');
    for (const user of users.slice(1, 5)) {
      await wrong(t, user.login);
      await wrong(t, user.login);
    }
    t.sims.clearCalls();
    const refused = await right(t, users[5]!.login);
    expect(refused).toMatchObject({ __typename: 'LoginThrottledError', code: 'LOGIN_THROTTLED' });
    expect(dxLogins(t)).toBe(0);
  });
});

describe('a block', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { LOGIN_LIMITS: JSON.stringify({ userFailures: 2, blockSeconds: 1 }) });
  });
  afterAll(() => t.close());

  it('ends on its own, so a guesser cannot lock a user out for longer than blockSeconds', async () => {
    const victim = enabledClients(t)[0]!;
    await wrong(t, victim.login);
    await wrong(t, victim.login);
    const refused = await right(t, victim.login);
    expect(refused).toMatchObject({ code: 'LOGIN_THROTTLED', retryAfter: 1 });
    t.sims.clearCalls();
    let answer = refused;
    for (const deadline = Date.now() + 10_000; answer.__typename !== 'Session' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await right(t, victim.login);
    }
    expect(answer.__typename).toBe('Session');
    // Tries during the block never reached dxCore, and did not make the block longer.
    expect(dxLogins(t)).toBe(1);
  });
});

describe('failed logins with REDIS_URL', () => {
  let redis: TestRedis;
  let sims: Simulators;
  let a: RunningGateway;
  let b: RunningGateway;
  beforeAll(async () => {
    redis = await startRedis();
    sims = await startSimulators();
    const env = { ...sims.env, PORT: '0', REDIS_URL: redis.url, WEBHOOK_SECRET: webhookSecret, GATEWAY_API_KEYS: `${keys.all}=*`, LOGIN_LIMITS: JSON.stringify({ userFailures: 3 }) };
    [a, b] = await Promise.all([startGateway(loadConfig(env)), startGateway(loadConfig(env))]);
    await Promise.all([a.upstreams.dxcore.session.authorization(), b.upstreams.dxcore.session.authorization()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await sims?.close();
    await redis?.stop();
  });

  it('counts failures on every instance together', async () => {
    const victim = [...sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED')!;
    sims.clearCalls();
    await tryLogin(a.url, victim.login, 'wrong', victim.domain);
    await tryLogin(b.url, victim.login, 'wrong', victim.domain);
    await tryLogin(a.url, victim.login, 'wrong', victim.domain);
    expect(await tryLogin(b.url, victim.login, seededClientPassword, victim.domain)).toMatchObject({ __typename: 'LoginThrottledError', code: 'LOGIN_THROTTLED' });
    expect(dxLogins({ sims })).toBe(3);
  });
});

/** Whether the gateway still takes a session: `me` answers, or 401 UNAUTHENTICATED. */
async function works(url: string, token: string): Promise<boolean> {
  const res = await post(url, { query: '{ me { login } }' }, `DXAPI ${token}`);
  if (res.status === 401) return false;
  if (!res.body.data?.me) throw new Error(JSON.stringify(res.body));
  return true;
}

const session = async (url: string, user: DxClient) => {
  const answer = await tryLogin(url, user.login, seededClientPassword, user.domain);
  if (answer.__typename !== 'Session') throw new Error(JSON.stringify(answer));
  return answer.token!;
};

describe('sessions one caller cannot evict', () => {
  describe('per user', () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway({}, { SESSION_LIMITS: JSON.stringify({ perUser: 2 }) });
    });
    afterAll(() => t.close());

    it("a user's new login past the bound forgets that user's oldest session, and no one else's", async () => {
      const [user, other] = enabledClients(t);
      const others = await session(t.gateway.url, other!);
      const first = await session(t.gateway.url, user!);
      const second = await session(t.gateway.url, user!);
      const third = await session(t.gateway.url, user!);
      expect(await works(t.gateway.url, first)).toBe(false);
      expect(await works(t.gateway.url, second)).toBe(true);
      expect(await works(t.gateway.url, third)).toBe(true);
      expect(await works(t.gateway.url, others)).toBe(true);
    });
  });

  describe('at the capacity of the memory store', () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway({}, { SESSION_LIMITS: JSON.stringify({ capacity: 3 }) });
    });
    afterAll(() => t.close());

    it('refuses a new session, ends the dxCore session it made, and keeps every session it holds', async () => {
      const users = enabledClients(t);
      const held = [await session(t.gateway.url, users[0]!), await session(t.gateway.url, users[1]!), await session(t.gateway.url, users[2]!)];
      t.sims.clearCalls();
      const refused = await tryLogin(t.gateway.url, users[3]!.login, seededClientPassword);
      expect(refused).toMatchObject({ __typename: 'RejectedError', code: 'SESSION_CAPACITY_REACHED' });
      expect(t.sims.dxcore.server.calls.map((c) => `${c.route} ${c.status}`)).toEqual(['POST /login 200', 'POST /logoutUserByToken 200']);
      for (const token of held) expect(await works(t.gateway.url, token)).toBe(true);
    });
  });

  describe('with REDIS_URL', () => {
    let redis: TestRedis;
    let sims: Simulators;
    let a: RunningGateway;
    let b: RunningGateway;
    beforeAll(async () => {
      redis = await startRedis();
      sims = await startSimulators();
      const env = { ...sims.env, PORT: '0', REDIS_URL: redis.url, WEBHOOK_SECRET: webhookSecret, GATEWAY_API_KEYS: `${keys.all}=*`, SESSION_LIMITS: JSON.stringify({ perUser: 2 }) };
      [a, b] = await Promise.all([startGateway(loadConfig(env)), startGateway(loadConfig(env))]);
      await Promise.all([a.upstreams.dxcore.session.authorization(), b.upstreams.dxcore.session.authorization()]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await sims?.close();
      await redis?.stop();
    });

    it("holds the per-user bound across instances, and leaves other users' sessions alone", async () => {
      const [user, other] = [...sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED');
      const others = await session(b.url, other!);
      const first = await session(a.url, user!);
      const second = await session(b.url, user!);
      const third = await session(a.url, user!);
      expect([await works(a.url, first), await works(b.url, first)]).toEqual([false, false]);
      expect([await works(b.url, second), await works(a.url, third), await works(a.url, others)]).toEqual([true, true, true]);
    });

    it('with Redis down, a login ends the dxCore session it made instead of leaving it behind', async () => {
      const user = [...sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED')[5]!;
      await redis.stop();
      sims.clearCalls();
      const res = await post(a.url, {
        query: 'mutation ($input: LoginInput!) { login(input: $input) { __typename ... on Session { token } ... on Error { code } } }',
        variables: { input: { username: user.login, domain: user.domain, password: seededClientPassword } },
      });
      expect(res.body.data?.login ?? null).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res.body)).not.toMatch(/DXAPI|sessionToken/);
      expect(sims.dxcore.server.calls.map((c) => `${c.route} ${c.status}`)).toEqual(['POST /login 200', 'POST /logoutUserByToken 200']);
    });
  });
});
