import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountEventsDocument, MarketDataEventsDocument } from '../generated/operations.ts';
import { keys, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { dxFeedEventBody, platformEventBody, postWebhook, subscribeSse, subscribeWs, subscriptionScope, type Received } from '../support/events.ts';
import { gql } from '../support/gql.ts';

const partner = `Bearer ${keys.all}`;
const signed = { secret: webhookSecret };

let t: TestGateway;
const scope = subscriptionScope(() => t);
const { track, client } = scope;

beforeAll(async () => {
  t = await startTestGateway();
});
afterEach(() => scope.release());
afterAll(() => t.close());

const account = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Account ${n}` });

/** Webhooks refused so far, per source, from the gateway's metrics (the registry is the process's: compare before and after). */
async function refusedCounts(): Promise<{ dxfeed: number; platform: number }> {
  const text = await (await fetch(`${t.gateway.url}/metrics`)).text();
  const count = (source: string) => Number(new RegExp(`^gateway_events_received_total\\{source="${source}",outcome="refused"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { dxfeed: count('dxfeed'), platform: count('platform') };
}

/** Posts Platform events one after another, as an upstream does; answers their bodies. */
async function postPlatform(bodies: ReturnType<typeof platformEventBody>[]) {
  for (const body of bodies) expect((await postWebhook(t.gateway.url, '/webhooks/platform', body, signed)).status).toBe(200);
  return bodies;
}

/** A graphql-ws subscriber that is live: the hub has registered it. */
async function liveAccountEvents(variables?: Record<string, unknown>, authorization = partner) {
  const sub = await scope.live(variables ? ACCOUNT_EVENTS_AFTER : AccountEventsDocument, variables as never, authorization);
  return sub as Received<{ accountEvents: { id: string; type: string; createdAt: string; account: { id: string; name: string | null; status: string | null } } }>;
}

const ACCOUNT_EVENTS_AFTER = gql`
  subscription ($after: ID, $accountId: ID, $types: [AccountEventType!]) {
    accountEvents(after: $after, accountId: $accountId, types: $types) {
      id
      type
      createdAt
      account { id name status type }
    }
  }
`;

describe('account events over graphql-ws (the contract AccountEvents operation)', () => {
  it('delivers signed events once each, in the order they were posted, with the snapshot the event carried', async () => {
    const sub = await liveAccountEvents();
    const bodies = await postPlatform([
      platformEventBody('ACCOUNT.CREATED', { ...account(1), status: 'PENDING' }),
      platformEventBody('ACCOUNT.ACTIVATED', account(1)),
      platformEventBody('ACCOUNT.CLOSED', { ...account(1), status: 'CLOSED' }),
    ]);
    const results = await sub.waitFor(3);
    expect(results.map((r) => r.data?.accountEvents)).toEqual(
      bodies.map((b) => ({ id: b.id, type: b.type.replace('.', '_'), createdAt: b.created_at, account: { id: b.object.id, name: b.object.name, status: b.object.status, type: 'TRADING' } })),
    );
    expect(results.every((r) => r.errors === undefined)).toBe(true);
  });

  it('acknowledges a repeated webhook-id and publishes it once; the same event id under another webhook-id is also published once', async () => {
    const sub = await liveAccountEvents();
    const body = platformEventBody('ACCOUNT.UPDATED', account(2));
    const first = await postWebhook(t.gateway.url, '/webhooks/platform', body, signed);
    const again = await postWebhook(t.gateway.url, '/webhooks/platform', body, { ...signed, webhookId: first.webhookId });
    const resent = await postWebhook(t.gateway.url, '/webhooks/platform', body, signed);
    expect([first.body, again.body, resent.body]).toEqual([
      { accepted: true, duplicate: false },
      { accepted: true, duplicate: true },
      { accepted: true, duplicate: true },
    ]);
    const marker = (await postPlatform([platformEventBody('ACCOUNT.LOCKED', account(2))]))[0]!;
    const results = await sub.waitFor(2);
    expect(results.map((r) => r.data?.accountEvents.id)).toEqual([body.id, marker.id]);
    expect(sub.results).toHaveLength(2);
  });

  it('refuses bad, stale and missing signatures with 401 and publishes nothing', async () => {
    const sub = await liveAccountEvents();
    const body = platformEventBody('ACCOUNT.UPDATED', account(3));
    const now = new Date();
    const otherSecret = `whsec_${Buffer.from('another-secret-of-32-bytes-length').toString('base64')}`;
    const refusals = [
      await postWebhook(t.gateway.url, '/webhooks/platform', body, { secret: otherSecret }),
      await postWebhook(t.gateway.url, '/webhooks/platform', body, { ...signed, timestamp: new Date(Date.now() - 6 * 60_000) }),
      await postWebhook(t.gateway.url, '/webhooks/platform', body, { ...signed, timestamp: new Date(Date.now() + 6 * 60_000) }),
      await postWebhook(t.gateway.url, '/webhooks/platform', body, { ...signed, signature: 'v1,' }),
      // Signed over the original body, sent with another one.
      await postWebhook(t.gateway.url, '/webhooks/platform', body, {
        ...signed,
        webhookId: 'tampered',
        timestamp: now,
        signature: new Webhook(webhookSecret).sign('tampered', now, JSON.stringify(body)),
        rawBody: JSON.stringify({ ...body, object: { ...body.object, name: 'Tampered' } }),
      }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(refusals[1]!.body.error).toMatch(/too old/);
    const unsigned = await fetch(`${t.gateway.url}/webhooks/platform`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(unsigned.status).toBe(401);
    const marker = (await postPlatform([platformEventBody('ACCOUNT.UPDATED', account(4))]))[0]!;
    await sub.waitFor(1);
    expect(sub.results.map((r) => r.data?.accountEvents.id)).toEqual([marker.id]);
  });

  it('answers a malformed body with 400 naming what is wrong, and publishes nothing', async () => {
    const sub = await liveAccountEvents();
    const notJson = await postWebhook(t.gateway.url, '/webhooks/platform', null, { ...signed, rawBody: '{"id": ' });
    const missing = await postWebhook(t.gateway.url, '/webhooks/platform', { ...platformEventBody('ACCOUNT.UPDATED', account(5)), object: undefined }, signed);
    const unknownType = await postWebhook(t.gateway.url, '/webhooks/platform', platformEventBody('ACCOUNT.RENAMED', account(5)), signed);
    const wrongEndpoint = await postWebhook(t.gateway.url, '/webhooks/dxfeed', platformEventBody('ACCOUNT.UPDATED', account(5)), signed);
    expect([notJson, missing, unknownType, wrongEndpoint].map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(notJson.body.error).toBe('Webhook body is not JSON');
    expect(missing.body.error).toMatch(/object/);
    expect(unknownType.body.error).toMatch(/type/);
    const marker = (await postPlatform([platformEventBody('ACCOUNT.UPDATED', account(5))]))[0]!;
    await sub.waitFor(1);
    expect(sub.results.map((r) => r.data?.accountEvents.id)).toEqual([marker.id]);
  });

  it('refuses at intake, with 400 naming the field, what a subscriber could not be shown: unknown statuses and types, a fractional account number, a bad date, a bad id; logs each as refused and publishes nothing', async () => {
    const accounts = await liveAccountEvents();
    const feeds = await scope.live(MarketDataEventsDocument, { accountId: 'intake-account' }, partner);
    t.sims.clearCalls();
    const refusedBefore = await refusedCounts();
    const platform = (object: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const body = platformEventBody('ACCOUNT.UPDATED', account(10));
      return { ...body, ...extra, object: { ...body.object, ...object } };
    };
    const cases: [path: '/webhooks/platform' | '/webhooks/dxfeed', body: unknown, field: string][] = [
      ['/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.ADDED', 'intake-account', [{ name: 'CMEGROUP', status: 'PAUSED', expiresAt: null }]), 'subscriptions.0.status'],
      ['/webhooks/dxfeed', { ...dxFeedEventBody('SUBSCRIPTION.ADDED', 'intake-account'), id: 'evt\nnext' }, 'id'],
      ['/webhooks/dxfeed', { ...dxFeedEventBody('SUBSCRIPTION.ADDED', 'intake-account'), accountId: 'a'.repeat(257) }, 'accountId'],
      ['/webhooks/platform', platform({ status: 'FROZEN' }), 'object.status'],
      ['/webhooks/platform', platform({ type: 'SAVINGS' }), 'object.type'],
      ['/webhooks/platform', platform({ account_number: 1.5 }), 'object.account_number'],
      ['/webhooks/platform', platform({ account_number: 2 ** 31 }), 'object.account_number'],
      ['/webhooks/platform', platform({ created_at: 'yesterday' }), 'object.created_at'],
      ['/webhooks/platform', platform({ users: [{ type: 'OWNER' }] }), 'object.users.0.id'],
      ['/webhooks/platform', platform({ name: 42 }), 'object.name'],
      ['/webhooks/platform', platform({}, { id: 'x'.repeat(257) }), 'id'],
    ];
    for (const [path, body, field] of cases) {
      const answer = await postWebhook(t.gateway.url, path, body, signed);
      expect({ field, status: answer.status, accepted: answer.body.accepted }).toEqual({ field, status: 400, accepted: false });
      expect(answer.body.error).toContain(`${field}:`);
    }
    const refusedAfter = await refusedCounts();
    expect({ dxfeed: refusedAfter.dxfeed - refusedBefore.dxfeed, platform: refusedAfter.platform - refusedBefore.platform }).toEqual({ dxfeed: 3, platform: 8 });
    // Markers on both endpoints arrive first: nothing refused was published. The simulators' own values pass.
    const [marker] = await postPlatform([platformEventBody('ACCOUNT.CLOSED', { ...account(10), status: 'CLOSED' })]);
    const feedMarker = dxFeedEventBody('SUBSCRIPTION.DEACTIVATED', 'intake-account', [{ name: 'CMEGROUP', status: 'EXPIRED', expiresAt: '2026-11-21T11:00:00.000Z' }]);
    expect((await postWebhook(t.gateway.url, '/webhooks/dxfeed', feedMarker, signed)).status).toBe(200);
    expect((await accounts.waitFor(1)).map((r) => r.data?.accountEvents)).toEqual([{ id: marker!.id, type: 'ACCOUNT_CLOSED', createdAt: marker!.created_at, account: { id: account(10).id, name: account(10).name, status: 'CLOSED', type: 'TRADING' } }]);
    expect((await feeds.waitFor(1)).map((r) => r.data?.marketDataSubscriptionEvents.id)).toEqual([feedMarker.id]);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('lists at most a few problems of a body with many, however many there are', async () => {
    const subscriptions = Array.from({ length: 2_000 }, (_, i) => ({ name: `FEED${i}`, status: 'PAUSED', expiresAt: null }));
    const answer = await postWebhook(t.gateway.url, '/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.ADDED', 'intake-account', subscriptions), signed);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('subscriptions.0.status:');
    expect(answer.body.error).toContain('and 1995 more');
    expect(answer.body.error!.length).toBeLessThan(1_000);
  });

  it('resumes with `after`: exactly the missed events from the log, then live ones, none twice', async () => {
    const first = await liveAccountEvents();
    const seen = await postPlatform([platformEventBody('ACCOUNT.CREATED', account(6)), platformEventBody('ACCOUNT.UPDATED', account(6))]);
    await first.waitFor(2);
    await first.close();
    const missed = await postPlatform([platformEventBody('ACCOUNT.UPDATED', account(6)), platformEventBody('ACCOUNT.LOCKED', account(6)), platformEventBody('ACCOUNT.UPDATED', account(7))]);
    const resumed = await liveAccountEvents({ after: seen[1]!.id });
    await resumed.waitFor(3);
    const live = await postPlatform([platformEventBody('ACCOUNT.CLOSING_INITIATED', account(6))]);
    const results = await resumed.waitFor(4);
    expect(results.map((r) => r.data?.accountEvents.id)).toEqual([...missed, ...live].map((b) => b.id));
    await new Promise((r) => setTimeout(r, 100));
    expect(resumed.results).toHaveLength(4);
  });

  it('applies the filters while replaying and live', async () => {
    const anchor = (await postPlatform([platformEventBody('ACCOUNT.UPDATED', account(8))]))[0]!;
    const bodies = await postPlatform([
      platformEventBody('ACCOUNT.UPDATED', account(8)),
      platformEventBody('ACCOUNT.LOCKED', account(8)),
      platformEventBody('ACCOUNT.LOCKED', account(9)),
    ]);
    const sub = await liveAccountEvents({ after: anchor.id, accountId: account(8).id, types: ['ACCOUNT_LOCKED'] });
    const live = await postPlatform([platformEventBody('ACCOUNT.LOCKED', account(8)), platformEventBody('ACCOUNT.UPDATED', account(8))]);
    const results = await sub.waitFor(2);
    expect(results.map((r) => r.data?.accountEvents.id)).toEqual([bodies[1]!.id, live[0]!.id]);
  });

  it('refuses to resume after an event the log does not hold', async () => {
    const sub = track(subscribeWs(client(partner), ACCOUNT_EVENTS_AFTER, { after: 'no-such-event' }));
    await sub.ended();
    expect(JSON.stringify(sub.error ?? sub.results)).toMatch(/EVENT_NOT_IN_LOG|does not hold/);
  });

  it('quotes a long or unprintable `after` (or Last-Event-ID) in its refusal cut short and escaped, never whole', async () => {
    t.sims.clearCalls();
    const long = `${'7'.repeat(60)}${'x'.repeat(4_940)}`;
    const unprintable = 'evt\u0000\n\u001b[31m\u202e-1';
    const refusals = [];
    for (const after of [long, unprintable]) {
      const sub = track(subscribeWs(client(partner), ACCOUNT_EVENTS_AFTER, { after }));
      await sub.ended();
      refusals.push(...sub.results.flatMap((r) => r.errors ?? []));
    }
    const overSse = track(await subscribeSse(t.gateway.url, AccountEventsDocument, { authorization: partner, lastEventId: long }));
    await overSse.ended();
    refusals.push(...overSse.results.flatMap((r) => r.errors ?? []));
    expect(refusals.map((e) => e.extensions?.code)).toEqual(['EVENT_NOT_IN_LOG', 'EVENT_NOT_IN_LOG', 'EVENT_NOT_IN_LOG']);
    for (const { message } of refusals) {
      expect(message.length).toBeLessThan(200);
      expect(message).not.toContain('x'.repeat(20));
      expect(message).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
    expect(refusals[0]!.message).toContain('7'.repeat(60));
    expect(refusals[1]!.message).toContain('evt');
    expect(refusals[2]!.message).toBe(refusals[0]!.message);
    // Refused before anything was read: no upstream call.
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('graphql-ws authentication (connection_init connectionParams.authorization)', () => {
  it('refuses a connection whose credential is wrong with 4403', async () => {
    const sub = track(subscribeWs(client('Bearer not-a-key'), AccountEventsDocument));
    await sub.ended();
    expect((sub.error as { code?: number }).code).toBe(4403);
  });

  it('answers UNAUTHENTICATED without credentials and FORBIDDEN without the read scope', async () => {
    const anonymous = track(subscribeWs(client(), AccountEventsDocument));
    const writer = track(subscribeWs(client(`Bearer ${keys.writer}`), AccountEventsDocument));
    await Promise.all([anonymous.ended(), writer.ended()]);
    expect(JSON.stringify(anonymous.error ?? anonymous.results)).toMatch(/UNAUTHENTICATED/);
    expect(JSON.stringify(writer.error ?? writer.results)).toMatch(/FORBIDDEN/);
  });

  it('lets a read-only key subscribe', async () => {
    const sub = await liveAccountEvents(undefined, `Bearer ${keys.reader}`);
    const [body] = await postPlatform([platformEventBody('ACCOUNT.UPDATED', account(10))]);
    expect((await sub.waitFor(1))[0]!.data?.accountEvents.id).toBe(body!.id);
  });
});

describe('SSE (distinct connections) with Authorization and Last-Event-ID', () => {
  it('streams the contract MarketDataEvents operation with an id per message, and resumes from Last-Event-ID', async () => {
    const accountId = 'sse-account-1';
    const first = await scope.liveSse(MarketDataEventsDocument, { accountId }, partner);
    expect(first.status).toBe(200);
    const post = (type: string, name: string) => postWebhook(t.gateway.url, '/webhooks/dxfeed', dxFeedEventBody(type, accountId, [{ name, status: 'ACTIVE', expiresAt: '2027-01-01T00:00:00.000Z' }]), signed);
    const bodies = [dxFeedEventBody('SUBSCRIPTION.ACTIVATED', accountId), dxFeedEventBody('SUBSCRIPTION.ACTIVATED', 'another-account')];
    for (const body of bodies) expect((await postWebhook(t.gateway.url, '/webhooks/dxfeed', body, signed)).status).toBe(200);
    expect((await post('SUBSCRIPTION.EXTENDED', 'CMEGROUP')).status).toBe(200);
    await first.waitFor(2);
    expect(first.messages.map((m) => m.result.data?.marketDataSubscriptionEvents.type)).toEqual(['SUBSCRIPTION_ACTIVATED', 'SUBSCRIPTION_EXTENDED']);
    expect(first.messages[0]!.id).toBe(bodies[0]!.id);
    expect(first.messages[0]!.result.data?.marketDataSubscriptionEvents).toEqual({
      id: bodies[0]!.id,
      type: 'SUBSCRIPTION_ACTIVATED',
      accountId,
      subscriptions: [{ name: 'CMEGROUP', status: 'ACTIVE', expiresAt: null }],
    });
    const lastSeen = first.messages[0]!.id!;
    await first.close();
    const resumed = track(await subscribeSse(t.gateway.url, MarketDataEventsDocument, { variables: { accountId }, authorization: partner, lastEventId: lastSeen }));
    await resumed.waitFor(1);
    expect(resumed.messages.map((m) => m.id)).toEqual([first.messages[1]!.id]);
  });

  it('refuses an SSE subscription without credentials', async () => {
    const sub = track(await subscribeSse(t.gateway.url, MarketDataEventsDocument, {}));
    await sub.ended();
    expect(JSON.stringify(sub.results)).toMatch(/UNAUTHENTICATED/);
  });
});
