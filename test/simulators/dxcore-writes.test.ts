import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DxAccount } from '../../src/simulators/records.ts';
import {
  accountPath,
  alice,
  bob,
  expectError,
  Harness,
  keyOf,
  liveAccount,
  terminatedAccount,
  world,
} from './dxcore-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(() => h.close());

const account = liveAccount();
const transfer = (kind: string, a: DxAccount = account) => `${accountPath(a)}/${kind}`;

describe('dxCore writes: transfers', () => {
  it('POST deposit applies once, generates an id and answers 201 with the transfer', async () => {
    const answer = await h.post(transfer('deposit'), { currency: account.currency, amount: 250.5, description: 'wire in' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      kind: 'DEPOSIT',
      clearingCode: account.clearingCode,
      accountCode: account.accountCode,
      currency: account.currency,
      amount: 250.5,
      description: 'wire in',
    });
    expect(answer.body.transferId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(answer.body.createdDateTime)).not.toBeNaN();
    expect((await h.account(account)).balance).toBeCloseTo(account.balance + 250.5, 8);
    expect(h.events).toEqual([{ type: 'transfer.applied', transfer: answer.body, balance: (await h.account(account)).balance }]);
  });

  it('withdrawal takes money out, adjustment moves it either way', async () => {
    expect((await h.post(transfer('withdrawal'), { currency: account.currency, amount: 100 })).status).toBe(201);
    expect((await h.post(transfer('adjustment'), { currency: account.currency, amount: -50 })).status).toBe(201);
    expect((await h.post(transfer('adjustment'), { currency: account.currency, amount: 20 })).status).toBe(201);
    expect((await h.account(account)).balance).toBeCloseTo(account.balance - 130, 8);
    expect(h.sim.state.transfers.get(`${account.clearingCode}\u0000${account.accountCode}`)?.size).toBe(3);
  });

  it('PUT with an id applies once: a replay answers 200 with the first answer and moves no money', async () => {
    const path = `${transfer('deposit')}/dep-1`;
    const body = { currency: account.currency, amount: 10, description: 'top up' };
    const first = await h.put(path, body);
    expect(first.status).toBe(201);
    expect(first.body.transferId).toBe('dep-1');
    const again = await h.put(path, { ...body, transferId: 'dep-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await h.account(account)).balance).toBeCloseTo(account.balance + 10, 8);
    expect(h.events.filter((e) => e.type === 'transfer.applied')).toHaveLength(1);
  });

  it('POST with a body transferId is idempotent the same way', async () => {
    const body = { currency: account.currency, amount: 5, transferId: 'post-id' };
    expect((await h.post(transfer('deposit'), body)).status).toBe(201);
    expect((await h.post(transfer('deposit'), body)).status).toBe(200);
    expect((await h.account(account)).balance).toBeCloseTo(account.balance + 5, 8);
  });

  it('the same id with another amount, currency, description or kind is 409 30012', async () => {
    const body = { currency: account.currency, amount: 10 };
    expect((await h.put(`${transfer('deposit')}/t-1`, body)).status).toBe(201);
    expectError(await h.put(`${transfer('deposit')}/t-1`, { ...body, amount: 11 }), 409, 30012);
    expectError(await h.put(`${transfer('deposit')}/t-1`, { ...body, description: 'other' }), 409, 30012);
    expectError(await h.put(`${transfer('deposit')}/t-1`, { ...body, currency: 'XXX' }), 409, 30012);
    expectError(await h.put(`${transfer('withdrawal')}/t-1`, body), 409, 30012);
    expectError(await h.put(`${transfer('adjustment')}/t-1`, body), 409, 30012);
    expect((await h.account(account)).balance).toBeCloseTo(account.balance + 10, 8);
  });

  it('ids are per account: the same id on another account is a new transfer', async () => {
    const other = liveAccount(1);
    expect((await h.put(`${transfer('deposit')}/same`, { currency: account.currency, amount: 1 })).status).toBe(201);
    expect((await h.put(`${transfer('deposit', other)}/same`, { currency: other.currency, amount: 1 })).status).toBe(201);
  });

  it('a replay succeeds even after the account was terminated', async () => {
    const body = { currency: account.currency, amount: 3 };
    expect((await h.put(`${transfer('deposit')}/late`, body)).status).toBe(201);
    expect((await h.put(accountPath(account), { status: 'TERMINATED' })).status).toBe(200);
    expect((await h.put(`${transfer('deposit')}/late`, body)).status).toBe(200);
    expectError(await h.put(`${transfer('deposit')}/later`, body), 422, 30015);
  });

  it('400 30010 for another currency, 30013 for a bad amount', async () => {
    const other = account.currency === 'USD' ? 'EUR' : 'USD';
    expectError(await h.post(transfer('deposit'), { currency: other, amount: 1 }), 400, 30010);
    expectError(await h.post(transfer('deposit'), { currency: account.currency, amount: 0 }), 400, 30013);
    expectError(await h.post(transfer('deposit'), { currency: account.currency, amount: -1 }), 400, 30013);
    expectError(await h.post(transfer('withdrawal'), { currency: account.currency, amount: -1 }), 400, 30013);
    expectError(await h.post(transfer('adjustment'), { currency: account.currency, amount: 0 }), 400, 30013);
    expectError(await h.post(transfer('deposit'), undefined, { raw: `{"currency":"${account.currency}","amount":1e400}` }), 400, 30013);
    expect(h.events).toEqual([]);
  });

  it('422 30011 beyond the balance (credit is not withdrawable), 30015 on TERMINATED and EXPIRED accounts', async () => {
    expectError(await h.post(transfer('withdrawal'), { currency: account.currency, amount: account.balance + 0.01 }), 422, 30011);
    expectError(await h.post(transfer('adjustment'), { currency: account.currency, amount: -(account.balance + 0.01) }), 422, 30011);
    expect((await h.post(transfer('withdrawal'), { currency: account.currency, amount: account.balance })).status).toBe(201);
    expect((await h.account(account)).balance).toBe(0);
    const body = { currency: terminatedAccount.currency, amount: 1 };
    expectError(await h.post(transfer('deposit', terminatedAccount), body), 422, 30015);
    const expired = world.accounts.find((a) => a.status === 'EXPIRED') as DxAccount;
    expectError(await h.post(transfer('adjustment', expired), { currency: expired.currency, amount: 1 }), 422, 30015);
  });

  it('400 20001 for a missing field, 20022 for malformed JSON, a wrong type or a transferId other than the path id', async () => {
    expectError(await h.post(transfer('deposit'), { amount: 1 }), 400, 20001);
    expectError(await h.post(transfer('deposit'), { currency: account.currency }), 400, 20001);
    expectError(await h.post(transfer('deposit')), 400, 20001);
    expectError(await h.post(transfer('deposit'), undefined, { raw: '{"currency":' }), 400, 20022);
    expectError(await h.post(transfer('deposit'), { currency: account.currency, amount: '1' }), 400, 20022);
    expectError(await h.post(transfer('deposit'), [1]), 400, 20022);
    expectError(await h.put(`${transfer('deposit')}/a`, { currency: account.currency, amount: 1, transferId: 'b' }), 400, 20022);
  });

  it('404 30007 for an unknown account; 403 20020 for an end user, even on their own account', async () => {
    expectError(await h.post('/api/register/account/acme/nope/deposit', { currency: 'USD', amount: 1 }), 404, 30007);
    const own = world.accounts.find((a) => a.owner === keyOf(alice)) as DxAccount;
    const auth = await h.clientAuth(alice);
    expectError(await h.post(transfer('deposit', own), { currency: own.currency, amount: 1 }, { auth }), 403, 20020);
    expectError(await h.post(transfer('deposit', own), { currency: own.currency, amount: 1 }, { auth: null }), 401, 20019);
  });
});

describe('dxCore writes: dropResponseOnce', () => {
  const route = 'PUT /api/register/account/:clearingCode/:accountCode/deposit/:id';

  it('handles the call, destroys the connection, and the retry is answered 200 with money moved once', async () => {
    h.sim.server.dropResponseOnce(route);
    const path = `${transfer('deposit')}/lost-answer`;
    const body = { currency: account.currency, amount: 42 };
    await expect(h.put(path, body)).rejects.toThrow();
    expect((await h.account(account)).balance).toBeCloseTo(account.balance + 42, 8);
    const retry = await h.put(path, body);
    expect(retry.status).toBe(200);
    expect(retry.body.transferId).toBe('lost-answer');
    expect((await h.account(account)).balance).toBeCloseTo(account.balance + 42, 8);
    const calls = h.sim.server.calls.filter((c) => c.route === route);
    expect(calls.map((c) => [c.status, c.dropped])).toEqual([
      [201, true],
      [200, undefined],
    ]);
  });

  it('drops only the next matching call, and refuses a route that does not exist', async () => {
    h.sim.server.dropResponseOnce(route);
    expect((await h.get(accountPath(account))).status).toBe(200); // another route: answered
    await expect(h.put(`${transfer('deposit')}/one`, { currency: account.currency, amount: 1 })).rejects.toThrow();
    expect((await h.put(`${transfer('deposit')}/two`, { currency: account.currency, amount: 1 })).status).toBe(201);
    expect(() => h.sim.server.dropResponseOnce('PUT /no/such/route')).toThrow(/no route/);
  });
});

describe('dxCore writes: account update', () => {
  const demo = world.accounts.find((a) => a.accountType === 'DEMO' && a.status === 'FULL_TRADING') as DxAccount;
  const live = world.accounts.find((a) => a.accountType === 'LIVE' && a.status === 'FULL_TRADING') as DxAccount;

  it('applies the Account update model and answers the account', async () => {
    const update = {
      status: 'CLOSE_ONLY',
      credit: 5000,
      equityOptionsLevel: 3,
      futuresOptionsLevel: 1,
      isPdtAccount: true,
      allowedInstruments: ['AAPL', 'MSFT'],
      alpacaOmnibusSubAccountId: 'sub-1',
      selfDepositBalanceAllowed: false,
      expirationDate: '2031-01-02T03:04:05Z',
    };
    const answer = await h.put(accountPath(demo), update);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      accountCode: demo.accountCode,
      status: 'CLOSE_ONLY',
      credit: 5000,
      equityOptionsLevel: 3,
      futuresOptionsLevel: 1,
      pdtAccount: true,
      allowedInstruments: ['AAPL', 'MSFT'],
      alpacaOmnibusSubAccountId: 'sub-1',
      selfDepositBalanceAllowed: false,
      expirationDate: '2031-01-02T03:04:05.000Z',
      balance: demo.balance,
    });
    expect(answer.body).not.toHaveProperty('owner');
    expect(await h.account(demo)).toEqual(answer.body);
    expect(h.events.map((e) => e.type)).toEqual(['account.updated']);
  });

  it('skips selfDepositBalanceAllowed on a non-DEMO account; TERMINATED emits account.terminated', async () => {
    const before = live.selfDepositBalanceAllowed;
    const answer = await h.put(accountPath(live), { selfDepositBalanceAllowed: true, status: 'TERMINATED' });
    expect(answer.body.selfDepositBalanceAllowed).toBe(before);
    expect(h.events.map((e) => e.type)).toEqual(['account.updated', 'account.terminated']);
  });

  it('400 20008 for expirationDate on a non-DEMO account; 500 30014 for a field that cannot be updated', async () => {
    expectError(await h.put(accountPath(live), { expirationDate: '2031-01-01T00:00:00Z' }), 400, 20008);
    const balance = await h.put(accountPath(demo), { balance: 1, credit: 2 });
    expectError(balance, 500, 30014);
    expect(balance.body.errorDetails).toEqual(['balance']);
    expectError(await h.put(accountPath(demo), { currency: 'USD' }), 500, 30014);
    expect((await h.account(demo)).credit).toBe(demo.credit);
  });

  it('400 20022 for a wrong type or enum, 20001 for no body, 404 30007 for an unknown account', async () => {
    expectError(await h.put(accountPath(demo), { status: 'OPEN' }), 400, 20022);
    expectError(await h.put(accountPath(demo), { credit: 'lots' }), 400, 20022);
    expectError(await h.put(accountPath(demo), { equityOptionsLevel: 1.5 }), 400, 20022);
    expectError(await h.put(accountPath(demo), { expirationDate: 'tomorrow' }), 400, 20022);
    expectError(await h.put(accountPath(demo), undefined, { raw: '{' }), 400, 20022);
    expectError(await h.put(accountPath(demo)), 400, 20001);
    expectError(await h.put('/api/register/account/acme/nope', { credit: 1 }), 404, 30007);
    expectError(await h.put(accountPath(demo), { credit: 1 }, { auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore writes: account categories', () => {
  const target = world.accounts.find((a) => a.brokerCode === 'ACME' && a.categories.every((c) => c.category !== 'Commissions')) as DxAccount;
  const path = `${accountPath(target)}/category/Commissions`;

  it('PUT sets the group from a JSON string (204), readable by the category read; DELETE removes it', async () => {
    expect((await h.put(path, 'VIP')).status).toBe(204);
    expect((await h.get(path)).body).toEqual({ category: 'Commissions', value: 'VIP' });
    expect((await h.put(path, 'Standard')).status).toBe(204);
    expect((await h.account(target)).categories.filter((c: any) => c.category === 'Commissions')).toEqual([{ category: 'Commissions', value: 'Standard' }]);
    expect((await h.del(path)).status).toBe(204);
    expectError(await h.get(path), 404, 30004);
    expectError(await h.del(path), 404, 30004);
    expect(h.events.map((e) => e.type)).toEqual(['account.updated', 'account.updated', 'account.updated']);
  });

  it('404 30004 for a category or value the broker lacks; 400 for a body that is not a group name', async () => {
    expectError(await h.put(path, 'Platinum'), 404, 30004);
    expectError(await h.put(`${accountPath(target)}/category/NoSuch`, 'VIP'), 404, 30004);
    expectError(await h.put(path, { value: 'VIP' }), 400, 20022);
    expectError(await h.put(path, ''), 400, 20001);
    expectError(await h.put('/api/register/account/acme/nope/category/Commissions', 'VIP'), 404, 30007);
    expectError(await h.del('/api/register/account/acme/nope/category/Commissions'), 404, 30007);
  });
});

describe('dxCore writes: trade permissions', () => {
  const target = liveAccount();
  const path = `${accountPath(target)}/permission/trade/${bob.domain}/${bob.login}`;

  it('POST grants (again: no change), DELETE removes; kept as "domain@login"', async () => {
    const granted = await h.post(path);
    expect(granted.status).toBe(200);
    expect(granted.text).toBe('');
    expect((await h.post(path)).status).toBe(200);
    const key = `${target.clearingCode}\u0000${target.accountCode}`;
    expect([...(h.sim.state.tradePermissions.get(key) ?? [])]).toEqual([keyOf(bob)]);
    expect((await h.del(path)).status).toBe(200);
    expect(h.sim.state.tradePermissions.get(key)?.size).toBe(0);
  });

  it('404 30025 removing a permission the account lacks, 30001 for an unknown user, 30007 for an unknown account', async () => {
    expectError(await h.del(path), 404, 30025);
    expectError(await h.post(`${accountPath(target)}/permission/trade/default/nobody`), 404, 30001);
    expectError(await h.post(`/api/register/account/acme/nope/permission/trade/${bob.domain}/${bob.login}`), 404, 30007);
    expectError(await h.post(path, undefined, { auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore writes: broker categories', () => {
  const path = '/api/register/broker/ACME/category';

  it('POST creates a category (200, the Category model), readable by the category reads', async () => {
    const created = await h.post(path, { category: 'Tier', values: [{ value: 'Gold' }, { value: 'Silver' }, { value: 'Gold' }] });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ category: 'Tier', values: [{ value: 'Gold' }, { value: 'Silver' }] });
    expect((await h.get(`${path}/Tier`)).body).toEqual(created.body);
    expect((await h.post('/api/register/broker/NORTHWIND/category', { category: 'Empty' })).body).toEqual({ category: 'Empty', values: [] });
  });

  it('POST: 400 30026 for an existing category, 20001 without a name, 404 30002 for an unknown broker', async () => {
    expectError(await h.post(path, { category: 'Commissions' }), 400, 30026);
    expectError(await h.post(path, { values: [] }), 400, 20001);
    expectError(await h.post(path, { category: 'X', values: [{}] }), 400, 20001);
    expectError(await h.post('/api/register/broker/NOPE/category', { category: 'X' }), 404, 30002);
    expectError(await h.post(path, { category: 'X' }, { auth: await h.clientAuth(alice) }), 403, 20020);
  });

  it('PUT renames a value, on the accounts in that group too', async () => {
    const member = world.accounts.find((a) => a.brokerCode === 'ACME' && a.categories.some((c) => c.category === 'Commissions' && c.value === 'VIP')) as DxAccount;
    const renamed = await h.put(path, { category: 'Commissions', oldValue: 'VIP', newValue: 'Premium' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ category: 'Commissions', values: [{ value: 'Standard' }, { value: 'Premium' }] });
    expect((await h.account(member)).categories).toContainEqual({ category: 'Commissions', value: 'Premium' });
    expect(h.events.some((e) => e.type === 'account.updated')).toBe(true);
    // Other brokers' categories of the same name are theirs.
    expect((await h.get('/api/register/broker/NORTHWIND/category/Commissions')).body.values).toContainEqual({ value: 'VIP' });
  });

  it('PUT: 404 30004 for an unknown category or value, 400 30026 onto an existing value, 20001 for a missing field', async () => {
    expectError(await h.put(path, { category: 'Nope', oldValue: 'a', newValue: 'b' }), 404, 30004);
    expectError(await h.put(path, { category: 'Commissions', oldValue: 'Gold', newValue: 'b' }), 404, 30004);
    expectError(await h.put(path, { category: 'Commissions', oldValue: 'VIP', newValue: 'Standard' }), 400, 30026);
    expectError(await h.put(path, { category: 'Commissions', oldValue: 'VIP' }), 400, 20001);
    expectError(await h.put('/api/register/broker/NOPE/category', { category: 'Commissions', oldValue: 'VIP', newValue: 'X' }), 404, 30002);
  });

  it('DELETE with values removes those values; without values the whole category; accounts leave the groups', async () => {
    const member = world.accounts.find((a) => a.brokerCode === 'ACME' && a.categories.some((c) => c.category === 'TRADE_TYPE' && c.value === 'OPTIONS')) as DxAccount;
    expect((await h.del(path, { category: 'TRADE_TYPE', values: [{ value: 'OPTIONS' }] })).status).toBe(204);
    expect((await h.get(`${path}/TRADE_TYPE`)).body.values).toEqual([{ value: 'FUTURES' }, { value: 'EQUITIES' }]);
    expect((await h.account(member)).categories.some((c: any) => c.category === 'TRADE_TYPE')).toBe(false);
    expect((await h.del(path, { category: 'DxBroRiskControl' })).status).toBe(204);
    expectError(await h.get(`${path}/DxBroRiskControl`), 404, 30004);
  });

  it('DELETE: 404 30004 for an unknown category or value, 20001 without a name, 404 30002 for an unknown broker', async () => {
    expectError(await h.del(path, { category: 'Nope' }), 404, 30004);
    expectError(await h.del(path, { category: 'Commissions', values: [{ value: 'Gold' }] }), 404, 30004);
    expectError(await h.del(path, {}), 400, 20001);
    expectError(await h.del('/api/register/broker/NOPE/category', { category: 'Commissions' }), 404, 30002);
    expect((await h.get(`${path}/Commissions`)).body.values).toHaveLength(2);
  });
});
