import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { dxFeedEventBody, platformEventBody, postWebhook, subscriptionScope, until } from '../support/events.ts';
import { gql } from '../support/gql.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

/**
 * Each source has its own event ids and webhook ids (Platform, dxFeed, the gateway's client events): the
 * same id from two sources is two events, and `after` names an event of the stream it is given on.
 * Through the real gateway in XT mode (a dxFeed callback logs its user out: an effect the call logs
 * show), with the in-memory log and with Redis.
 */

const partner = `Bearer ${keys.all}`;
const signed = { secret: webhookSecret };

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

let active: TestGateway | undefined;
const scope = subscriptionScope(() => active);
afterEach(() => scope.release());

const ACCOUNT_EVENTS = gql`
  subscription ($after: ID) {
    accountEvents(after: $after) { id }
  }
`;
const MARKET_DATA_EVENTS = gql`
  subscription ($after: ID, $accountId: ID) {
    marketDataSubscriptionEvents(after: $after, accountId: $accountId) { id accountId }
  }
`;

type Ids = { accountEvents?: { id: string }; marketDataSubscriptionEvents?: { id: string } };
const idsOf = (results: { data?: Ids | null }[]) => results.map((r) => r.data?.accountEvents?.id ?? r.data?.marketDataSubscriptionEvents?.id);

const account = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });

describe.each([
  { log: 'memory', env: (): Record<string, string> => ({}) },
  { log: 'Redis', env: (): Record<string, string> => ({ REDIS_URL: redis.url }) },
])('with the $log event log', ({ env }) => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway({}, { DXTRADEXT_MODE: 'xt', ...env() });
  });
  afterAll(() => t.close());

  /** Users XT mode lets in: their linked dxFeed account has an active subscription. */
  const withActiveFeed = () =>
    [...t.sims.dxcore.state.clients.values()].filter((c) => {
      if (c.status === 'DISABLED' || !c.dxFeedAccountId) return false;
      const linked = t.sims.retail.state.getAccount(c.dxFeedAccountId);
      return linked !== undefined && t.sims.retail.state.subscriptionsOf(linked).some((s) => s.status === 'ACTIVE');
    });
  const logouts = () => countByRoute(queryCalls(t.sims))['dxcore POST /logoutUserByLogin'] ?? 0;
  const post = (path: '/webhooks/platform' | '/webhooks/dxfeed', body: unknown, webhookId: string) => postWebhook(t.gateway.url, path, body, { ...signed, webhookId });

  it('publishes a dxFeed callback that reuses a Platform event id and webhook-id, runs its effect, and the reverse; a retry on the same endpoint stays a duplicate', async () => {
    const user = withActiveFeed()[0]!;
    const feed = user.dxFeedAccountId!;
    await loginAs(t, user);
    const accountSub = await scope.live(ACCOUNT_EVENTS, {}, partner);
    const feedSub = await scope.live(MARKET_DATA_EVENTS, { accountId: feed }, partner);
    t.sims.clearCalls();

    const shared = `shared-${crypto.randomUUID()}`;
    const platform = { ...platformEventBody('ACCOUNT.UPDATED', account(1)), id: shared };
    const callback = { ...dxFeedEventBody('SUBSCRIPTION.DEACTIVATED', feed), id: shared };
    expect((await post('/webhooks/platform', platform, `wh-${shared}`)).body).toEqual({ accepted: true, duplicate: false });
    expect((await post('/webhooks/dxfeed', callback, `wh-${shared}`)).body).toEqual({ accepted: true, duplicate: false });
    await until(() => logouts() === 1, 'the logout the dxFeed callback causes');
    expect((await post('/webhooks/dxfeed', callback, `wh-${shared}`)).body).toEqual({ accepted: true, duplicate: true });
    expect((await post('/webhooks/dxfeed', callback, `wh-other-${shared}`)).body).toEqual({ accepted: true, duplicate: true });

    const reverse = `reverse-${crypto.randomUUID()}`;
    const first = { ...dxFeedEventBody('SUBSCRIPTION.ADDED', feed), id: reverse };
    const second = { ...platformEventBody('ACCOUNT.LOCKED', account(1)), id: reverse };
    expect((await post('/webhooks/dxfeed', first, `wh-${reverse}`)).body).toEqual({ accepted: true, duplicate: false });
    expect((await post('/webhooks/platform', second, `wh-${reverse}`)).body).toEqual({ accepted: true, duplicate: false });

    expect(idsOf(await accountSub.waitFor(2))).toEqual([shared, reverse]);
    expect(idsOf(await feedSub.waitFor(2))).toEqual([shared, reverse]);
    await until(() => logouts() === 2, 'the second callback’s logout');
    // Each newly logged callback looked its user up and logged them out; the duplicates did nothing.
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client': 2, 'dxcore POST /logoutUserByLogin': 2 });
  });

  it('resumes `after` an id both sources used from the event of the stream it is given on', async () => {
    const feed = withActiveFeed()[1]!.dxFeedAccountId!;
    const id = `both-${crypto.randomUUID()}`;
    const sent = async (path: '/webhooks/platform' | '/webhooks/dxfeed', body: { id: string }) => {
      expect((await post(path, body, crypto.randomUUID())).body).toEqual({ accepted: true, duplicate: false });
      return body.id;
    };
    await sent('/webhooks/platform', { ...platformEventBody('ACCOUNT.UPDATED', account(2)), id });
    await sent('/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.ADDED', feed));
    const accountAfter = await sent('/webhooks/platform', platformEventBody('ACCOUNT.UPDATED', account(2)));
    await sent('/webhooks/dxfeed', { ...dxFeedEventBody('SUBSCRIPTION.EXTENDED', feed), id });
    const feedAfter = await sent('/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.REMOVED', feed));
    t.sims.clearCalls();

    const accounts = await scope.live(ACCOUNT_EVENTS, { after: id }, partner);
    const feeds = await scope.live(MARKET_DATA_EVENTS, { after: id, accountId: feed }, partner);
    expect(idsOf(await accounts.waitFor(1))).toEqual([accountAfter]);
    expect(idsOf(await feeds.waitFor(1))).toEqual([feedAfter]);
    // A marker on each stream: nothing else was replayed before it (the dxFeed event before `id` above all).
    const markers = [await sent('/webhooks/platform', platformEventBody('ACCOUNT.UPDATED', account(2))), await sent('/webhooks/dxfeed', dxFeedEventBody('SUBSCRIPTION.ADDED', feed))];
    expect(idsOf(await accounts.waitFor(2))).toEqual([accountAfter, markers[0]]);
    expect(idsOf(await feeds.waitFor(2))).toEqual([feedAfter, markers[1]]);
    // Replaying reads only the log; the subscriptions' fields are the events' own.
    expect(queryCalls(t.sims).filter((c) => c.route !== 'GET /api/register/client' && c.route !== 'POST /logoutUserByLogin')).toEqual([]);
  });
});
