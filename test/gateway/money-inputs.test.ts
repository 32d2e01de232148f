import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxAccount } from '../../src/simulators/records.ts';
import { countByRoute, keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

/** A back-office key that may import transactions but not move money. */
const adminOnly = 'test-key-admin-only';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({}, { GATEWAY_API_KEYS: `${keys.all}=*,${keys.writer}=write,${adminOnly}=admin` });
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const writer = `Bearer ${keys.writer}`;
const state = () => t.sims.dxcore.state;
let n = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);
const writesMade = () => queryCalls(t.sims).filter((c) => c.method !== 'GET');
const result = (res: { data?: Record<string, unknown> | null }, field: string) => (res.data as Record<string, Record<string, unknown>> | null | undefined)?.[field];

const createAccount = gql`
  mutation ($input: CreateAccountInput!) {
    createAccount(input: $input) { __typename ... on AccountCreated { account { accountCode } } ... on Error { code message } ... on ValidationError { field } }
  }
`;
const updateAccount = gql`
  mutation ($input: UpdateAccountInput!) {
    updateAccount(input: $input) { __typename ... on AccountUpdated { account { accountCode } } ... on Error { code message } ... on ValidationError { field } }
  }
`;
const createClient = gql`
  mutation ($input: CreateClientInput!) {
    createClient(input: $input) { __typename ... on ClientCreated { client { login } } ... on Error { code message } ... on ValidationError { field } }
  }
`;
const onboardClient = gql`
  mutation ($input: OnboardClientInput!) {
    onboardClient(input: $input) { __typename ... on Error { code message } ... on ValidationError { field } }
  }
`;
const reactivateClient = gql`
  mutation ($input: ReactivateClientInput!) {
    reactivateClient(input: $input) { __typename ... on Error { code message } ... on ValidationError { field } }
  }
`;
const deposit = gql`
  mutation ($input: TransferInput!) {
    depositFunds(input: $input) { __typename ... on TransferSuccess { transfer { amount } } ... on Error { code message } ... on ValidationError { field } }
  }
`;

const importTransactions = gql`
  mutation ($input: ImportTransactionsInput!) {
    importTransactions(input: $input) { __typename ... on TransactionsImported { created failed { code } } ... on Error { code message } }
  }
`;

const billion = { balance: 1_000_000_000, credit: 50_000_000 };

describe('setting a balance or credit needs the transfers scope', () => {
  it('createAccount with a balance or credit is FORBIDDEN to a write-only key, before any call', async () => {
    for (const money of [billion, { balance: 10 }, { credit: 10 }]) {
      const accountCode = fresh('SEC2BAL');
      const res = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode, currency: 'USD', ...money } } }, writer);
      expect(res.data?.createAccount ?? null).toBeNull();
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect([...state().accounts.values()].some((a) => a.accountCode === accountCode)).toBe(false);
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('updateAccount with a credit is FORBIDDEN to a write-only key, before any call', async () => {
    const account = [...state().accounts.values()].find((a) => a.status === 'FULL_TRADING')!;
    const before = account.credit;
    const res = await t.run(updateAccount, { input: { clearingCode: account.clearingCode, accountCode: account.accountCode, credit: 999_999_999 } }, writer);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(state().account(account.clearingCode, account.accountCode)!.credit).toBe(before);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('createClient, onboardClient and reactivateClient with an account balance are FORBIDDEN to a write-only key', async () => {
    const disabled = [...state().clients.values()].find((c) => c.domain === 'default' && c.status === 'OFFLINE' && c.login !== 'alice.martin0')!;
    disabled.status = 'DISABLED';
    const runs = [
      await t.run(createClient, { input: { domain: 'default', login: fresh('rich'), accounts: [{ accountCode: fresh('acc'), currency: 'USD', balance: 1e6 }] } }, writer),
      await t.run(onboardClient, { input: { login: fresh('rich'), email: 'rich@example.com', accounts: [{ accountCode: fresh('acc'), currency: 'USD', credit: 1e6 }] } }, writer),
      await t.run(reactivateClient, { input: { domain: disabled.domain, login: disabled.login, account: { accountCode: fresh('acc'), currency: 'USD', balance: 1e6 } } }, writer),
    ];
    for (const res of runs) expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(queryCalls(t.sims)).toEqual([]);
    expect(state().client(disabled.domain, disabled.login)!.status).toBe('DISABLED');
  });

  it('importTransactions that can move cash needs transfers besides admin; a cashless CREATE does not', async () => {
    const a = [...state().accounts.values()].find((x) => x.status === 'FULL_TRADING' && x.currency === 'USD')!;
    const before = a.balance;
    const tx = (change: Record<string, unknown>) => ({ transactionId: `S${Date.now()}:${++n}`, action: 'CREATE', clearingCode: a.clearingCode, accountCode: a.accountCode, symbol: 'AAPL', quantity: 1, costBasis: -100, activityType: 'TRADE', ...change });
    const cashMoving = [{ cashEffect: 1_000_000 }, { calculateCashEffect: true }, { action: 'UPDATE' }, { action: 'DELETE' }];
    for (const change of cashMoving) {
      const res = await t.run(importTransactions, { input: { transactions: [tx({}), tx(change)] } }, `Bearer ${adminOnly}`);
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    expect(queryCalls(t.sims)).toEqual([]);
    expect(state().account(a.clearingCode, a.accountCode)!.balance).toBe(before);
    const cashless = await t.run(importTransactions, { input: { transactions: [tx({})] } }, `Bearer ${adminOnly}`);
    expect(result(cashless, 'importTransactions')).toMatchObject({ __typename: 'TransactionsImported', failed: [] });
  });

  it('importTransactions of a cash activity, a charge or a cash symbol needs transfers too, even without a cashEffect (document 000)', async () => {
    const a = [...state().accounts.values()].find((x) => x.status === 'FULL_TRADING' && x.currency === 'USD')!;
    const tx = (change: Record<string, unknown>) => ({ transactionId: `S${Date.now()}:${++n}`, action: 'CREATE', clearingCode: a.clearingCode, accountCode: a.accountCode, symbol: 'AAPL', quantity: 1, ...change });
    const cashMoving = [
      { activityType: 'DEPOSIT', symbol: 'USD', quantity: 1_000_000 },
      { activityType: 'WITHDRAWAL', symbol: 'USD', quantity: -1_000_000 },
      { activityType: 'DIVIDEND' },
      { activityType: 'ADJUSTMENT' },
      { activityType: 'MARGIN_INTEREST' },
      { symbol: 'usd', quantity: 1_000_000 },
      { commissions: [{ quantity: 5 }] },
      { activityType: 'TRADE', costBasis: -100, fees: [{ quantity: -1 }] },
    ];
    for (const change of cashMoving) {
      const res = await t.run(importTransactions, { input: { transactions: [tx(change)] } }, `Bearer ${adminOnly}`);
      expect(codes(res), JSON.stringify(change)).toEqual(['FORBIDDEN']);
    }
    expect(queryCalls(t.sims)).toEqual([]);
    // What document 000 leaves on the product leg alone stays admin's.
    const positionOnly = [{ activityType: 'SPLIT', quantity: 10 }, { quantity: 3 }, { activityType: 'TRADE', costBasis: -100 }];
    const res = await t.run(importTransactions, { input: { transactions: positionOnly.map(tx) } }, `Bearer ${adminOnly}`);
    expect(result(res, 'importTransactions')).toMatchObject({ __typename: 'TransactionsImported', failed: [] });
  });

  it('without a balance or credit the write scope is enough; with transfers too, the balance is set', async () => {
    const plain = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('plain'), currency: 'USD' } } }, writer);
    expect(result(plain, 'createAccount')).toMatchObject({ __typename: 'AccountCreated' });
    const accountCode = fresh('funded');
    const funded = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode, currency: 'USD', balance: 250.75, credit: 10 } } });
    expect(result(funded, 'createAccount')).toMatchObject({ __typename: 'AccountCreated', account: { accountCode } });
    expect([...state().accounts.values()].find((a) => a.accountCode === accountCode)).toMatchObject({ balance: 250.75, credit: 10 });
  });
});

describe('amounts are exact in the currency', () => {
  let used = 0;
  const usdAccount = (): DxAccount => [...state().accounts.values()].filter((a) => a.status === 'FULL_TRADING' && a.currency === 'USD')[used++]!;

  it.each([
    [1e-300, 'finer than a cent'],
    [0.001, 'finer than a cent'],
    [1e15, 'beyond the exact range'],
    [90_071_992_547_410, 'beyond the exact range'],
  ])('a deposit of %s USD is VALIDATION on input.amount (%s), with no call', async (amount) => {
    const a = usdAccount();
    const res = await t.run(deposit, { input: { clearingCode: a.clearingCode, accountCode: a.accountCode, amount, currency: 'USD' } });
    expect(result(res, 'depositFunds')).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'input.amount' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('after refused amounts, a 0.1 deposit moves exactly 0.1', async () => {
    const a = usdAccount();
    const before = a.balance;
    for (const amount of [1e-300, 1e15]) await t.run(deposit, { input: { clearingCode: a.clearingCode, accountCode: a.accountCode, amount, currency: 'USD' } });
    const res = await t.run(deposit, { input: { clearingCode: a.clearingCode, accountCode: a.accountCode, amount: 0.1, currency: 'USD' } });
    expect(result(res, 'depositFunds')).toMatchObject({ __typename: 'TransferSuccess', transfer: { amount: 0.1 } });
    expect(state().account(a.clearingCode, a.accountCode)!.balance).toBe(Math.round((before + 0.1) * 100) / 100);
  });

  it('the largest exact USD amount and whole yen are accepted; a fraction of a yen is not', async () => {
    const accepted = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('max'), currency: 'USD', balance: 90_071_992_547_409.91 } } });
    expect(result(accepted, 'createAccount')).toMatchObject({ __typename: 'AccountCreated' });
    const yen = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('yen'), currency: 'JPY', balance: 1000 } } });
    expect(result(yen, 'createAccount')).toMatchObject({ __typename: 'AccountCreated' });
    t.sims.clearCalls();
    const half = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('yen'), currency: 'JPY', balance: 0.5 } } });
    expect(result(half, 'createAccount')).toMatchObject({ __typename: 'ValidationError', field: 'input.account.balance' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('balance and credit on create, and credit on update, are checked the same way', async () => {
    const cases = [
      [createAccount, { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('c'), currency: 'EUR', credit: 1e-300 } }, 'createAccount', 'input.account.credit'],
      [createAccount, { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('c'), currency: 'EUR', balance: -5 } }, 'createAccount', 'input.account.balance'],
      [createClient, { domain: 'default', login: fresh('c'), accounts: [{ accountCode: fresh('c'), currency: 'GBP', balance: 1e15 }] }, 'createClient', 'input.accounts.0.balance'],
    ] as const;
    for (const [doc, input, field, at] of cases) {
      const res = await t.run(doc, { input });
      expect(result(res, field)).toMatchObject({ __typename: 'ValidationError', field: at });
    }
    expect(queryCalls(t.sims)).toEqual([]);
    // updateAccount does not carry the currency: the account is read for it, and nothing is written.
    const a = usdAccount();
    const res = await t.run(updateAccount, { input: { clearingCode: a.clearingCode, accountCode: a.accountCode, credit: 0.005 } });
    expect(result(res, 'updateAccount')).toMatchObject({ __typename: 'ValidationError', field: 'input.credit' });
    // Nor is the account's currency named: a key without read may not learn it.
    expect(JSON.stringify(res)).not.toContain(a.currency);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/account/:clearingCode/:accountCode': 1 });
    expect(writesMade()).toEqual([]);
  });
});
