import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import {
  accountPath,
  accountsOf,
  alice,
  bob,
  clientPath,
  disabledClient,
  expectError,
  Harness,
  keyOf,
  service,
  world,
} from './dxcore-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(() => h.close());

/** Document 003's "User Creation" request, CRM mode. */
const propClient = {
  domain: 'default',
  login: 'prop-client',
  accounts: [
    {
      clearingCode: 'default',
      accountCode: 'prop-client-acc',
      type: 'CLIENT',
      status: 'FULL_TRADING',
      accountCashType: 'MARGIN',
      accountType: 'DEMO',
      currency: 'USD',
      balance: 1000000,
      categories: [{ category: 'TRADE_TYPE', value: 'FUTURES' }],
    },
  ],
  email: 'bob.smith@gmail.com',
  dxFeedAccountId: '6ddbec14-dd36-4358-adbb-80421d044ba3',
  type: 'CLIENT',
  status: 'ONLINE',
  password: 'test',
};

/** The same client under a broker, so that its account categories exist. */
const acmeClient = { ...propClient, brokerCode: 'ACME' };
const etagOf = (answer: { headers: Headers }) => answer.headers.get('etag');
const withDxFeed = enabledWithDxFeed();

function enabledWithDxFeed(): DxClient {
  return world.clients.find((c) => c.status !== 'DISABLED' && c.dxFeedAccountId && accountsOf(c).some((a) => a.status !== 'TERMINATED')) as DxClient;
}

describe('dxCore clients: create', () => {
  it("creates document 003's client with its accounts (200, the Client model, ETag \"1\")", async () => {
    const created = await h.post('/api/register/client', acmeClient);
    expect(created.status).toBe(200);
    expect(etagOf(created)).toBe('"1"');
    expect(created.body).toMatchObject({
      domain: 'default',
      login: 'prop-client',
      brokerCode: 'ACME',
      email: 'bob.smith@gmail.com',
      dxFeedAccountId: propClient.dxFeedAccountId,
      type: 'CLIENT',
      status: 'ONLINE',
      groups: [],
    });
    expect(created.body.accounts).toEqual([
      {
        clearingCode: 'default',
        accountCode: 'prop-client-acc',
        brokerCode: 'ACME',
        type: 'CLIENT',
        status: 'FULL_TRADING',
        accountCashType: 'MARGIN',
        accountType: 'DEMO',
        currency: 'USD',
        balance: 1000000,
        credit: 0,
        categories: [{ category: 'TRADE_TYPE', value: 'FUTURES' }],
      },
    ]);
    expect(JSON.stringify(created.body)).not.toMatch(/"(password|version|owner|userId)"/);
    const read = await h.get(clientPath(propClient));
    expect(read.body).toEqual(created.body);
    expect(etagOf(read)).toBe('"1"');
    expect(h.events.map((e) => e.type)).toEqual(['client.created', 'account.created']);
    // The password given works for /login.
    expect((await h.post('/login', { username: 'prop-client', domain: 'default', password: 'test' }, { auth: null })).status).toBe(200);
  });

  it('fills the Account model defaults and the broker defaults; keeps accountAccess', async () => {
    const answer = await h.post('/api/register/client?accountAccess=VIEW_ONLY', {
      login: 'minimal',
      brokerCode: 'NORTHWIND',
      accounts: [{ accountCode: 'minimal-1', currency: 'GBP' }],
    });
    expect(answer.status).toBe(200);
    // "If not specified domain of broker will be used": the domain of the broker's API (service) user.
    expect(answer.body).toMatchObject({ domain: service.domain, login: 'minimal', type: 'CLIENT', status: 'OFFLINE' });
    expect(answer.body.accounts[0]).toEqual({
      clearingCode: 'northwind',
      accountCode: 'minimal-1',
      brokerCode: 'NORTHWIND',
      type: 'CLIENT',
      status: 'FULL_TRADING',
      accountCashType: 'MARGIN',
      accountType: 'DEMO',
      currency: 'GBP',
      balance: 0,
      credit: 0,
      categories: [],
    });
    const account = h.sim.state.account('northwind', 'minimal-1');
    expect(account && h.sim.state.accessOf(account)).toBe('VIEW_ONLY');
    const noBroker = await h.post('/api/register/client', { login: 'loner', accounts: [{ accountCode: 'loner-1', currency: 'USD' }] });
    expect(noBroker.body).toMatchObject({ domain: service.domain, accounts: [{ clearingCode: 'default', accountCode: 'loner-1' }] });
    expect(noBroker.body.accounts[0]).not.toHaveProperty('brokerCode');
  });

  it('gives every client a numeric userId in order, seeded ones from 1', async () => {
    const ids = [...h.sim.state.clients.values()].map((c) => c.userId);
    expect(ids).toEqual(world.clients.map((_, i) => i + 1));
    await h.post('/api/register/client', { login: 'next-one' });
    expect(h.sim.state.client(service.domain, 'next-one')?.userId).toBe(world.clients.length + 1);
  });

  it('joins the listed groups', async () => {
    const answer = await h.post('/api/register/client', { login: 'grouped', groups: ['default@vip'] });
    expect(answer.body.groups).toEqual(['default@vip']);
    expect((await h.get('/api/register/client/group/default/vip')).body.clients).toContain(`${service.domain}@grouped`);
    expectError(await h.post('/api/register/client', { login: 'grouped2', groups: ['default@nope'] }), 404, 30003);
  });

  it('400 30021 for a taken login, 30022 for a taken or repeated account pair; nothing is added', async () => {
    expectError(await h.post('/api/register/client', { login: alice.login, domain: alice.domain }), 400, 30021);
    const taken = world.accounts[0]!;
    expectError(
      await h.post('/api/register/client', { login: 'x1', accounts: [{ clearingCode: taken.clearingCode, accountCode: taken.accountCode, currency: 'USD' }] }),
      400,
      30022,
    );
    const twice = { accountCode: 'dup', currency: 'USD' };
    expectError(await h.post('/api/register/client', { login: 'x2', accounts: [twice, twice] }), 400, 30022);
    expect(h.sim.state.client(service.domain, 'x1')).toBeUndefined();
    expect(h.sim.state.client(service.domain, 'x2')).toBeUndefined();
    expect(h.events).toEqual([]);
  });

  it('404 30002 for an unknown broker, 30004 for an unknown account group; 400 for bad fields', async () => {
    expectError(await h.post('/api/register/client', { login: 'x', brokerCode: 'NOPE' }), 404, 30002);
    expectError(await h.post('/api/register/client', { ...propClient, brokerCode: undefined }), 404, 30004);
    expectError(await h.post('/api/register/client', { domain: 'default' }), 400, 20001);
    expectError(await h.post('/api/register/client', { login: 'x', accounts: [{ currency: 'USD' }] }), 400, 20001);
    expectError(await h.post('/api/register/client', { login: 'x', accounts: [{ accountCode: 'x' }] }), 400, 20001);
    expectError(await h.post('/api/register/client', { login: 'x', status: 'AWAY' }), 400, 20022);
    expectError(await h.post('/api/register/client', { login: 'x', birthDate: '01/02/1990' }), 400, 20022);
    expectError(await h.post('/api/register/client', { login: 'x', accounts: {} }), 400, 20022);
    expectError(await h.post('/api/register/client', { login: 'x', brokerCode: 'ACME', accounts: [{ accountCode: 'a', currency: 'USD', brokerCode: 'ORION' }] }), 400, 20001);
    expectError(
      await h.post('/api/register/client', { login: 'x', accounts: [{ accountCode: 'a', currency: 'USD', accountType: 'LIVE', expirationDate: '2030-01-01T00:00:00Z' }] }),
      400,
      20008,
    );
    expectError(await h.post('/api/register/client?accountAccess=ALL', { login: 'x' }), 400, 20001);
    expectError(await h.post('/api/register/client', undefined, { raw: 'nope' }), 400, 20022);
    expectError(await h.post('/api/register/client', { login: 'x' }, { auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore clients: update', () => {
  it('applies the Client update model, bumps the version and answers the client with the new ETag', async () => {
    const answer = await h.put(clientPath(alice), {
      fullName: 'Alice M.',
      phone: '+1-555-000',
      location: { countryCode: 'FR', address: '1 Rue' },
      document: { type: 'PASSPORT', number: 'X1', issuedDate: '2020-01-02' },
      dxFeedAccountId: 'feed-1',
    });
    expect(answer.status).toBe(200);
    expect(etagOf(answer)).toBe('"2"');
    expect(answer.body).toMatchObject({ fullName: 'Alice M.', phone: '+1-555-000', dxFeedAccountId: 'feed-1', location: { countryCode: 'FR', address: '1 Rue' } });
    expect(answer.body.document).toEqual({ type: 'PASSPORT', number: 'X1', issuedDate: '2020-01-02' });
    expect(etagOf(await h.get(clientPath(alice)))).toBe('"2"');
    expect(h.events.map((e) => e.type)).toEqual(['client.updated']);
  });

  it('if-match: the current version (quoted or not, weak or *) applies, a stale one is 409 30023', async () => {
    expect((await h.put(clientPath(alice), { comments: 'a' }, { headers: { 'if-match': '"1"' } })).status).toBe(200);
    expect((await h.put(clientPath(alice), { comments: 'b' }, { headers: { 'if-match': '2' } })).status).toBe(200);
    expect((await h.put(clientPath(alice), { comments: 'c' }, { headers: { 'if-match': 'W/"3"' } })).status).toBe(200);
    expect((await h.put(clientPath(alice), { comments: 'd' }, { headers: { 'if-match': '*' } })).status).toBe(200);
    const stale = await h.put(clientPath(alice), { comments: 'e' }, { headers: { 'if-match': '"1"' } });
    expectError(stale, 409, 30023);
    expect((await h.get(clientPath(alice))).body.comments).toBe('d');
  });

  it('status: DISABLED ends the client\'s sessions; the change is reported', async () => {
    const auth = await h.clientAuth(alice);
    expect((await h.get(clientPath(alice), { auth })).status).toBe(200);
    expect((await h.put(clientPath(alice), { status: 'DISABLED' })).body.status).toBe('DISABLED');
    expect((await h.put(clientPath(alice), { status: 'OFFLINE' })).status).toBe(200);
    // Enabled again, but the old session stays ended.
    expectError(await h.get(clientPath(alice), { auth }), 401, 20019);
    expect(h.events.filter((e) => e.type === 'client.statusChanged')).toEqual([
      { type: 'client.statusChanged', domain: alice.domain, login: alice.login, from: alice.status, to: 'DISABLED' },
      { type: 'client.statusChanged', domain: alice.domain, login: alice.login, from: 'DISABLED', to: 'OFFLINE' },
    ]);
  });

  it('password changes what /login accepts', async () => {
    await h.put(clientPath(alice), { password: 'N3w-secret' });
    expect((await h.post('/login', { username: alice.login, domain: alice.domain, password: 'N3w-secret' }, { auth: null })).status).toBe(200);
  });

  it('groupsAdded / groupsRemoved change membership; unknown groups are 404 30003', async () => {
    const answer = await h.put(clientPath(alice), { groupsAdded: [{ domain: 'prop', name: 'traders' }], groupsRemoved: [{ domain: 'default', name: 'vip' }, { domain: 'default', name: 'retail' }] });
    expect(answer.body.groups).toEqual(['prop@traders']);
    expectError(await h.put(clientPath(alice), { groupsAdded: [{ domain: 'default', name: 'nope' }] }), 404, 30003);
    expectError(await h.put(clientPath(alice), { groupsAdded: [{ domain: 'default' }] }), 400, 20001);
  });

  it('accepts Client-model fields that keep their value; 500 30014 for one that would change or is unknown', async () => {
    const read = (await h.get(clientPath(alice))).body;
    const { accounts: _accounts, groups: _groups, ...sameClient } = read;
    expect((await h.put(clientPath(alice), { ...sameClient, fullName: 'Same Alice' })).status).toBe(200);
    const moved = await h.put(clientPath(alice), { login: 'someone-else' });
    expectError(moved, 500, 30014);
    expect(moved.body.errorDetails).toEqual(['login']);
    expectError(await h.put(clientPath(alice), { accounts: [] }), 500, 30014);
    expectError(await h.put(clientPath(alice), { favouriteColour: 'blue' }), 500, 30014);
  });

  it('404 30001 for an unknown client; 400 for bad fields; 403 for an end user, even on itself', async () => {
    expectError(await h.put('/api/register/client/default/nobody', { fullName: 'x' }), 404, 30001);
    expectError(await h.put(clientPath(alice), { passwordExpiry: 'never' }), 400, 20022);
    expectError(await h.put(clientPath(alice), { status: 'AWAY' }), 400, 20022);
    expectError(await h.put(clientPath(alice)), 400, 20001);
    expectError(await h.put(clientPath(alice), { fullName: 'me' }, { auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore clients: delete', () => {
  it('204; the client, its accounts, memberships and sessions are gone', async () => {
    const auth = await h.clientAuth(alice);
    const owned = accountsOf(alice);
    expect((await h.del(clientPath(alice))).status).toBe(204);
    expectError(await h.get(clientPath(alice)), 404, 30001);
    expectError(await h.get(accountPath(owned[0]!)), 404, 30007);
    expect((await h.get('/api/register/client/group/default/retail')).body.clients).not.toContain(keyOf(alice));
    expect((await h.get('/api/register/client/group/default/vip')).body.clients).not.toContain(keyOf(alice));
    expectError(await h.get('/api/register/broker', { auth }), 401, 20019);
    expect(h.events).toEqual([{ type: 'client.deleted', domain: alice.domain, login: alice.login }]);
    expectError(await h.del(clientPath(alice)), 404, 30001);
  });

  it('403 20020 for an end user', async () => {
    expectError(await h.del(clientPath(alice), undefined, { auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore clients: create account', () => {
  it('document 003 reactivation: status OFFLINE, then a new account (200, the Account)', async () => {
    expect((await h.put(clientPath(disabledClient), { status: 'OFFLINE' })).status).toBe(200);
    const account = { clearingCode: 'default', accountCode: 'client-2-acc-code', currency: 'USD', balance: 1000000, categories: [{ category: 'TRADE_TYPE', value: 'FUTURES' }] };
    const answer = await h.post(`${clientPath(disabledClient)}/account?accountAccess=TRADE`, account);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ...account, brokerCode: disabledClient.brokerCode, status: 'FULL_TRADING', accountType: 'DEMO' });
    const read = await h.get(clientPath(disabledClient));
    expect(read.body.accounts.map((a: any) => a.accountCode)).toContain('client-2-acc-code');
    expect(h.events.at(-1)).toMatchObject({ type: 'account.created', owner: { domain: disabledClient.domain, login: disabledClient.login } });
  });

  it('400 30022 for a taken pair, 404 30001 for an unknown client, 400 20001 for a missing code', async () => {
    const taken = accountsOf(bob)[0]!;
    expectError(await h.post(`${clientPath(alice)}/account`, { clearingCode: taken.clearingCode, accountCode: taken.accountCode, currency: 'USD' }), 400, 30022);
    expectError(await h.post('/api/register/client/default/nobody/account', { accountCode: 'a', currency: 'USD' }), 404, 30001);
    expectError(await h.post(`${clientPath(alice)}/account`, { currency: 'USD' }), 400, 20001);
    expectError(await h.post(`${clientPath(alice)}/account?accountAccess=OWN`, { accountCode: 'a', currency: 'USD' }), 400, 20001);
  });
});

describe('dxCore clients: disable and terminate', () => {
  const path = (c: DxClient) => `${clientPath(c)}/disable-user-and-terminate-accounts`;

  it('DISABLED, every account TERMINATED, sessions ended, and dxFeed asked to cancel the subscriptions', async () => {
    const client = withDxFeed;
    const auth = await h.clientAuth(client);
    const answer = await h.post(path(client), { cancelDxFeedSubscriptions: true });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const read = (await h.get(clientPath(client))).body;
    expect(read.status).toBe('DISABLED');
    expect(read.accounts.every((a: any) => a.status === 'TERMINATED')).toBe(true);
    expectError(await h.get(clientPath(client), { auth }), 401, 20019);
    expect(h.dxFeedCancels).toEqual([client.dxFeedAccountId]);
    const types = h.events.map((e) => e.type);
    expect(types[0]).toBe('client.statusChanged');
    expect(types).toContain('account.terminated');
    expect(types.at(-1)).toBe('client.updated');
  });

  it('without cancelDxFeedSubscriptions dxFeed is left alone; again is 409 30024', async () => {
    expect((await h.post(path(withDxFeed), { cancelDxFeedSubscriptions: false })).status).toBe(200);
    expect(h.dxFeedCancels).toEqual([]);
    expectError(await h.post(path(withDxFeed), { cancelDxFeedSubscriptions: true }), 409, 30024);
    expectError(await h.post(path(disabledClient), { cancelDxFeedSubscriptions: false }), 409, 30024);
  });

  it('400 for a missing or non-boolean flag, 404 30001 for an unknown client', async () => {
    expectError(await h.post(path(alice), {}), 400, 20001);
    expectError(await h.post(path(alice)), 400, 20001);
    expectError(await h.post(path(alice), { cancelDxFeedSubscriptions: 'yes' }), 400, 20022);
    expectError(await h.post('/api/register/client/default/nobody/disable-user-and-terminate-accounts', { cancelDxFeedSubscriptions: true }), 404, 30001);
    expect((await h.get(clientPath(alice))).body.status).toBe(alice.status);
  });
});

describe('dxCore clients: group membership', () => {
  const group = (c: DxClient, g = 'prop/traders') => `${clientPath(c)}/group/${g}`;

  it('POST adds, DELETE removes (204), each change bumps the version', async () => {
    expect((await h.post(group(alice), undefined, { headers: { 'if-match': '"1"' } })).status).toBe(204);
    expect((await h.get('/api/register/client/group/prop/traders')).body.clients).toContain(keyOf(alice));
    const read = await h.get(clientPath(alice));
    expect(read.body.groups).toContain('prop@traders');
    expect(etagOf(read)).toBe('"2"');
    expect((await h.del(group(alice), undefined, { headers: { 'if-match': '"2"' } })).status).toBe(204);
    expect((await h.get(clientPath(alice))).body.groups).not.toContain('prop@traders');
    expect(etagOf(await h.get(clientPath(alice)))).toBe('"3"');
  });

  it('adding a member again or removing a non-member changes nothing (204, same version)', async () => {
    const member = world.clientGroups.find((g) => g.name === 'retail')!.clients.includes(keyOf(alice)) ? 'default/retail' : 'default/vip';
    expect((await h.post(group(alice, member), undefined, { headers: { 'if-match': '1' } })).status).toBe(204);
    expect((await h.del(group(alice), undefined, { headers: { 'if-match': '1' } })).status).toBe(204);
    expect(etagOf(await h.get(clientPath(alice)))).toBe('"1"');
  });

  it('if-match is required (400 20001) and must be current (409 30023); 404 30001 / 30003', async () => {
    expectError(await h.post(group(alice)), 400, 20001);
    expectError(await h.post(group(alice), undefined, { headers: { 'if-match': '"7"' } }), 409, 30023);
    expectError(await h.del(group(alice), undefined, { headers: { 'if-match': '"7"' } }), 409, 30023);
    expectError(await h.post(group(alice, 'prop/nope'), undefined, { headers: { 'if-match': '1' } }), 404, 30003);
    expectError(await h.post('/api/register/client/default/nobody/group/prop/traders', undefined, { headers: { 'if-match': '1' } }), 404, 30001);
    expectError(await h.post(group(alice), undefined, { headers: { 'if-match': '1' }, auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore clients: market-data paths', () => {
  const base = '/api/register/client';
  const feedId = withDxFeed.dxFeedAccountId as string;

  it('activation and cancellation keep the subscriptions per dxFeed account and log the user out', async () => {
    const auth = await h.clientAuth(withDxFeed);
    const activated = await h.post(`${base}/market-data-subscription-activation`, {
      accountId: feedId,
      subscriptions: [{ feedName: 'CME', endDate: '2031-01-01' }, { feedName: 'NYSE' }],
    });
    expect(activated.status).toBe(200);
    expect(activated.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(activated.text).toBe('OK');
    expect([...(h.sim.state.marketData.get(feedId)?.subscriptions.values() ?? [])]).toEqual([{ feedName: 'CME', endDate: '2031-01-01' }, { feedName: 'NYSE' }]);
    // Document 003 §2.5: "once update received subscriptions updated, user logged out".
    expectError(await h.get(clientPath(withDxFeed), { auth }), 401, 20019);
    const cancelled = await h.post(`${base}/market-data-subscription-cancelation`, { accountId: feedId, subscriptions: [{ feedName: 'CME' }, { feedName: 'OPRA' }] });
    expect(cancelled.text).toBe('OK');
    expect([...(h.sim.state.marketData.get(feedId)?.subscriptions.keys() ?? [])]).toEqual(['NYSE']);
  });

  it('suspension marks the dxFeed account suspended', async () => {
    expect((await h.post(`${base}/market-data-account-suspension`, { accountId: feedId })).text).toBe('OK');
    expect(h.sim.state.marketData.get(feedId)?.suspended).toBe(true);
  });

  it('disable-and-terminate with cancelDxFeedSubscriptions clears dxCore\'s copy too', async () => {
    await h.post(`${base}/market-data-subscription-activation`, { accountId: feedId, subscriptions: [{ feedName: 'CME' }] });
    await h.post(`${clientPath(withDxFeed)}/disable-user-and-terminate-accounts`, { cancelDxFeedSubscriptions: true });
    expect(h.sim.state.marketData.get(feedId)?.subscriptions.size).toBe(0);
  });

  it('400 "Request body is not valid", 404 30001 for an account id no client is linked to', async () => {
    for (const action of ['market-data-subscription-activation', 'market-data-subscription-cancelation']) {
      const missing = await h.post(`${base}/${action}`, { accountId: feedId });
      expectError(missing, 400, 20001);
      expect(missing.body.errorMessage).toBe('Request body is not valid');
      expectError(await h.post(`${base}/${action}`, { accountId: feedId, subscriptions: [{ endDate: '2031-01-01' }] }), 400, 20001);
      expectError(await h.post(`${base}/${action}`, { accountId: feedId, subscriptions: 'CME' }), 400, 20022);
      expectError(await h.post(`${base}/${action}`, undefined, { raw: '{' }), 400, 20022);
      expectError(await h.post(`${base}/${action}`, { accountId: 'unlinked', subscriptions: [] }), 404, 30001);
    }
    expectError(await h.post(`${base}/market-data-subscription-activation`, { accountId: feedId, subscriptions: [{ feedName: 'CME', endDate: 'soon' }] }), 400, 20022);
    expectError(await h.post(`${base}/market-data-account-suspension`, {}), 400, 20001);
    expectError(await h.post(`${base}/market-data-account-suspension`, { accountId: 'unlinked' }), 404, 30001);
    expectError(await h.post(`${base}/market-data-account-suspension`, { accountId: feedId }, { auth: await h.clientAuth(alice) }), 403, 20020);
    expect(h.sim.state.marketData.size).toBe(0);
  });
});
