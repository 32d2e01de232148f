import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxAccount } from '../../src/simulators/records.ts';
import { countByRoute, keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const importTransactions = gql`
  mutation ($input: ImportTransactionsInput!) {
    importTransactions(input: $input) {
      __typename
      ... on TransactionsImported { created updated deleted failed { transactionId code upstreamCode message } complete }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;

const balanceOf = gql`
  query ($c: String!, $a: String!) {
    account(clearingCode: $c, accountCode: $a) { balance }
  }
`;

type Imported = {
  __typename: string;
  created: string[];
  updated: string[];
  deleted: string[];
  failed: { transactionId: string; code: string; upstreamCode: string; message: string }[];
  complete: boolean;
} & Record<string, unknown>;

const run = async (transactions: unknown[], auth?: string) => {
  const res = await t.run(importTransactions, { input: { transactions } }, auth);
  return { res, result: res.data?.importTransactions as Imported };
};

let serial = 0;
/** A fresh "sessionCode:actionCode" id per call. */
const newId = () => `S${Date.now()}:${++serial}`;

const activeAccount = (skip = 0): DxAccount =>
  [...t.sims.dxcore.state.accounts.values()].filter((a) => a.status === 'FULL_TRADING' && a.type === 'CLIENT')[skip]!;

async function balance(account: DxAccount): Promise<number> {
  const res = await t.run(balanceOf, { c: account.clearingCode, a: account.accountCode });
  return (res.data as { account: { balance: number } }).account.balance;
}

const trade = (account: DxAccount, transactionId: string, change: Record<string, unknown> = {}) => ({
  transactionId,
  action: 'CREATE',
  clearingCode: account.clearingCode,
  accountCode: account.accountCode,
  symbol: 'AAPL',
  quantity: 10,
  costBasis: -1500,
  cashEffect: -1500,
  activityType: 'TRADE',
  description: 'Imported fill',
  commissions: [{ quantity: 1.5, type: 'PER_TRADE' }],
  fees: [{ quantity: 0.25 }],
  timestamp: '2026-01-05T15:30:00.000Z',
  ...change,
});

describe('importTransactions', () => {
  it('creates, updates and deletes, moving the balance by the cash effect; one dxCore call each', async () => {
    const account = activeAccount();
    const before = await balance(account);
    const id = newId();
    t.sims.clearCalls();

    const created = await run([trade(account, id)]);
    expect(created.res.errors).toBeUndefined();
    expect(created.result).toEqual({ __typename: 'TransactionsImported', created: [id], updated: [], deleted: [], failed: [], complete: true });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/transaction-import': 1 });
    expect(t.sims.dxcore.state.transactions.get(id)).toMatchObject({ symbol: 'AAPL', quantity: 10, cashEffect: -1500, activityType: 'TRADE' });
    expect(t.sims.dxcore.state.transactions.get(id)!.fields).toMatchObject({ transactionDescription: 'Imported fill', commissions: [{ quantity: 1.5, type: 'PER_TRADE' }], fees: [{ quantity: 0.25 }] });
    expect(await balance(account)).toBeCloseTo(before - 1500, 6);

    const updated = await run([trade(account, id, { action: 'UPDATE', cashEffect: -1000, costBasis: -1000 })]);
    expect(updated.result).toMatchObject({ created: [], updated: [id], deleted: [], failed: [] });
    expect(await balance(account)).toBeCloseTo(before - 1000, 6);

    const deleted = await run([{ transactionId: id, action: 'DELETE', accountCode: account.accountCode, clearingCode: account.clearingCode, symbol: 'AAPL', quantity: 10 }]);
    expect(deleted.result).toMatchObject({ created: [], updated: [], deleted: [id], failed: [] });
    expect(await balance(account)).toBeCloseTo(before, 6);
    expect(t.sims.dxcore.state.transactions.has(id)).toBe(false);
  });

  it('leaves out what the caller left out, so dxCore defaults apply', async () => {
    const account = activeAccount(1);
    const id = newId();
    const { result } = await run([{ transactionId: id, action: 'CREATE', accountCode: account.accountCode, symbol: 'IBM', quantity: 5 }]);
    expect(result).toMatchObject({ created: [id], complete: true });
    expect(Object.keys(t.sims.dxcore.state.transactions.get(id)!.fields).sort()).toEqual(['accountCode', 'action', 'quantity', 'symbol', 'transactionId']);
  });

  it('reports each refused transaction with its documented code; the others still apply', async () => {
    const account = activeAccount(2);
    const other = activeAccount(3);
    const existing = newId();
    await run([trade(account, existing)]);
    const ok = newId();
    const cases: [string, Record<string, unknown>][] = [
      ['DUPLICATE_TRANSACTION_ID', trade(account, existing)],
      ['TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE', trade(account, newId(), { action: 'UPDATE' })],
      ['ACCOUNT_NOT_FOUND', trade(account, newId(), { accountCode: 'no-such-account' })],
      ['INCORRECT_TRANSACTION_ID', trade(account, 'no-colon')],
      ['EMPTY_TRANSACTION_ID', trade(account, '')],
      ['INCORRECT_QUANTITY', trade(account, newId(), { quantity: 0 })],
      ['SYMBOL_NOT_FOUND', trade(account, newId(), { symbol: ' ' })],
      ['COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN', trade(account, newId(), { costBasis: 1500 })],
      ['INCORRECT_COST_BASIS', trade(account, newId(), { costBasis: null, cashEffect: null, calculateCashEffect: true })],
      ['CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY', trade(account, newId(), { activityType: 'DEPOSIT', symbol: account.currency === 'XAU' ? 'XAG' : 'XAU', costBasis: null })],
      ['MISMATCH_TRANSACTION_TYPE', trade(account, existing, { action: 'UPDATE', activityType: 'DIVIDEND' })],
      ['ACCOUNT_NUMBER_CANNOT_BE_UPDATED', trade(other, existing, { action: 'UPDATE' })],
    ];
    t.sims.clearCalls();
    const { res, result } = await run([trade(account, ok), ...cases.map(([, tx]) => tx)]);
    expect(res.errors).toBeUndefined();
    expect(result.created).toEqual([ok]);
    expect(result.complete).toBe(false);
    expect(result.failed.map((f) => f.code)).toEqual(cases.map(([code]) => code));
    for (const [i, failure] of result.failed.entries()) {
      expect(failure.upstreamCode).toBe(cases[i]![0]);
      expect(failure.transactionId).toBe(cases[i]![1].transactionId);
      // What the code means, never dxCore's own errorText (which may echo the row: "account no-such-account is not found").
      expect(failure.message).toBe(`dxCore refused the transaction: ${cases[i]![0].toLowerCase().replaceAll('_', ' ')}`);
    }
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/transaction-import': 1 });
  });

  it.each([
    ['an empty batch', [], 'input.transactions'],
    ['an over-long transaction id', [{ transactionId: `S:${'x'.repeat(300)}`, action: 'CREATE', accountCode: 'a', symbol: 'IBM', quantity: 1 }], 'input.transactions[0].transactionId'],
    ['an over-long description', [{ transactionId: 'S:1', action: 'CREATE', accountCode: 'a', symbol: 'IBM', quantity: 1, description: 'x'.repeat(2000) }], 'input.transactions[0].description'],
  ])('refuses %s before any call, naming the field', async (_, transactions, field) => {
    const { result } = await run(transactions);
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a lost answer is UPSTREAM_UNAVAILABLE and not sent again (the import may have applied)', async () => {
    const id = newId();
    t.sims.dxcore.server.dropResponseOnce('POST /api/transaction-import');
    const { result } = await run([trade(activeAccount(4), id)]);
    expect(result).toMatchObject({ __typename: 'UpstreamUnavailableError', code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'dxcore', status: 0 } });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/transaction-import': 1 });
    // It did apply: importing it again is a per-transaction DUPLICATE_TRANSACTION_ID, not a second booking.
    const again = await run([trade(activeAccount(4), id)]);
    expect(again.result.failed).toEqual([expect.objectContaining({ transactionId: id, code: 'DUPLICATE_TRANSACTION_ID' })]);
  });

  it('needs the admin scope: a write key is FORBIDDEN without a call', async () => {
    const { res } = await run([trade(activeAccount(), newId())], `Bearer ${keys.writer}`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.data?.importTransactions).toBeNull();
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('keeps every documented failure code visible in the schema', async () => {
    const res = await t.run(gql`{ __type(name: "TransactionFailureCode") { enumValues { name } } }`);
    const names = (res.data as { __type: { enumValues: { name: string }[] } }).__type.enumValues.map((v) => v.name);
    // Document 000, "Failed transaction" errorCode, verbatim.
    const documented =
      'INCORRECT_QUANTITY, ACCOUNT_NOT_FOUND, SYMBOL_NOT_FOUND, CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY, NON_CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY, ACTION_TYPE_IS_MISSED, ACTION_TYPE_IS_NOT_SUPPORTED_FOR_INSTRUMENT_TYPE, ONLY_DELETE_AND_UPDATE_FOR_TRADE, COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION, INCORRECT_COST_BASIS, COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN, TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE, MULTILEG_TRANSACTION_CAN_NOT_BE_UPDATED, EMPTY_TRANSACTION_ID, DUPLICATE_TRANSACTION_ID, INCORRECT_TRANSACTION_ID, COLUMN_CANNOT_BE_UPDATED_FOR_TRADE, MISMATCH_TRANSACTION_TYPE, ACCOUNT_NUMBER_CANNOT_BE_UPDATED, UNEXPECTED_ERROR, INCORRECT_CASH_EFFECT, INCORRECT_PRICE, INCORRECT_COMMISSION_VALUE, MISMATCH_TRADE_TYPE'.split(', ');
    expect(documented).toHaveLength(24);
    expect(names.sort()).toEqual([...documented, 'UNKNOWN'].sort());
  });
});
