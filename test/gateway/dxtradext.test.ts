import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Handler, SimServer } from '../../src/simulators/http.ts';
import type { DxClient } from '../../src/simulators/records.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { countByRoute, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

const onboard = gql`
  mutation ($input: OnboardClientInput!) {
    onboardClient(input: $input) {
      __typename
      ... on ClientOnboarded {
        client { login status email dxFeedAccountId accounts { accountCode currency } }
        marketDataAccount { accountId email }
        confirmationId
        signupPage { light dark }
        steps { name outcome detail }
      }
      ... on WorkflowStepError { code message failedStep cause { code message } steps { name outcome detail } }
      ... on Error { code message }
    }
  }
`;
const deactivate = gql`
  mutation ($input: DeactivateClientInput!) {
    deactivateClient(input: $input) {
      __typename
      ... on ClientDeactivated { client { status accounts { status } } cancelledSubscriptions steps { name outcome } }
      ... on WorkflowStepError { failedStep cause { code } steps { name outcome } }
      ... on Error { code message }
    }
  }
`;
const reactivate = gql`
  mutation ($input: ReactivateClientInput!) {
    reactivateClient(input: $input) {
      __typename
      ... on ClientReactivated { client { status } account { accountCode status } steps { name outcome } }
      ... on WorkflowStepError { failedStep cause { code } steps { name outcome } }
      ... on Error { code message }
    }
  }
`;
const login = gql`
  mutation ($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on Session { token subscriptions { name status } }
      ... on Error { code message }
    }
  }
`;

const newClient = (login: string, extra: Record<string, unknown> = {}) => ({
  login,
  email: `${login}@example.com`,
  firstName: 'Bob',
  lastName: 'Smith',
  password: 'Secret-123',
  brokerCode: 'ACME',
  accounts: [{ accountCode: `${login}-acc`, currency: 'USD', balance: 1000 }],
  ...extra,
});

const workflowOf = (res: { data?: Record<string, unknown> | null }, field: string) => res.data?.[field] as Record<string, unknown> & { steps: { name: string; outcome: string; detail?: string }[] };

describe('CRM mode', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { DXTRADEXT_MODE: 'crm' });
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  const dxClient = (login: string): DxClient | undefined => t.sims.dxcore.state.client('default', login);
  const feedOf = (c: DxClient) => t.sims.retail.state.getAccount(c.dxFeedAccountId!);
  const hasActive = (c: DxClient) => (feedOf(c) ? t.sims.retail.state.subscriptionsOf(feedOf(c)!).some((s) => s.status === 'ACTIVE') : false);
  const seeded = (predicate: (c: DxClient) => boolean) => [...t.sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED' && predicate(c));

  describe('onboardClient', () => {
    it('creates the dxFeed account, then the client linked to it, then activates the feeds', async () => {
      const res = await t.run(onboard, { input: newClient('crm-new-1', { feeds: [{ feedName: 'CME' }] }) });
      const result = workflowOf(res, 'onboardClient');
      expect(result.__typename).toBe('ClientOnboarded');
      const created = dxClient('crm-new-1')!;
      expect(created.dxFeedAccountId).toBeTruthy();
      expect(result).toMatchObject({
        client: { login: 'crm-new-1', email: 'crm-new-1@example.com', dxFeedAccountId: created.dxFeedAccountId, accounts: [{ accountCode: 'crm-new-1-acc', currency: 'USD' }] },
        marketDataAccount: { accountId: created.dxFeedAccountId, email: 'crm-new-1@example.com' },
      });
      // A new dxFeed user has not filled in the onboarding form yet: the signup page is the next step.
      expect((result.signupPage as { light: string }).light).toMatch(/^http/);
      expect(result.steps.map((s) => [s.name, s.outcome])).toEqual([
        ['create market-data account', 'COMPLETED'],
        ['create client', 'COMPLETED'],
        ['activate feeds', 'COMPLETED'],
      ]);
      const calls = queryCalls(t.sims).filter((c) => c.method === 'POST');
      expect(calls.map((c) => `${c.upstream} ${c.route}`)).toEqual(['retail POST /api/v1/accounts', 'dxcore POST /api/register/client', 'retail POST /api/v1/accounts/:accountId/subscriptions']);
    });

    it('fails at step 1 (dxFeed account): nothing else is tried', async () => {
      const taken = [...t.sims.retail.state.accounts.values()].find((a) => a.email)!.email!;
      const res = await t.run(onboard, { input: newClient('crm-new-2', { email: taken }) });
      expect(workflowOf(res, 'onboardClient')).toMatchObject({
        __typename: 'WorkflowStepError',
        code: 'WORKFLOW_STEP_FAILED',
        failedStep: 'create market-data account',
        cause: { code: 'MARKET_DATA_ACCOUNT_ALREADY_EXISTS' },
        steps: [
          { name: 'create market-data account', outcome: 'FAILED' },
          { name: 'create client', outcome: 'NOT_RUN' },
          { name: 'activate feeds', outcome: 'NOT_RUN' },
        ],
      });
      expect(dxClient('crm-new-2')).toBeUndefined();
    });

    it('refuses a login that exists before any write: no dxFeed account is left behind, however often it is tried', async () => {
      const existing = seeded((c) => c.domain === 'default')[0]!;
      const feedAccounts = t.sims.retail.state.accounts.size;
      for (let i = 0; i < 3; i++) {
        const res = await t.run(onboard, { input: newClient(existing.login, { email: `crm-again-${i}@example.com` }) });
        expect(workflowOf(res, 'onboardClient')).toMatchObject({ __typename: 'ConflictError', code: 'CLIENT_ALREADY_EXISTS' });
      }
      expect(t.sims.retail.state.accounts.size).toBe(feedAccounts);
      expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 3 });
    });

    it('fails at step 2 (client): the dxFeed account is reported as left in place, and a retry can reuse it', async () => {
      const taken = [...t.sims.dxcore.state.accounts.values()][0]!;
      const accounts = [{ clearingCode: taken.clearingCode, accountCode: taken.accountCode, currency: 'USD' }];
      const res = await t.run(onboard, { input: newClient('crm-new-3', { accounts }) });
      const failed = workflowOf(res, 'onboardClient');
      expect(failed).toMatchObject({ failedStep: 'create client', cause: { code: 'ACCOUNT_ALREADY_EXISTS' } });
      const left = failed.steps[0]!;
      expect(left).toMatchObject({ name: 'create market-data account', outcome: 'LEFT_IN_PLACE' });
      const leftId = /dxFeed account (\S+)/.exec(left.detail!)![1]!;
      expect(t.sims.retail.state.getAccount(leftId)?.email).toBe('crm-new-3@example.com');
      expect(failed.message).toContain(leftId);

      t.sims.clearCalls();
      const retry = await t.run(onboard, { input: newClient('crm-new-3', { marketDataAccountId: leftId }) });
      expect(workflowOf(retry, 'onboardClient')).toMatchObject({ __typename: 'ClientOnboarded', client: { dxFeedAccountId: leftId } });
      expect(countByRoute(queryCalls(t.sims))['retail POST /api/v1/accounts']).toBeUndefined();
    });

    it('fails at step 3 (feeds): the client is deleted again, the dxFeed account left in place', async () => {
      const res = await t.run(onboard, { input: newClient('crm-new-4', { feeds: [{ feedName: 'NO_SUCH_FEED' }] }) });
      expect(workflowOf(res, 'onboardClient')).toMatchObject({
        failedStep: 'activate feeds',
        cause: { code: 'VALIDATION' },
        steps: [
          { name: 'create market-data account', outcome: 'LEFT_IN_PLACE' },
          { name: 'create client', outcome: 'UNDONE' },
          { name: 'activate feeds', outcome: 'FAILED' },
        ],
      });
      expect(dxClient('crm-new-4')).toBeUndefined();
      expect(countByRoute(queryCalls(t.sims))['dxcore DELETE /api/register/client/:domain/:login']).toBe(1);
    });

    it('refuses a redirect that is not an http(s) URL before any call', async () => {
      const res = await t.run(onboard, { input: newClient('crm-new-6', { feeds: [{ feedName: 'CME' }], successRedirectUrl: 'javascript:alert(1)' }) });
      expect(workflowOf(res, 'onboardClient')).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
      expect(queryCalls(t.sims)).toEqual([]);
    });

    it('refuses a past end date before any call', async () => {
      const res = await t.run(onboard, { input: newClient('crm-new-5', { feeds: [{ feedName: 'CME', endDate: '2001-01-01T00:00:00Z' }] }) });
      expect(workflowOf(res, 'onboardClient')).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
      expect(queryCalls(t.sims)).toEqual([]);
    });
  });

  describe('login rule', () => {
    it('a user with an active feed logs in and gets the synced subscriptions', async () => {
      const user = seeded((c) => Boolean(c.dxFeedAccountId) && hasActive(c))[0]!;
      const res = await t.run(login, { input: { username: user.login, domain: user.domain, password: seededClientPassword } }, null);
      const session = workflowOf(res, 'login') as unknown as { __typename: string; subscriptions: { status: string }[] };
      expect(session.__typename).toBe('Session');
      expect(session.subscriptions.some((s) => s.status === 'ACTIVE')).toBe(true);
    });

    it('a user whose linked feeds are all inactive is refused, and the new dxCore session is ended', async () => {
      const user = seeded((c) => Boolean(c.dxFeedAccountId) && feedOf(c) !== undefined && !hasActive(c))[0]!;
      const res = await t.run(login, { input: { username: user.login, domain: user.domain, password: seededClientPassword } }, null);
      expect(res.data?.login).toMatchObject({ __typename: 'RejectedError', code: 'NO_ACTIVE_SUBSCRIPTIONS' });
      expect(countByRoute(queryCalls(t.sims))['dxcore POST /logoutUserByToken']).toBe(1);
    });

    it('a user without a linked dxFeed account is refused in CRM mode', async () => {
      const user = seeded((c) => !c.dxFeedAccountId)[0]!;
      const res = await t.run(login, { input: { username: user.login, domain: user.domain, password: seededClientPassword } }, null);
      expect(res.data?.login).toMatchObject({ __typename: 'RejectedError', code: 'MARKET_DATA_ACCOUNT_NOT_LINKED' });
    });
  });

  describe('deactivateClient', () => {
    it('disables the client, terminates the accounts, and the linked feeds end', async () => {
      const user = seeded((c) => Boolean(c.dxFeedAccountId) && hasActive(c))[1]!;
      const res = await t.run(deactivate, { input: { domain: user.domain, login: user.login } });
      const result = workflowOf(res, 'deactivateClient') as unknown as Record<string, unknown> & { client: { status: string; accounts: { status: string }[] } };
      expect(result.__typename).toBe('ClientDeactivated');
      expect(result.client.status).toBe('DISABLED');
      expect(result.client.accounts.every((a) => a.status === 'TERMINATED')).toBe(true);
      expect(hasActive(user)).toBe(false);
      // dxCore cancelled them itself (cancelDxFeedSubscriptions: true): nothing was left for the gateway.
      expect(result.cancelledSubscriptions).toEqual([]);
    });

    it('cancels what dxCore left active', async () => {
      const user = seeded((c) => Boolean(c.dxFeedAccountId) && hasActive(c))[2]!;
      const state = t.sims.retail.state;
      const original = state.cancelAllSubscriptions;
      state.cancelAllSubscriptions = () => undefined as never;
      try {
        const active = state.subscriptionsOf(feedOf(user)!).filter((s) => s.status === 'ACTIVE').map((s) => s.name);
        const res = await t.run(deactivate, { input: { domain: user.domain, login: user.login } });
        expect(workflowOf(res, 'deactivateClient')).toMatchObject({ __typename: 'ClientDeactivated', cancelledSubscriptions: active });
        expect(hasActive(user)).toBe(false);
      } finally {
        state.cancelAllSubscriptions = original;
      }
    });

    it('fails at step 1 for an unknown client', async () => {
      const res = await t.run(deactivate, { input: { domain: 'default', login: 'nobody-at-all' } });
      expect(workflowOf(res, 'deactivateClient')).toMatchObject({ failedStep: 'read client', cause: { code: 'CLIENT_NOT_FOUND' } });
    });

    it('fails at step 2 for a client already disabled', async () => {
      const user = seeded(() => true)[3]!;
      t.sims.dxcore.state.client(user.domain, user.login)!.status = 'DISABLED';
      const res = await t.run(deactivate, { input: { domain: user.domain, login: user.login } });
      expect(workflowOf(res, 'deactivateClient')).toMatchObject({
        failedStep: 'disable client and terminate accounts',
        cause: { code: 'CLIENT_ALREADY_DISABLED' },
        steps: [{ name: 'read client', outcome: 'COMPLETED' }, { name: 'disable client and terminate accounts', outcome: 'FAILED' }, { name: 'cancel remaining feeds', outcome: 'NOT_RUN' }],
      });
    });

    it('fails at step 3 when the linked dxFeed account cannot be read: the disabled client is reported as left', async () => {
      const user = seeded((c) => !c.dxFeedAccountId)[1]!;
      t.sims.dxcore.state.client(user.domain, user.login)!.dxFeedAccountId = 'missing-feed-account';
      const res = await t.run(deactivate, { input: { domain: user.domain, login: user.login } });
      expect(workflowOf(res, 'deactivateClient')).toMatchObject({
        failedStep: 'cancel remaining feeds',
        cause: { code: 'MARKET_DATA_ACCOUNT_NOT_FOUND' },
        steps: [{ name: 'read client', outcome: 'COMPLETED' }, { name: 'disable client and terminate accounts', outcome: 'LEFT_IN_PLACE' }, { name: 'cancel remaining feeds', outcome: 'FAILED' }],
      });
    });
  });

  describe('reactivateClient', () => {
    const disabledClient = (index: number) => {
      const user = seeded(() => true)[10 + index]!;
      t.sims.dxcore.state.client(user.domain, user.login)!.status = 'DISABLED';
      return user;
    };

    it('restores the status, then opens a new account', async () => {
      const user = disabledClient(0);
      const res = await t.run(reactivate, { input: { domain: user.domain, login: user.login, account: { accountCode: `${user.login}-re`, currency: 'USD' } } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({
        __typename: 'ClientReactivated',
        client: { status: 'OFFLINE' },
        account: { accountCode: `${user.login}-re`, status: 'FULL_TRADING' },
        steps: [{ name: 'restore client status', outcome: 'COMPLETED' }, { name: 'open account', outcome: 'COMPLETED' }],
      });
      expect(t.sims.dxcore.state.client(user.domain, user.login)!.status).toBe('OFFLINE');
    });

    it('refuses an unknown client before any write', async () => {
      const res = await t.run(reactivate, { input: { domain: 'default', login: 'nobody-at-all', account: { accountCode: 'x-re', currency: 'USD' } } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({ __typename: 'NotFoundError', code: 'CLIENT_NOT_FOUND' });
      expect(queryCalls(t.sims).filter((c) => c.method !== 'GET')).toEqual([]);
    });

    it('refuses a client that is not DISABLED before any write: its status and live session stay', async () => {
      const user = seeded((c) => c.status === 'OFFLINE' && Boolean(c.dxFeedAccountId) && hasActive(c))[0]!;
      const session = await loginAs(t, user);
      const taken = [...t.sims.dxcore.state.accounts.values()][0]!;
      t.sims.clearCalls();
      const res = await t.run(reactivate, { input: { domain: user.domain, login: user.login, account: { clearingCode: taken.clearingCode, accountCode: taken.accountCode, currency: 'USD' } } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({ __typename: 'RejectedError', code: 'CLIENT_NOT_DISABLED' });
      expect(queryCalls(t.sims).filter((c) => c.method !== 'GET')).toEqual([]);
      expect(t.sims.dxcore.state.client(user.domain, user.login)!.status).toBe('OFFLINE');
      const me = await t.run(gql`{ me { login } }`, undefined, session);
      expect(me.data).toEqual({ me: { login: user.login } });
    });

    const reactivateWithFeeds = gql`
      mutation ($input: ReactivateClientInput!) {
        reactivateClient(input: $input) {
          __typename
          ... on ClientReactivated { client { status } account { accountCode status } confirmationId signupPage { light } steps { name outcome } }
          ... on WorkflowStepError { failedStep cause { code } steps { name outcome } }
          ... on Error { code message }
        }
      }
    `;
    /** A client with an active linked feed that no test here used: from the end of the list, which the tests above take from the start of. */
    const used = new Set<string>();
    const linkedUser = () => {
      const user = seeded((c) => Boolean(c.dxFeedAccountId) && hasActive(c) && !used.has(c.login)).at(-1)!;
      used.add(user.login);
      return user;
    };
    const logIn = async (user: DxClient) => workflowOf(await t.run(login, { input: { username: user.login, domain: user.domain, password: seededClientPassword } }, null), 'login');
    const deactivated = async (user: DxClient) => {
      expect(workflowOf(await t.run(deactivate, { input: { domain: user.domain, login: user.login } }), 'deactivateClient').__typename).toBe('ClientDeactivated');
      t.sims.clearCalls();
    };

    it('without feeds, in CRM mode, the user cannot log in: deactivation cancelled every feed', async () => {
      const user = linkedUser();
      await deactivated(user);
      const res = await t.run(reactivate, { input: { domain: user.domain, login: user.login, account: { accountCode: `${user.login}-re1`, currency: 'USD' } } });
      expect(workflowOf(res, 'reactivateClient').__typename).toBe('ClientReactivated');
      expect(await logIn(user)).toMatchObject({ __typename: 'RejectedError', code: 'NO_ACTIVE_SUBSCRIPTIONS' });
    });

    it('with feeds, in CRM mode: activates them on the linked dxFeed account after the account, and the user logs in again', async () => {
      const user = linkedUser();
      await deactivated(user);
      const res = await t.run(reactivateWithFeeds, { input: { domain: user.domain, login: user.login, account: { accountCode: `${user.login}-re2`, currency: 'USD' }, feeds: [{ feedName: 'CME' }] } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({
        __typename: 'ClientReactivated',
        client: { status: 'OFFLINE' },
        account: { accountCode: `${user.login}-re2`, status: 'FULL_TRADING' },
        confirmationId: null,
        signupPage: null,
        steps: [
          { name: 'restore client status', outcome: 'COMPLETED' },
          { name: 'open account', outcome: 'COMPLETED' },
          { name: 'activate feeds', outcome: 'COMPLETED' },
        ],
      });
      expect(queryCalls(t.sims).filter((c) => c.method !== 'GET').map((c) => `${c.upstream} ${c.route}`)).toEqual([
        'dxcore PUT /api/register/client/:domain/:login',
        'dxcore POST /api/register/client/:domain/:login/account',
        'retail POST /api/v1/accounts/:accountId/subscriptions',
      ]);
      expect(await logIn(user)).toMatchObject({ __typename: 'Session', subscriptions: expect.arrayContaining([{ name: 'CME', status: 'ACTIVE' }]) });
    });

    it('with feeds that fail: the new account is terminated and the status put back', async () => {
      const user = linkedUser();
      t.sims.dxcore.state.client(user.domain, user.login)!.status = 'DISABLED';
      const res = await t.run(reactivateWithFeeds, { input: { domain: user.domain, login: user.login, account: { accountCode: `${user.login}-re3`, currency: 'USD' }, feeds: [{ feedName: 'NO_SUCH_FEED' }] } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({
        __typename: 'WorkflowStepError',
        failedStep: 'activate feeds',
        cause: { code: 'VALIDATION' },
        steps: [
          { name: 'restore client status', outcome: 'UNDONE' },
          { name: 'open account', outcome: 'UNDONE' },
          { name: 'activate feeds', outcome: 'FAILED' },
        ],
      });
      expect(t.sims.dxcore.state.client(user.domain, user.login)!.status).toBe('DISABLED');
      expect([...t.sims.dxcore.state.accounts.values()].find((a) => a.accountCode === `${user.login}-re3`)?.status).toBe('TERMINATED');
    });

    it('with feeds for a client no dxFeed account is linked to: MARKET_DATA_ACCOUNT_NOT_LINKED before any write', async () => {
      const user = seeded((c) => !c.dxFeedAccountId).at(-1)!;
      t.sims.dxcore.state.client(user.domain, user.login)!.status = 'DISABLED';
      t.sims.clearCalls();
      const res = await t.run(reactivate, { input: { domain: user.domain, login: user.login, account: { accountCode: `${user.login}-re4`, currency: 'USD' }, feeds: [{ feedName: 'CME' }] } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({ __typename: 'RejectedError', code: 'MARKET_DATA_ACCOUNT_NOT_LINKED' });
      expect(queryCalls(t.sims).filter((c) => c.method !== 'GET')).toEqual([]);
    });

    it('fails at step 2 (account code taken): the status goes back to DISABLED', async () => {
      const user = disabledClient(1);
      const taken = [...t.sims.dxcore.state.accounts.values()][0]!;
      const res = await t.run(reactivate, { input: { domain: user.domain, login: user.login, account: { clearingCode: taken.clearingCode, accountCode: taken.accountCode, currency: 'USD' } } });
      expect(workflowOf(res, 'reactivateClient')).toMatchObject({
        failedStep: 'open account',
        cause: { code: 'ACCOUNT_ALREADY_EXISTS' },
        steps: [{ name: 'restore client status', outcome: 'UNDONE' }, { name: 'open account', outcome: 'FAILED' }],
      });
      expect(t.sims.dxcore.state.client(user.domain, user.login)!.status).toBe('DISABLED');
    });
  });
});

describe('a workflow that runs out of its call budget', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // CRM onboarding with feeds makes 4 calls: the login check, the dxFeed account, the client, the feeds.
    t = await startTestGateway({}, { DXTRADEXT_MODE: 'crm', GRAPHQL_LIMITS: JSON.stringify({ upstreamCalls: 3 }) });
  });
  afterAll(() => t.close());

  it("still undoes what it did: compensation is not the caller's to spend", async () => {
    const res = await t.run(onboard, { input: newClient('crm-budget-1', { feeds: [{ feedName: 'CME' }] }) });
    expect(workflowOf(res, 'onboardClient')).toMatchObject({
      __typename: 'WorkflowStepError',
      failedStep: 'activate feeds',
      cause: { code: 'UPSTREAM_CALL_BUDGET_EXCEEDED' },
      steps: [
        { name: 'create market-data account', outcome: 'LEFT_IN_PLACE' },
        { name: 'create client', outcome: 'UNDONE' },
        { name: 'activate feeds', outcome: 'FAILED' },
      ],
    });
    expect(t.sims.dxcore.state.client('default', 'crm-budget-1')).toBeUndefined();
    expect(countByRoute(queryCalls(t.sims))['dxcore DELETE /api/register/client/:domain/:login']).toBe(1);
  });
});

/**
 * Holds the next call of `route` (`METHOD pattern`) in the simulator until `release()`; `arrived` resolves
 * once it came. By wrapping the route's handler: the simulator has no such fault, and a latency would make
 * the test depend on timing.
 */
function holdNext(server: SimServer, route: string) {
  const routes = (server as unknown as { routes: { method: string; pattern: string; handler: Handler }[] }).routes;
  const held = routes.find((r) => `${r.method} ${r.pattern}` === route)!;
  const original = held.handler;
  let arrive!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  held.handler = async (req) => {
    held.handler = original;
    arrive();
    await released;
    return original(req);
  };
  return { arrived, release };
}

describe("a workflow whose caller holds its whole share of dxCore (1 call in flight, none waiting)", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { DXTRADEXT_MODE: 'crm', UPSTREAM_RESILIENCE: JSON.stringify({ dxcore: { maxPerCaller: 1, maxQueuedPerCaller: 0 } }) });
  });
  afterAll(() => t.close());

  it("still undoes what it did: the undo does not wait in the caller's share", async () => {
    const feeds = holdNext(t.sims.retail.server, 'POST /api/v1/accounts/:accountId/subscriptions');
    const onboarding = t.run(onboard, { input: newClient('crm-share-1', { feeds: [{ feedName: 'NO_SUCH_FEED' }] }) });
    await feeds.arrived;
    // The client exists now; the same caller's slow read takes its one dxCore slot while the feeds fail.
    const read = holdNext(t.sims.dxcore.server, 'GET /api/register/client/:domain/:login');
    const slow = t.run(gql`{ client(domain: "default", login: "alice.martin0") { email } }`);
    await read.arrived;
    feeds.release();
    const res = await onboarding;
    read.release();
    expect(workflowOf(res, 'onboardClient')).toMatchObject({
      __typename: 'WorkflowStepError',
      failedStep: 'activate feeds',
      steps: [
        { name: 'create market-data account', outcome: 'LEFT_IN_PLACE' },
        { name: 'create client', outcome: 'UNDONE' },
        { name: 'activate feeds', outcome: 'FAILED' },
      ],
    });
    expect(t.sims.dxcore.state.client('default', 'crm-share-1')).toBeUndefined();
    expect(countByRoute(queryCalls(t.sims))['dxcore DELETE /api/register/client/:domain/:login']).toBe(1);
    expect((await slow).data).toEqual({ client: { email: expect.any(String) } });
  });
});

describe('XT mode', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { DXTRADEXT_MODE: 'xt' });
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it('onboardClient creates the client with the email only: no dxFeed account', async () => {
    const res = await t.run(onboard, { input: newClient('xt-new-1') });
    expect(workflowOf(res, 'onboardClient')).toMatchObject({ __typename: 'ClientOnboarded', client: { email: 'xt-new-1@example.com', dxFeedAccountId: null }, marketDataAccount: null, steps: [{ name: 'create client', outcome: 'COMPLETED' }] });
    expect(queryCalls(t.sims).every((c) => c.upstream === 'dxcore')).toBe(true);
  });

  it('refuses CRM-only input before any call', async () => {
    const res = await t.run(onboard, { input: newClient('xt-new-2', { feeds: [{ feedName: 'CME' }] }) });
    expect(workflowOf(res, 'onboardClient')).toMatchObject({ __typename: 'RejectedError', code: 'NOT_SUPPORTED_IN_MODE' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('reactivateClient refuses feeds before any call: dxFeed is not managed through the gateway in XT mode', async () => {
    const res = await t.run(reactivate, { input: { domain: 'default', login: 'alice.martin0', account: { accountCode: 'xt-re-1', currency: 'USD' }, feeds: [{ feedName: 'CME' }] } });
    expect(workflowOf(res, 'reactivateClient')).toMatchObject({ __typename: 'RejectedError', code: 'NOT_SUPPORTED_IN_MODE' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('login: a user without a linked dxFeed account logs in (DxTradeXT links it at the first login)', async () => {
    const user = [...t.sims.dxcore.state.clients.values()].find((c) => !c.dxFeedAccountId && c.status !== 'DISABLED')!;
    const res = await t.run(login, { input: { username: user.login, domain: user.domain, password: seededClientPassword } }, null);
    expect(res.data?.login).toMatchObject({ __typename: 'Session', subscriptions: null });
  });
});
