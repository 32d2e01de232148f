import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retailDefaultPeriodDays } from '../../src/readings.ts';
import { ActivateSubscriptionsDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { expectError, mutate as mutateOn, type Json } from '../support/mutations.ts';

/** Mutations of the Retail Services Platform and dxCore's market-data paths, against the simulators. */

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const accountSelection = 'account { accountId email status dataAccessStatus subscriptions { name status expiresAt } }';

const mutate = (field: string, selection: string, input: unknown, auth?: string) => mutateOn(t, field, selection, input, auth);

const calls = () => countByRoute(queryCalls(t.sims));
const retail = () => t.sims.retail.state;
const future = (days: number) => new Date(Date.now() + days * 86_400_000);
const iso = (date: Date) => date.toISOString().replace(/\.000Z$/, 'Z');

/** A Retail account made in the simulator's state (no upstream call shows in the log); with personal data unless told. */
function account(options: { personalData?: boolean; email?: string } = {}): string {
  const created = retail().createAccount({ metadata: {}, ...(options.email ? { email: options.email } : {}) });
  created.personalDataProvided = options.personalData ?? true;
  return created.id;
}

/** An account with active subscriptions to `feeds`, activated through the simulator's state. */
function subscribed(feeds: string[]): string {
  const id = account();
  const items = feeds.map((name) => ({ feed: retail().feed(name)!, endDate: null }));
  retail().placeOrder(retail().getAccount(id)!, 'v1', items, null);
  return id;
}

const subscriptionOf = (accountId: string, name: string) => retail().subscriptionOf(retail().getAccount(accountId)!, name);
const subscriptionIn = (result: Json, name: string) => (result.account.subscriptions as Json[]).find((s) => s.name === name);

describe('createMarketDataAccount', () => {
  it('creates the account with its personal data and answers it as read afterwards', async () => {
    const r = await mutate('createMarketDataAccount', `... on MarketDataAccountCreated { ${accountSelection} }`, {
      email: 'New.Trader@Example.com',
      personalData: { firstName: 'Nora', lastName: 'Lind', country: 'Sweden' },
      allowedStatuses: 'NON_PROFESSIONAL',
    });
    expect(r.__typename).toBe('MarketDataAccountCreated');
    expect(r.account).toMatchObject({ email: 'new.trader@example.com', status: 'ACTIVE', subscriptions: [] });
    const stored = retail().getAccount(r.account.accountId)!;
    expect(stored.metadata).toEqual({ firstName: 'Nora', lastName: 'Lind', country: 'Sweden' });
    expect(stored.allowedStatuses).toBe('NON_PROFESSIONAL');
    expect(calls()).toEqual({
      'retail POST /api/v1/accounts': 1,
      'retail GET /api/v1/accounts/:accountId': 1,
      'retail GET /api/v1/accounts/:accountId/subscriptions': 1,
    });
  });

  it('creates an account with no data at all (metadata {})', async () => {
    const r = await mutate('createMarketDataAccount', '... on MarketDataAccountCreated { account { accountId } }', {});
    expect(retail().getAccount(r.account.accountId)!.metadata).toEqual({});
    expect(calls()).toEqual({ 'retail POST /api/v1/accounts': 1 });
  });

  it('answers MARKET_DATA_ACCOUNT_ALREADY_EXISTS for a taken email', async () => {
    account({ email: 'taken@example.com' });
    const r = await mutate('createMarketDataAccount', '', { email: 'TAKEN@example.com' });
    expectError(r, 'ConflictError', 'MARKET_DATA_ACCOUNT_ALREADY_EXISTS', { name: 'retail', status: 422, code: 'ACCOUNT_ALREADY_EXISTS' });
  });

  it('refuses a malformed email before any call', async () => {
    const r = await mutate('createMarketDataAccount', '', { email: 'not-an-email' });
    expectError(r, 'ValidationError', 'VALIDATION');
    expect(r.field).toBe('input.email');
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('resetMarketDataPassword and changeMarketDataEmail', () => {
  it('makes a new password where one was generated', async () => {
    const id = subscribed(['CME']);
    const before = retail().credentialsOf(id)!.password;
    const r = await mutate('resetMarketDataPassword', '... on MarketDataPasswordReset { account { accountId } }', { accountId: id });
    expect(r).toEqual({ __typename: 'MarketDataPasswordReset', account: { accountId: id } });
    expect(retail().credentialsOf(id)!.password).not.toBe(before);
    expect(calls()).toEqual({ 'retail POST /api/v1/accounts/:accountId/reset-password': 1 });
  });

  it('answers the documented reset refusals', async () => {
    expectError(await mutate('resetMarketDataPassword', '', { accountId: 'no-such-account' }), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', { name: 'retail', status: 404, code: 'ACCOUNT_NOT_FOUND' });
    const blocked = subscribed(['CME']);
    retail().blockAccount(blocked);
    expectError(await mutate('resetMarketDataPassword', '', { accountId: blocked }), 'RejectedError', 'MARKET_DATA_ACCOUNT_BLOCKED', { name: 'retail', status: 422, code: 'ACCOUNT_IS_BLOCKED' });
    retail().credentialsGeneration = false;
    try {
      const r = await mutate('resetMarketDataPassword', '', { accountId: subscribed(['CME']) });
      expectError(r, 'RejectedError', 'CREDENTIALS_GENERATION_DISABLED', { name: 'retail', status: 422, code: 'CREDENTIALS_GENERATION_DISABLED' });
    } finally {
      retail().credentialsGeneration = true;
    }
  });

  it('changes the email and answers the account read afresh', async () => {
    const id = account({ email: 'old@example.com' });
    const r = await mutate('changeMarketDataEmail', '... on MarketDataEmailChanged { account { accountId email } }', { accountId: id, email: 'Fresh@Example.com' });
    expect(r.account).toEqual({ accountId: id, email: 'fresh@example.com' });
    expect(calls()).toEqual({ 'retail POST /api/v1/accounts/:accountId/change-email': 1, 'retail GET /api/v1/accounts/:accountId': 1 });
  });

  it('answers the documented email refusals, and refuses a malformed email before any call', async () => {
    const id = account({ email: 'same@example.com' });
    expectError(await mutate('changeMarketDataEmail', '', { accountId: id, email: 'same@example.com' }), 'RejectedError', 'CREDENTIALS_GENERATION_DISABLED', {
      name: 'retail',
      status: 422,
      code: 'CREDENTIALS_GENERATION_DISABLED',
    });
    expectError(await mutate('changeMarketDataEmail', '', { accountId: 'no-such-account', email: 'x@example.com' }), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', {
      name: 'retail',
      status: 404,
      code: 'ACCOUNT_NOT_FOUND',
    });
    account({ email: 'holder@example.com' });
    expectError(await mutate('changeMarketDataEmail', '', { accountId: id, email: 'holder@example.com' }), 'ConflictError', 'MARKET_DATA_ACCOUNT_ALREADY_EXISTS', {
      name: 'retail',
      status: 422,
      code: 'ACCOUNT_ALREADY_EXISTS',
    });
    t.sims.clearCalls();
    const r = await mutate('changeMarketDataEmail', '', { accountId: id, email: 'nope' });
    expectError(r, 'ValidationError', 'VALIDATION');
    expect(r.field).toBe('input.email');
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('activateSubscriptions (contract operation)', () => {
  it('answers the signup page for a user without personal data, under v1 without end dates', async () => {
    const id = account({ personalData: false });
    const res = await t.run(ActivateSubscriptionsDocument, { input: { accountId: id, subscriptions: [{ feedName: 'CME' }], successRedirectUrl: 'https://broker.example.com/done' } });
    expect(res.errors).toBeUndefined();
    const r = res.data!.activateSubscriptions!;
    expect(r.__typename).toBe('SubscriptionActivation');
    if (r.__typename !== 'SubscriptionActivation') return;
    expect(r.confirmationId).toBeNull();
    expect(r.signupPage!.light).toMatch(/\/onboarding\/.+theme=LIGHT$/);
    expect(r.signupPage!.dark).toMatch(/theme=DARK$/);
    expect(retail().pendingOrder(id)).toMatchObject({ version: 'v1', successRedirectUrl: 'https://broker.example.com/done' });
    expect(calls()).toEqual({ 'retail POST /api/v1/accounts/:accountId/subscriptions': 1 });
  });

  it('activates at once when nothing is missing, and shows the subscription ACTIVE in the same answer', async () => {
    const id = account();
    const r = await mutate('activateSubscriptions', `... on SubscriptionActivation { confirmationId signupPage { light } confirmationRequired apiVersion ${accountSelection} }`, {
      accountId: id,
      subscriptions: [{ feedName: 'NYSE' }, { feedName: 'ICE_US' }],
    });
    expect(r).toMatchObject({ __typename: 'SubscriptionActivation', confirmationId: null, signupPage: null, confirmationRequired: false, apiVersion: 'V1' });
    expect(subscriptionIn(r, 'NYSE')).toMatchObject({ status: 'ACTIVE' });
    expect(new Date(subscriptionIn(r, 'NYSE').expiresAt).getTime()).toBeGreaterThan(Date.now() + (retailDefaultPeriodDays - 1) * 86_400_000);
    expect(subscriptionIn(r, 'ICE_US')).toEqual({ name: 'ICE_US', status: 'ACTIVE', expiresAt: null });
    expect(calls()).toEqual({
      'retail POST /api/v1/accounts/:accountId/subscriptions': 1,
      'retail GET /api/v1/accounts/:accountId': 1,
      'retail GET /api/v1/accounts/:accountId/subscriptions': 1,
    });
  });

  it('sends v2 when any feed has an end date, and the subscription ends then', async () => {
    const id = account();
    const end = future(10);
    const r = await mutate('activateSubscriptions', `... on SubscriptionActivation { apiVersion ${accountSelection} }`, {
      accountId: id,
      subscriptions: [{ feedName: 'CBOT', endDate: end.toISOString() }, { feedName: 'NYMEX' }],
    });
    expect(r.apiVersion).toBe('V2');
    expect(new Date(subscriptionIn(r, 'CBOT').expiresAt).getTime()).toBe(new Date(iso(end)).getTime());
    expect(subscriptionIn(r, 'NYMEX')).toMatchObject({ status: 'ACTIVE' });
    expect(calls()).toMatchObject({ 'retail POST /api/v2/accounts/:accountId/subscriptions': 1 });
    expect(calls()['retail POST /api/v1/accounts/:accountId/subscriptions']).toBeUndefined();
  });

  it('validates before any call: end dates in the past, an empty or repeated list, a bad redirect URL', async () => {
    const id = account();
    const cases: [unknown, string][] = [
      [{ accountId: id, subscriptions: [{ feedName: 'CME', endDate: new Date(Date.now() - 60_000).toISOString() }] }, 'input.subscriptions[0].endDate'],
      [{ accountId: id, subscriptions: [] }, 'input.subscriptions'],
      [{ accountId: id, subscriptions: [{ feedName: 'CME' }, { feedName: 'CME' }] }, 'input.subscriptions[1].feedName'],
      [{ accountId: id, subscriptions: [{ feedName: '  ' }] }, 'input.subscriptions[0].feedName'],
      [{ accountId: id, subscriptions: [{ feedName: 'CME' }], successRedirectUrl: 'javascript:alert(1)' }, 'input.successRedirectUrl'],
      [{ accountId: ' ', subscriptions: [{ feedName: 'CME' }] }, 'input.accountId'],
    ];
    for (const [input, field] of cases) {
      const res = await t.run(ActivateSubscriptionsDocument, { input: input as never });
      expect(res.data!.activateSubscriptions).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
      const r = await mutate('activateSubscriptions', '', input);
      expect(r.field).toBe(field);
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('refuses a redirect URL with control characters, userinfo or a private address, before any call', async () => {
    const id = account({ personalData: false });
    const refused = [
      'https://broker.example.com/done\r\nSet-Cookie: session=stolen',
      'https://broker.example.com/\tdone',
      'https://user:secret@broker.example.com/done',
      'https://broker.example.com@evil.example/done',
      'http://10.0.0.1/done',
      'http://192.168.1.1/done',
      'http://127.0.0.1:8080/done',
      'http://2130706433/done',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/done',
      'http://[::ffff:10.0.0.1]/done',
      'http://localhost/done',
      'http://admin.localhost/done',
    ];
    for (const successRedirectUrl of refused) {
      const r = await mutate('activateSubscriptions', '', { accountId: id, subscriptions: [{ feedName: 'CME' }], successRedirectUrl });
      expect(r, successRedirectUrl).toMatchObject({ __typename: 'ValidationError', field: 'input.successRedirectUrl' });
    }
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('forwards the redirect URL normalised, not as the caller spelled it', async () => {
    const id = account({ personalData: false });
    const r = await mutate('activateSubscriptions', '', { accountId: id, subscriptions: [{ feedName: 'CME' }], successRedirectUrl: 'HTTPS://Broker.EXAMPLE.com:443/done/../thanks?x=a b' });
    expect(r.__typename).toBe('SubscriptionActivation');
    expect(retail().pendingOrder(id)).toMatchObject({ successRedirectUrl: 'https://broker.example.com/thanks?x=a%20b' });
  });

  it('answers the documented refusals with their stable codes', async () => {
    const active = subscribed(['CME', 'EUREX']);
    retail().cancel(retail().getAccount(active)!, ['EUREX']);
    const blocked = account();
    retail().blockAccount(blocked);
    const activate = (accountId: string, feedName: string) => mutate('activateSubscriptions', '', { accountId, subscriptions: [{ feedName }] });
    expectError(await activate(active, 'CME'), 'ConflictError', 'SUBSCRIPTION_ALREADY_ACTIVE', { name: 'retail', status: 409, code: 'SUBSCRIPTION_ALREADY_ACTIVE' });
    expectError(await activate(active, 'EUREX'), 'RejectedError', 'SINGLE_USE_FEED_ACTIVATED_BEFORE', { name: 'retail', status: 409, code: 'SINGLE_USE_FEED_ACTIVATED_BEFORE' });
    expectError(await activate(blocked, 'CME'), 'RejectedError', 'MARKET_DATA_ACCOUNT_BLOCKED', { name: 'retail', status: 422, code: 'ACCOUNT_IS_BLOCKED' });
    expectError(await activate('no-such-account', 'CME'), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', { name: 'retail', status: 404, code: 'ACCOUNT_NOT_FOUND' });
    const unknownFeed = await activate(active, 'NO_SUCH_FEED');
    expectError(unknownFeed, 'ValidationError', 'VALIDATION', { name: 'retail', status: 400, code: 'BAD_REQUEST' });
    expect(unknownFeed.field).toBe('input.subscriptions');
    // Retail's own text ("Requested feeds [...] are not found") stays in the gateway's log.
    expect(unknownFeed.message).toBe('Retail Services Platform BAD_REQUEST: the input was refused as invalid');
  });

  it('answers FORBIDDEN to a read-only key and to an end user, before any call', async () => {
    const input = { accountId: account(), subscriptions: [{ feedName: 'CME' }] };
    for (const auth of [`Bearer ${keys.reader}`, await loginAs(t, [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED')!)]) {
      t.sims.clearCalls();
      const res = await t.run(ActivateSubscriptionsDocument, { input }, auth);
      expect(res.data?.activateSubscriptions ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(queryCalls(t.sims)).toEqual([]);
    }
  });
});

describe('confirmSubscriptions', () => {
  const activation = '... on SubscriptionActivation { confirmationId confirmationRequired signupPage { light } apiVersion }';
  const confirmed = `... on SubscriptionsConfirmed { apiVersion ${accountSelection} }`;

  it('confirms a v1 order under v1: the feed that needs confirmation becomes ACTIVE', async () => {
    const id = account();
    const a = await mutate('activateSubscriptions', activation, { accountId: id, subscriptions: [{ feedName: 'OPRA' }, { feedName: 'CME' }] });
    expect(a).toMatchObject({ confirmationRequired: true, signupPage: null, apiVersion: 'V1' });
    expect(subscriptionOf(id, 'OPRA')).toBeUndefined();
    t.sims.clearCalls();
    const r = await mutate('confirmSubscriptions', confirmed, { accountId: id, confirmationId: a.confirmationId });
    expect(r).toMatchObject({ __typename: 'SubscriptionsConfirmed', apiVersion: 'V1' });
    expect(subscriptionIn(r, 'OPRA')).toMatchObject({ status: 'ACTIVE' });
    expect(subscriptionIn(r, 'CME')).toMatchObject({ status: 'ACTIVE' });
    expect(calls()).toEqual({
      'retail POST /api/v1/accounts/:accountId/subscriptions/confirm': 1,
      'retail GET /api/v1/accounts/:accountId': 1,
      'retail GET /api/v1/accounts/:accountId/subscriptions': 1,
    });
  });

  it('confirms a v2 order under v2 with one call, the version remembered from the activation', async () => {
    const id = account();
    const a = await mutate('activateSubscriptions', activation, { accountId: id, subscriptions: [{ feedName: 'OPRA', endDate: future(5).toISOString() }] });
    expect(a.apiVersion).toBe('V2');
    t.sims.clearCalls();
    const r = await mutate('confirmSubscriptions', '... on SubscriptionsConfirmed { apiVersion }', { accountId: id, confirmationId: a.confirmationId });
    expect(r.apiVersion).toBe('V2');
    expect(calls()).toEqual({ 'retail POST /api/v2/accounts/:accountId/subscriptions/confirm': 1 });
    expect(subscriptionOf(id, 'OPRA')).toMatchObject({ status: 'ACTIVE' });
  });

  it('confirms an order the gateway did not place: v1 first, then v2 on ORDER_NOT_FOUND', async () => {
    const id = account();
    const order = retail().placeOrder(retail().getAccount(id)!, 'v2', [{ feed: retail().feed('OPRA')!, endDate: future(3).toISOString() }], null);
    const r = await mutate('confirmSubscriptions', '... on SubscriptionsConfirmed { apiVersion }', { accountId: id, confirmationId: order.confirmationId });
    expect(r.apiVersion).toBe('V2');
    expect(queryCalls(t.sims).map((c) => `${c.route} ${c.status}`)).toEqual([
      'POST /api/v1/accounts/:accountId/subscriptions/confirm 404',
      'POST /api/v2/accounts/:accountId/subscriptions/confirm 200',
    ]);
  });

  it('answers ORDER_NOT_FOUND for an unknown or replaced id (after trying both versions when it is unknown)', async () => {
    const id = account();
    const first = await mutate('activateSubscriptions', activation, { accountId: id, subscriptions: [{ feedName: 'OPRA' }] });
    const second = await mutate('activateSubscriptions', activation, { accountId: id, subscriptions: [{ feedName: 'OPRA' }] });
    expect(second.confirmationId).not.toBe(first.confirmationId);
    t.sims.clearCalls();
    // The replaced id: the gateway knows its version, so one call.
    expectError(await mutate('confirmSubscriptions', '', { accountId: id, confirmationId: first.confirmationId }), 'NotFoundError', 'ORDER_NOT_FOUND', { name: 'retail', status: 404, code: 'ORDER_NOT_FOUND' });
    expect(calls()).toEqual({ 'retail POST /api/v1/accounts/:accountId/subscriptions/confirm': 1 });
    t.sims.clearCalls();
    expectError(await mutate('confirmSubscriptions', '', { accountId: id, confirmationId: 'never-issued' }), 'NotFoundError', 'ORDER_NOT_FOUND', { name: 'retail', status: 404, code: 'ORDER_NOT_FOUND' });
    expect(calls()).toEqual({ 'retail POST /api/v1/accounts/:accountId/subscriptions/confirm': 1, 'retail POST /api/v2/accounts/:accountId/subscriptions/confirm': 1 });
  });

  it('answers the account refusals, and refuses an empty id before any call', async () => {
    expectError(await mutate('confirmSubscriptions', '', { accountId: 'no-such-account', confirmationId: 'x' }), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', { name: 'retail', status: 404, code: 'ACCOUNT_NOT_FOUND' });
    const blocked = account();
    retail().blockAccount(blocked);
    expectError(await mutate('confirmSubscriptions', '', { accountId: blocked, confirmationId: 'x' }), 'RejectedError', 'MARKET_DATA_ACCOUNT_BLOCKED', { name: 'retail', status: 422, code: 'ACCOUNT_IS_BLOCKED' });
    t.sims.clearCalls();
    const r = await mutate('confirmSubscriptions', '', { accountId: blocked, confirmationId: ' ' });
    expect(r).toMatchObject({ __typename: 'ValidationError', field: 'input.confirmationId' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('completes once the user submits the signup page, confirmed before or after (document 001: in any order)', async () => {
    const id = account({ personalData: false, email: 'signup@example.com' });
    const a = await mutate('activateSubscriptions', activation, { accountId: id, subscriptions: [{ feedName: 'OPRA' }] });
    expect(a.confirmationRequired).toBe(true);
    expect(a.signupPage.light).toBeTruthy();
    const c = await mutate('confirmSubscriptions', `... on SubscriptionsConfirmed { ${accountSelection} }`, { accountId: id, confirmationId: a.confirmationId });
    expect(c.account.subscriptions).toEqual([]);
    const form = await fetch(a.signupPage.light, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'agree=on&subscriberStatus=NON_PROFESSIONAL' });
    expect(form.status).toBe(200);
    const after = await t.run(parse(`{ marketDataAccount(accountId: "${id}") { subscriptions { name status } } }`) as TypedDocumentNode<Json, Json>);
    expect(after.data.marketDataAccount.subscriptions).toEqual([{ name: 'OPRA', status: 'ACTIVE' }]);
  });
});

describe('cancelSubscriptions and extendSubscriptions', () => {
  it('cancels: the subscription reads EXPIRED in the same answer', async () => {
    const id = subscribed(['CME', 'NYSE']);
    const r = await mutate('cancelSubscriptions', `... on SubscriptionsCancelled { ${accountSelection} }`, { accountId: id, feedNames: ['CME'] });
    expect(subscriptionIn(r, 'CME')).toMatchObject({ status: 'EXPIRED' });
    expect(subscriptionIn(r, 'NYSE')).toMatchObject({ status: 'ACTIVE' });
    expect(calls()).toEqual({
      'retail POST /api/v1/accounts/:accountId/subscriptions/cancel': 1,
      'retail GET /api/v1/accounts/:accountId': 1,
      'retail GET /api/v1/accounts/:accountId/subscriptions': 1,
    });
  });

  it('shows each write of one request its own fresh state (subscription loaders cleared between them)', async () => {
    const id = account();
    const doc = parse(`mutation($a: ActivateSubscriptionsInput!, $c: CancelSubscriptionsInput!) {
      a: activateSubscriptions(input: $a) { ... on SubscriptionActivation { account { subscriptions { name status } } } }
      c: cancelSubscriptions(input: $c) { ... on SubscriptionsCancelled { account { subscriptions { name status } } } }
    }`) as TypedDocumentNode<Json, Json>;
    const res = await t.run(doc, { a: { accountId: id, subscriptions: [{ feedName: 'NASDAQ_BASIC' }] }, c: { accountId: id, feedNames: ['NASDAQ_BASIC'] } });
    expect(res.errors).toBeUndefined();
    expect(res.data.a.account.subscriptions).toEqual([{ name: 'NASDAQ_BASIC', status: 'ACTIVE' }]);
    expect(res.data.c.account.subscriptions).toEqual([{ name: 'NASDAQ_BASIC', status: 'EXPIRED' }]);
    expect(calls()['retail GET /api/v1/accounts/:accountId/subscriptions']).toBe(2);
  });

  it('answers the documented cancel refusals', async () => {
    const id = subscribed(['CME']);
    retail().cancel(retail().getAccount(id)!, ['CME']);
    const cancel = (accountId: string, feedNames: string[]) => mutate('cancelSubscriptions', '', { accountId, feedNames });
    expectError(await cancel(id, ['NYSE']), 'NotFoundError', 'SUBSCRIPTION_NOT_FOUND', { name: 'retail', status: 404, code: 'SUBSCRIPTION_NOT_FOUND' });
    expectError(await cancel(id, ['CME']), 'RejectedError', 'SUBSCRIPTION_EXPIRED', { name: 'retail', status: 409, code: 'SUBSCRIPTION_IS_EXPIRED' });
    expectError(await cancel('no-such-account', ['CME']), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', { name: 'retail', status: 404, code: 'ACCOUNT_NOT_FOUND' });
    t.sims.clearCalls();
    expect(await cancel(id, [])).toMatchObject({ __typename: 'ValidationError', field: 'input.feedNames' });
    expect(await cancel(id, ['CME', 'CME'])).toMatchObject({ __typename: 'ValidationError', field: 'input.feedNames[1]' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('extends by one period, once per period', async () => {
    const id = subscribed(['CME']);
    const before = Date.parse(subscriptionOf(id, 'CME')!.expiresAt!);
    const r = await mutate('extendSubscriptions', `... on SubscriptionsExtended { ${accountSelection} }`, { accountId: id, feedNames: ['CME'] });
    expect(Date.parse(subscriptionIn(r, 'CME').expiresAt)).toBe(before + retailDefaultPeriodDays * 86_400_000);
    expect(calls()).toMatchObject({ 'retail POST /api/v1/accounts/:accountId/subscriptions/extend': 1 });
    const again = await mutate('extendSubscriptions', '', { accountId: id, feedNames: ['CME'] });
    expectError(again, 'ConflictError', 'SUBSCRIPTION_ALREADY_EXTENDED', { name: 'retail', status: 409, code: 'SUBSCRIPTION_ALREADY_EXTENDED' });
  });

  it('answers the documented extend refusals', async () => {
    const id = subscribed(['ICE_US', 'EUREX', 'NYSE']);
    retail().cancel(retail().getAccount(id)!, ['NYSE']);
    const extend = (accountId: string, feedNames: string[]) => mutate('extendSubscriptions', '', { accountId, feedNames });
    expectError(await extend(id, ['ICE_US']), 'RejectedError', 'SUBSCRIPTION_NOT_EXTENDABLE', { name: 'retail', status: 422, code: 'SUBSCRIPTION_SETTINGS_ARE_INVALID' });
    expectError(await extend(id, ['EUREX']), 'RejectedError', 'SUBSCRIPTION_NOT_EXTENDABLE', { name: 'retail', status: 422, code: 'SUBSCRIPTION_SETTINGS_ARE_INVALID' });
    expectError(await extend(id, ['NYSE']), 'RejectedError', 'SUBSCRIPTION_EXPIRED', { name: 'retail', status: 409, code: 'SUBSCRIPTION_IS_EXPIRED' });
    expectError(await extend(id, ['CME']), 'NotFoundError', 'SUBSCRIPTION_NOT_FOUND', { name: 'retail', status: 404, code: 'SUBSCRIPTION_NOT_FOUND' });
    expectError(await extend('no-such-account', ['CME']), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', { name: 'retail', status: 404, code: 'ACCOUNT_NOT_FOUND' });
  });
});

describe('marketDataToken', () => {
  const tokenSelection = '... on MarketDataToken { token details }';

  it('issues a token by account id, with the QD filters when asked', async () => {
    const id = subscribed(['CME', 'NYSE']);
    const plain = await mutate('marketDataToken', tokenSelection, { accountId: id });
    expect(plain).toMatchObject({ __typename: 'MarketDataToken', details: null });
    expect(plain.token).toMatch(/\S{20,}/);
    const detailed = await mutate('marketDataToken', tokenSelection, { accountId: id, withDetails: true });
    expect([...detailed.details].sort()).toEqual(['CME', 'NYSE']);
    expect(calls()).toEqual({ 'retail POST /api/v1/token': 2 });
  });

  it('issues a token by market-data credentials', async () => {
    const id = subscribed(['CME']);
    const { login, password } = retail().credentialsOf(id)!;
    const r = await mutate('marketDataToken', tokenSelection, { login, password });
    expect(r.__typename).toBe('MarketDataToken');
  });

  it('turns the 200 status ERROR answers into typed errors', async () => {
    const none = account();
    const suspended = subscribed(['CME']);
    retail().setDataAccessSuspended(suspended, true);
    const ok200 = (code: string) => ({ name: 'retail', status: 200, code });
    expectError(await mutate('marketDataToken', '', { accountId: 'no-such-account' }), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', ok200('ACCOUNT_NOT_FOUND'));
    expectError(await mutate('marketDataToken', '', { accountId: none }), 'RejectedError', 'NO_ACTIVE_SUBSCRIPTIONS', ok200('NO_ACTIVE_SUBSCRIPTIONS'));
    expectError(await mutate('marketDataToken', '', { accountId: suspended, withDetails: true }), 'RejectedError', 'DATA_ACCESS_SUSPENDED', ok200('DATA_ACCESS_SUSPENDED'));
    expectError(await mutate('marketDataToken', '', { login: 'nobody', password: 'wrong' }), 'InvalidCredentialsError', 'INVALID_CREDENTIALS', ok200('INVALID_CREDENTIALS'));
    expect(JSON.stringify(await mutate('marketDataToken', '', { login: 'nobody', password: 'secret-pw' }))).not.toContain('secret-pw');
  });

  it("answers the upstream's 400 BAD_REQUEST as VALIDATION, and its own checks with no call", async () => {
    const bad = await mutate('marketDataToken', '', { login: 'someone', password: '   ' });
    expectError(bad, 'ValidationError', 'VALIDATION', { name: 'retail', status: 400, code: 'BAD_REQUEST' });
    t.sims.clearCalls();
    const cases: [unknown, string][] = [
      [{}, 'input'],
      [{ accountId: 'a', login: 'l', password: 'p' }, 'input'],
      [{ login: 'l' }, 'input.password'],
      [{ password: 'p' }, 'input.login'],
    ];
    for (const [input, field] of cases) expect(await mutate('marketDataToken', '', input)).toMatchObject({ __typename: 'ValidationError', field });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('marketDataProfileLink and trackTrial', () => {
  it('answers the profile page links and their expiry', async () => {
    const id = account();
    const r = await mutate('marketDataProfileLink', '... on MarketDataProfileLink { profilePage { light dark } expiresAt account { accountId } }', { accountId: id });
    expect(r.profilePage.light).toMatch(/\/profile\/.+theme=LIGHT$/);
    expect(r.profilePage.dark).toMatch(/theme=DARK$/);
    expect(Date.parse(r.expiresAt)).toBeGreaterThan(Date.now());
    expect(r.account).toEqual({ accountId: id });
    expect((await fetch(r.profilePage.light)).status).toBe(200);
    expect(calls()).toMatchObject({ 'retail POST /api/v1/accounts/:accountId/profile-link': 1 });
    expectError(await mutate('marketDataProfileLink', '', { accountId: 'no-such-account' }), 'NotFoundError', 'MARKET_DATA_ACCOUNT_NOT_FOUND', { name: 'retail', status: 404, code: 'ACCOUNT_NOT_FOUND' });
  });

  it('records a trial with what is known, and checks the MAC address and email first', async () => {
    const r = await mutate('trackTrial', '... on TrialTracked { recorded }', { macAddress: 'AA:BB:CC:DD:EE:FF', email: 'trial@example.com', firstName: 'John' });
    expect(r).toEqual({ __typename: 'TrialTracked', recorded: true });
    expect(retail().trials.at(-1)).toEqual({ macAddress: 'AA:BB:CC:DD:EE:FF', email: 'trial@example.com', firstName: 'John' });
    expect(await mutate('trackTrial', '... on TrialTracked { recorded }', {})).toMatchObject({ recorded: true });
    expect(retail().trials.at(-1)).toEqual({});
    expect(calls()).toEqual({ 'retail POST /api/v1/track': 2 });
    t.sims.clearCalls();
    expect(await mutate('trackTrial', '', { macAddress: 'AA:BB:CC' })).toMatchObject({ __typename: 'ValidationError', field: 'input.macAddress' });
    expect(await mutate('trackTrial', '', { email: 'nope' })).toMatchObject({ __typename: 'ValidationError', field: 'input.email' });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe("dxCore's market-data paths", () => {
  const linked = () => [...t.sims.dxcore.state.clients.values()].filter((c) => c.dxFeedAccountId);
  const entitlement = (field: string, success: string, input: unknown, auth?: string) => mutate(field, `... on ${success} { account { accountId } }`, input, auth);

  it('activates and cancels entitlements, dxCore keeping them per dxFeed account', async () => {
    const id = linked()[0]!.dxFeedAccountId!;
    const end = future(20);
    const r = await entitlement('activateMarketDataEntitlements', 'MarketDataEntitlementsActivated', { accountId: id, subscriptions: [{ feedName: 'CME', endDate: end.toISOString() }, { feedName: 'OPRA' }] });
    expect(r).toEqual({ __typename: 'MarketDataEntitlementsActivated', account: { accountId: id } });
    const kept = t.sims.dxcore.state.marketData.get(id)!;
    expect([...kept.subscriptions.values()]).toEqual([{ feedName: 'CME', endDate: iso(end) }, { feedName: 'OPRA' }]);
    expect(calls()).toEqual({ 'dxcore POST /api/register/client/market-data-subscription-activation': 1 });
    t.sims.clearCalls();
    const c = await entitlement('cancelMarketDataEntitlements', 'MarketDataEntitlementsCancelled', { accountId: id, subscriptions: [{ feedName: 'OPRA' }] });
    expect(c.__typename).toBe('MarketDataEntitlementsCancelled');
    expect([...kept.subscriptions.keys()]).toEqual(['CME']);
    expect(calls()).toEqual({ 'dxcore POST /api/register/client/market-data-subscription-cancelation': 1 });
  });

  it('suspends the dxFeed account', async () => {
    const id = linked()[1]!.dxFeedAccountId!;
    const r = await entitlement('suspendMarketDataAccount', 'MarketDataAccountSuspended', { accountId: id });
    expect(r.__typename).toBe('MarketDataAccountSuspended');
    expect(t.sims.dxcore.state.marketData.get(id)!.suspended).toBe(true);
    expect(calls()).toEqual({ 'dxcore POST /api/register/client/market-data-account-suspension': 1 });
  });

  it('answers CLIENT_NOT_FOUND for an account no client is linked to, with dxCore’s code', async () => {
    for (const [field, input] of [
      ['activateMarketDataEntitlements', { accountId: 'unlinked', subscriptions: [{ feedName: 'CME' }] }],
      ['cancelMarketDataEntitlements', { accountId: 'unlinked', subscriptions: [{ feedName: 'CME' }] }],
      ['suspendMarketDataAccount', { accountId: 'unlinked' }],
    ] as const) {
      expectError(await mutate(field, '', input), 'NotFoundError', 'CLIENT_NOT_FOUND', { name: 'dxcore', status: 404, code: '30001' });
    }
  });

  it('validates before any call and needs the write scope', async () => {
    const id = linked()[2]!.dxFeedAccountId!;
    const past = await mutate('activateMarketDataEntitlements', '', { accountId: id, subscriptions: [{ feedName: 'CME', endDate: new Date(Date.now() - 1000).toISOString() }] });
    expect(past).toMatchObject({ __typename: 'ValidationError', field: 'input.subscriptions[0].endDate' });
    expect(await mutate('cancelMarketDataEntitlements', '', { accountId: id, subscriptions: [] })).toMatchObject({ __typename: 'ValidationError', field: 'input.subscriptions' });
    const res = await t.run(parse(`mutation { suspendMarketDataAccount(input: { accountId: "${id}" }) { __typename } }`) as TypedDocumentNode<Json, Json>, {}, `Bearer ${keys.reader}`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
    expect(t.sims.dxcore.state.marketData.get(id)).toBeUndefined();
  });
});
