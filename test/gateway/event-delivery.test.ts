import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DxClient } from '../../src/simulators/records.ts';
import { MarketDataEventsDocument, MeDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { dxFeedEventBody, platformEventBody, postAll, postWebhook, subscriptionScope, until, type Received } from '../support/events.ts';
import { gql } from '../support/gql.ts';
import { mutate as mutateOn, type Json } from '../support/mutations.ts';

/**
 * How events reach subscribers through the real gateway: a consumer too slow for its queue, what an
 * end user may follow, what a dxFeed callback changes, and the simulators' own webhooks end to end.
 */

const partner = `Bearer ${keys.all}`;
const signed = { secret: webhookSecret };

/** The gateway of the running describe block. */
let active: TestGateway | undefined;
const scope = subscriptionScope(() => active);
const { track, client } = scope;
afterEach(() => scope.release());

/** Subscribes over graphql-ws and waits until the hub has registered the subscriber (or it was refused). */
const liveWs = <R, V>(doc: TypedDocumentNode<R, V>, variables?: V, authorization = partner) => scope.live(doc, variables, authorization);
/** The same over SSE. */
const liveSse = <R, V>(doc: TypedDocumentNode<R, V>, variables?: V, authorization = partner) => scope.liveSse(doc, variables, authorization);

/** Every error code a subscription was answered with, from its results or its transport error. */
function errorCodes(sub: Received<unknown>): unknown[] {
  const transport = Array.isArray(sub.error) ? (sub.error as { extensions?: { code?: unknown } }[]) : [];
  return [...sub.results.flatMap((r) => r.errors ?? []), ...transport].map((e) => e.extensions?.code);
}

/** The one error a refused subscription got: its code, and its message with `id` shown as `<id>`. */
function refusal(sub: Received<unknown>, id: string): { code: unknown; message: string } {
  const errors = [...sub.results.flatMap((r) => r.errors ?? []), ...(Array.isArray(sub.error) ? (sub.error as { message: string; extensions?: { code?: unknown } }[]) : [])];
  expect(errors).toHaveLength(1);
  return { code: errors[0]!.extensions?.code, message: errors[0]!.message.replaceAll(id, '<id>') };
}


const ACCOUNT_EVENTS_WITH_CURRENT = gql`
  subscription ($after: ID, $accountId: ID) {
    accountEvents(after: $after, accountId: $accountId) {
      id
      type
      account { id current { name } }
    }
  }
`;

describe('a consumer slower than its queue (queueLimit 3)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway({}, {}, { hub: { queueLimit: 3 } });
  });
  afterEach(() => {
    t.sims.platform.server.latencyMs = 0;
  });
  afterAll(() => t.close());

  const transports = [
    { name: 'graphql-ws', subscribe: (variables: Json) => liveWs(ACCOUNT_EVENTS_WITH_CURRENT, variables), accountIndex: 0 },
    { name: 'SSE', subscribe: (variables: Json) => liveSse(ACCOUNT_EVENTS_WITH_CURRENT, variables), accountIndex: 1 },
  ];

  it.each(transports)(
    '$name: gets some events, then SUBSCRIBER_TOO_SLOW naming the last delivered id, then completes; resuming after it gets exactly the rest',
    async ({ name, subscribe, accountIndex }) => {
      const account = [...t.sims.platform.state.accounts.values()][accountIndex]!;
      const sub = await subscribe({ accountId: account.id });
      // Each event's `current` is a fresh Platform read: at 300 ms a read, ten quick events outrun the consumer.
      t.sims.platform.server.latencyMs = 300;
      const bodies = await postAll(t, '/webhooks/platform', Array.from({ length: 10 }, () => platformEventBody('ACCOUNT.UPDATED', { id: account.id })));
      await sub.ended();
      expect(sub.error).toBeUndefined();
      expect(sub.completed).toBe(true);

      const delivered = sub.results.slice(0, -1);
      const notice = sub.results.at(-1)!;
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.length).toBeLessThan(bodies.length);
      expect(delivered.map((r) => r.errors)).toEqual(delivered.map(() => undefined));
      expect(delivered.map((r: Json) => r.data.accountEvents.id)).toEqual(bodies.slice(0, delivered.length).map((b) => b.id));
      expect(delivered.map((r: Json) => r.data.accountEvents.account.current.name)).toEqual(delivered.map(() => account.name));
      const lastDelivered = bodies[delivered.length - 1]!.id;
      expect(notice.data ?? null).toBeNull();
      expect(notice.errors).toHaveLength(1);
      expect(notice.errors![0]!.extensions).toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW', resumeAfter: lastDelivered });
      expect(notice.errors![0]!.message).toContain(`after: "${lastDelivered}"`);
      if (name === 'SSE') {
        const messages = (sub as Awaited<ReturnType<typeof liveSse>>).messages;
        // Each event's message carries its id (Last-Event-ID); the notice none, so a reconnect resumes after the last event.
        expect(messages.map((m) => m.id)).toEqual([...bodies.slice(0, delivered.length).map((b) => b.id), undefined]);
      }
      expect(t.gateway.events.size).toBe(0);

      t.sims.platform.server.latencyMs = 0;
      const resumed = await subscribe({ accountId: account.id, after: notice.errors![0]!.extensions!.resumeAfter });
      const marker = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.LOCKED', { id: account.id })]);
      const rest = [...bodies.slice(delivered.length), ...marker];
      const results = await resumed.waitFor(rest.length);
      expect(results.map((r: Json) => r.data?.accountEvents.id)).toEqual(rest.map((b) => b.id));
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      // The marker came last: nothing was delivered twice before it.
      expect(resumed.results).toHaveLength(rest.length);
    },
  );
});

const ACCOUNT_EVENTS = gql`
  subscription {
    accountEvents { id }
  }
`;

const MARKET_DATA_EVENTS_AFTER = gql`
  subscription ($after: ID) {
    marketDataSubscriptionEvents(after: $after) { id }
  }
`;

describe('end users and marketDataSubscriptionEvents, and the measured delivery latency', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway();
  });
  afterAll(() => t.close());

  const clients = (predicate: (c: DxClient) => boolean) => [...t.sims.dxcore.state.clients.values()].filter((c) => c.status !== 'DISABLED' && predicate(c));
  const linked = () => clients((c) => Boolean(c.dxFeedAccountId));

  it('an end user follows their own market-data account only, by default or by naming it', async () => {
    const user = linked()[0]!;
    const own = user.dxFeedAccountId!;
    const other = linked()[1]!.dxFeedAccountId!;
    const auth = await loginAs(t, user);
    const byDefault = await liveWs(MarketDataEventsDocument, {}, auth);
    const named = await liveWs(MarketDataEventsDocument, { accountId: own }, auth);
    const bodies = await postAll(t, '/webhooks/dxfeed', [
      dxFeedEventBody('SUBSCRIPTION.ACTIVATED', own),
      dxFeedEventBody('SUBSCRIPTION.ACTIVATED', other),
      dxFeedEventBody('SUBSCRIPTION.EXTENDED', other),
      dxFeedEventBody('SUBSCRIPTION.DEACTIVATED', own, [{ name: 'CMEGROUP', status: 'EXPIRED', expiresAt: '2026-11-21T11:00:00.000Z' }]),
      dxFeedEventBody('SUBSCRIPTION.ADDED', 'not-linked-to-anyone'),
      dxFeedEventBody('SUBSCRIPTION.EXTENDED', own),
    ]);
    const ownIds = bodies.filter((b) => (b as Json).accountId === own).map((b) => b.id);
    for (const sub of [byDefault, named]) {
      await sub.waitFor(ownIds.length);
      expect(sub.results.map((r) => r.data?.marketDataSubscriptionEvents.id)).toEqual(ownIds);
      expect(sub.results.every((r) => r.data?.marketDataSubscriptionEvents.accountId === own)).toBe(true);
    }
  });

  it("refuses an end user another account's events (FORBIDDEN), and a user with no linked account (MARKET_DATA_ACCOUNT_NOT_LINKED)", async () => {
    const user = linked()[2]!;
    const auth = await loginAs(t, user);
    const other = await liveWs(MarketDataEventsDocument, { accountId: linked()[3]!.dxFeedAccountId! }, auth);
    const unlinked = await liveWs(MarketDataEventsDocument, {}, await loginAs(t, clients((c) => !c.dxFeedAccountId)[0]!));
    const overSse = await liveSse(MarketDataEventsDocument, { accountId: linked()[3]!.dxFeedAccountId! }, auth);
    await Promise.all([other.ended(), unlinked.ended(), overSse.ended()]);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(errorCodes(unlinked)).toEqual(['MARKET_DATA_ACCOUNT_NOT_LINKED']);
    expect(errorCodes(overSse)).toEqual(['FORBIDDEN']);
    expect(t.gateway.events.size).toBe(0);
  });

  it("refuses an end user's `after` naming another account's dxFeed event, or a Platform event, exactly like an unknown id", async () => {
    const user = linked()[6]!;
    const auth = await loginAs(t, user);
    const [others] = await postAll(t, '/webhooks/dxfeed', [dxFeedEventBody('SUBSCRIPTION.ADDED', linked()[7]!.dxFeedAccountId!)]);
    const [platform] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-0000000000f1' })]);
    const [own] = await postAll(t, '/webhooks/dxfeed', [dxFeedEventBody('SUBSCRIPTION.ADDED', user.dxFeedAccountId!)]);
    const unknown = crypto.randomUUID();
    const answers = [];
    for (const after of [others!.id, platform!.id, unknown]) {
      t.sims.clearCalls();
      const sub = await liveWs(MARKET_DATA_EVENTS_AFTER, { after }, auth);
      await sub.ended();
      // Each one read the user's link (their own client, with their token), and nothing else.
      expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 1 });
      answers.push(refusal(sub, after));
    }
    expect(answers[0]).toMatchObject({ code: 'EVENT_NOT_IN_LOG' });
    expect(answers).toEqual([answers[0], answers[0], answers[0]]);
    // Their own event resumes: the events after it (none yet), then live ones.
    const resumed = await liveWs(MARKET_DATA_EVENTS_AFTER, { after: own!.id }, auth);
    const [next] = await postAll(t, '/webhooks/dxfeed', [dxFeedEventBody('SUBSCRIPTION.EXTENDED', user.dxFeedAccountId!)]);
    expect((await resumed.waitFor(1)).map((r: Json) => r.data?.marketDataSubscriptionEvents.id)).toEqual([next!.id]);
  });

  it('refuses accountEvents to an end user (FORBIDDEN): nothing links a dxCore user to Platform accounts', async () => {
    const auth = await loginAs(t, linked()[4]!);
    const sub = await liveWs(ACCOUNT_EVENTS, undefined, auth);
    await sub.ended();
    expect(errorCodes(sub)).toEqual(['FORBIDDEN']);
  });

  it('single-feed mode: a dxFeed callback logs nobody out', async () => {
    const user = linked()[5]!;
    const auth = await loginAs(t, user);
    t.sims.clearCalls();
    const answer = await postWebhook(t.gateway.url, '/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.DEACTIVATED', user.dxFeedAccountId!), signed);
    expect(answer.body).toEqual({ accepted: true, duplicate: false });
    // In XT mode the list read and the logout follow within milliseconds; here nothing may come at all.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(queryCalls(t.sims)).toEqual([]);
    const me = await t.run(MeDocument, undefined, auth);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toBeTruthy();
  });

  it('measures the delivery latency of 200 sequential webhooks to one graphql-ws subscriber, losing none', async () => {
    const count = 200;
    const accountId = '00000000-0000-4000-8000-00000000beef';
    const received: { id: string; at: number }[] = [];
    const c = client(partner);
    const before = t.gateway.events.size;
    const dispose = c.subscribe<Json>(
      { query: print(gql`subscription ($accountId: ID) { accountEvents(accountId: $accountId) { id } }`), variables: { accountId } },
      { next: (r) => void received.push({ id: r.data.accountEvents.id, at: performance.now() }), error: () => {}, complete: () => {} },
    );
    track({ close: async () => dispose() });
    await until(() => t.gateway.events.size > before, 'the subscriber to register');
    const started = new Map<string, number>();
    const bodies = Array.from({ length: count }, () => platformEventBody('ACCOUNT.UPDATED', { id: accountId }));
    for (const body of bodies) {
      started.set(body.id, performance.now());
      expect((await postWebhook(t.gateway.url, '/webhooks/platform', body, signed)).status).toBe(200);
    }
    await until(() => received.length >= count, `${count} events`, 20_000).catch(() => {});
    const lost = bodies.filter((b) => !received.some((r) => r.id === b.id)).length;
    const latencies = received.map((r) => r.at - started.get(r.id)!).sort((a, b) => a - b);
    const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
    console.info(
      `[measured] ${count} webhooks posted sequentially -> 1 graphql-ws subscriber: latency POST start to receipt p50 ${percentile(50).toFixed(1)} ms, p99 ${percentile(99).toFixed(1)} ms, max ${percentile(100).toFixed(1)} ms; lost ${lost}`,
    );
    expect(lost).toBe(0);
    expect(received.map((r) => r.id)).toEqual(bodies.map((b) => b.id));
  });
});

describe('dxFeed callback effects in XT mode', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway({}, { DXTRADEXT_MODE: 'xt' });
  });
  afterAll(() => t.close());

  /** XT mode logs in only users whose linked dxFeed account has an active subscription. */
  const withActiveFeed = () =>
    [...t.sims.dxcore.state.clients.values()].filter((c) => {
      if (c.status === 'DISABLED' || !c.dxFeedAccountId) return false;
      const account = t.sims.retail.state.getAccount(c.dxFeedAccountId);
      return account !== undefined && t.sims.retail.state.subscriptionsOf(account).some((s) => s.status === 'ACTIVE');
    });
  const logouts = () => countByRoute(queryCalls(t.sims))['dxcore POST /logoutUserByLogin'] ?? 0;

  it("logs the linked user out (logoutUserByLogin) once: their next query is UNAUTHENTICATED; a duplicate webhook changes nothing; others stay in", async () => {
    const [user, bystander] = withActiveFeed();
    const auth = await loginAs(t, user!);
    const otherAuth = await loginAs(t, bystander!);
    expect((await t.run(MeDocument, undefined, auth)).errors).toBeUndefined();
    t.sims.clearCalls();

    const body = dxFeedEventBody('SUBSCRIPTION.DEACTIVATED', user!.dxFeedAccountId!, [{ name: 'CMEGROUP', status: 'EXPIRED', expiresAt: new Date().toISOString() }]);
    const first = await postWebhook(t.gateway.url, '/webhooks/dxfeed', body, signed);
    expect(first.body).toEqual({ accepted: true, duplicate: false });
    await until(() => logouts() === 1, 'the logout call');
    const me = await t.run(MeDocument, undefined, auth);
    expect(me.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

    const callsBefore = countByRoute(queryCalls(t.sims));
    const again = await postWebhook(t.gateway.url, '/webhooks/dxfeed', body, { ...signed, webhookId: first.webhookId });
    const resent = await postWebhook(t.gateway.url, '/webhooks/dxfeed', body, signed);
    expect([again.body, resent.body]).toEqual([
      { accepted: true, duplicate: true },
      { accepted: true, duplicate: true },
    ]);
    // A duplicate is acknowledged without running the effect: no call at all, so certainly no second logout.
    expect(countByRoute(queryCalls(t.sims))).toEqual(callsBefore);
    expect(logouts()).toBe(1);
    expect((await t.run(MeDocument, undefined, otherAuth)).errors).toBeUndefined();
  });
});

describe('the simulators sending their own webhooks to the gateway (a mutation in one tab, the event in another)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway();
    t.sims.sendWebhooksTo(t.gateway.url, webhookSecret);
    t.sims.platform.state.closeDelayMs = 50;
  });
  afterAll(() => t.close());

  const mutate = (field: string, selection: string, input: unknown) => mutateOn(t, field, selection, input);

  it('createPlatformAccount, renamePlatformAccount and closePlatformAccount reach an accountEvents subscriber once each, in order', async () => {
    const state = t.sims.platform.state;
    const owner = [...state.userIds][0]!;
    const sub = await liveWs(gql`subscription ($userId: ID) { accountEvents(userId: $userId) { id type account { id name status } } }`, { userId: owner });
    const created = await mutate('createPlatformAccount', '... on PlatformAccountCreated { account { accountId } }', {
      userId: owner,
      accountGroupId: [...state.accountGroupIds][0]!,
      type: 'TRADING',
      name: 'Demo tab one',
    });
    const id = created.account.accountId as string;
    expect((await mutate('renamePlatformAccount', '', { accountId: id, name: 'Renamed in tab one' })).__typename).toBe('PlatformAccountRenamed');
    expect((await mutate('closePlatformAccount', '', { accountId: id })).__typename).toBe('PlatformAccountClosureAccepted');
    await sub.waitFor(5);
    // A marker from the same in-order sender: anything repeated would have arrived before it.
    const marker = state.createAccount({ userId: owner, accountGroupId: [...state.accountGroupIds][0]!, type: 'PORTFOLIO', name: 'Marker' });
    await sub.waitFor(7);
    const events = sub.results.map((r: Json) => r.data.accountEvents);
    expect(events.map((e: Json) => [e.account.id, e.type, e.account.name, e.account.status])).toEqual([
      [id, 'ACCOUNT_CREATED', 'Demo tab one', 'PENDING'],
      [id, 'ACCOUNT_ACTIVATED', 'Demo tab one', 'ACTIVE'],
      [id, 'ACCOUNT_UPDATED', 'Renamed in tab one', 'ACTIVE'],
      [id, 'ACCOUNT_CLOSING_INITIATED', 'Renamed in tab one', 'CLOSING'],
      [id, 'ACCOUNT_CLOSED', 'Renamed in tab one', 'CLOSED'],
      [marker.id, 'ACCOUNT_CREATED', 'Marker', 'PENDING'],
      [marker.id, 'ACCOUNT_ACTIVATED', 'Marker', 'ACTIVE'],
    ]);
    expect(new Set(events.map((e: Json) => e.id)).size).toBe(7);
  });

  it('activateSubscriptions with its confirmation, then cancelSubscriptions, reach a marketDataSubscriptionEvents subscriber once each', async () => {
    const retail = t.sims.retail.state;
    const account = retail.createAccount({ metadata: {} });
    account.personalDataProvided = true;
    const sub = await liveWs(MarketDataEventsDocument, { accountId: account.id });
    const activation = await mutate('activateSubscriptions', '... on SubscriptionActivation { confirmationId confirmationRequired }', {
      accountId: account.id,
      subscriptions: [{ feedName: 'OPRA' }],
    });
    expect(activation).toMatchObject({ __typename: 'SubscriptionActivation', confirmationRequired: true });
    expect((await mutate('confirmSubscriptions', '', { accountId: account.id, confirmationId: activation.confirmationId })).__typename).toBe('SubscriptionsConfirmed');
    expect((await mutate('cancelSubscriptions', '', { accountId: account.id, feedNames: ['OPRA'] })).__typename).toBe('SubscriptionsCancelled');
    await sub.waitFor(2);
    // The marker: a feed that activates at once, sent after the others by the same in-order sender.
    expect((await mutate('activateSubscriptions', '... on SubscriptionActivation { confirmationRequired }', { accountId: account.id, subscriptions: [{ feedName: 'NYSE' }] })).confirmationRequired).toBe(false);
    await sub.waitFor(3);
    const events = sub.results.map((r: Json) => r.data.marketDataSubscriptionEvents);
    expect(events.map((e: Json) => [e.accountId, e.type, e.subscriptions.map((s: Json) => `${s.name} ${s.status}`)])).toEqual([
      [account.id, 'SUBSCRIPTION_ACTIVATED', ['OPRA ACTIVE']],
      [account.id, 'SUBSCRIPTION_DEACTIVATED', ['OPRA EXPIRED']],
      [account.id, 'SUBSCRIPTION_ACTIVATED', ['NYSE ACTIVE']],
    ]);
    expect(new Set(events.map((e: Json) => e.id)).size).toBe(3);
  });
});

const ACCOUNT_EVENTS_AFTER = gql`
  subscription ($after: ID, $accountId: ID) {
    accountEvents(after: $after, accountId: $accountId) { id type }
  }
`;

describe('a resume point far behind (replayScanLimit 40, replayPage 10)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway({}, {}, { hub: { replayScanLimit: 40, replayPage: 10 } });
  });
  afterAll(() => t.close());

  it('scans at most replayScanLimit events of the log, then ends EVENT_NOT_IN_LOG asking for a fresh start; a recent one resumes', async () => {
    const watched = { id: crypto.randomUUID() };
    const [first] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', watched)]);
    // 60 events of another account: the subscriber wants none of them, yet a replay must read past them.
    await postAll(t, '/webhooks/platform', Array.from({ length: 60 }, () => platformEventBody('ACCOUNT.UPDATED', { id: crypto.randomUUID() })));
    const far = await liveWs(ACCOUNT_EVENTS_AFTER, { after: first!.id, accountId: watched.id });
    await until(() => errorCodes(far).length > 0, 'the far resume to end');
    expect(errorCodes(far)).toEqual(['EVENT_NOT_IN_LOG']);
    expect(far.results.flatMap((r) => r.errors ?? [])[0]!.message).toMatch(/more than 40 events .* subscribe without after/);
    expect(far.results.filter((r) => r.data)).toEqual([]);
    // A resume point within the limit replays as before.
    const [recent] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', watched), platformEventBody('ACCOUNT.UPDATED', watched)]);
    const near = await liveWs(ACCOUNT_EVENTS_AFTER, { after: recent!.id, accountId: watched.id });
    await until(() => near.results.length === 1, 'the event after the recent one');
    expect(errorCodes(near)).toEqual([]);
  });
});
