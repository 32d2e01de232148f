import { once } from 'node:events';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.ts';
import { startGateway, type RunningGateway } from '../../src/server.ts';
import { startSimulators, type Simulators } from '../../src/simulators/index.ts';
import type { DxAccount, DxClient } from '../../src/simulators/records.ts';
import { subscribeSse, subscriptionScope, until, type Received } from '../support/events.ts';
import { keys, loginAs, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

// A session that ends — logged out, logged out by an admin, pushed out by the user's own newer
// sessions, or ended by dxCore — ends that session's subscriptions, over graphql-ws and SSE, on every
// instance.

const partner = `Bearer ${keys.all}`;

type Events = { clientEvents: { type: string; transfer: { id: string } | null } };

const CLIENT_EVENTS = gql`
  subscription {
    clientEvents { type transfer { id } }
  }
` as unknown as TypedDocumentNode<Events, Record<string, unknown>>;
const DEPOSIT = gql`
  mutation ($input: TransferInput!) {
    depositFunds(input: $input) { __typename ... on Error { code } }
  }
`;
const LOGOUT = gql`
  mutation { logout { __typename } }
`;
const DISABLE_CLIENT = gql`
  mutation ($input: DisableClientInput!) { disableClient(input: $input) { __typename } }
`;
const DELETE_CLIENT = gql`
  mutation ($input: ClientIdInput!) { deleteClient(input: $input) { __typename } }
`;
const DEACTIVATE_CLIENT = gql`
  mutation ($input: DeactivateClientInput!) { deactivateClient(input: $input) { __typename } }
`;
const ME = gql`
  query { me { login } }
`;
const LOGOUT_USER = gql`
  mutation ($input: LogoutUserInput!) { logoutUser(input: $input) { __typename } }
`;

/** Active seeded clients with a FULL_TRADING account, each test taking its own. */
function owners(sims: Simulators): { owner: DxClient; account: DxAccount }[] {
  const state = sims.dxcore.state;
  const found = new Map<string, { owner: DxClient; account: DxAccount }>();
  for (const account of state.accounts.values()) {
    const owner = state.ownerOf(account);
    if (owner && owner.status !== 'DISABLED' && account.status === 'FULL_TRADING' && !found.has(account.owner)) found.set(account.owner, { owner, account });
  }
  return [...found.values()];
}

let transfers = 0;
/** Deposits 1 into `account` with the partner key at `url`; answers the transfer id. */
async function deposit(url: string, account: DxAccount): Promise<string> {
  const transferId = `revocation-${Date.now().toString(36)}-${++transfers}`;
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: partner },
    body: JSON.stringify({ query: print(DEPOSIT), variables: { input: { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 1, currency: account.currency, transferId } } }),
  });
  const body = (await res.json()) as { data?: { depositFunds?: { __typename: string } } };
  expect(body.data?.depositFunds?.__typename).toBe('TransferSuccess');
  return transferId;
}

async function gql200(url: string, doc: ReturnType<typeof gql>, variables: Record<string, unknown>, authorization: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: print(doc), variables }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, { __typename: string } | null>; errors?: { extensions?: { code?: string } }[] } };
}

/** The end of a revoked subscription: its last result is UNAUTHENTICATED, then it completed. */
function expectRevoked(sub: Received<Events>) {
  expect(sub.completed).toBe(true);
  expect(sub.results.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
}

/** A graphql-transport-ws socket spoken by hand, to see exactly what the server sends and how it closes. */
async function rawSocket(url: string, authorization: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: { data?: Events; errors?: { extensions?: Record<string, unknown> }[] } }[] = [];
  let closed: { code: number; reason: string } | undefined;
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  socket.on('close', (code, reason) => (closed = { code, reason: String(reason) }));
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
  await until(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
  return {
    messages,
    closed: () => closed,
    subscribe: (id: string) => socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query: print(CLIENT_EVENTS) } })),
    of: (id: string) => messages.filter((m) => m.id === id),
    close: async () => {
      if (socket.readyState === WebSocket.OPEN) socket.close();
      if (socket.readyState !== WebSocket.CLOSED) await once(socket, 'close');
    },
  };
}

describe('logout and logoutUser end the session’s subscriptions', () => {
  let t: TestGateway;
  const scope = subscriptionScope(() => t);
  let users: { owner: DxClient; account: DxAccount }[];
  beforeAll(async () => {
    t = await startTestGateway();
    users = owners(t.sims);
  });
  afterEach(() => scope.release());
  afterAll(() => t.close());

  it('over graphql-ws: the subscription ends with UNAUTHENTICATED, later deposits are not sent, and the next subscribe on the socket is closed with 4403', async () => {
    const { owner, account } = users[0]!;
    const auth = await loginAs(t, owner);
    const socket = await rawSocket(t.gateway.url, auth);
    const watcher = await scope.live(CLIENT_EVENTS, undefined, partner);
    try {
      const before = t.gateway.events.size;
      socket.subscribe('1');
      await until(() => t.gateway.events.size > before, 'the subscriber to register');
      const first = await deposit(t.gateway.url, account);
      await until(() => socket.of('1').some((m) => m.payload?.data?.clientEvents.transfer?.id === first), 'the first deposit');

      expect((await gql200(t.gateway.url, LOGOUT, {}, auth)).body.data?.logout?.__typename).toBe('LoggedOut');
      await until(() => socket.of('1').some((m) => m.type === 'complete'), 'the subscription to complete');
      const ending = socket.of('1').filter((m) => m.type === 'next').at(-1);
      expect(ending?.payload?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

      const second = await deposit(t.gateway.url, account);
      await until(() => watcher.results.some((r) => r.data?.clientEvents.transfer?.id === second), 'the partner to see the second deposit');
      expect(socket.of('1').filter((m) => m.payload?.data?.clientEvents.transfer?.id === second)).toEqual([]);

      socket.subscribe('2');
      await until(() => socket.closed() !== undefined, 'the socket to close');
      expect(socket.closed()).toEqual({ code: 4403, reason: 'Forbidden' });
    } finally {
      await socket.close();
    }
  });

  it('over SSE: the stream ends with UNAUTHENTICATED and completes', async () => {
    const { owner, account } = users[1]!;
    const auth = await loginAs(t, owner);
    const sub = await scope.liveSse(CLIENT_EVENTS, undefined, auth);
    const first = await deposit(t.gateway.url, account);
    await until(() => sub.results.some((r) => r.data?.clientEvents.transfer?.id === first), 'the first deposit');
    await gql200(t.gateway.url, LOGOUT, {}, auth);
    await sub.ended();
    expectRevoked(sub);
    expect(t.gateway.events.size).toBe(0);
  });

  it("logoutUser ends every session's subscriptions of that user, and no one else's", async () => {
    const [{ owner }, { owner: other }] = [users[2]!, users[3]!];
    const [one, two, others] = [await loginAs(t, owner), await loginAs(t, owner), await loginAs(t, other)];
    const subs = [await scope.live(CLIENT_EVENTS, undefined, one), await scope.liveSse(CLIENT_EVENTS, undefined, two)];
    const bystander = await scope.live(CLIENT_EVENTS, undefined, others);
    await gql200(t.gateway.url, LOGOUT_USER, { input: { user: { domain: owner.domain, login: owner.login } } }, partner);
    for (const sub of subs) {
      await sub.ended();
      expectRevoked(sub);
    }
    expect(bystander.completed || bystander.error !== undefined).toBe(false);
  });

  it.each([
    ['disableClient', DISABLE_CLIENT],
    ['deleteClient', DELETE_CLIENT],
    ['deactivateClient', DEACTIVATE_CLIENT],
  ])("%s ends the client's sessions at the gateway at once: their subscriptions end and their tokens are refused", async (name, doc) => {
    const { owner } = users[['disableClient', 'deleteClient', 'deactivateClient'].indexOf(name) + 4]!;
    const auth = await loginAs(t, owner);
    const sub = await scope.liveSse(CLIENT_EVENTS, undefined, auth);
    const { body } = await gql200(t.gateway.url, doc, { input: { domain: owner.domain, login: owner.login } }, partner);
    expect(Object.values(body.data ?? {})[0]?.__typename, JSON.stringify(body)).not.toMatch(/Error$/);
    await sub.ended();
    expectRevoked(sub);
    t.sims.clearCalls();
    expect((await gql200(t.gateway.url, ME, {}, auth)).status).toBe(401);
    expect(t.sims.dxcore.server.calls).toEqual([]);
  });
});

describe("a user's newer sessions pushing out the oldest", () => {
  let t: TestGateway;
  const scope = subscriptionScope(() => t);
  beforeAll(async () => {
    t = await startTestGateway({}, { SESSION_LIMITS: JSON.stringify({ perUser: 1 }) });
  });
  afterEach(() => scope.release());
  afterAll(() => t.close());

  it('ends the pushed-out session’s subscriptions', async () => {
    const { owner } = owners(t.sims)[0]!;
    const sub = await scope.live(CLIENT_EVENTS, undefined, await loginAs(t, owner));
    await loginAs(t, owner);
    await sub.ended();
    expectRevoked(sub);
  });
});

describe('dxCore ending a session', () => {
  let t: TestGateway;
  const scope = subscriptionScope(() => t);
  beforeAll(async () => {
    // Rechecked by hand below; the automatic round (every 60 s) does not come during these tests.
    t = await startTestGateway();
  });
  afterEach(() => scope.release());
  afterAll(() => t.close());

  const checks = (user: DxClient) => t.sims.dxcore.server.calls.filter((c) => c.route === 'GET /api/register/client/:domain/:login' && c.path.endsWith(`/${user.login}`));

  it('a recheck reads each session with subscriptions once from dxCore, ends those dxCore ended, and keeps those it could not check', async () => {
    const [a, b] = owners(t.sims).map((u) => u.owner);
    const [authA, authB] = [await loginAs(t, a!), await loginAs(t, b!)];
    const subsA = [await scope.live(CLIENT_EVENTS, undefined, authA), await scope.liveSse(CLIENT_EVENTS, undefined, authA)];
    const subB = await scope.live(CLIENT_EVENTS, undefined, authB);
    t.sims.clearCalls();

    await t.gateway.revocations.recheck();
    expect([checks(a!).length, checks(b!).length]).toEqual([1, 1]);
    expect([...subsA, subB].map((s) => s.completed)).toEqual([false, false, false]);

    // An unreadable answer: no verdict (and, unlike a 5xx, no step towards opening the circuit).
    t.sims.dxcore.server.setFaults({ 'GET /api/register/client/:domain/:login': { garbageRate: 1 } });
    t.sims.dxcore.expireSessions();
    await t.gateway.revocations.recheck();
    expect([...subsA, subB].map((s) => s.completed)).toEqual([false, false, false]);

    t.sims.dxcore.server.setFaults({});
    t.sims.clearCalls();
    await t.gateway.revocations.recheck();
    for (const sub of [...subsA, subB]) {
      await sub.ended();
      expectRevoked(sub);
    }
    expect([checks(a!).length, checks(b!).length]).toEqual([1, 1]);
    // The gateway forgot the sessions too.
    expect((await gql200(t.gateway.url, gql`{ me { login } }`, {}, authA)).status).toBe(401);
  });
});

describe('the recheck round', () => {
  let t: TestGateway;
  const scope = subscriptionScope(() => t);
  beforeAll(async () => {
    t = await startTestGateway({}, { SESSION_LIMITS: JSON.stringify({ recheckSeconds: 1 }) });
  });
  afterEach(() => scope.release());
  afterAll(() => t.close());

  it('comes by itself every recheckSeconds', async () => {
    const { owner } = owners(t.sims)[0]!;
    const sub = await scope.live(CLIENT_EVENTS, undefined, await loginAs(t, owner));
    t.sims.dxcore.expireSessions();
    await sub.ended();
    expectRevoked(sub);
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
    const env = { ...sims.env, PORT: '0', REDIS_URL: redis.url, WEBHOOK_SECRET: webhookSecret, GATEWAY_API_KEYS: `${keys.all}=*` };
    [a, b] = await Promise.all([startGateway(loadConfig(env)), startGateway(loadConfig(env))]);
    await Promise.all([a.upstreams.dxcore.session.authorization(), b.upstreams.dxcore.session.authorization()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await sims?.close();
    await redis?.stop();
  });

  it('a logout on one instance ends the subscription on the other at once', async () => {
    const { owner } = owners(sims)[0]!;
    const login = await gql200(
      a.url,
      gql`mutation ($input: LoginInput!) { login(input: $input) { __typename ... on Session { token } } }`,
      { input: { username: owner.login, domain: owner.domain, password: 'Demo-1234' } },
      '',
    );
    const auth = `DXAPI ${(login.body.data?.login as unknown as { token: string }).token}`;
    const sub = await subscribeSse(a.url, CLIENT_EVENTS, { authorization: auth });
    try {
      await until(() => a.events.size === 1, 'the subscriber to register');
      await gql200(b.url, LOGOUT, {}, auth);
      await sub.ended();
      expectRevoked(sub);
    } finally {
      await sub.close();
    }
  });
});

describe('with REDIS_URL, a session kept in use past idleSeconds', () => {
  let redis: TestRedis;
  let t: TestGateway;
  const scope = subscriptionScope(() => t);
  beforeAll(async () => {
    redis = await startRedis();
    t = await startTestGateway({}, { REDIS_URL: redis.url, SESSION_LIMITS: JSON.stringify({ perUser: 2, idleSeconds: 2 }) });
  }, 60_000);
  afterEach(() => scope.release());
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  /** Uses the session once a second for three seconds: longer than idleSeconds, never idle that long. */
  async function keepUsing(auth: string): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await t.run(ME, {}, auth)).data).toEqual({ me: { login: expect.any(String) } });
    }
  }

  it("still counts against the user's perUser bound", async () => {
    const { owner } = owners(t.sims)[0]!;
    const oldest = await loginAs(t, owner);
    await keepUsing(oldest);
    await loginAs(t, owner);
    await loginAs(t, owner);
    const res = await t.run(ME, {}, oldest);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("is ended, with its subscriptions, by logoutUser", async () => {
    const { owner } = owners(t.sims)[1]!;
    const auth = await loginAs(t, owner);
    await keepUsing(auth);
    const sub = await scope.live(CLIENT_EVENTS, undefined, auth);
    await gql200(t.gateway.url, LOGOUT_USER, { input: { user: { domain: owner.domain, login: owner.login } } }, partner);
    await sub.ended();
    expectRevoked(sub);
  });
});
