import { print } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../src/simulators/webhooks.ts';
import { startSimulators, type Simulators } from '../../src/simulators/index.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { LoginDocument, MeDocument } from '../generated/operations.ts';
import { platformEventBody, postWebhook, until, wsClient } from '../support/events.ts';
import { keys, webhookSecret } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/process.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

// Two gateway processes (`node src/main.ts`) sharing one real redis-server, as two instances behind a
// load balancer: webhooks go to one, subscribers listen on the other, and either may restart.

let redis: TestRedis;
let sims: Simulators;
let env: Record<string, string>;
let a: GatewayProcess;
let b: GatewayProcess;

beforeAll(async () => {
  redis = await startRedis();
  sims = await startSimulators();
  env = { ...sims.env, PORT: '0', REDIS_URL: redis.url, WEBHOOK_SECRET: webhookSecret, GATEWAY_API_KEYS: `${keys.all}=*` };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sims?.close();
  await redis?.stop();
});

const SUBSCRIPTION = print(gql`
  subscription ($after: ID) {
    accountEvents(after: $after) { id type }
  }
`);

/**
 * A subscriber as a careful client writes one: it starts after a known event and, whenever its
 * connection drops, subscribes again with `after` set to the last event it received.
 */
function resumingSubscriber(url: () => string, after: string) {
  const received: { id: string; at: number }[] = [];
  let last = after;
  let stopped = false;
  let dispose: () => void = () => {};
  let resubscriptions = 0;
  const subscribe = () => {
    if (stopped) return;
    const client = wsClient(url(), `Bearer ${keys.all}`);
    const again = () => {
      void client.dispose();
      if (stopped) return;
      resubscriptions += 1;
      setTimeout(subscribe, 100);
    };
    const unsubscribe = client.subscribe<{ accountEvents: { id: string } }>(
      { query: SUBSCRIPTION, variables: { after: last } },
      {
        next: (result) => {
          const id = result.data?.accountEvents.id;
          if (!id) throw new Error(`unexpected payload ${JSON.stringify(result)}`);
          received.push({ id, at: performance.now() });
          last = id;
        },
        error: again,
        complete: again,
      },
    );
    dispose = () => {
      unsubscribe();
      void client.dispose();
    };
  };
  subscribe();
  return {
    received,
    resubscriptions: () => resubscriptions,
    stop: () => {
      stopped = true;
      dispose();
    },
  };
}

const post = async (gateway: GatewayProcess, body: unknown) => {
  const answer = await postWebhook(gateway.url, '/webhooks/platform', body, { secret: webhookSecret });
  expect(answer.status).toBe(200);
  return answer;
};

const account = { id: '00000000-0000-4000-8000-00000000aaaa' };
const percentile = (values: number[], p: number) => [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

describe('two gateway processes sharing Redis', () => {
  it('delivers every event posted to one instance exactly once, in order, to a subscriber on the other', async () => {
    const anchor = platformEventBody('ACCOUNT.CREATED', account);
    await post(b, anchor);
    const subscriber = resumingSubscriber(() => a.url, anchor.id);
    const bodies = Array.from({ length: 100 }, () => platformEventBody('ACCOUNT.UPDATED', account));
    const sentAt = new Map<string, number>();
    for (const body of bodies) {
      sentAt.set(body.id, performance.now());
      await post(b, body);
    }
    await until(() => subscriber.received.length >= bodies.length, 'every event at the subscriber', 20_000);
    await new Promise((r) => setTimeout(r, 200));
    subscriber.stop();
    expect(subscriber.received.map((r) => r.id)).toEqual(bodies.map((body) => body.id));
    const latencies = subscriber.received.map((r) => r.at - sentAt.get(r.id)!);
    console.info(`[measured] webhook POST to instance B -> graphql-ws client on instance A, ${bodies.length} events: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, lost 0, duplicated 0`);
  });

  it('a subscriber whose instance restarts mid-stream resumes with `after` and loses nothing', async () => {
    const anchor = platformEventBody('ACCOUNT.CREATED', account);
    await post(b, anchor);
    const port = String(a.port);
    let current = a;
    const subscriber = resumingSubscriber(() => current.url, anchor.id);
    const bodies = Array.from({ length: 60 }, () => platformEventBody('ACCOUNT.UPDATED', account));
    for (const [index, body] of bodies.entries()) {
      await post(b, body);
      if (index === 19) await until(() => subscriber.received.length >= 10, 'some events before the restart');
      if (index === 20) {
        await current.stop();
        current = await startGatewayProcess({ ...env, PORT: port });
        a = current;
      }
    }
    await until(() => subscriber.received.length >= bodies.length, 'every event after the restart', 30_000);
    await new Promise((r) => setTimeout(r, 200));
    subscriber.stop();
    expect(subscriber.resubscriptions()).toBeGreaterThanOrEqual(1);
    expect(subscriber.received.map((r) => r.id)).toEqual(bodies.map((body) => body.id));
  });

  it('webhooks sent while the receiving instance restarts are retried by the sender and published once', async () => {
    const anchor = platformEventBody('ACCOUNT.CREATED', account);
    await post(b, anchor);
    const subscriber = resumingSubscriber(() => a.url, anchor.id);
    const port = String(b.port);
    const sender = new WebhookSender({ url: `${b.url}/webhooks/platform`, secret: webhookSecret, initialBackoffMs: 100, maxBackoffMs: 500, maxAttempts: 40, log: () => {} });
    const bodies = Array.from({ length: 40 }, () => platformEventBody('ACCOUNT.UPDATED', account));
    bodies.slice(0, 20).forEach((body) => sender.send(body.id, body));
    await b.stop();
    bodies.slice(20).forEach((body) => sender.send(body.id, body));
    b = await startGatewayProcess({ ...env, PORT: port });
    await sender.idle();
    sender.close();
    await until(() => subscriber.received.length >= bodies.length, 'every event', 30_000);
    await new Promise((r) => setTimeout(r, 200));
    subscriber.stop();
    expect(subscriber.received.map((r) => r.id)).toEqual(bodies.map((body) => body.id));
  });

  it('an end user logged in through one instance is known to the other', async () => {
    const login = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(LoginDocument), variables: { input: { username: 'alice.martin0', domain: 'default', password: seededClientPassword } } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const me = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `DXAPI ${token}` },
      body: JSON.stringify({ query: print(MeDocument) }),
    });
    expect(((await me.json()) as { data: { me: { login: string } } }).data.me.login).toBe('alice.martin0');
  });

  it('a subscription order activated through one instance is confirmed through the other under its API version, in one call', async () => {
    const account = sims.retail.state.createAccount({ metadata: {} });
    account.personalDataProvided = true;
    const graphql = async (gateway: GatewayProcess, query: string, input: unknown) => {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      return ((await res.json()) as { data: Record<string, Record<string, unknown>> }).data;
    };
    const endDate = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const activated = await graphql(a, 'mutation ($input: ActivateSubscriptionsInput!) { activateSubscriptions(input: $input) { ... on SubscriptionActivation { confirmationId apiVersion } } }', {
      accountId: account.id,
      subscriptions: [{ feedName: 'OPRA', endDate }],
    });
    expect(activated.activateSubscriptions).toMatchObject({ apiVersion: 'V2', confirmationId: expect.any(String) });
    sims.clearCalls();
    const confirmed = await graphql(b, 'mutation ($input: ConfirmSubscriptionsInput!) { confirmSubscriptions(input: $input) { __typename ... on SubscriptionsConfirmed { apiVersion } } }', {
      accountId: account.id,
      confirmationId: activated.activateSubscriptions!.confirmationId,
    });
    expect(confirmed.confirmSubscriptions).toEqual({ __typename: 'SubscriptionsConfirmed', apiVersion: 'V2' });
    // The other instance read the order's version from Redis: no v1 attempt first.
    expect(sims.retail.server.calls.map((c) => `${c.route} ${c.status}`)).toEqual(['POST /api/v2/accounts/:accountId/subscriptions/confirm 200']);
  });
});

describe('two gateway processes linking one dxFeed account', () => {
  const graphql = async (gateway: GatewayProcess, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` },
      body: JSON.stringify({ query, variables }),
    });
    return ((await res.json()) as { data: Record<string, { __typename: string; code?: string; account?: { accountId: string } }> }).data;
  };
  const createClient = 'mutation ($input: CreateClientInput!) { createClient(input: $input) { __typename ... on Error { code } } }';

  it('link it to one client: the check and the write hold a Redis lock, so the other instance sees the link (slow checks)', async () => {
    const created = await graphql(a, 'mutation ($email: String!) { createMarketDataAccount(input: { email: $email }) { ... on MarketDataAccountCreated { account { accountId } } } }', { email: `race-${crypto.randomUUID()}@example.com` });
    const feed = created.createMarketDataAccount!.account!.accountId;
    sims.clearCalls();
    // The simulator answers late but changes its state at once: slow checks, so that without a shared
    // lock both instances read the clients before either create lands.
    sims.dxcore.server.setFaults({ 'GET /api/register/client': { latencyMs: 1_000 } });
    try {
      const logins = [`race-a-${Date.now()}`, `race-b-${Date.now()}`];
      const answers = await Promise.all([a, b].map((gateway, i) => graphql(gateway, createClient, { input: { domain: 'default', login: logins[i], dxFeedAccountId: feed } })));
      expect(answers.map((d) => [d.createClient!.__typename, d.createClient!.code ?? null]).sort()).toEqual([
        ['ClientCreated', null],
        ['ConflictError', 'MARKET_DATA_ACCOUNT_ALREADY_LINKED'],
      ]);
      expect([...sims.dxcore.state.clients.values()].filter((c) => c.dxFeedAccountId === feed)).toHaveLength(1);
      expect(sims.dxcore.server.calls.filter((c) => c.route === 'POST /api/register/client')).toHaveLength(1);
      // Released after the write; named by a digest, never by the account id.
      const raw = new Redis(redis.url);
      expect(await raw.keys('gateway:lock:*')).toEqual([]);
      raw.disconnect();
    } finally {
      sims.dxcore.server.setFaults({});
    }
  });
});
