import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, type GraphQLFormattedError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/simulators/http.ts';
import { seededRandom } from '../../src/simulators/faults.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { upstreamHealth } from '../../src/upstreams/index.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

type Json = Record<string, any>;
const doc = (source: string) => parse(source) as TypedDocumentNode<Json, Json>;

/** One query reading a dxCore field and a Platform field, so that one failing leaves the other's data. */
const clientAndAccount = doc(`query($domain: String!, $login: String!, $id: ID!) {
  client(domain: $domain, login: $login) { login }
  platformAccount(accountId: $id) { accountId name }
}`);
const createAccount = doc(`mutation($input: CreatePlatformAccountInput!) {
  r: createPlatformAccount(input: $input) { __typename ... on Error { code message } }
}`);
const accountRoute = 'GET /accounts/:account_id';

/** Settings for UPSTREAM_RESILIENCE: quick retries everywhere, the rest as each group needs. */
const resilience = (platform: Json) => ({ UPSTREAM_RESILIENCE: JSON.stringify({ '*': { retryBaseDelayMs: 1 }, platform }) });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const client = (t: TestGateway) => [...t.sims.dxcore.state.clients.values()].find((c) => c.status !== 'DISABLED')!;
const accountIds = (t: TestGateway) => [...t.sims.platform.state.accounts.keys()];
const platformCalls = (t: TestGateway, route = accountRoute): CallRecord[] => t.sims.platform.server.calls.filter((c) => c.route === route);

async function readBoth(t: TestGateway, id = accountIds(t)[0]!) {
  const c = client(t);
  const res = await t.run(clientAndAccount, { domain: c.domain, login: c.login, id });
  return { ...res, login: c.login };
}

/** The one error of an answer, which must be at `platformAccount` with dxCore's data kept. */
function platformFailure(res: Awaited<ReturnType<typeof readBoth>>): GraphQLFormattedError {
  expect(res.data).toEqual({ client: { login: res.login }, platformAccount: null });
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.path).toEqual(['platformAccount']);
  expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|Bearer|DXAPI/);
  return error;
}

describe('faults of one upstream through the gateway', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, resilience({ breakerThreshold: 1000, deadlineMs: 400 }));
  });
  afterAll(() => t.close());
  afterEach(() => {
    t.sims.platform.server.setFaults({});
    t.sims.clearCalls();
  });

  it('Platform answering 503: dxCore’s data, UPSTREAM_UNAVAILABLE at the Platform field, the GET tried three times', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { errorRate: 1 } });
    const error = platformFailure(await readBoth(t));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'platform', status: 503, code: 'SERVICE_UNAVAILABLE' } });
    expect(platformCalls(t).map((c) => c.fault)).toEqual(['error', 'error', 'error']);
  });

  it('Platform answering 500: not retried (no proxy said the upstream was unreachable), still UPSTREAM_UNAVAILABLE', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { errorRate: 1, errorStatus: 500 } });
    const error = platformFailure(await readBoth(t));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'platform', status: 500, code: 'INTERNAL_ERROR' } });
    expect(platformCalls(t)).toHaveLength(1);
  });

  it('garbage bodies: UPSTREAM_BAD_RESPONSE at the Platform field, not retried', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { garbageRate: 1 } });
    const error = platformFailure(await readBoth(t));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: { name: 'platform', status: 200 } });
    expect(platformCalls(t).map((c) => c.fault)).toEqual(['garbage']);
  });

  it('a connection reset on a GET is retried, and the query answers in full', async () => {
    // A seed whose first draw resets the connection and whose second does not.
    const seed = [...Array(1000).keys()].find((s) => {
      const random = seededRandom(s);
      return random() < 0.5 && random() >= 0.5;
    })!;
    t.sims.platform.server.setFaults({ [accountRoute]: { resetRate: 0.5 } }, { seed });
    const res = await readBoth(t);
    expect(res.errors).toBeUndefined();
    expect(res.data!.platformAccount.accountId).toBe(accountIds(t)[0]);
    expect(platformCalls(t).map((c) => c.fault ?? 'answered')).toEqual(['reset', 'answered']);
  });

  it('resets on every try: UPSTREAM_UNAVAILABLE after three attempts', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { resetRate: 1 } });
    const error = platformFailure(await readBoth(t));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'platform', status: 0 } });
    expect(platformCalls(t).map((c) => c.fault)).toEqual(['reset', 'reset', 'reset']);
  });

  it('a connection reset on a POST (not idempotent) is not retried', async () => {
    t.sims.platform.server.setFaults({ 'POST /accounts': { resetRate: 1 } });
    const state = t.sims.platform.state;
    const res = await t.run(createAccount, { input: { userId: [...state.userIds][0], accountGroupId: [...state.accountGroupIds][0], type: 'TRADING' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.r).toMatchObject({ __typename: 'UpstreamUnavailableError', code: 'UPSTREAM_UNAVAILABLE' });
    expect(platformCalls(t, 'POST /accounts').map((c) => c.fault)).toEqual(['reset']);
  });

  it('latency past the deadline: a timeout error at the Platform field instead of a hang', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { latencyMs: 2_000 } });
    const error = platformFailure(await readBoth(t));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'platform', status: 0 } });
    expect(error.message).toMatch(/no answer within the 400 ms deadline/);
  });
});

describe('the circuit breaker', () => {
  let t: TestGateway;
  // Long enough that the refused call surely comes before it ends, even on a loaded machine.
  const cooldownMs = 600;
  beforeAll(async () => {
    t = await startTestGateway({}, resilience({ breakerThreshold: 3, breakerCooldownMs: cooldownMs }));
  });
  afterAll(() => t.close());
  afterEach(() => {
    t.sims.platform.server.setFaults({});
    t.sims.clearCalls();
  });

  it('4xx answers are the upstream working: they never open it', async () => {
    for (let i = 0; i < 5; i++) {
      const error = platformFailure(await readBoth(t, '00000000-0000-4000-8000-000000000000'));
      expect(error.extensions).toMatchObject({ code: 'PLATFORM_ACCOUNT_NOT_FOUND' });
    }
    expect(platformCalls(t)).toHaveLength(5);
    expect(upstreamHealth(t.gateway.upstreams).platform).toMatchObject({ state: 'healthy', circuit: 'closed' });
  });

  it('opens after consecutive failures, refuses calls without sending them, and closes after the cool-down once the upstream recovers', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { errorRate: 1 } });
    platformFailure(await readBoth(t));
    expect(platformCalls(t)).toHaveLength(3);
    const open = upstreamHealth(t.gateway.upstreams);
    expect(open.platform).toMatchObject({ state: 'unhealthy', circuit: 'open', inFlight: 0, queued: 0 });
    expect(open.platform.lastFailure).toMatch(/^\S+Z GET \/accounts\/:accountId 503$/);
    expect(JSON.stringify(open)).not.toMatch(/127\.0\.0\.1|Bearer|http:/);
    expect(open.dxcore).toMatchObject({ state: 'healthy', circuit: 'closed' });

    // Open: refused at once, nothing reaches Platform, dxCore still answers.
    t.sims.clearCalls();
    const refused = platformFailure(await readBoth(t));
    expect(refused.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'platform', status: 0 } });
    expect(refused.message).toMatch(/circuit open/);
    expect(platformCalls(t)).toHaveLength(0);

    // After the cool-down one probe goes out; Platform still fails, so the circuit opens again.
    await sleep(cooldownMs + 50);
    platformFailure(await readBoth(t));
    expect(platformCalls(t)).toHaveLength(1);
    expect(upstreamHealth(t.gateway.upstreams).platform.circuit).toBe('open');

    // Platform recovers: after the next cool-down the probe succeeds and the circuit closes.
    t.sims.platform.server.setFaults({});
    t.sims.clearCalls();
    await sleep(cooldownMs + 50);
    const res = await readBoth(t);
    expect(res.errors).toBeUndefined();
    expect(platformCalls(t)).toHaveLength(1);
    expect(upstreamHealth(t.gateway.upstreams).platform).toMatchObject({ state: 'healthy', circuit: 'closed' });
    expect((await readBoth(t)).errors).toBeUndefined();
  });
});

describe('the cap on concurrent calls', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, resilience({ maxConcurrent: 2, maxQueued: 2 }));
  });
  afterAll(() => t.close());

  it('keeps at most 2 calls in flight, queues 2 more, and refuses the rest at once', async () => {
    t.sims.platform.server.setFaults({ [accountRoute]: { latencyMs: 50 } });
    const ids = accountIds(t).slice(0, 6);
    // One request, six accounts: the loader sends six calls in the same tick.
    const aliases = ids.map((id, i) => `a${i}: platformAccount(accountId: "${id}") { id }`).join(' ');
    const res = await t.run(doc(`{ ${aliases} }`));
    const answered = Object.values(res.data!).filter((v) => v !== null);
    expect(answered).toHaveLength(4);
    expect(res.errors).toHaveLength(2);
    for (const error of res.errors!) {
      expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(error.message).toMatch(/too many calls in progress/);
    }
    expect(platformCalls(t)).toHaveLength(4);
    expect(t.sims.platform.server.peakInFlight).toBeLessThanOrEqual(2);
    expect(upstreamHealth(t.gateway.upstreams).platform).toMatchObject({ inFlight: 0, queued: 0 });
  });
});

describe('Platform down', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, resilience({ breakerThreshold: 3 }));
    await t.sims.platform.close();
  });
  afterAll(() => t.close());

  it('answers dxCore’s data with UPSTREAM_UNAVAILABLE at the Platform field, and reports Platform unhealthy', async () => {
    const error = platformFailure(await readBoth(t));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'platform', status: 0 } });
    const health = upstreamHealth(t.gateway.upstreams);
    expect(health.platform).toMatchObject({ state: 'unhealthy', circuit: 'open' });
    expect(health.platform.lastFailure).toMatch(/ unreachable$/);
    expect(health.dxcore.state).toBe('healthy');
    expect(health.retail.state).toBe('healthy');
  });

  it('/readyz stays 200 (the instance still serves dxCore and Retail) and names Platform as the unhealthy upstream, without its error text', async () => {
    await readBoth(t);
    const res = await fetch(`${t.gateway.url}/readyz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ status: 'ready', upstreams: { platform: { state: 'unhealthy', circuit: 'open' }, dxcore: { state: 'healthy' } } });
    expect(body.upstreams.platform.lastFailure).toMatch(/^\S+Z GET \/accounts\/:accountId unreachable$/);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|Bearer|password|connection failed/i);
  });
});

describe('readiness after an outage', () => {
  const cooldownMs = 1_000;
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { UPSTREAM_RESILIENCE: JSON.stringify({ retail: { breakerThreshold: 1, breakerCooldownMs: cooldownMs, deadlineMs: 200, retries: 0 } }) });
  });
  afterAll(() => t.close());

  it('Retail hangs for one query and its circuit opens, then Retail heals: with no other traffic /readyz answers 200 within the cool-down plus one second, calling no upstream', async () => {
    const retailAccountId = [...t.sims.retail.state.accounts.keys()][0]!;
    t.sims.retail.server.setFaults({ '*': { latencyMs: 1_000 } });
    const res = await t.run(doc(`{ marketDataAccount(accountId: "${retailAccountId}") { id } }`));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'retail' } });
    expect(upstreamHealth(t.gateway.upstreams).retail).toMatchObject({ state: 'unhealthy', circuit: 'open' });

    t.sims.retail.server.setFaults({});
    t.sims.clearCalls();
    const deadline = Date.now() + cooldownMs + 1_000;
    let readyz = await fetch(`${t.gateway.url}/readyz`);
    while (readyz.status !== 200 && Date.now() < deadline) {
      await sleep(100);
      readyz = await fetch(`${t.gateway.url}/readyz`);
    }
    expect(readyz.status).toBe(200);
    const body = (await readyz.json()) as Json;
    expect(body).toMatchObject({ status: 'ready', upstreams: { retail: { circuit: 'open' }, dxcore: { state: 'healthy' }, platform: { state: 'healthy' } } });
    expect(body.upstreams.retail.lastFailure).toMatch(/^\S+Z GET \S+ timeout$/);
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    expect(metrics).toContain('gateway_upstream_circuit{upstream="retail",state="open"} 1');
    expect(metrics).toContain('gateway_upstream_circuit{upstream="dxcore",state="closed"} 1');
    // Readiness is this process's own state: asking for it sent nothing upstream.
    expect([...t.sims.dxcore.server.calls, ...t.sims.retail.server.calls, ...t.sims.platform.server.calls]).toEqual([]);
  });
});

describe('UPSTREAM_RESILIENCE', () => {
  const urls = { DXCORE_URL: 'http://127.0.0.1:1', DXCORE_USERNAME: 'u', DXCORE_DOMAIN: 'd', DXCORE_PASSWORD: 'p', RETAIL_URL: 'http://127.0.0.1:2', RETAIL_API_KEY: 'k', PLATFORM_URL: 'http://127.0.0.1:3', PLATFORM_API_KEY: 'k' };

  it('gives each upstream the settings of * with its own on top', () => {
    const config = loadConfig({ ...urls, UPSTREAM_RESILIENCE: '{"*": {"deadlineMs": 5000, "retries": 1}, "platform": {"retries": 0, "maxConcurrent": 4}}' });
    expect(config.dxcore!.http).toEqual({ deadlineMs: 5000, retries: 1 });
    expect(config.platform!.http).toEqual({ deadlineMs: 5000, retries: 0, maxConcurrent: 4 });
    expect(loadConfig(urls).retail!.http).toEqual({});
  });

  it('refuses a bad value with a ConfigError naming the key, never the value', () => {
    expect(() => loadConfig({ ...urls, UPSTREAM_RESILIENCE: '{"platform": {"deadlinMs": 5}}' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...urls, UPSTREAM_RESILIENCE: '{"platform": {"deadlinMs": 5}}' })).toThrow(/UPSTREAM_RESILIENCE platform: .*deadlinMs/);
    expect(() => loadConfig({ ...urls, UPSTREAM_RESILIENCE: '{"platform": {"maxConcurrent": 0}}' })).toThrow(/UPSTREAM_RESILIENCE platform\.maxConcurrent: /);
    expect(() => loadConfig({ UPSTREAM_RESILIENCE: 'secret-looking{' })).toThrow(new ConfigError('UPSTREAM_RESILIENCE must be JSON'));
  });

  it('a fresh upstream is healthy, with nothing in flight and no failure', async () => {
    const t = await startTestGateway();
    try {
      expect(upstreamHealth(t.gateway.upstreams)).toEqual({
        dxcore: { state: 'healthy', circuit: 'closed', inFlight: 0, queued: 0 },
        retail: { state: 'healthy', circuit: 'closed', inFlight: 0, queued: 0 },
        platform: { state: 'healthy', circuit: 'closed', inFlight: 0, queued: 0 },
      });
    } finally {
      await t.close();
    }
  });
});
