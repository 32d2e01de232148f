import { print } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventExecutions } from '../../src/observability/metrics.ts';
import type { DxClient } from '../../src/simulators/records.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { dxFeedEventBody, platformEventBody, postAll, subscriptionScope, until, type Received } from '../support/events.ts';
import { gql } from '../support/gql.ts';
import type { Json } from '../support/mutations.ts';

/**
 * The shared fan-out through the real gateway: subscribers of one operation, variables and caller,
 * over graphql-ws and SSE alike, share one execution per event (gateway_event_executions_total, and
 * the upstream reads an event's fields make); end users never share another's results; a subscriber
 * that completes gets nothing more, and one whose connection stops reading is closed alone; replayed
 * events run per subscriber.
 */

const partner = `Bearer ${keys.all}`;

let active: TestGateway | undefined;
const scope = subscriptionScope(() => active);
afterEach(() => scope.release());

/** Events executed so far on `stream` (the registry is the process's: compare before and after). */
async function executions(stream: string): Promise<number> {
  return (await eventExecutions.get()).values.find((v) => v.labels.stream === stream)?.value ?? 0;
}


const ACCOUNT_EVENTS_WITH_CURRENT = gql`
  subscription ($accountId: ID, $after: ID) {
    accountEvents(accountId: $accountId, after: $after) {
      id
      type
      account { id name current { name } }
    }
  }
`;

const ids = (sub: Received<unknown>) => sub.results.map((r: Json) => r.data?.accountEvents?.id);

describe('subscribers of one operation', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway();
  });
  afterAll(() => t.close());

  it('over graphql-ws and SSE each get every event, from one execution per event and one fresh read per event', async () => {
    const account = [...t.sims.platform.state.accounts.values()][0]!;
    const variables = { accountId: account.id };
    const subs: Received<unknown>[] = [];
    for (let i = 0; i < 40; i++) subs.push(await scope.live(ACCOUNT_EVENTS_WITH_CURRENT, variables, partner));
    for (let i = 0; i < 5; i++) subs.push(await scope.liveSse(ACCOUNT_EVENTS_WITH_CURRENT, variables, partner));
    // A first event brings every subscriber up to date: from then on each waits for live events.
    const [warmUp] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', account)]);
    await Promise.all(subs.map((s) => s.waitFor(1)));

    const before = await executions('account');
    t.sims.clearCalls();
    const bodies = await postAll(t, '/webhooks/platform', [
      platformEventBody('ACCOUNT.UPDATED', { ...account, name: 'Shared one' }),
      platformEventBody('ACCOUNT.UPDATED', { ...account, name: 'Shared two' }),
      platformEventBody('ACCOUNT.UPDATED', { ...account, name: 'Shared three' }),
    ]);
    await Promise.all(subs.map((s) => s.waitFor(4)));

    const expected = [warmUp!, ...bodies].map((b) => b.id);
    for (const sub of subs) {
      expect(ids(sub)).toEqual(expected);
      expect(sub.results.every((r) => r.errors === undefined)).toBe(true);
      expect(sub.results.slice(1).map((r: Json) => [r.data.accountEvents.account.name, r.data.accountEvents.account.current.name])).toEqual([
        ['Shared one', account.name],
        ['Shared two', account.name],
        ['Shared three', account.name],
      ]);
    }
    // SSE messages still carry each event's id, for Last-Event-ID.
    const sse = subs.at(-1) as Received<unknown> & { messages: { id: string | undefined }[] };
    expect(sse.messages.map((m) => m.id)).toEqual(expected);
    expect((await executions('account')) - before).toBe(bodies.length);
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'platform GET /accounts/:account_id': bodies.length });
  });

  it('replays events after `after` for that subscriber alone, then shares live ones with its own operation and variables', async () => {
    const account = [...t.sims.platform.state.accounts.values()][1]!;
    const live: Received<unknown>[] = [];
    for (let i = 0; i < 3; i++) live.push(await scope.live(ACCOUNT_EVENTS_WITH_CURRENT, { accountId: account.id }, partner));
    const logged = await postAll(t, '/webhooks/platform', [1, 2, 3].map(() => platformEventBody('ACCOUNT.UPDATED', account)));
    await Promise.all(live.map((s) => s.waitFor(3)));

    const before = await executions('account');
    const resumed: Received<unknown>[] = [];
    for (let i = 0; i < 2; i++) resumed.push(await scope.live(ACCOUNT_EVENTS_WITH_CURRENT, { accountId: account.id, after: logged[0]!.id }, partner));
    await Promise.all(resumed.map((s) => s.waitFor(2)));
    // Two events replayed to each of the two.
    expect((await executions('account')) - before).toBe(4);

    const [next] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.CLOSED', account)]);
    await Promise.all([...live, ...resumed].map((s) => s.waitFor(live.includes(s) ? 4 : 3)));
    for (const sub of live) expect(ids(sub)).toEqual([...logged, next!].map((b) => b.id));
    for (const sub of resumed) expect(ids(sub)).toEqual([...logged.slice(1), next!].map((b) => b.id));
    // Live: once for the subscribers without `after`, once for those with it (other variables).
    expect((await executions('account')) - before).toBe(4 + 2);
  });
});

const MARKET_DATA_EVENTS = gql`
  subscription {
    marketDataSubscriptionEvents { id accountId type }
  }
`;

describe('end users', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway();
  });
  afterAll(() => t.close());

  const linked = () => [...t.sims.dxcore.state.clients.values()].filter((c: DxClient) => c.status !== 'DISABLED' && Boolean(c.dxFeedAccountId));

  it('with the same operation see only their own events, each user on an execution of their own; a partner sees all', async () => {
    const [alice, bob] = linked();
    const users = [alice!, bob!];
    const subs = await Promise.all(
      users.map(async (user) => {
        const auth = await loginAs(t, user);
        const own = [];
        for (let i = 0; i < 3; i++) own.push(await scope.live(MARKET_DATA_EVENTS, undefined, auth));
        return own;
      }),
    );
    const partners = [await scope.live(MARKET_DATA_EVENTS, undefined, partner), await scope.liveSse(MARKET_DATA_EVENTS, undefined, partner)];
    // One event for each user first brings every subscriber up to date.
    const warmUps = await postAll(t, '/webhooks/dxfeed', users.map((u) => dxFeedEventBody('SUBSCRIPTION.ADDED', u.dxFeedAccountId!)));
    await Promise.all([...subs.flat().map((s) => s.waitFor(1)), ...partners.map((s) => s.waitFor(2))]);

    const before = await executions('market-data');
    const bodies = await postAll(t, '/webhooks/dxfeed', [
      dxFeedEventBody('SUBSCRIPTION.ACTIVATED', alice!.dxFeedAccountId!),
      dxFeedEventBody('SUBSCRIPTION.ACTIVATED', bob!.dxFeedAccountId!),
      dxFeedEventBody('SUBSCRIPTION.EXTENDED', alice!.dxFeedAccountId!),
    ]);
    await Promise.all(partners.map((s) => s.waitFor(5)));
    for (const [i, user] of users.entries()) {
      const own = [...warmUps, ...bodies].filter((b) => b.accountId === user.dxFeedAccountId);
      for (const sub of subs[i]!) {
        await sub.waitFor(own.length);
        expect(sub.results.map((r: Json) => [r.data.marketDataSubscriptionEvents.id, r.data.marketDataSubscriptionEvents.accountId])).toEqual(own.map((b) => [b.id, b.accountId]));
      }
    }
    for (const sub of partners) expect(sub.results.map((r: Json) => r.data.marketDataSubscriptionEvents.id)).toEqual([...warmUps, ...bodies].map((b) => b.id));
    // Alice's two events and Bob's one, each executed once for that user's three; all three once for the partner's two.
    expect((await executions('market-data')) - before).toBe(6);
  });
});

describe('a subscriber on a raw graphql-ws socket (queueLimit 5)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = active = await startTestGateway({}, {}, { hub: { queueLimit: 5 } });
  });
  afterAll(() => t.close());

  /** A graphql-ws client on a raw socket, so that the test can stop and resume its reading. */
  async function rawSubscriber(variables: Json) {
    const socket = new WebSocket(`${t.gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: Json[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Json));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: partner } }));
    await until(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
    const before = t.gateway.events.size;
    socket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query: print(ACCOUNT_EVENTS_WITH_CURRENT), variables } }));
    await until(() => t.gateway.events.size > before, 'the raw subscriber to register');
    scope.track({ close: async () => void socket.terminate() });
    return { socket, messages };
  }

  it('gets nothing more once it completes its subscription, and the hub lets it go; the others sharing it go on', async () => {
    const account = [...t.sims.platform.state.accounts.values()][3]!;
    const variables = { accountId: account.id };
    const other = await scope.live(ACCOUNT_EVENTS_WITH_CURRENT, variables, partner);
    const raw = await rawSubscriber(variables);
    const [first] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', account)]);
    await until(() => raw.messages.some((m) => m.type === 'next'), 'the raw subscriber to get the first event');
    const subscribed = t.gateway.events.size;
    raw.socket.send(JSON.stringify({ id: 'slow', type: 'complete' }));
    await until(() => t.gateway.events.size === subscribed - 1, 'the hub to let the completed subscriber go');
    const [second] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', account)]);
    await other.waitFor(2);
    expect(ids(other)).toEqual([first!.id, second!.id]);
    expect(raw.messages.filter((m) => m.type === 'next').map((m) => (m.payload as Json).data.accountEvents.id)).toEqual([first!.id]);
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('is closed with SUBSCRIBER_TOO_SLOW after the events it was written, while the others get every event', async () => {
    const account = [...t.sims.platform.state.accounts.values()][2]!;
    const variables = { accountId: account.id };
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await scope.live(ACCOUNT_EVENTS_WITH_CURRENT, variables, partner));
    const slow = await rawSubscriber(variables);
    const [warmUp] = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', account)]);
    await Promise.all(others.map((s) => s.waitFor(1)));
    await until(() => slow.messages.some((m) => m.type === 'next'), 'the slow subscriber to get the first event');

    // It stops reading; events large enough to fill the socket's buffers follow.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const subscribed = t.gateway.events.size;
    const bodies = [warmUp!];
    const name = 'x'.repeat(200_000);
    while (t.gateway.events.size === subscribed && bodies.length < 400) {
      bodies.push(...(await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.UPDATED', { ...account, name })])));
    }
    expect(t.gateway.events.size).toBe(subscribed - 1);
    const more = await postAll(t, '/webhooks/platform', [platformEventBody('ACCOUNT.LOCKED', account)]);
    for (const sub of others) {
      await sub.waitFor(bodies.length + 1, 20_000);
      expect(ids(sub)).toEqual([...bodies, ...more].map((b) => b.id));
      expect(sub.results.every((r) => r.errors === undefined)).toBe(true);
    }

    // Reading again, it gets what was written to it, then the notice naming the last of those, then complete.
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await until(() => slow.messages.some((m) => m.type === 'complete'), 'the slow subscriber to complete', 20_000);
    const next = slow.messages.filter((m) => m.type === 'next').map((m) => m.payload as Json);
    const delivered = next.slice(0, -1);
    const notice = next.at(-1)!;
    expect(delivered.length).toBeGreaterThan(1);
    expect(delivered.length).toBeLessThan(bodies.length);
    expect(delivered.map((r) => r.data.accountEvents.id)).toEqual(bodies.slice(0, delivered.length).map((b) => b.id));
    const lastDelivered = bodies[delivered.length - 1]!.id;
    expect(notice.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBSCRIBER_TOO_SLOW', resumeAfter: lastDelivered }) })]);
  });
});
