import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DxCoreSimulator } from '../../src/simulators/dxcore/index.ts';
import type { DxAccount, DxClient } from '../../src/simulators/records.ts';
import { seedWorld, seededClientPassword } from '../../src/simulators/seed.ts';

const service = { username: 'gateway', domain: 'system', password: 'service-secret' };
const world = seedWorld().dxcore;

const key = (c: DxClient) => `${c.domain}@${c.login}`;
const activeClients = world.clients.filter((c) => c.status !== 'DISABLED');
const alice = activeClients[0] as DxClient;
const other = activeClients[1] as DxClient;
const disabled = world.clients.find((c) => c.status === 'DISABLED') as DxClient;
const aliceAccounts = world.accounts.filter((a) => a.owner === key(alice));
const aliceAccount = aliceAccounts[0] as DxAccount;
const otherAccount = world.accounts.find((a) => a.owner === key(other)) as DxAccount;

const basic = (user: string, domain: string, password: string) =>
  `Basic ${Buffer.from(`${user}@${domain}:${password}`).toString('base64')}`;
const serviceBasic = basic(service.username, service.domain, service.password);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  body: any;
}

/** One running simulator and small fetch helpers bound to it. */
class Harness {
  sim: DxCoreSimulator;
  base = '';
  constructor(sessionDurationMs?: number) {
    this.sim = new DxCoreSimulator({ seed: world, service, ...(sessionDurationMs ? { sessionDurationMs } : {}) });
  }
  async start(): Promise<this> {
    this.base = await this.sim.listen(0);
    return this;
  }
  async call(method: string, path: string, auth?: string, body?: string): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  /** Service Basic auth by default; `null` sends no Authorization header. */
  get(path: string, auth: string | null = serviceBasic): Promise<Answer> {
    return this.call('GET', path, auth ?? undefined);
  }
  login(username: string, domain: string, password: string): Promise<Answer> {
    return this.call('POST', '/login', undefined, JSON.stringify({ username, domain, password }));
  }
  async session(username: string, domain: string, password: string): Promise<string> {
    const answer = await this.login(username, domain, password);
    expect(answer.status).toBe(200);
    return `DXAPI ${answer.body.sessionToken}`;
  }
  ping(auth?: string): Promise<Answer> {
    return this.call('POST', '/ping', auth);
  }
}

const expectError = (answer: Answer, status: number, errorCode: number) => {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ errorCode });
  expect(typeof answer.body.errorMessage).toBe('string');
};

/** No simulator-only field, at any depth. */
const expectNoSimulatorFields = (value: unknown) => {
  const text = JSON.stringify(value);
  expect(text).not.toMatch(/"(password|version|owner)"/);
};

const h = new Harness();
const started: Harness[] = [h];

beforeAll(async () => {
  await h.start();
});

afterAll(async () => {
  await Promise.all(started.map((harness) => harness.sim.close()));
});

describe('dxCore simulator: /login', () => {
  it('logs the service user in and answers a token with the session duration', async () => {
    const answer = await h.login(service.username, service.domain, service.password);
    expect(answer.status).toBe(200);
    expect(typeof answer.body.sessionToken).toBe('string');
    expect(answer.body.timeout).toBe(30 * 60_000);
    const list = await h.get('/api/register/broker', `DXAPI ${answer.body.sessionToken}`);
    expect(list.status).toBe(200);
  });

  it('logs a client in with its seeded credentials, with distinct random tokens', async () => {
    const a = await h.login(alice.login, alice.domain, seededClientPassword);
    const b = await h.login(alice.login, alice.domain, seededClientPassword);
    expect(a.status).toBe(200);
    expect(a.body.sessionToken).not.toBe(b.body.sessionToken);
  });

  it('answers 403 20020 for wrong credentials and for a DISABLED client', async () => {
    expectError(await h.login(alice.login, alice.domain, 'wrong'), 403, 20020);
    expectError(await h.login('nobody', 'default', seededClientPassword), 403, 20020);
    expectError(await h.login(service.username, service.domain, 'wrong'), 403, 20020);
    expectError(await h.login(alice.login, 'prop', seededClientPassword), 403, 20020);
    expectError(await h.login(disabled.login, disabled.domain, seededClientPassword), 403, 20020);
  });

  it('answers 400 20022 for malformed JSON and 400 20001 for a missing username or password', async () => {
    expectError(await h.call('POST', '/login', undefined, '{"username":'), 400, 20022);
    expectError(await h.call('POST', '/login', undefined, '[1,2]'), 400, 20022);
    expectError(await h.call('POST', '/login', undefined, JSON.stringify({ domain: 'default', password: 'x' })), 400, 20001);
    expectError(await h.call('POST', '/login', undefined, JSON.stringify({ username: 'a', domain: 'default' })), 400, 20001);
    expectError(await h.call('POST', '/login', undefined, ''), 400, 20001);
  });
});

describe('dxCore simulator: authentication', () => {
  it('answers 401 20019 without credentials, with an unknown token or wrong Basic credentials', async () => {
    expectError(await h.get('/api/register/broker', null), 401, 20019);
    expectError(await h.get('/api/register/broker', 'DXAPI not-a-token'), 401, 20019);
    expectError(await h.get('/api/register/broker', basic(service.username, service.domain, 'nope')), 401, 20019);
    expectError(await h.get('/api/register/broker', basic(disabled.login, disabled.domain, seededClientPassword)), 401, 20019);
    expectError(await h.get('/api/register/broker', 'Bearer abc'), 401, 20019);
  });

  it('accepts Basic auth for the service user and for a client', async () => {
    expect((await h.get('/api/register/client', serviceBasic)).status).toBe(200);
    const own = await h.get(`/api/register/client/${alice.domain}/${alice.login}`, basic(alice.login, alice.domain, seededClientPassword));
    expect(own.status).toBe(200);
    expect(own.body.login).toBe(alice.login);
  });

  it('expireSessions expires every session issued so far, but not later ones', async () => {
    const sim = new Harness();
    started.push(sim);
    await sim.start();
    const before = await sim.session(service.username, service.domain, service.password);
    expect((await sim.get('/api/register/broker', before)).status).toBe(200);
    sim.sim.expireSessions();
    expectError(await sim.get('/api/register/broker', before), 401, 20019);
    expectError(await sim.ping(before), 403, 20019);
    const after = await sim.session(service.username, service.domain, service.password);
    expect((await sim.get('/api/register/broker', after)).status).toBe(200);
    // Basic auth has no session to expire.
    expect((await sim.get('/api/register/broker', serviceBasic)).status).toBe(200);
  });
});

describe('dxCore simulator: /ping and the half-duration rule', () => {
  it('extends a session by half its duration only once it is more than halfway through', async () => {
    const duration = 2000;
    const sim = new Harness(duration);
    started.push(sim);
    await sim.start();
    const loggedInAt = performance.now();
    const login = await sim.login(service.username, service.domain, service.password);
    expect(login.body.timeout).toBe(duration);
    const auth = `DXAPI ${login.body.sessionToken}`;

    // Early: nothing happens, the timeout is what is left of the original duration.
    const early = await sim.ping(auth);
    expect(early.status).toBe(200);
    expect(early.body.sessionToken).toBe(login.body.sessionToken);
    expect(early.body.timeout).toBeLessThanOrEqual(duration);
    expect(early.body.timeout).toBeGreaterThan(duration / 2);

    // Past halfway (at least 1300 ms in, so at most 700 ms would be left): extended by 1000 ms.
    await sleep(1300);
    const late = await sim.ping(auth);
    expect(late.status).toBe(200);
    const elapsed = performance.now() - loggedInAt;
    expect(late.body.timeout).toBeGreaterThan(duration / 2);
    expect(late.body.timeout).toBeLessThanOrEqual(duration * 1.5 - 1250); // timers may fire a little early
    expect(late.body.timeout).toBeGreaterThanOrEqual(duration * 1.5 - elapsed - 50);

    // Right after the extension more than half is left again: no further extension.
    const again = await sim.ping(auth);
    expect(again.body.timeout).toBeLessThanOrEqual(late.body.timeout);
    expect((await sim.get('/api/register/broker', auth)).status).toBe(200);
  });

  it('answers 403 for an expired, unknown or missing session token', async () => {
    const sim = new Harness(300);
    started.push(sim);
    await sim.start();
    const auth = await sim.session(service.username, service.domain, service.password);
    await sleep(700);
    expectError(await sim.ping(auth), 403, 20019);
    expectError(await sim.get('/api/register/broker', auth), 401, 20019);
    expectError(await sim.ping('DXAPI unknown'), 403, 20019);
    expect((await sim.ping(undefined)).status).toBe(403);
    expect((await sim.ping(serviceBasic)).status).toBe(403);
  });
});

describe('dxCore simulator: end-user permissions', () => {
  let auth = '';
  beforeAll(async () => {
    auth = await h.session(alice.login, alice.domain, seededClientPassword);
  });

  it('lets a client read itself, its accounts and their categories, brokers and categories', async () => {
    expect((await h.get(`/api/register/client/${alice.domain}/${alice.login}`, auth)).status).toBe(200);
    expect((await h.get(`/api/register/account/${aliceAccount.clearingCode}/${aliceAccount.accountCode}`, auth)).status).toBe(200);
    const category = aliceAccount.categories[0]?.category as string;
    expect((await h.get(`/api/register/account/${aliceAccount.clearingCode}/${aliceAccount.accountCode}/category/${category}`, auth)).status).toBe(200);
    expect((await h.get('/api/register/broker', auth)).status).toBe(200);
    expect((await h.get('/api/register/broker/ACME', auth)).status).toBe(200);
    expect((await h.get('/api/register/broker/ACME/category', auth)).status).toBe(200);
    expect((await h.get('/api/register/category', auth)).status).toBe(200);
  });

  it('denies other clients, other accounts, lists, groups and notifications with 403 20020', async () => {
    expectError(await h.get(`/api/register/client/${other.domain}/${other.login}`, auth), 403, 20020);
    expectError(await h.get('/api/register/client/default/nobody', auth), 403, 20020);
    expectError(await h.get(`/api/register/account/${otherAccount.clearingCode}/${otherAccount.accountCode}`, auth), 403, 20020);
    expectError(await h.get('/api/register/account/acme/no-such-account', auth), 403, 20020);
    expectError(await h.get('/api/register/client', auth), 403, 20020);
    expectError(await h.get('/api/register/account', auth), 403, 20020);
    expectError(await h.get('/api/register/client/group', auth), 403, 20020);
    expectError(await h.get('/api/register/client/group/default/retail', auth), 403, 20020);
    expectError(await h.get('/api/clientnotifications/notification/1001', auth), 403, 20020);
  });
});

describe('dxCore simulator: clients', () => {
  it('lists every client with its accounts and groups, without simulator-only fields', async () => {
    const answer = await h.get('/api/register/client');
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(world.clients.length);
    expectNoSimulatorFields(answer.body);
    const first = answer.body.find((c: any) => c.login === alice.login);
    expect(first.accounts.map((a: any) => a.accountCode)).toEqual(aliceAccounts.map((a) => a.accountCode));
    const expectedGroups = world.clientGroups.filter((g) => g.clients.includes(key(alice))).map((g) => `${g.domain}@${g.name}`);
    expect(first.groups).toEqual(expectedGroups);
    expect(expectedGroups.length).toBeGreaterThan(0);
  });

  it('filters by type and rejects an invalid type with 400 20001', async () => {
    const clients = await h.get('/api/register/client?type=CLIENT');
    expect(clients.body).toHaveLength(world.clients.filter((c) => c.type === 'CLIENT').length);
    const others = await h.get('/api/register/client?type=OTHER');
    expect(others.body).toHaveLength(world.clients.filter((c) => c.type === 'OTHER').length);
    expectError(await h.get('/api/register/client?type=ROBOT'), 400, 20001);
  });

  it('reads one client and answers 404 30001 for an unknown one', async () => {
    const answer = await h.get(`/api/register/client/${alice.domain}/${alice.login}`);
    expect(answer.body).toMatchObject({ domain: alice.domain, login: alice.login, fullName: alice.fullName, type: alice.type });
    expectNoSimulatorFields(answer.body);
    expectError(await h.get('/api/register/client/default/nobody'), 404, 30001);
  });

  it('keeps only the requested attributes plus domain and login', async () => {
    const one = await h.get(`/api/register/client/${alice.domain}/${alice.login}?attributes=fullName,groups,unknownThing`);
    expect(Object.keys(one.body).sort()).toEqual(['domain', 'fullName', 'groups', 'login']);
    const list = await h.get('/api/register/client?attributes=email');
    for (const client of list.body) expect(Object.keys(client).sort()).toEqual(['domain', 'email', 'login']);
  });
});

describe('dxCore simulator: client groups', () => {
  it('lists groups; the group route is not taken as a client', async () => {
    const answer = await h.get('/api/register/client/group');
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(world.clientGroups.length);
    expect(answer.body[1]).toEqual(world.clientGroups[1]);
    const call = h.sim.server.calls.at(-1);
    expect(call?.route).toBe('GET /api/register/client/group');
  });

  it('reads one group, with attributes, and answers 404 30003 for an unknown one', async () => {
    const retail = await h.get('/api/register/client/group/default/retail');
    expect(retail.body).toEqual(world.clientGroups.find((g) => g.name === 'retail'));
    const narrowed = await h.get('/api/register/client/group/default/retail?attributes=ancestors');
    expect(narrowed.body).toEqual({ domain: 'default', name: 'retail', ancestors: ['default@all-clients'] });
    const list = await h.get('/api/register/client/group?attributes=clients');
    for (const group of list.body) expect(Object.keys(group).sort()).toEqual(['clients', 'domain', 'name']);
    expectError(await h.get('/api/register/client/group/default/nope'), 404, 30003);
  });
});

describe('dxCore simulator: accounts', () => {
  it('lists accounts without owner and filters by type and status', async () => {
    const all = await h.get('/api/register/account');
    expect(all.body).toHaveLength(world.accounts.length);
    expectNoSimulatorFields(all.body);
    for (const account of all.body) expect(Object.values(account)).not.toContain(undefined);
    const offset = await h.get('/api/register/account?type=OFFSET');
    expect(offset.body).toHaveLength(world.accounts.filter((a) => a.type === 'OFFSET').length);
    expect(offset.body.length).toBeGreaterThan(0);
    const both = await h.get('/api/register/account?type=CLIENT&status=FULL_TRADING');
    expect(both.body).toHaveLength(world.accounts.filter((a) => a.type === 'CLIENT' && a.status === 'FULL_TRADING').length);
    const none = await h.get('/api/register/account?status=NOT_A_STATUS');
    expect(none.body).toEqual([]);
  });

  it('reads one account with attributes and answers 404 30007 for an unknown one', async () => {
    const path = `/api/register/account/${aliceAccount.clearingCode}/${aliceAccount.accountCode}`;
    const one = await h.get(path);
    const { owner: _owner, ...expected } = aliceAccount;
    expect(one.body).toEqual(JSON.parse(JSON.stringify(expected)));
    const narrowed = await h.get(`${path}?attributes=balance,currency`);
    expect(Object.keys(narrowed.body).sort()).toEqual(['accountCode', 'balance', 'clearingCode', 'currency']);
    const list = await h.get('/api/register/account?attributes=status');
    for (const account of list.body) expect(Object.keys(account).sort()).toEqual(['accountCode', 'clearingCode', 'status']);
    expectError(await h.get('/api/register/account/acme/no-such-account'), 404, 30007);
  });

  it("reads an account's category: 404 30007 for an unknown account, 30004 for a category it lacks", async () => {
    const group = aliceAccount.categories[0] as { category: string; value: string };
    const path = `/api/register/account/${aliceAccount.clearingCode}/${aliceAccount.accountCode}/category`;
    const answer = await h.get(`${path}/${group.category}`);
    expect(answer.body).toEqual(group);
    expectError(await h.get(`${path}/NoSuchCategory`), 404, 30004);
    expectError(await h.get(`/api/register/account/acme/no-such-account/category/${group.category}`), 404, 30007);
  });
});

describe('dxCore simulator: brokers and categories', () => {
  it('lists brokers, filters by type, reads one with attributes; 404 30002 for an unknown one', async () => {
    const all = await h.get('/api/register/broker');
    expect(all.body).toEqual(JSON.parse(JSON.stringify(world.brokers)));
    const firms = await h.get('/api/register/broker?type=TRADING_FIRM');
    expect(firms.body.map((b: any) => b.brokerCode)).toEqual(world.brokers.filter((b) => b.type === 'TRADING_FIRM').map((b) => b.brokerCode));
    const one = await h.get('/api/register/broker/ACME_EU?attributes=parentBrokerCode');
    expect(one.body).toEqual({ brokerCode: 'ACME_EU', parentBrokerCode: 'ACME' });
    const list = await h.get('/api/register/broker?attributes=name');
    for (const broker of list.body) expect(Object.keys(broker).sort()).toEqual(['brokerCode', 'name']);
    expectError(await h.get('/api/register/broker/NOPE'), 404, 30002);
  });

  it("reads a broker's categories; 404 30002 for an unknown broker and 30004 for an unknown category", async () => {
    const list = await h.get('/api/register/broker/ACME/category');
    expect(list.body).toEqual(world.brokerCategories.ACME);
    const one = await h.get('/api/register/broker/ACME/category/Commissions');
    expect(one.body).toEqual({ category: 'Commissions', values: [{ value: 'Standard' }, { value: 'VIP' }] });
    expectError(await h.get('/api/register/broker/NOPE/category'), 404, 30002);
    expectError(await h.get('/api/register/broker/NOPE/category/Commissions'), 404, 30002);
    expectError(await h.get('/api/register/broker/ACME/category/NoSuchCategory'), 404, 30004);
  });

  it('lists all settings categories merged by name', async () => {
    const answer = await h.get('/api/register/category');
    const names = new Set(Object.values(world.brokerCategories).flat().map((c) => c.category));
    expect(answer.body.map((c: any) => c.category).sort()).toEqual([...names].sort());
    const commissions = answer.body.find((c: any) => c.category === 'Commissions');
    expect(commissions.values).toEqual([{ value: 'Standard' }, { value: 'VIP' }]);
  });
});

describe('dxCore simulator: notifications', () => {
  const notification = world.notifications[0]!;
  const first = notification.statuses[0]!;

  it('answers delivery information, filtered by recipients when given', async () => {
    const all = await h.get(`/api/clientnotifications/notification/${notification.id}`);
    expect(all.body).toEqual({ notificationId: notification.id, statuses: notification.statuses });
    const one = await h.get(`/api/clientnotifications/notification/${notification.id}?recipients=${encodeURIComponent(first.recipient)}`);
    expect(one.body).toEqual({ notificationId: notification.id, statuses: [first] });
    const second = notification.statuses[1]!;
    const two = await h.get(
      `/api/clientnotifications/notification/${notification.id}?recipients=${first.recipient}&recipients=${second.recipient}`,
    );
    expect(two.body.statuses).toEqual([first, second]);
  });

  it('answers 400 30020 for a bad recipient and 404 30019 for an unknown notification', async () => {
    expectError(await h.get(`/api/clientnotifications/notification/${notification.id}?recipients=no-at-sign`), 400, 30020);
    expectError(await h.get('/api/clientnotifications/notification/999999'), 404, 30019);
  });
});

describe('dxCore simulator: fallbacks and call log', () => {
  beforeEach(() => h.sim.server.clearCalls());

  it('answers 404 10001 for an unmatched route', async () => {
    expectError(await h.get('/api/register/nothing-here'), 404, 10001);
    expectError(await h.call('DELETE', '/api/register/client', serviceBasic), 404, 10001);
    expect(h.sim.server.calls.map((c) => c.route)).toEqual(['unmatched', 'unmatched']);
  });

  it('records the route pattern, path, query and status of every call', async () => {
    await h.get(`/api/register/client/${alice.domain}/${alice.login}?attributes=email`);
    await h.get('/api/register/broker/NOPE');
    const [client, broker] = h.sim.server.calls;
    expect(client).toMatchObject({
      method: 'GET',
      route: 'GET /api/register/client/:domain/:login',
      path: `/api/register/client/${alice.domain}/${alice.login}`,
      query: '?attributes=email',
      status: 200,
    });
    expect(broker).toMatchObject({ route: 'GET /api/register/broker/:brokerCode', status: 404 });
  });

  it('logs the path as it was sent, dot segments included, and routes it resolved, as a web server would', async () => {
    // fetch resolves dot segments before sending; a raw request target needs node:http.
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(h.base);
      request({ host: url.hostname, port: url.port, method: 'GET', path: '/api/register/broker/NOPE/category/..?attributes=name', headers: { authorization: serviceBasic } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(404);
    expect(h.sim.server.calls).toMatchObject([{ route: 'GET /api/register/broker/:brokerCode', path: '/api/register/broker/NOPE/category/..', query: '?attributes=name', status: 404 }]);
  });

  it('keeps its own copy of the seed: state changes do not leak into the seed', async () => {
    const sim = new DxCoreSimulator({ seed: world, service });
    const client = sim.state.client(alice.domain, alice.login)!;
    client.fullName = 'Changed';
    expect(world.clients[0]?.fullName).not.toBe('Changed');
    expect(sim.state.accountsOf(client)).toHaveLength(aliceAccounts.length);
  });
});
