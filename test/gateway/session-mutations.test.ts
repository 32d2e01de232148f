import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { LoginDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

type Result = Record<string, unknown> & { __typename: string };
const result = (res: { data?: Record<string, unknown> | null | undefined }, field: string) => res.data?.[field] as Result;
const firstError = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0];

/** Enabled clients, each test taking its own so that ended sessions do not cross tests. */
const enabled = (): DxClient[] => [...t.sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED');
const client = (n: number) => enabled()[n]!;
/** Every dxCore call, /ping included (queryCalls leaves /login and /ping out). */
const dxRoutes = () => t.sims.dxcore.server.calls.map((c) => `${c.route} ${c.status}`);

const refresh = gql`
  mutation { refreshSession { __typename ... on Session { token expiresAt } ... on Error { code message upstream { name status code } } } }
`;
const logout = gql`
  mutation { logout { __typename ... on LoggedOut { userId login domain } ... on Error { code message upstream { name status code } } } }
`;
const logoutUser = gql`
  mutation ($input: LogoutUserInput!) {
    logoutUser(input: $input) {
      __typename
      ... on LoggedOut { userId login domain }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;
const checkLogin = gql`
  mutation ($input: CheckLoginInput!) {
    checkLogin(input: $input) {
      __typename
      ... on CredentialsValid { login domain }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;
const ssoToken = gql`
  mutation ($input: SsoTokenInput) {
    ssoToken(input: $input) {
      __typename
      ... on SsoToken { token login domain }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;
const ssoTokenInfo = gql`
  mutation ($token: String!) {
    ssoTokenInfo(token: $token) {
      __typename
      ... on SsoTokenInfo { expiresAt login domain userId serialNumber client { login domain } }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;
const me = gql`{ me { login } }`;

async function login(c: DxClient) {
  const res = await t.run(LoginDocument, { input: { username: c.login, domain: c.domain, password: seededClientPassword } }, null);
  const session = res.data!.login!;
  if (session.__typename !== 'Session') throw new Error(JSON.stringify(res));
  return { auth: `DXAPI ${session.token}`, token: session.token, expiresAt: Date.parse(session.expiresAt) };
}

/** dxCore itself, asked directly with the token: is the session alive there? */
async function dxCoreAccepts(token: string, c: DxClient): Promise<number> {
  const res = await fetch(`${t.sims.env.DXCORE_URL}/api/register/client/${c.domain}/${c.login}`, { headers: { authorization: `DXAPI ${token}` } });
  await res.body?.cancel();
  return res.status;
}

/** Ends one session at dxCore behind the gateway's back (the user's own /logoutUserByToken, sent directly). */
async function endAtDxCore(token: string, c: DxClient): Promise<void> {
  const res = await fetch(`${t.sims.env.DXCORE_URL}/logoutUserByToken`, {
    method: 'POST',
    headers: { authorization: `DXAPI ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: c.login, domain: c.domain, token }).toString(),
  });
  await res.body?.cancel();
  expect(await dxCoreAccepts(token, c)).toBe(401);
  t.sims.clearCalls();
}

describe('login', () => {
  it("answers the Session it made even when a field of its client is refused: the token is never lost behind a null", async () => {
    const c = client(7);
    const res = await t.run(
      gql`mutation ($input: LoginInput!) { login(input: $input) { __typename ... on Session { token client { login accounts { accountCode } } } } }`,
      { input: { username: c.login, domain: c.domain, password: seededClientPassword } },
      null,
    );
    const session = result(res, 'login') as unknown as { __typename: string; token: string; client: unknown };
    expect(session).toMatchObject({ __typename: 'Session', token: expect.any(String), client: null });
    expect(firstError(res)?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.run(me, {}, `DXAPI ${session.token}`)).data).toEqual({ me: { login: c.login } });
  });
});

describe('refreshSession', () => {
  it("pings dxCore with the user's own token and answers the Session with its end", async () => {
    const session = await login(client(0));
    t.sims.clearCalls();
    const res = await t.run(refresh, undefined, session.auth);
    const refreshed = result(res, 'refreshSession');
    expect(refreshed).toMatchObject({ __typename: 'Session', token: session.token });
    // Not yet halfway through: dxCore does not extend it, so it ends when it did.
    expect(Math.abs(Date.parse(refreshed.expiresAt as string) - session.expiresAt)).toBeLessThan(2_000);
    expect(dxRoutes()).toEqual(['POST /ping 200']);
  });

  it('a session dxCore has ended is UNAUTHENTICATED, and the gateway forgets the token', async () => {
    const c = client(1);
    const session = await login(c);
    await endAtDxCore(session.token, c);
    const res = await t.run(refresh, undefined, session.auth);
    expect(result(res, 'refreshSession')).toMatchObject({ __typename: 'AccessDeniedError', code: 'UNAUTHENTICATED', upstream: { name: 'dxcore', status: 403, code: '20019' } });
    const after = await t.run(me, undefined, session.auth);
    expect(after.status).toBe(401);
    expect(firstError(after)!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('is for end users only: a partner key is FORBIDDEN without a call', async () => {
    const res = await t.run(refresh);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(dxRoutes()).toEqual([]);
  });
});

describe('refreshSession past half the session', () => {
  let short: TestGateway;
  beforeAll(async () => {
    short = await startTestGateway({ sessionDurationMs: 2_000 });
  });
  afterAll(() => short.close());

  it('extends the session by half its duration', async () => {
    const c = [...short.sims.dxcore.state.clients.values()].find((x) => x.status !== 'DISABLED')!;
    const auth = await loginAs(short, c);
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const res = await short.run(refresh, undefined, auth);
    const refreshed = result(res, 'refreshSession');
    expect(refreshed.__typename).toBe('Session');
    // Issued for 2 s (just before `started`); pinged past half of it: it now ends 1 s later, 3 s after it began.
    const end = Date.parse(refreshed.expiresAt as string) - started;
    expect(end).toBeGreaterThan(2_600);
    expect(end).toBeLessThanOrEqual(3_050);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Past its original end, and still alive.
    expect((await short.run(me, undefined, auth)).errors).toBeUndefined();
  });
});

describe('logout', () => {
  it('ends the session at dxCore and at the gateway: the next call is UNAUTHENTICATED', async () => {
    const c = client(2);
    const session = await login(c);
    const other = await login(c);
    t.sims.clearCalls();
    const res = await t.run(logout, undefined, session.auth);
    expect(result(res, 'logout')).toEqual({ __typename: 'LoggedOut', userId: null, login: c.login, domain: c.domain });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /logoutUserByToken': 1 });

    const after = await t.run(me, undefined, session.auth);
    expect(after.status).toBe(401);
    expect(firstError(after)!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await dxCoreAccepts(session.token, c)).toBe(401);
    // Only this session ended: the user's other one still works.
    expect((await t.run(me, undefined, other.auth)).data).toEqual({ me: { login: c.login } });
  });

  it('a session dxCore already ended still logs out', async () => {
    const c = client(3);
    const session = await login(c);
    await endAtDxCore(session.token, c);
    const res = await t.run(logout, undefined, session.auth);
    expect(result(res, 'logout').__typename).toBe('LoggedOut');
    expect((await t.run(me, undefined, session.auth)).status).toBe(401);
  });

  it('is for end users only', async () => {
    const res = await t.run(logout);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('logoutUser', () => {
  it('by login and domain ends every session of the user at dxCore and at the gateway: their next call is UNAUTHENTICATED without a call', async () => {
    const c = client(4);
    const session = await login(c);
    t.sims.clearCalls();
    const res = await t.run(logoutUser, { input: { user: { domain: c.domain, login: c.login } } });
    expect(result(res, 'logoutUser')).toEqual({ __typename: 'LoggedOut', userId: null, login: c.login, domain: c.domain });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /logoutUserByLogin': 1 });
    t.sims.clearCalls();
    const after = await t.run(me, undefined, session.auth);
    expect(after.status).toBe(401);
    expect(firstError(after)!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(queryCalls(t.sims)).toEqual([]);
    expect(await dxCoreAccepts(session.token, c)).toBe(401);
  });

  it('by userId', async () => {
    const c = client(5);
    const session = await login(c);
    expect(c.userId).toEqual(expect.any(Number));
    t.sims.clearCalls();
    const res = await t.run(logoutUser, { input: { userId: c.userId } });
    expect(result(res, 'logoutUser')).toEqual({ __typename: 'LoggedOut', userId: c.userId, login: null, domain: null });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /logoutUserById': 1 });
    expect(await dxCoreAccepts(session.token, c)).toBe(401);
  });

  it.each([
    ['an unknown login', { user: { domain: 'default', login: 'nobody' } }, 'NotFoundError', 'USER_NOT_FOUND', 404],
    ['an unknown userId', { userId: 999_999 }, 'NotFoundError', 'USER_NOT_FOUND', 404],
  ])('%s: %s %s, with the bare dxCore status kept', async (_, input, typename, code, status) => {
    const res = await t.run(logoutUser, { input });
    expect(result(res, 'logoutUser')).toMatchObject({ __typename: typename, code, upstream: { name: 'dxcore', status, code: null } });
  });

  it.each([
    ['neither userId nor user', {}, 'input.user'],
    ['both userId and user', { userId: 1, user: { domain: 'default', login: 'x' } }, 'input.userId'],
    ['a negative userId', { userId: -1 }, 'input.userId'],
    ['a blank login', { user: { domain: 'default', login: ' ' } }, 'input.user.login'],
  ])('refuses %s before any call', async (_, input, field) => {
    const res = await t.run(logoutUser, { input });
    expect(result(res, 'logoutUser')).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('needs the admin scope', async () => {
    const res = await t.run(logoutUser, { input: { userId: 1 } }, `Bearer ${keys.writer}`);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const asUser = await t.run(logoutUser, { input: { userId: 1 } }, (await login(client(6))).auth);
    expect(firstError(asUser)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('checkLogin', () => {
  it('accepts a right password, with one dxCore call and no session made', async () => {
    const c = client(7);
    const res = await t.run(checkLogin, { input: { login: c.login, domain: c.domain, password: seededClientPassword } });
    expect(result(res, 'checkLogin')).toEqual({ __typename: 'CredentialsValid', login: c.login, domain: c.domain });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /checkLogin': 1 });
    expect(dxRoutes()).toEqual(['POST /checkLogin 200']);
  });

  it('a wrong password is INVALID_CREDENTIALS, with dxCore 403 20020 kept', async () => {
    const c = client(7);
    const res = await t.run(checkLogin, { input: { login: c.login, domain: c.domain, password: 'wrong' } });
    expect(result(res, 'checkLogin')).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS', upstream: { name: 'dxcore', status: 403, code: '20020' } });
  });

  it("accepts a user's SSO token for that user only", async () => {
    const [c, d] = [client(8), client(9)];
    const issued = result(await t.run(ssoToken, { input: { user: { domain: c.domain, login: c.login } } }), 'ssoToken');
    const token = issued.token as string;
    const ok = await t.run(checkLogin, { input: { login: c.login, domain: c.domain, token } });
    expect(result(ok, 'checkLogin').__typename).toBe('CredentialsValid');
    const foreign = await t.run(checkLogin, { input: { login: d.login, domain: d.domain, token } });
    expect(result(foreign, 'checkLogin')).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it.each([
    ['neither password nor token', {}, 'input.token'],
    ['both password and token', { password: 'p', token: 't' }, 'input.password'],
    ['an empty password', { password: '' }, 'input.password'],
    ['a blank login', { login: ' ', password: 'p' }, 'input.login'],
  ])('refuses %s before any call', async (_, change, field) => {
    const res = await t.run(checkLogin, { input: { login: 'someone', domain: 'default', ...change } });
    expect(result(res, 'checkLogin')).toMatchObject({ __typename: 'ValidationError', field });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('needs the admin scope', async () => {
    const res = await t.run(checkLogin, { input: { login: 'a', domain: 'default', password: 'p' } }, `Bearer ${keys.reader}`);
    expect(firstError(res)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('ssoToken and ssoTokenInfo', () => {
  it('an end user gets a token for their own session; ssoTokenInfo reads it back', async () => {
    const c = client(10);
    const session = await login(c);
    t.sims.clearCalls();
    const before = Date.now();
    const res = await t.run(ssoToken, { input: { durationMs: 60_000, origin: 'web' } }, session.auth);
    const issued = result(res, 'ssoToken');
    expect(issued).toMatchObject({ __typename: 'SsoToken', login: c.login, domain: c.domain, token: expect.any(String) });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /getSSOToken': 1 });

    t.sims.clearCalls();
    const info = result(await t.run(ssoTokenInfo, { token: issued.token }), 'ssoTokenInfo');
    expect(info).toMatchObject({ __typename: 'SsoTokenInfo', login: c.login, domain: c.domain, userId: c.userId, serialNumber: expect.any(Number) });
    const lifetime = Date.parse(info.expiresAt as string) - before;
    expect(lifetime).toBeGreaterThan(55_000);
    expect(lifetime).toBeLessThan(65_000);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /getSSOTokenInfo': 1 });
    // client { login domain } needs only the key.
    expect(info.client).toEqual({ login: c.login, domain: c.domain });
  });

  it("an end user's token lives at most 5 minutes", async () => {
    const session = await login(client(15));
    const before = Date.now();
    const issued = result(await t.run(ssoToken, { input: { durationMs: 300_000 } }, session.auth), 'ssoToken');
    expect(issued.__typename).toBe('SsoToken');
    const info = result(await t.run(ssoTokenInfo, { token: issued.token }), 'ssoTokenInfo');
    expect(Date.parse(info.expiresAt as string) - before).toBeLessThanOrEqual(300_000 + 1_000);
  });

  it('an admin gets a token for any user (generateToken)', async () => {
    const c = client(11);
    const res = await t.run(ssoToken, { input: { user: { domain: c.domain, login: c.login } } });
    expect(result(res, 'ssoToken')).toMatchObject({ __typename: 'SsoToken', login: c.login, domain: c.domain });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /generateToken': 1 });
  });

  it('an admin asking for an unknown user gets CLIENT_NOT_FOUND, with dxCore 30001 kept', async () => {
    const res = await t.run(ssoToken, { input: { user: { domain: 'default', login: 'nobody' } } });
    expect(result(res, 'ssoToken')).toMatchObject({ __typename: 'NotFoundError', code: 'CLIENT_NOT_FOUND', upstream: { status: 404, code: '30001' } });
  });

  it.each([
    ['an admin naming nobody', null, undefined, 'input.user'],
    ['an admin giving a duration', { user: { domain: 'default', login: 'x' }, durationMs: 1000 }, undefined, 'input.durationMs'],
    ['an end user giving a zero duration', { durationMs: 0 }, 'user', 'input.durationMs'],
    ['an end user asking for a 25-day token', { durationMs: 2_147_483_647 }, 'user', 'input.durationMs'],
    ['an end user asking for more than 5 minutes', { durationMs: 300_001 }, 'user', 'input.durationMs'],
  ])('refuses %s before any call', async (_, input, caller, field) => {
    const auth = caller === 'user' ? (await login(client(12))).auth : undefined;
    t.sims.clearCalls();
    const res = await t.run(ssoToken, { input }, auth);
    expect(result(res, 'ssoToken')).toMatchObject({ __typename: 'ValidationError', field });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('an end user naming another user is FORBIDDEN without a call; a read key too', async () => {
    const session = await login(client(13));
    const other = client(14);
    t.sims.clearCalls();
    const res = await t.run(ssoToken, { input: { user: { domain: other.domain, login: other.login } } }, session.auth);
    expect(result(res, 'ssoToken')).toMatchObject({ __typename: 'AccessDeniedError', code: 'FORBIDDEN', upstream: null });
    const reader = await t.run(ssoToken, { input: null }, `Bearer ${keys.reader}`);
    expect(firstError(reader)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a malformed or expired token is INVALID_SSO_TOKEN, with the bare dxCore 400 kept', async () => {
    const res = await t.run(ssoTokenInfo, { token: 'not-a-token' });
    expect(result(res, 'ssoTokenInfo')).toMatchObject({ __typename: 'RejectedError', code: 'INVALID_SSO_TOKEN', upstream: { name: 'dxcore', status: 400, code: null } });
  });

  it('ssoTokenInfo refuses an empty token before any call and needs the admin scope', async () => {
    const empty = await t.run(ssoTokenInfo, { token: ' ' });
    expect(result(empty, 'ssoTokenInfo')).toMatchObject({ __typename: 'ValidationError', field: 'token' });
    const writer = await t.run(ssoTokenInfo, { token: 'x' }, `Bearer ${keys.writer}`);
    expect(firstError(writer)!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});
