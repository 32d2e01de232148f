import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const writer = `Bearer ${keys.writer}`;
const state = () => t.sims.dxcore.state;
let n = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);
const result = (res: { data?: Record<string, unknown> | null }, field: string) => (res.data as Record<string, Record<string, unknown>> | null | undefined)?.[field];

const createAccount = gql`
  mutation ($input: CreateAccountInput!) {
    createAccount(input: $input) { __typename ... on Account { accountCode } ... on Error { code message } ... on ValidationError { field } }
  }
`;
const updateAccount = gql`
  mutation ($input: UpdateAccountInput!) {
    updateAccount(input: $input) { __typename ... on Account { accountCode } ... on Error { code message } ... on ValidationError { field } }
  }
`;
const createClient = gql`
  mutation ($input: CreateClientInput!) {
    createClient(input: $input) { __typename ... on Client { login } ... on Error { code message } ... on ValidationError { field } }
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

  it('without a balance or credit the write scope is enough; with transfers too, the balance is set', async () => {
    const plain = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode: fresh('plain'), currency: 'USD' } } }, writer);
    expect(result(plain, 'createAccount')).toMatchObject({ __typename: 'Account' });
    const accountCode = fresh('funded');
    const funded = await t.run(createAccount, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode, currency: 'USD', balance: 250.75, credit: 10 } } });
    expect(result(funded, 'createAccount')).toMatchObject({ __typename: 'Account', accountCode });
    expect([...state().accounts.values()].find((a) => a.accountCode === accountCode)).toMatchObject({ balance: 250.75, credit: 10 });
  });
});
