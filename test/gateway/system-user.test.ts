import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LoginDocument } from '../generated/operations.ts';
import { loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

// The gateway's own dxCore service login is the system user (document 000: userId 0, "Method is not
// supported for system user"; the simulators' `gateway` in `default`). No caller may name it.

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const service = () => ({ login: t.sims.env.DXCORE_USERNAME!, domain: t.sims.env.DXCORE_DOMAIN!, password: t.sims.env.DXCORE_PASSWORD! });
/** Every dxCore call, the service session's own /login and /ping included. */
const dxCalls = () => t.sims.dxcore.server.calls.map((c) => `${c.route} ${c.status}`);

type Result = Record<string, unknown> & { __typename: string };

/** Runs `field(input)` with an all-scopes key, selecting the Error members (and `extra`). */
async function mutate(field: string, inputType: string, input: unknown, extra = '') {
  const doc = parse(`mutation ($input: ${inputType}) { ${field}(input: $input) { __typename ... on Error { code message upstream { status } } ${extra} } }`);
  const res = await t.run(doc as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>, { input });
  return { result: res.data?.[field] as Result | null | undefined, errors: res.errors };
}

describe('the system user cannot log in or be used through the gateway', () => {
  it("login with the service account's own password is refused like a wrong password, without a try at dxCore", async () => {
    const { login, domain, password } = service();
    const system = await t.run(LoginDocument, { input: { username: login, domain, password } }, null);
    const client = [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED' && c.domain === domain)!;
    const wrong = await t.run(LoginDocument, { input: { username: client.login, domain, password: 'wrong' } }, null);
    expect(system.data?.login).toEqual(wrong.data?.login);
    expect(system.data?.login).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
    expect(dxCalls()).toEqual(['POST /login 403']);
  });

  it.each([['upper case', (l: string) => l.toUpperCase()], ['blanks around', (l: string) => ` ${l} `], ['full-width', (l: string) => l.replace(/[a-z]/, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]])(
    'spelled with %s too',
    async (_, spell) => {
      const { login, domain, password } = service();
      const res = await t.run(LoginDocument, { input: { username: spell(login), domain: spell(domain), password } }, null);
      expect(res.data?.login).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(dxCalls()).toEqual([]);
    },
  );

  it('an admin key gets no SSO token for it', async () => {
    const { login, domain } = service();
    const { result } = await mutate('ssoToken', 'SsoTokenInput', { user: { login, domain } });
    expect(result).toMatchObject({ __typename: 'RejectedError', code: 'SYSTEM_USER_NOT_SUPPORTED', upstream: null });
    expect(dxCalls()).toEqual([]);
  });

  it('checkLogin does not check its password', async () => {
    const { login, domain, password } = service();
    const { result } = await mutate('checkLogin', 'CheckLoginInput!', { login, domain, password });
    expect(result).toMatchObject({ __typename: 'RejectedError', code: 'SYSTEM_USER_NOT_SUPPORTED', upstream: null });
    expect(dxCalls()).toEqual([]);
  });

  it.each([
    ['by login', { user: { login: 'gateway', domain: 'default' } }],
    ['by userId 0', { userId: 0 }],
  ])('logoutUser %s is refused before dxCore is asked', async (_, input) => {
    const { result } = await mutate('logoutUser', 'LogoutUserInput!', input);
    expect(result).toMatchObject({ __typename: 'RejectedError', code: 'SYSTEM_USER_NOT_SUPPORTED', upstream: null });
    expect(dxCalls()).toEqual([]);
  });

  it('client(domain, login) does not read it', async () => {
    const { login, domain } = service();
    const res = await t.run(gql`query ($domain: String!, $login: String!) { client(domain: $domain, login: $login) { login } }`, { domain, login });
    expect(res.data?.client).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SYSTEM_USER_NOT_SUPPORTED' });
    expect(dxCalls()).toEqual([]);
  });

  const account = { accountCode: 'SYSUSER1', currency: 'USD' };
  const existing = () => [...t.sims.dxcore.state.accounts.values()][0]!;
  it.each([
    ['createClient (the default domain is the service domain)', 'CreateClientInput!', { login: 'gateway', password: 'Demo-1234' }],
    ['createClient', 'CreateClientInput!', { login: 'gateway', domain: 'default', password: 'Demo-1234' }],
    ['updateClient', 'UpdateClientInput!', { login: 'gateway', domain: 'default', fullName: 'x' }],
    ['disableClient', 'DisableClientInput!', { login: 'gateway', domain: 'default' }],
    ['deleteClient', 'ClientIdInput!', { login: 'gateway', domain: 'default' }],
    ['addClientToGroup', 'GroupMembershipInput!', { login: 'gateway', domain: 'default', groupDomain: 'default', groupName: 'VIP' }],
    ['createAccount', 'CreateAccountInput!', { login: 'gateway', domain: 'default', account }],
    ['grantTradePermission', 'TradePermissionInput!', () => ({ login: 'gateway', domain: 'default', clearingCode: existing().clearingCode, accountCode: existing().accountCode })],
    ['removeClientFromGroup', 'GroupMembershipInput!', { login: 'gateway', domain: 'default', groupDomain: 'default', groupName: 'VIP' }],
    [
      'sendNotification',
      'SendNotificationInput!',
      () => ({ subject: 'S', message: 'M', priority: 'LOW', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), recipients: [{ domain: 'default', login: 'gateway' }] }),
    ],
  ])('%s naming it is refused, and nothing reaches dxCore about it', async (field, type, input) => {
    const { result, errors } = await mutate(field.split(' ')[0]!, type, typeof input === 'function' ? input() : input);
    expect(errors).toBeUndefined();
    expect(result).toMatchObject({ __typename: 'RejectedError', code: 'SYSTEM_USER_NOT_SUPPORTED' });
    expect(queryCalls(t.sims).filter((c) => c.upstream === 'dxcore' && c.method !== 'GET')).toEqual([]);
    expect(queryCalls(t.sims).filter((c) => c.path.includes('gateway'))).toEqual([]);
  });

  const stepRefused = { __typename: 'WorkflowStepError', cause: { code: 'SYSTEM_USER_NOT_SUPPORTED' } };
  it.each([
    ['deactivateClient', 'DeactivateClientInput!', { login: 'gateway', domain: 'default' }, stepRefused],
    // Its precondition (the client is DISABLED) is read first, and that read is refused.
    ['reactivateClient', 'ReactivateClientInput!', { login: 'gateway', domain: 'default', account }, { __typename: 'RejectedError', code: 'SYSTEM_USER_NOT_SUPPORTED' }],
    ['onboardClient', 'OnboardClientInput!', { login: 'gateway', domain: 'default', email: 'sys@example.com' }, stepRefused],
  ])('the %s workflow is refused where it first names it, and nothing reaches dxCore about it', async (field, type, input, refused) => {
    const { result, errors } = await mutate(field, type, input, '... on WorkflowStepError { cause { code } }');
    expect(errors).toBeUndefined();
    expect(result).toMatchObject(refused);
    expect(queryCalls(t.sims).filter((c) => c.upstream === 'dxcore' && c.method !== 'GET')).toEqual([]);
    expect(queryCalls(t.sims).filter((c) => c.path.includes('gateway'))).toEqual([]);
  });

  it('an end user cannot name it either', async () => {
    const client = [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED')!;
    const auth = await loginAs(t, client);
    t.sims.clearCalls();
    const res = await t.run(gql`query { client(domain: "default", login: "gateway") { login } }`, {}, auth);
    expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|SYSTEM_USER_NOT_SUPPORTED/);
    expect(dxCalls()).toEqual([]);
  });
});
