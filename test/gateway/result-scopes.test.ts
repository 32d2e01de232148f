import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { DepositFundsDocument, MeDocument, TraderDashboardDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

/** A key that may write and move money but not read: what a mutation returns must not read for it. */
const mover = 'test-key-mover-only';

let t: TestGateway;
beforeAll(async () => {
  // The document (groups → members → accounts) costs more than the default limit: the scopes, not the cost, are under test here.
  t = await startTestGateway({}, { GATEWAY_API_KEYS: `${keys.all}=*,${keys.reader}=read,${keys.writer}=write,${mover}=write|transfers`, GRAPHQL_LIMITS: JSON.stringify({ cost: 10_000 }) });
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const state = () => t.sims.dxcore.state;
const writer = `Bearer ${keys.writer}`;
const alice = () => state().client('default', 'alice.martin0')!;
const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);
/** Every email and phone of a client other than `except`: none may appear in an answer. */
const othersPrivateData = (except: DxClient) =>
  [...state().clients.values()].filter((c) => c !== except).flatMap((c) => [c.email, c.phone].filter((v): v is string => Boolean(v)));

const updateClientFollowingLinks = gql`
  mutation ($input: UpdateClientInput!) {
    updateClient(input: $input) {
      __typename
      ... on ClientUpdated { client { login groups { name members { login email phone accounts { balance } } } } }
      ... on Error { code }
    }
  }
`;

describe('a mutation result reads with the scopes a query needs', () => {
  it('a write-only key gets the key fields of what it changed, and FORBIDDEN for the rest, with no read behind it', async () => {
    const res = await t.run(updateClientFollowingLinks, { input: { domain: 'default', login: 'alice.martin0', comments: 'scopes through results' } }, writer);
    expect(codes(res)).toContain('FORBIDDEN');
    expect(res.errors?.[0]?.path).toEqual(['updateClient', 'client', 'groups']);
    const body = JSON.stringify(res);
    for (const secret of othersPrivateData(alice())) expect(body).not.toContain(secret);
    // The write went through (the write scope allows it); nothing was read for the fields it may not see.
    expect(state().client('default', 'alice.martin0')!.comments).toBe('scopes through results');
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore PUT /api/register/client/:domain/:login': 1 });
  });

  it('the key fields of the result stay readable without read', async () => {
    const res = await t.run(
      gql`mutation ($input: UpdateClientInput!) { updateClient(input: $input) { __typename ... on ClientUpdated { client { id domain login version } } } }`,
      { input: { domain: 'default', login: 'alice.martin0', comments: 'keys only' } },
      writer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateClient).toMatchObject({ __typename: 'ClientUpdated', client: { domain: 'default', login: 'alice.martin0', version: expect.any(String) } });
  });

  it("a key with read and write reads the result as a query would", async () => {
    const res = await t.run(updateClientFollowingLinks, { input: { domain: 'default', login: 'alice.martin0', comments: 'all scopes' } });
    expect(res.errors).toBeUndefined();
    expect(JSON.stringify(res.data)).toContain(alice().email!);
  });

  it('error members stay readable by the caller of the mutation', async () => {
    const res = await t.run(updateClientFollowingLinks, { input: { domain: 'default', login: 'nobody-at-all', comments: 'x' } }, writer);
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateClient).toEqual({ __typename: 'NotFoundError', code: 'CLIENT_NOT_FOUND' });
  });

  it('a transfers key sees the transfer and the account it moved, not its balance', async () => {
    const account = [...state().accounts.values()].find((a) => a.status === 'FULL_TRADING' && a.currency === 'USD')!;
    const before = account.balance;
    const res = await t.run(DepositFundsDocument, { input: { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 5, currency: 'USD' } }, `Bearer ${mover}`);
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'TransferSuccess', transfer: { kind: 'DEPOSIT', amount: 5 }, account: { accountCode: account.accountCode, balance: null } });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(res.data)).not.toContain(String(before + 5));
    expect(countByRoute(queryCalls(t.sims))['dxcore GET /api/register/account/:clearingCode/:accountCode']).toBe(1);
  });

  it('a market-data account a write returns shows its id only, with no Retail read', async () => {
    const feed = [...t.sims.retail.state.accounts.values()].find((a) => a.email)!;
    const res = await t.run(
      gql`mutation ($id: ID!) { marketDataProfileLink(input: { accountId: $id }) { __typename ... on MarketDataProfileLink { account { id accountId email } } } }`,
      { id: feed.id },
      writer,
    );
    expect(res.data?.marketDataProfileLink).toMatchObject({ account: { accountId: feed.id, email: null } });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(res)).not.toContain(feed.email!);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'retail POST /api/v1/accounts/:accountId/profile-link': 1 });
  });
});

describe('an end user reads only their own records', () => {
  it("following their groups to other clients is FORBIDDEN, with no call for the group", async () => {
    const auth = await loginAs(t, alice());
    t.sims.clearCalls();
    const res = await t.run(gql`{ me { login groups { domain name members { login email phone } } } }`, undefined, auth);
    expect(codes(res)).toContain('FORBIDDEN');
    for (const secret of othersPrivateData(alice())) expect(JSON.stringify(res)).not.toContain(secret);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 1 });
  });

  it('their own client, accounts and market data still read in full (Me, TraderDashboard)', async () => {
    const auth = await loginAs(t, alice());
    const me = await t.run(MeDocument, undefined, auth);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me?.accounts.length).toBeGreaterThan(0);
    expect(me.data?.me?.accounts.every((a) => typeof a.balance === 'number')).toBe(true);
    const dashboard = await t.run(TraderDashboardDocument, { domain: 'default', login: 'alice.martin0' }, auth);
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.client).toMatchObject({ email: alice().email, marketDataAccount: { id: expect.any(String), email: expect.any(String) } });
  });
});
