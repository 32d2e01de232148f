import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { expectError, mutate as mutateOn, type Json } from '../support/mutations.ts';

/** Mutations of the Platform accounts API (document 004), against the simulator. */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const accountSelection = 'account { accountId name type status accountNumber accountGroupId users { role user { id } } }';

const mutate = (field: string, selection: string, input: unknown, auth?: string) => mutateOn(t, field, selection, input, auth);

const state = () => t.sims.platform.state;
const calls = () => countByRoute(queryCalls(t.sims));
const user = () => [...state().userIds][0]!;
const group = () => [...state().accountGroupIds][0]!;
const unknownUuid = '00000000-0000-4000-8000-000000000000';

/** An ACTIVE account made in the simulator's state (no call shows in the log). */
const activeAccount = (name = 'Fixture') => state().createAccount({ userId: user(), accountGroupId: group(), type: 'TRADING', name });

describe('createPlatformAccount', () => {
  it('creates an ACTIVE account, numbered after its owner’s last, answered from the create call alone', async () => {
    const owner = user();
    const before = [...state().accounts.values()].filter((a) => a.users.some((u) => u.id === owner)).map((a) => a.account_number);
    const r = await mutate('createPlatformAccount', `... on PlatformAccountCreated { ${accountSelection} }`, {
      userId: owner,
      accountGroupId: group(),
      type: 'PORTFOLIO',
      name: 'Long-term portfolio',
    });
    expect(r.__typename).toBe('PlatformAccountCreated');
    expect(r.account).toMatchObject({
      name: 'Long-term portfolio',
      type: 'PORTFOLIO',
      status: 'ACTIVE',
      accountGroupId: group(),
      accountNumber: Math.max(0, ...before) + 1,
      users: [{ role: 'OWNER', user: { id: owner } }],
    });
    expect(state().getAccount(r.account.accountId)).toMatchObject({ name: 'Long-term portfolio', status: 'ACTIVE' });
    expect(calls()).toEqual({ 'platform POST /accounts': 1 });
  });

  it('creates an account without a name, and one with a name of exactly 100 characters', async () => {
    const unnamed = await mutate('createPlatformAccount', '... on PlatformAccountCreated { account { type } }', { userId: user(), accountGroupId: group(), type: 'TRADING' });
    expect(unnamed).toEqual({ __typename: 'PlatformAccountCreated', account: { type: 'TRADING' } });
    const long = await mutate('createPlatformAccount', '... on PlatformAccountCreated { account { name } }', { userId: user(), accountGroupId: group(), type: 'TRADING', name: 'x'.repeat(100) });
    expect(long.account.name).toHaveLength(100);
  });

  it('answers PLATFORM_USER_NOT_FOUND and ACCOUNT_GROUP_NOT_FOUND with the upstream codes', async () => {
    const unknownUser = await mutate('createPlatformAccount', '', { userId: unknownUuid, accountGroupId: group(), type: 'TRADING' });
    expectError(unknownUser, 'NotFoundError', 'PLATFORM_USER_NOT_FOUND', { name: 'platform', status: 404, code: 'USER_NOT_FOUND' });
    const unknownGroup = await mutate('createPlatformAccount', '', { userId: user(), accountGroupId: unknownUuid, type: 'TRADING' });
    expectError(unknownGroup, 'NotFoundError', 'ACCOUNT_GROUP_NOT_FOUND', { name: 'platform', status: 404, code: 'ACCOUNT_GROUP_NOT_FOUND' });
    expect(calls()).toEqual({ 'platform POST /accounts': 2 });
  });

  it('validates before any call: uuids, a name of at most 100 characters, not blank', async () => {
    const base = { userId: user(), accountGroupId: group(), type: 'TRADING' };
    const cases: [unknown, string][] = [
      [{ ...base, userId: 'not-a-uuid' }, 'input.userId'],
      [{ ...base, accountGroupId: '42' }, 'input.accountGroupId'],
      [{ ...base, name: 'x'.repeat(101) }, 'input.name'],
      [{ ...base, name: '   ' }, 'input.name'],
    ];
    for (const [input, field] of cases) {
      const r = await mutate('createPlatformAccount', '', input);
      expectError(r, 'ValidationError', 'VALIDATION');
      expect(r.field).toBe(field);
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('answers FORBIDDEN to a read-only key and to an end user, before any call', async () => {
    const input = { userId: user(), accountGroupId: group(), type: 'TRADING' };
    const endUser = await loginAs(t, [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED')!);
    for (const auth of [`Bearer ${keys.reader}`, endUser]) {
      t.sims.clearCalls();
      const res = await t.run(parse('mutation($input: CreatePlatformAccountInput!) { createPlatformAccount(input: $input) { __typename } }') as TypedDocumentNode<Json, Json>, { input }, auth);
      expect(res.data?.createPlatformAccount ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(queryCalls(t.sims)).toEqual([]);
    }
    // The write scope is enough.
    const ok = await mutate('createPlatformAccount', '', input, `Bearer ${keys.writer}`);
    expect(ok.__typename).toBe('PlatformAccountCreated');
  });
});

it("shows a user's account list read after a create in the same request with the new account in it", async () => {
  const owner = user();
  const doc = parse(`mutation($a: CreatePlatformAccountInput!, $b: CreatePlatformAccountInput!) {
    a: createPlatformAccount(input: $a) { ... on PlatformAccountCreated { account { users { user { accounts(first: 1) { totalCount } } } } } }
    b: createPlatformAccount(input: $b) { ... on PlatformAccountCreated { account { users { user { accounts(first: 1) { totalCount } } } } } }
  }`) as TypedDocumentNode<Json, Json>;
  const input = { userId: owner, accountGroupId: group(), type: 'TRADING' };
  const res = await t.run(doc, { a: input, b: input });
  expect(res.errors).toBeUndefined();
  const total = (r: Json) => r.account.users[0].user.accounts.totalCount;
  expect(total(res.data.b)).toBe(total(res.data.a) + 1);
  expect(calls()).toEqual({ 'platform POST /accounts': 2, 'platform GET /users/:user_id/accounts': 2 });
});

describe('renamePlatformAccount', () => {
  it('renames, answering the account as the update returned it', async () => {
    const account = activeAccount('Old name');
    const r = await mutate('renamePlatformAccount', `... on PlatformAccountRenamed { ${accountSelection} }`, { accountId: account.id, name: 'New name' });
    expect(r.account).toMatchObject({ accountId: account.id, name: 'New name', status: 'ACTIVE' });
    expect(state().getAccount(account.id)!.name).toBe('New name');
    expect(calls()).toEqual({ 'platform PATCH /accounts/:account_id': 1 });
  });

  it('answers PLATFORM_ACCOUNT_NOT_FOUND and PLATFORM_ACCOUNT_CLOSED with the upstream codes', async () => {
    expectError(await mutate('renamePlatformAccount', '', { accountId: unknownUuid, name: 'x' }), 'NotFoundError', 'PLATFORM_ACCOUNT_NOT_FOUND', { name: 'platform', status: 404, code: 'ACCOUNT_NOT_FOUND' });
    const closing = activeAccount();
    state().startClosing(closing);
    expectError(await mutate('renamePlatformAccount', '', { accountId: closing.id, name: 'x' }), 'RejectedError', 'PLATFORM_ACCOUNT_CLOSED', { name: 'platform', status: 409, code: 'ACCOUNT_CLOSED' });
  });

  it('validates before any call', async () => {
    const account = activeAccount();
    for (const [input, field] of [
      [{ accountId: 'nope', name: 'x' }, 'input.accountId'],
      [{ accountId: account.id, name: '' }, 'input.name'],
      [{ accountId: account.id, name: 'y'.repeat(101) }, 'input.name'],
    ] as const) {
      expect(await mutate('renamePlatformAccount', '', input)).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field });
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('closePlatformAccount', () => {
  const accepted = `... on PlatformAccountClosureAccepted { ${accountSelection} }`;

  it('accepts the closure and answers the account read afterwards: CLOSING', async () => {
    const account = activeAccount();
    const r = await mutate('closePlatformAccount', accepted, { accountId: account.id });
    expect(r).toMatchObject({ __typename: 'PlatformAccountClosureAccepted', account: { accountId: account.id, status: 'CLOSING' } });
    expect(calls()).toEqual({ 'platform DELETE /accounts/:account_id': 1, 'platform GET /accounts/:account_id': 1 });
  });

  it('makes only the DELETE when the account is not selected', async () => {
    const account = activeAccount();
    const r = await mutate('closePlatformAccount', '... on PlatformAccountClosureAccepted { account { accountId } }', { accountId: account.id });
    expect(r.account).toEqual({ accountId: account.id });
    expect(calls()).toEqual({ 'platform DELETE /accounts/:account_id': 1 });
  });

  it('accepts a repeat while CLOSING; once CLOSED, answers PLATFORM_ACCOUNT_CLOSED', async () => {
    const account = activeAccount();
    // Long enough for the repeat to land while CLOSING on a loaded machine (50 ms was not).
    state().closeDelayMs = 1_500;
    try {
      expect((await mutate('closePlatformAccount', accepted, { accountId: account.id })).account.status).toBe('CLOSING');
      expect((await mutate('closePlatformAccount', accepted, { accountId: account.id })).__typename).toBe('PlatformAccountClosureAccepted');
      await expect.poll(() => state().getAccount(account.id)!.status, { timeout: 10_000 }).toBe('CLOSED');
    } finally {
      state().closeDelayMs = 2000;
    }
    expectError(await mutate('closePlatformAccount', '', { accountId: account.id }), 'RejectedError', 'PLATFORM_ACCOUNT_CLOSED', { name: 'platform', status: 409, code: 'ACCOUNT_CLOSED' });
  });

  it('answers PLATFORM_ACCOUNT_NOT_FOUND, and refuses a malformed id before any call', async () => {
    expectError(await mutate('closePlatformAccount', '', { accountId: unknownUuid }), 'NotFoundError', 'PLATFORM_ACCOUNT_NOT_FOUND', { name: 'platform', status: 404, code: 'ACCOUNT_NOT_FOUND' });
    t.sims.clearCalls();
    expect(await mutate('closePlatformAccount', '', { accountId: 'abc' })).toMatchObject({ __typename: 'ValidationError', field: 'input.accountId' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('shows a later write of the same request the state the earlier one left', async () => {
    const account = activeAccount('Before');
    const doc = parse(`mutation($r: RenamePlatformAccountInput!, $c: ClosePlatformAccountInput!) {
      r: renamePlatformAccount(input: $r) { ... on PlatformAccountRenamed { account { name status } } }
      c: closePlatformAccount(input: $c) { ... on PlatformAccountClosureAccepted { account { name status } } }
    }`) as TypedDocumentNode<Json, Json>;
    const res = await t.run(doc, { r: { accountId: account.id, name: 'After' }, c: { accountId: account.id } });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ r: { account: { name: 'After', status: 'ACTIVE' } }, c: { account: { name: 'After', status: 'CLOSING' } } });
  });
});
