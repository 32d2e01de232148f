import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

/** Who may set a credential: an existing user's password (or its policy), a market-data password or the email a new one goes to. */

const adminOnly = 'test-key-admin-only';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({}, { GATEWAY_API_KEYS: `${keys.all}=*,${keys.writer}=write,${adminOnly}=admin` });
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const writer = `Bearer ${keys.writer}`;
const state = () => t.sims.dxcore.state;
const codes = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);
const result = (res: { data?: Record<string, unknown> | null }, field: string) => (res.data as Record<string, Record<string, unknown>> | null | undefined)?.[field];
let n = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;

/** A seeded client no other test of this file uses. */
let used = 0;
const victim = (): DxClient => [...state().clients.values()].filter((c) => c.domain === 'default' && c.status !== 'DISABLED')[used++]!;

const updateClient = gql`
  mutation ($input: UpdateClientInput!) {
    updateClient(input: $input) { __typename ... on ClientUpdated { client { login } } ... on Error { code message } }
  }
`;
const createClient = gql`
  mutation ($input: CreateClientInput!) {
    createClient(input: $input) { __typename ... on ClientCreated { client { login } } ... on Error { code message } }
  }
`;
const onboardClient = gql`
  mutation ($input: OnboardClientInput!) {
    onboardClient(input: $input) { __typename ... on ClientOnboarded { client { login } } ... on Error { code message } ... on WorkflowStepError { cause { code } } }
  }
`;
const login = gql`
  mutation ($input: LoginInput!) {
    login(input: $input) { __typename ... on Error { code } }
  }
`;
const me = gql`
  query {
    me { login }
  }
`;
const resetMarketDataPassword = gql`
  mutation ($input: MarketDataAccountInput!) {
    resetMarketDataPassword(input: $input) { __typename ... on Error { code } }
  }
`;
const changeMarketDataEmail = gql`
  mutation ($input: ChangeMarketDataEmailInput!) {
    changeMarketDataEmail(input: $input) { __typename ... on Error { code } }
  }
`;

const loginWith = async (client: DxClient, password: string) => result(await t.run(login, { input: { username: client.login, domain: client.domain, password } }, null), 'login')?.__typename;

describe("an existing client's credentials", () => {
  it('a write key cannot set a password: FORBIDDEN before any call, and the user keeps theirs (the takeover of the red-team session)', async () => {
    const client = victim();
    const res = await t.run(updateClient, { input: { domain: client.domain, login: client.login, password: 'Pwned-9999' } }, writer);
    expect(result(res, 'updateClient') ?? null).toBeNull();
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(queryCalls(t.sims)).toEqual([]);
    expect(await loginWith(client, 'Pwned-9999')).toBe('InvalidCredentialsError');
    expect(await loginWith(client, seededClientPassword)).toBe('Session');
  });

  it('passwordReset and passwordExpiry are credentials too; an admin key without write is not enough either', async () => {
    const client = victim();
    const before = { ...state().client(client.domain, client.login)! };
    for (const [change, auth] of [
      [{ passwordReset: true }, writer],
      [{ passwordExpiry: 1 }, writer],
      [{ password: 'Pwned-9999', fullName: 'Harmless Looking' }, writer],
      [{ password: 'Pwned-9999' }, `Bearer ${adminOnly}`],
    ] as const) {
      const res = await t.run(updateClient, { input: { domain: client.domain, login: client.login, ...change } }, auth);
      expect(codes(res), JSON.stringify(change)).toEqual(['FORBIDDEN']);
    }
    expect(queryCalls(t.sims)).toEqual([]);
    expect(state().client(client.domain, client.login)).toMatchObject({ password: before.password, passwordReset: before.passwordReset, passwordExpiry: before.passwordExpiry, fullName: before.fullName });
  });

  it('the rest of the profile still needs only write', async () => {
    const client = victim();
    const res = await t.run(updateClient, { input: { domain: client.domain, login: client.login, phone: '+15550100' } }, writer);
    expect(result(res, 'updateClient')).toEqual({ __typename: 'ClientUpdated', client: { login: client.login } });
    expect(state().client(client.domain, client.login)!.phone).toBe('+15550100');
  });

  it("with admin and write a password is set, and the client's sessions at the gateway end at once", async () => {
    const client = victim();
    const session = await loginAs(t, client);
    const res = await t.run(updateClient, { input: { domain: client.domain, login: client.login, password: 'Changed-5678' } });
    expect(result(res, 'updateClient')).toEqual({ __typename: 'ClientUpdated', client: { login: client.login } });
    t.sims.clearCalls();
    const old = await t.run(me, {}, session);
    expect(old.status).toBe(401);
    expect(codes(old)).toEqual(['UNAUTHENTICATED']);
    // Refused at the gateway: the token never reached dxCore.
    expect(queryCalls(t.sims)).toEqual([]);
    expect(await loginWith(client, seededClientPassword)).toBe('InvalidCredentialsError');
    expect(await loginWith(client, 'Changed-5678')).toBe('Session');
  });

  it("a status of DISABLED ends the client's sessions at the gateway, as disableClient does", async () => {
    const client = victim();
    const session = await loginAs(t, client);
    const res = await t.run(updateClient, { input: { domain: client.domain, login: client.login, status: 'DISABLED' } }, writer);
    expect(result(res, 'updateClient')).toEqual({ __typename: 'ClientUpdated', client: { login: client.login } });
    t.sims.clearCalls();
    const old = await t.run(me, {}, session);
    expect(old.status).toBe(401);
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe("a new client's first password", () => {
  it('needs only write: createClient and onboardClient make a client that logs in with it', async () => {
    const created = { domain: 'default', login: fresh('newbie') };
    expect(result(await t.run(createClient, { input: { ...created, password: 'First-1234' } }, writer), 'createClient')).toEqual({ __typename: 'ClientCreated', client: { login: created.login } });
    const onboarded = { domain: 'default', login: fresh('onboarded') };
    const res = await t.run(onboardClient, { input: { ...onboarded, email: 'onboarded@example.com', password: 'First-1234' } }, writer);
    expect(result(res, 'onboardClient')).toEqual({ __typename: 'ClientOnboarded', client: { login: onboarded.login } });
    for (const client of [created, onboarded]) expect(await loginWith(state().client(client.domain, client.login)!, 'First-1234')).toBe('Session');
  });

  it('cannot reset an existing one: creating a login dxCore has is CLIENT_ALREADY_EXISTS and changes nothing', async () => {
    const client = victim();
    const password = state().client(client.domain, client.login)!.password;
    const res = await t.run(createClient, { input: { domain: client.domain, login: client.login, password: 'Pwned-9999' } }, writer);
    expect(result(res, 'createClient')).toMatchObject({ __typename: 'ConflictError', code: 'CLIENT_ALREADY_EXISTS' });
    const onboarded = await t.run(onboardClient, { input: { domain: client.domain, login: client.login, email: 'x@example.com', password: 'Pwned-9999' } }, writer);
    expect(result(onboarded, 'onboardClient')).toMatchObject({ __typename: 'WorkflowStepError', cause: { code: 'CLIENT_ALREADY_EXISTS' } });
    expect(state().client(client.domain, client.login)!.password).toBe(password);
  });
});

describe('market-data credentials', () => {
  const retail = () => t.sims.retail.state;
  /** A market-data account with generated credentials (one activated subscription). */
  function withCredentials(email: string): string {
    const account = retail().createAccount({ metadata: {}, email });
    account.personalDataProvided = true;
    retail().placeOrder(account, 'v1', [{ feed: retail().feed('CME')!, endDate: null }], null);
    return account.id;
  }

  it('a write key can neither reset a password nor change the email a new one is sent to: FORBIDDEN before any call', async () => {
    const id = withCredentials(`${fresh('owner')}@example.com`);
    const before = { ...retail().credentialsOf(id)! };
    const email = retail().getAccount(id)!.email;
    const reset = await t.run(resetMarketDataPassword, { input: { accountId: id } }, writer);
    const changed = await t.run(changeMarketDataEmail, { input: { accountId: id, email: 'attacker@example.com' } }, writer);
    expect([codes(reset), codes(changed)]).toEqual([['FORBIDDEN'], ['FORBIDDEN']]);
    expect(queryCalls(t.sims)).toEqual([]);
    expect(retail().credentialsOf(id)).toEqual(before);
    expect(retail().getAccount(id)!.email).toBe(email);
  });

  it('with admin and write both run', async () => {
    const id = withCredentials(`${fresh('owner')}@example.com`);
    const before = retail().credentialsOf(id)!.password;
    expect(result(await t.run(resetMarketDataPassword, { input: { accountId: id } }), 'resetMarketDataPassword')).toEqual({ __typename: 'MarketDataPasswordReset' });
    expect(result(await t.run(changeMarketDataEmail, { input: { accountId: id, email: 'new.owner@example.com' } }), 'changeMarketDataEmail')).toEqual({ __typename: 'MarketDataEmailChanged' });
    expect(retail().credentialsOf(id)!.password).not.toBe(before);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'retail POST /api/v1/accounts/:accountId/reset-password': 1, 'retail POST /api/v1/accounts/:accountId/change-email': 1 });
  });
});
