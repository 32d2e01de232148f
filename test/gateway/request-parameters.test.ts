import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pathParameterMaxLength, queryParameterMaxLength } from '../../src/upstreams/parameters.ts';
import { keys, queryCalls, startTestGateway, type TestGateway, type UpstreamCall } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const writer = `Bearer ${keys.writer}`;

/** A path segment an upstream's web server would resolve away, or that names no resource. */
const dotOrEmpty = (call: UpstreamCall) => call.path.split('/').slice(1).some((s) => s === '' || s === '.' || s === '..');

const state = () => t.sims.dxcore.state;
const activeClient = () => [...state().clients.values()].find((c) => c.domain === 'default' && c.status !== 'DISABLED')!;
const someAccount = () => [...state().accounts.values()].find((a) => a.status === 'FULL_TRADING')!;

const removeClientFromGroup = gql`
  mutation ($input: GroupMembershipInput!) {
    removeClientFromGroup(input: $input) { __typename ... on Error { code message } ... on ValidationError { field } }
  }
`;
const addClientToGroup = gql`
  mutation ($input: GroupMembershipInput!) {
    addClientToGroup(input: $input) { __typename ... on Error { code message } ... on ValidationError { field } }
  }
`;

const clientQuery = gql`
  query ($domain: String!, $login: String!) { client(domain: $domain, login: $login) { fullName } }
`;

describe('caller text in upstream URL paths', () => {
  it("refuses removeClientFromGroup with '..' and '.' as the group, so the client is not deleted", async () => {
    const client = activeClient();
    const res = await t.run(removeClientFromGroup, { input: { domain: client.domain, login: client.login, groupDomain: '..', groupName: '.' } }, writer);
    expect(res.data?.removeClientFromGroup).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'input.groupDomain' });
    expect(state().client(client.domain, client.login)).toBeDefined();
    const calls = queryCalls(t.sims);
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    expect(calls.filter(dotOrEmpty)).toEqual([]);
  });

  it("refuses addClientToGroup with '..' segments before any upstream call (it reached the transaction import)", async () => {
    const input = { domain: '..', login: '..', groupDomain: '..', groupName: 'transaction-import', expectedVersion: '1' };
    const res = await t.run(addClientToGroup, { input }, writer);
    expect(res.data?.addClientToGroup).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'input.domain' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it("refuses depositFunds with transferId '..', which reached the account update route", async () => {
    const account = someAccount();
    const deposit = gql`
      mutation ($input: TransferInput!) { depositFunds(input: $input) { __typename ... on Error { code } ... on ValidationError { field } } }
    `;
    const input = { clearingCode: account.clearingCode, accountCode: account.accountCode, amount: 10, currency: account.currency, transferId: '..' };
    const res = await t.run(deposit, { input });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'ValidationError', field: 'input.transferId' });
    const calls = queryCalls(t.sims);
    expect(calls.map((c) => c.method)).toEqual(['GET']);
    expect(calls.filter(dotOrEmpty)).toEqual([]);
  });

  it("refuses setAccountCategory with category '..' before any upstream call", async () => {
    const account = someAccount();
    const setCategory = gql`
      mutation ($input: AccountCategoryChangeInput!) { setAccountCategory(input: $input) { __typename ... on Error { code } ... on ValidationError { field } } }
    `;
    const res = await t.run(setCategory, { input: { clearingCode: account.clearingCode, accountCode: account.accountCode, category: '..', value: 'x' } }, writer);
    expect(res.data?.setAccountCategory).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'input.category' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it.each([
    ['dot segments', { domain: '..', login: '.' }, 'domain', "must not be '.' or '..'"],
    ['an empty login', { domain: 'default', login: '' }, 'login', 'must not be empty'],
    ['a lone surrogate', { domain: 'default', login: '\ud800' }, 'login', 'well-formed'],
    ['a control character', { domain: 'default', login: 'a\u0000b' }, 'login', 'control characters'],
    ['90 KB', { domain: 'default', login: 'x'.repeat(90_000) }, 'login', `at most ${pathParameterMaxLength} characters`],
  ])('refuses a client query with %s as VALIDATION naming the argument, with no upstream call', async (_, variables, field, problem) => {
    const res = await t.run(clientQuery, variables);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ client: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['client'], extensions: { code: 'VALIDATION', field } });
    expect(res.errors![0]!.message).toContain(problem);
    expect(res.errors![0]!.message.length).toBeLessThan(200);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('refuses a key inside a global id, naming the id argument', async () => {
    const id = Buffer.from('Client:["..","."]').toString('base64');
    const res = await t.run(gql`query ($id: ID!) { node(id: $id) { ... on Client { fullName } } }`, { id });
    expect(res.errors?.[0]).toMatchObject({ path: ['node'], extensions: { code: 'VALIDATION', field: 'id' } });
    const many = await t.run(gql`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id] });
    expect(many.errors?.[0]).toMatchObject({ path: ['nodes', 0], extensions: { code: 'VALIDATION', field: 'ids.0' } });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('refuses a malformed global id or cursor as VALIDATION, quoting only a short piece of it', async () => {
    const long = `${'x'.repeat(90_000)}\u0000`;
    const node = await t.run(gql`query ($id: ID!) { node(id: $id) { id } }`, { id: long });
    expect(queryCalls(t.sims)).toEqual([]);
    const page = await t.run(gql`query ($after: String) { clients(first: 1, after: $after) { totalCount } }`, { after: long });
    for (const res of [node, page]) {
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION' });
      expect(res.errors![0]!.message.length).toBeLessThan(200);
      expect(res.errors![0]!.message).not.toContain('\u0000');
    }
  });

  it('refuses an empty notification id without calling dxCore', async () => {
    const res = await t.run(gql`query ($id: ID!) { notification(id: $id) { notificationId deliveries { recipient } } }`, { id: '' });
    expect(res.errors?.[0]).toMatchObject({ path: ['notification'], extensions: { code: 'VALIDATION', field: 'id' } });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('refuses a value the gateway read from an upstream as UPSTREAM_BAD_RESPONSE, not as the caller\'s fault', async () => {
    const client = activeClient();
    const linked = client.dxFeedAccountId;
    client.dxFeedAccountId = '..';
    try {
      const res = await t.run(gql`query ($domain: String!, $login: String!) { client(domain: $domain, login: $login) { login marketDataAccount { email } } }`, { domain: client.domain, login: client.login });
      expect(res.data).toEqual({ client: { login: client.login, marketDataAccount: { email: null } } });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ path: ['client', 'marketDataAccount', 'email'], extensions: { code: 'UPSTREAM_BAD_RESPONSE' } });
      expect(queryCalls(t.sims).map((c) => `${c.upstream} ${c.route}`)).toEqual(['dxcore GET /api/register/client/:domain/:login']);
    } finally {
      client.dxFeedAccountId = linked;
    }
  });
});

describe('caller text in upstream query strings', () => {
  const deliveries = gql`
    query ($id: ID!, $recipients: [String!]) { notification(id: $id) { deliveries(recipients: $recipients) { recipient } } }
  `;
  const notificationId = () => state().notifications.keys().next().value!;

  it.each([
    ['a 90 KB recipient', ['x'.repeat(90_000)], `at most ${queryParameterMaxLength} characters`],
    ['recipients over the cap together', Array.from({ length: 100 }, (_, i) => `client.${i}.${'x'.repeat(20)}@default`), 'in all'],
    ['a lone surrogate', ['\udc00@default'], 'well-formed'],
  ])('refuses %s as VALIDATION naming the argument; the long value reaches no upstream', async (_, recipients, problem) => {
    const res = await t.run(deliveries, { id: notificationId(), recipients });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['notification', 'deliveries'], extensions: { code: 'VALIDATION', field: 'recipients' } });
    expect(res.errors![0]!.message).toContain(problem);
    const calls = queryCalls(t.sims);
    expect(calls.map((c) => c.query)).toEqual(['']);
  });
});

describe('caller text in upstream headers', () => {
  it.each([
    ['a control character', 'a\u0000b'],
    ['a lone surrogate', '\ud800'],
    ['a quote that would end the entity tag', '1", "2'],
  ])('refuses an expectedVersion with %s as VALIDATION, sends nothing, and leaves dxCore usable for everyone', async (_, expectedVersion) => {
    const client = activeClient();
    const group = [...state().clientGroups.values()][0]!;
    const input = { domain: client.domain, login: client.login, groupDomain: group.domain, groupName: group.name, expectedVersion };
    // More refusals than the circuit breaker's threshold (5): none may count as dxCore failing.
    for (let i = 0; i < 6; i++) {
      const res = await t.run(addClientToGroup, { input }, writer);
      expect(res.data?.addClientToGroup).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'input.expectedVersion' });
    }
    expect(queryCalls(t.sims)).toEqual([]);
    const read = await t.run(clientQuery, { domain: client.domain, login: client.login });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ client: { fullName: client.fullName } });
  });
});

describe('a workflow step that refuses a caller value', () => {
  let crm: TestGateway;
  beforeAll(async () => {
    crm = await startTestGateway({}, { DXTRADEXT_MODE: 'crm' });
  });
  afterAll(() => crm.close());

  it('undoes the steps before it and names the field', async () => {
    const onboard = gql`
      mutation ($input: OnboardClientInput!) {
        onboardClient(input: $input) {
          __typename
          ... on WorkflowStepError { failedStep cause { code message } steps { name outcome } }
        }
      }
    `;
    const login = `refused-${Date.now().toString(36)}`;
    const input = { login, email: `${login}@example.com`, brokerCode: 'ACME', marketDataAccountId: '..', feeds: [{ feedName: 'CME' }] };
    const res = await crm.run(onboard, { input });
    expect(res.data?.onboardClient).toEqual({
      __typename: 'WorkflowStepError',
      failedStep: 'activate feeds',
      cause: { code: 'VALIDATION', message: "input.marketDataAccountId must not be '.' or '..'" },
      steps: [
        { name: 'create client', outcome: 'UNDONE' },
        { name: 'activate feeds', outcome: 'FAILED' },
      ],
    });
    expect(crm.sims.dxcore.state.client('default', login)).toBeUndefined();
    expect(queryCalls(crm.sims).filter(dotOrEmpty)).toEqual([]);
  });
});
