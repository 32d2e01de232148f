import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxAccount } from '../../src/simulators/records.ts';
import { DepositFundsDocument, WithdrawFundsDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const putRoute = (kind: string) => `dxcore PUT /api/register/account/:clearingCode/:accountCode/${kind}/:id`;
const readRoute = 'dxcore GET /api/register/account/:clearingCode/:accountCode';

/** A fresh active account per test, so that balances never depend on test order. */
let used = 0;
function account(predicate: (a: DxAccount) => boolean = () => true): DxAccount {
  const candidates = [...t.sims.dxcore.state.accounts.values()].filter((a) => a.status === 'FULL_TRADING' && a.balance > 1000 && predicate(a));
  const found = candidates[used++];
  if (!found) throw new Error('no seeded account left');
  return found;
}
const balanceOf = (a: DxAccount) => t.sims.dxcore.state.account(a.clearingCode, a.accountCode)!.balance;
const input = (a: DxAccount, extra: Record<string, unknown> = {}) => ({ clearingCode: a.clearingCode, accountCode: a.accountCode, amount: 100, currency: a.currency, ...extra });

const adjust = gql`
  mutation ($input: TransferInput!) {
    adjustBalance(input: $input) {
      __typename
      ... on TransferSuccess { transfer { id kind amount replayed } account { balance } }
      ... on Error { code message upstream { code } }
      ... on ValidationError { field }
    }
  }
`;
const deposit = gql`
  mutation ($input: TransferInput!) {
    depositFunds(input: $input) {
      __typename
      ... on TransferSuccess { transfer { id replayed amount } account { balance } }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;

describe('deposits and withdrawals (contract operations)', () => {
  it('DepositFunds moves the money, returns a generated id and the balance read afresh', async () => {
    const a = account();
    const before = balanceOf(a);
    const res = await t.run(DepositFundsDocument, { input: input(a, { amount: 250.5, description: 'wire' }) });
    const result = res.data?.depositFunds;
    expect(result?.__typename).toBe('TransferSuccess');
    if (result?.__typename !== 'TransferSuccess') return;
    expect(result.transfer).toMatchObject({ kind: 'DEPOSIT', amount: 250.5, currency: a.currency });
    expect(result.transfer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.account).toEqual({ accountCode: a.accountCode, balance: before + 250.5 });
    expect(balanceOf(a)).toBe(before + 250.5);
    // The currency check, the idempotent PUT, then the fresh read of the new balance.
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [readRoute]: 2, [putRoute('deposit')]: 1 });
  });

  it('WithdrawFunds takes the money out; beyond the balance it is INSUFFICIENT_FUNDS and nothing moves', async () => {
    const a = account();
    const before = balanceOf(a);
    const ok = await t.run(WithdrawFundsDocument, { input: input(a, { amount: 40 }) });
    expect(ok.data?.withdrawFunds).toMatchObject({ __typename: 'TransferSuccess', transfer: { kind: 'WITHDRAWAL', amount: 40 }, account: { balance: before - 40 } });
    const refused = await t.run(WithdrawFundsDocument, { input: input(a, { amount: before * 10 }) });
    expect(refused.data?.withdrawFunds).toMatchObject({ __typename: 'RejectedError', code: 'INSUFFICIENT_FUNDS' });
    expect(balanceOf(a)).toBe(before - 40);
  });
});

describe('never twice', () => {
  it('the same transferId sent twice moves money once; the second answer says replayed', async () => {
    const a = account();
    const before = balanceOf(a);
    const once = input(a, { amount: 75, transferId: 'tx-same-twice-1' });
    const first = await t.run(deposit, { input: once });
    const second = await t.run(deposit, { input: once });
    expect(first.data?.depositFunds).toMatchObject({ __typename: 'TransferSuccess', transfer: { id: 'tx-same-twice-1', replayed: false } });
    expect(second.data?.depositFunds).toMatchObject({ __typename: 'TransferSuccess', transfer: { id: 'tx-same-twice-1', replayed: true }, account: { balance: before + 75 } });
    expect(balanceOf(a)).toBe(before + 75);
  });

  it('an answer lost after dxCore applied the deposit: the gateway retries the same PUT and the money moves once', async () => {
    const a = account();
    const before = balanceOf(a);
    t.sims.dxcore.server.dropResponseOnce('PUT /api/register/account/:clearingCode/:accountCode/deposit/:id');
    const res = await t.run(deposit, { input: input(a, { amount: 60, transferId: 'tx-dropped-1' }) });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'TransferSuccess', transfer: { id: 'tx-dropped-1', replayed: true }, account: { balance: before + 60 } });
    expect(balanceOf(a)).toBe(before + 60);
    const puts = queryCalls(t.sims).filter((c) => c.route.endsWith('/deposit/:id'));
    expect(puts.map((c) => c.path)).toEqual([`/api/register/account/${a.clearingCode}/${a.accountCode}/deposit/tx-dropped-1`, `/api/register/account/${a.clearingCode}/${a.accountCode}/deposit/tx-dropped-1`]);
  });

  it('the same transferId with another amount is TRANSFER_ID_CONFLICT, dxCore 30012, and nothing moves', async () => {
    const a = account();
    await t.run(deposit, { input: input(a, { amount: 10, transferId: 'tx-conflict-1' }) });
    const before = balanceOf(a);
    const res = await t.run(deposit, { input: input(a, { amount: 11, transferId: 'tx-conflict-1' }) });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'ConflictError', code: 'TRANSFER_ID_CONFLICT', upstream: { name: 'dxcore', status: 409, code: '30012' } });
    expect(balanceOf(a)).toBe(before);
  });
});

describe('adjustments', () => {
  it('a negative adjustment takes money out; beyond the balance it is refused', async () => {
    const a = account();
    const before = balanceOf(a);
    const res = await t.run(adjust, { input: input(a, { amount: -30 }) });
    expect(res.data?.adjustBalance).toMatchObject({ __typename: 'TransferSuccess', transfer: { kind: 'ADJUSTMENT', amount: -30 }, account: { balance: before - 30 } });
    const refused = await t.run(adjust, { input: input(a, { amount: -(before * 10) }) });
    expect(refused.data?.adjustBalance).toMatchObject({ __typename: 'RejectedError', code: 'INSUFFICIENT_FUNDS', upstream: { code: '30011' } });
  });
});

describe('refused before any money moves', () => {
  it.each([
    ['zero amount', { amount: 0 }, 'input.amount'],
    ['negative deposit', { amount: -5 }, 'input.amount'],
    ['lower-case currency', { currency: 'usd' }, 'input.currency'],
    ['4-letter currency', { currency: 'USDT' }, 'input.currency'],
    ['transferId with a slash', { transferId: 'a/b' }, 'input.transferId'],
    ['empty account code', { accountCode: ' ' }, 'input.accountCode'],
  ])('%s: VALIDATION naming %s, no upstream call', async (_, extra, field) => {
    const res = await t.run(deposit, { input: input(account(), extra) });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it("a currency other than the account's is CURRENCY_MISMATCH after one read, with no write, and the answer does not name the account's currency", async () => {
    const a = account((x) => x.currency !== 'JPY');
    const res = await t.run(deposit, { input: input(a, { currency: 'JPY' }) });
    const answer = res.data?.depositFunds as { code: string; message: string };
    expect(answer).toMatchObject({ __typename: 'RejectedError', code: 'CURRENCY_MISMATCH' });
    // A transfers key without read may not learn it.
    expect(JSON.stringify(res)).not.toContain(a.currency);
    expect(answer.message).toContain('JPY');
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [readRoute]: 1 });
  });

  it('an unknown account is ACCOUNT_NOT_FOUND with dxCore 30007', async () => {
    const res = await t.run(deposit, { input: { clearingCode: 'acme', accountCode: 'no-such-account', amount: 1, currency: 'USD' } });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'NotFoundError', code: 'ACCOUNT_NOT_FOUND', upstream: { code: '30007' } });
  });

  it('a terminated account is ACCOUNT_NOT_ACTIVE', async () => {
    const a = account();
    t.sims.dxcore.state.account(a.clearingCode, a.accountCode)!.status = 'TERMINATED';
    const res = await t.run(deposit, { input: input(a) });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'RejectedError', code: 'ACCOUNT_NOT_ACTIVE', upstream: { code: '30015' } });
  });

  it('keys without the transfers scope, and end users, are FORBIDDEN', async () => {
    const a = account();
    for (const auth of [`Bearer ${keys.reader}`, `Bearer ${keys.writer}`]) {
      const res = await t.run(deposit, { input: input(a) }, auth);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const owner = [...t.sims.dxcore.state.clients.values()].find((c) => `${c.domain}@${c.login}` === a.owner)!;
    const user = await loginAs(t, owner);
    const res = await t.run(deposit, { input: input(a) }, user);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(queryCalls(t.sims).filter((c) => c.method === 'PUT')).toEqual([]);
  });
});

/** Makes dxCore's transfer write throw something unexpected, sends a deposit and checks the answer is masked. */
async function expectMasked(gateway: TestGateway, requestId: string): Promise<void> {
  const writes = gateway.gateway.upstreams.dxcore.service.writes;
  const original = writes.transfer;
  writes.transfer = () => {
    throw new TypeError('boom at http://user:secret@10.0.0.1/api');
  };
  try {
    const res = await fetch(`${gateway.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: 'mutation ($input: TransferInput!) { depositFunds(input: $input) { __typename } }', variables: { input: input(account()) } }),
    });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(JSON.stringify(body)).not.toMatch(/boom|secret|10\.0\.0\.1|stack/);
  } finally {
    writes.transfer = original;
  }
}

describe('an unexpected failure', () => {
  it('is masked (no message, stack or URL), carries the request id, and is logged with it', async () => {
    await expectMasked(t, 'req-masked-1');
  });

  it('is masked even when the gateway runs with NODE_ENV=development (Yoga would add the message and stack)', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      await expectMasked(t, 'req-masked-dev');
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
