import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DxAccount, DxClient } from '../../src/simulators/records.ts';
import { accountPath, alice, bob, disabledClient, expectError, Harness, liveAccount, world } from './dxcore-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(() => h.close());

const recipient = (c: DxClient) => `${c.login}@${c.domain}`;
const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
const notification = (extra: Record<string, unknown> = {}) => ({
  recipients: [recipient(alice), recipient(bob)],
  priority: 'HIGH',
  subject: 'Maintenance',
  message: 'The platform is down on Sunday.',
  expirationDate: future,
  mustAcknowledge: true,
  ...extra,
});

describe('dxCore notifications: send', () => {
  it('answers the new id as text/plain; the delivery read shows one unread status per recipient', async () => {
    const sent = await h.post('/api/clientnotifications', notification());
    expect(sent.status).toBe(200);
    expect(sent.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(sent.text).toBe('1003');
    const delivery = await h.get(`/api/clientnotifications/notification/${sent.text}`);
    expect(delivery.body).toEqual({ notificationId: '1003', statuses: [{ recipient: recipient(alice) }, { recipient: recipient(bob) }] });
    const filtered = await h.get(`/api/clientnotifications/notification/${sent.text}?recipients=${recipient(bob)}`);
    expect(filtered.body.statuses).toEqual([{ recipient: recipient(bob) }]);
    expect((await h.post('/api/clientnotifications', notification())).text).toBe('1004');
  });

  it('accepts the Broker notification recipient model ({domain, login}) too, without duplicates', async () => {
    const sent = await h.post('/api/clientnotifications', notification({ recipients: [{ domain: alice.domain, login: alice.login }, recipient(alice)] }));
    expect((await h.get(`/api/clientnotifications/notification/${sent.text}`)).body.statuses).toEqual([{ recipient: recipient(alice) }]);
  });

  it('sendToAll selects enabled clients: ALL, or those with a LIVE or a DEMO account', async () => {
    const enabled = world.clients.filter((c) => c.status !== 'DISABLED');
    const having = (type: string) => enabled.filter((c) => world.accounts.some((a) => a.owner === `${c.domain}@${c.login}` && a.accountType === type));
    for (const [audience, expected] of [
      ['ALL', enabled],
      ['LIVE', having('LIVE')],
      ['DEMO', having('DEMO')],
    ] as const) {
      const sent = await h.post('/api/clientnotifications', notification({ recipients: undefined, sendToAll: audience }));
      const statuses = (await h.get(`/api/clientnotifications/notification/${sent.text}`)).body.statuses;
      expect(statuses.map((s: any) => s.recipient)).toEqual(expected.map(recipient));
      expect(statuses.map((s: any) => s.recipient)).not.toContain(recipient(disabledClient));
    }
    expect(having('LIVE').length).toBeLessThan(enabled.length);
  });

  it('400: 20001 missing field or no recipients, 20022 bad JSON, 20028 / 20029 too long, 20030 expired', async () => {
    expectError(await h.post('/api/clientnotifications', notification({ subject: undefined })), 400, 20001);
    expectError(await h.post('/api/clientnotifications', notification({ mustAcknowledge: undefined })), 400, 20001);
    expectError(await h.post('/api/clientnotifications', notification({ recipients: [] })), 400, 20001);
    expectError(await h.post('/api/clientnotifications', notification({ priority: 'URGENT' })), 400, 20022);
    expectError(await h.post('/api/clientnotifications', notification({ recipients: ['no-at-sign'] })), 400, 20022);
    expectError(await h.post('/api/clientnotifications', undefined, { raw: '{"subject":' }), 400, 20022);
    expectError(await h.post('/api/clientnotifications', notification({ subject: 's'.repeat(257) })), 400, 20028);
    expect((await h.post('/api/clientnotifications', notification({ subject: 's'.repeat(256) }))).status).toBe(200);
    expectError(await h.post('/api/clientnotifications', notification({ message: 'm'.repeat(4097) })), 400, 20029);
    expectError(await h.post('/api/clientnotifications', notification({ expirationDate: '2001-01-01T00:00:00Z' })), 400, 20030);
  });

  it('400 20020 for an end user (as document 000 lists it); 404 20027 unknown recipient, 20014 not a client', async () => {
    expectError(await h.post('/api/clientnotifications', notification(), { auth: await h.clientAuth(alice) }), 400, 20020);
    expectError(await h.post('/api/clientnotifications', notification({ recipients: ['nobody@default'] })), 404, 20027);
    await h.post('/api/register/client', { login: 'desk', domain: 'default', type: 'OTHER' });
    expectError(await h.post('/api/clientnotifications', notification({ recipients: ['desk@default'] })), 404, 20014);
    expect(h.sim.state.notifications.size).toBe(world.notifications.length);
  });
});

describe('dxCore notifications: expiration date', () => {
  const seeded = world.notifications[0]!;
  const path = (id: string, date: string) => `/api/clientnotifications/notification/${id}/date/${encodeURIComponent(date)}`;

  it('moves the expiration (200 text)', async () => {
    const answer = await h.put(path(seeded.id, '2031-05-06T07:08:09Z'));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('OK');
    expect(h.sim.state.notification(seeded.id)?.expirationDate).toBe('2031-05-06T07:08:09.000Z');
  });

  it('404 30019 unknown notification, 400 20030 in the past, 400 20001 not a date, 403 20020 end user', async () => {
    expectError(await h.put(path('999999', future)), 404, 30019);
    expectError(await h.put(path(seeded.id, '2001-01-01T00:00:00Z')), 400, 20030);
    expectError(await h.put(path(seeded.id, 'next-week')), 400, 20001);
    expectError(await h.put(path(seeded.id, future), undefined, { auth: await h.clientAuth(alice) }), 403, 20020);
  });
});

describe('dxCore transaction import', () => {
  const account = liveAccount();
  const usd = world.accounts.find((a) => a.currency === 'USD' && a.status === 'FULL_TRADING') as DxAccount;
  const trade = (id: string, extra: Record<string, unknown> = {}) => ({
    transactionId: id,
    action: 'CREATE',
    accountCode: account.accountCode,
    clearingCode: account.clearingCode,
    symbol: 'AAPL',
    quantity: 10,
    costBasis: -1500,
    cashEffect: -1500,
    activityType: 'TRADE',
    ...extra,
  });
  const balance = async (a: DxAccount = account) => (await h.account(a)).balance as number;

  it('CREATE, UPDATE and DELETE move the balance by cashEffect: added, replaced, taken back', async () => {
    const created = await h.post('/api/transaction-import', [trade('s1:a1'), trade('s1:a2', { cashEffect: 200, costBasis: undefined })]);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ createdTransactions: ['s1:a1', 's1:a2'], updatedTransactions: [], deletedTransactions: [], failedTransactions: [] });
    expect(await balance()).toBeCloseTo(account.balance - 1300, 8);
    const updated = await h.post('/api/transaction-import', [trade('s1:a1', { action: 'UPDATE', cashEffect: -1000, costBasis: -1000 })]);
    expect(updated.body.updatedTransactions).toEqual(['s1:a1']);
    expect(await balance()).toBeCloseTo(account.balance - 800, 8);
    const deleted = await h.post('/api/transaction-import', [{ transactionId: 's1:a1', action: 'DELETE', accountCode: account.accountCode }]);
    expect(deleted.body.deletedTransactions).toEqual(['s1:a1']);
    expect(await balance()).toBeCloseTo(account.balance + 200, 8);
    expect(h.events.filter((e) => e.type === 'account.updated')).toHaveLength(4);
  });

  it('calculateCashEffect takes the cost basis; no cashEffect moves nothing; clearingCode may be omitted', async () => {
    await h.post('/api/transaction-import', [trade('s2:a1', { cashEffect: undefined, calculateCashEffect: true, costBasis: -99.5 })]);
    expect(await balance()).toBeCloseTo(account.balance - 99.5, 8);
    await h.post('/api/transaction-import', [trade('s2:a2', { cashEffect: undefined, clearingCode: undefined })]);
    expect(await balance()).toBeCloseTo(account.balance - 99.5, 8);
    expect(h.sim.state.transactions.has('s2:a2')).toBe(true);
  });

  it('fails each bad transaction with the documented code and still imports the others', async () => {
    await h.post('/api/transaction-import', [trade('s3:dup')]);
    const answer = await h.post('/api/transaction-import', [
      trade('s3:ok'),
      trade('', {}),
      trade('no-colon'),
      trade('s3:dup'),
      trade('s3:missing', { action: 'UPDATE' }),
      { transactionId: 's3:gone', action: 'DELETE' },
      trade('s3:noaction', { action: undefined }),
      trade('s3:acct', { accountCode: 'nope' }),
      trade('s3:qty0', { quantity: 0 }),
      trade('s3:qtyS', { quantity: '10' }),
      trade('s3:nosym', { symbol: '' }),
      trade('s3:cash', { activityType: 'DEPOSIT', symbol: account.currency === 'USD' ? 'EUR' : 'USD', quantity: 100, costBasis: undefined, cashEffect: 100 }),
      trade('s3:sign', { costBasis: 1500 }),
      trade('s3:cb', { costBasis: 'x' }),
      trade('s3:ce', { cashEffect: 'x' }),
      trade('s3:fee', { fees: [{ type: 'SEC' }] }),
      trade('s3:calc', { calculateCashEffect: true, costBasis: undefined }),
      trade('s3:ts', { timestamp: 'yesterday' }),
      'not an object',
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.createdTransactions).toEqual(['s3:ok']);
    expect(answer.body.failedTransactions.map((f: any) => [f.transactionId, f.errorCode])).toEqual([
      ['', 'EMPTY_TRANSACTION_ID'],
      ['no-colon', 'INCORRECT_TRANSACTION_ID'],
      ['s3:dup', 'DUPLICATE_TRANSACTION_ID'],
      ['s3:missing', 'TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE'],
      ['s3:gone', 'TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE'],
      ['s3:noaction', 'ACTION_TYPE_IS_MISSED'],
      ['s3:acct', 'ACCOUNT_NOT_FOUND'],
      ['s3:qty0', 'INCORRECT_QUANTITY'],
      ['s3:qtyS', 'INCORRECT_QUANTITY'],
      ['s3:nosym', 'SYMBOL_NOT_FOUND'],
      ['s3:cash', 'CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY'],
      ['s3:sign', 'COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN'],
      ['s3:cb', 'INCORRECT_COST_BASIS'],
      ['s3:ce', 'INCORRECT_CASH_EFFECT'],
      ['s3:fee', 'INCORRECT_COMMISSION_VALUE'],
      ['s3:calc', 'INCORRECT_COST_BASIS'],
      ['s3:ts', 'UNEXPECTED_ERROR'],
      ['', 'EMPTY_TRANSACTION_ID'],
    ]);
    for (const failure of answer.body.failedTransactions) expect(typeof failure.errorText).toBe('string');
    expect(await balance()).toBeCloseTo(account.balance - 3000, 8);
  });

  it('a cash transaction in the account currency is fine; UPDATE may not move account or change type', async () => {
    const cash = { transactionId: 's4:c', action: 'CREATE', accountCode: usd.accountCode, clearingCode: usd.clearingCode, symbol: 'USD', quantity: 50, cashEffect: 50, activityType: 'DEPOSIT' };
    expect((await h.post('/api/transaction-import', [cash])).body.createdTransactions).toEqual(['s4:c']);
    expect(await balance(usd)).toBeCloseTo(usd.balance + 50, 8);
    const other = liveAccount(1);
    const moved = await h.post('/api/transaction-import', [{ ...cash, action: 'UPDATE', accountCode: other.accountCode, clearingCode: other.clearingCode }]);
    expect(moved.body.failedTransactions[0].errorCode).toBe('ACCOUNT_NUMBER_CANNOT_BE_UPDATED');
    const retyped = await h.post('/api/transaction-import', [{ ...cash, action: 'UPDATE', activityType: 'WITHDRAWAL' }]);
    expect(retyped.body.failedTransactions[0].errorCode).toBe('MISMATCH_TRANSACTION_TYPE');
  });

  it('400 20022 for a body that is not an array, 20001 for none; 403 20020 for an end user', async () => {
    expectError(await h.post('/api/transaction-import', trade('s5:a')), 400, 20022);
    expectError(await h.post('/api/transaction-import', undefined, { raw: '[' }), 400, 20022);
    expectError(await h.post('/api/transaction-import'), 400, 20001);
    expectError(await h.post('/api/transaction-import', [], { auth: await h.clientAuth(alice) }), 403, 20020);
    expect((await h.post('/api/transaction-import', [])).body).toEqual({ createdTransactions: [], updatedTransactions: [], deletedTransactions: [], failedTransactions: [] });
    expect((await h.get(accountPath(account))).body.balance).toBe(account.balance);
  });
});
