import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contractOperations } from '../../src/contract-operations.ts';
import { logger, logTo } from '../../src/observability/logger.ts';
import { registry } from '../../src/observability/metrics.ts';
import { startTracing } from '../../src/observability/tracing.ts';
import { AccountEventsDocument, LoginDocument, MeDocument, TraderDashboardDocument } from '../generated/operations.ts';
import { platformEventBody, postWebhook, subscribeWs, until, wsClient } from '../support/events.ts';
import { keys, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';

const partner = `Bearer ${keys.all}`;
const alice = { domain: 'default', login: 'alice.martin0' };

// Every log line this file's gateways write, at info, parsed.
const logLines: string[] = [];
const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
let restoreLogs: () => void;
const previousLevel = logger.level;

let t: TestGateway;
beforeAll(async () => {
  restoreLogs = logTo({ write: (line: string) => void logLines.push(line) });
  logger.level = 'info';
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
  restoreLogs();
  logger.level = previousLevel;
});

/** POSTs an operation with extra headers; the answer's body and headers. */
async function post<R, V>(gatewayUrl: string, doc: TypedDocumentNode<R, V>, variables: V, headers: Record<string, string> = {}) {
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: partner, ...headers },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: R; errors?: { extensions?: Record<string, unknown> }[] } };
}

async function scrape(gatewayUrl = t.gateway.url): Promise<{ contentType: string | null; text: string }> {
  const res = await fetch(`${gatewayUrl}/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), text: await res.text() };
}

/** The sum of a metric's samples whose labels include `labels` (0 when none). */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => given[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

/** Every sample of `name` as `label=value,...` -> value. */
function samples(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (match?.[1] === name) out.set(match[2] as string, Number(match[3]));
  }
  return out;
}

/** Route patterns with their parameter names dropped: the gateway and the simulators name them differently. */
const shape = (route: string) => route.replace(/:\w+/g, ':');

describe('/metrics', () => {
  it('serves Prometheus text with the process metrics', async () => {
    const { contentType, text } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE gateway_graphql_operations_total counter');
    expect(text).toContain('# TYPE gateway_upstream_call_duration_seconds histogram');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('renders at most once a second however many scrape at once (the red team\'s flood rendered once per scrape)', async () => {
    const renders = vi.spyOn(registry, 'metrics');
    try {
      const started = performance.now();
      const scrapes = await Promise.all(Array.from({ length: 50 }, () => scrape()));
      const elapsedMs = performance.now() - started;
      for (const { text } of scrapes) expect(text).toContain('# TYPE gateway_graphql_operations_total counter');
      // Renders start at least a second apart: in elapsedMs, at most this many.
      expect(renders.mock.calls.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 1000) + 1);
    } finally {
      renders.mockRestore();
    }
  });

  it('answers 500 when a render fails, and the gateway goes on (the rejection used to go unhandled)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the previous test's shared render
    const renders = vi.spyOn(registry, 'metrics').mockRejectedValueOnce(new Error('collector failed'));
    try {
      const res = await fetch(`${t.gateway.url}/metrics`);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('collector failed');
      expect((await fetch(`${t.gateway.url}/healthz`)).status).toBe(200);
      const line = logLines.findIndex((l) => l.includes('/metrics could not be rendered'));
      expect(JSON.parse(logLines[line]!)).toMatchObject({ level: 'error', err: { message: 'collector failed' } });
      logLines.splice(line, 1); // expected here; later tests count error lines
    } finally {
      renders.mockRestore();
    }
  });

  it('counts and times a contract query by name, type and outcome, and observes its loader batches', async () => {
    const labels = { operation_name: 'TraderDashboard', operation_type: 'query', outcome: 'success' };
    const before = (await scrape()).text;
    const res = await post(t.gateway.url, TraderDashboardDocument, alice);
    expect(res.body.errors).toBeUndefined();
    const after = (await scrape()).text;
    expect(value(after, 'gateway_graphql_operations_total', labels) - value(before, 'gateway_graphql_operations_total', labels)).toBe(1);
    expect(value(after, 'gateway_graphql_operation_duration_seconds_count', labels) - value(before, 'gateway_graphql_operation_duration_seconds_count', labels)).toBe(1);
    expect(value(after, 'gateway_loader_batch_size_count') - value(before, 'gateway_loader_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'gateway_loader_batch_size_sum') - value(before, 'gateway_loader_batch_size_sum')).toBeGreaterThanOrEqual(1);
  });

  it('counts an operation that does not validate as invalid, and an unknown key as an error', async () => {
    const before = (await scrape()).text;
    await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: partner }, body: JSON.stringify({ query: 'query Broken { noSuchField }' }) });
    await post(t.gateway.url, MeDocument, {}, { authorization: 'Bearer not-a-configured-key' });
    const after = (await scrape()).text;
    const delta = (labels: Record<string, string>) => value(after, 'gateway_graphql_operations_total', labels) - value(before, 'gateway_graphql_operations_total', labels);
    expect(delta({ operation_name: 'other', outcome: 'invalid' })).toBe(1);
    expect(delta({ operation_name: 'Me', outcome: 'error' })).toBe(1);
    expect(logged().filter((l) => l.operation === 'Broken').at(-1)).toMatchObject({ outcome: 'invalid', errors: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(logged().filter((l) => l.operation === 'Me').at(-1)).toMatchObject({ outcome: 'error', errors: ['UNAUTHENTICATED'] });
  });

  it('logs a variable that does not fit with the code the caller got, BAD_USER_INPUT (was INTERNAL_SERVER_ERROR beside a 400)', async () => {
    t.sims.clearCalls();
    const res = await fetch(`${t.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query BadVariable($t: ClientType) { clients(type: $t) { totalCount } }', variables: { t: 'CLIENTS' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions?: { code?: string } }[] };
    expect(body.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(logged().filter((l) => l.operation === 'BadVariable')).toEqual([expect.objectContaining({ outcome: 'error', errors: ['BAD_USER_INPUT'] })]);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('labels operations by contract name, any other name as other: names callers choose add no series', async () => {
    const series = (text: string) => new Set([...samples(text, 'gateway_graphql_operations_total').keys(), ...samples(text, 'gateway_graphql_operation_duration_seconds_bucket').keys()]);
    const before = (await scrape()).text;
    for (let i = 0; i < 30; i++) {
      const name = `Probe${i}x${Date.now()}`;
      const res = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query ${name} { __typename }`, operationName: name }) });
      expect(res.status).toBe(200);
    }
    const after = (await scrape()).text;
    expect(after).not.toMatch(/Probe\d/);
    const added = [...series(after)].filter((s) => !series(before).has(s));
    // At most the `other` series of one outcome: the counter and the histogram's buckets, +Inf included.
    expect(added.length).toBeLessThanOrEqual(1 + 13);
    const labels = { operation_name: 'other', operation_type: 'query', outcome: 'success' };
    expect(value(after, 'gateway_graphql_operations_total', labels) - value(before, 'gateway_graphql_operations_total', labels)).toBe(30);
    const names = new Set([...samples(after, 'gateway_graphql_operations_total').keys()].map((s) => /operation_name="([^"]*)"/.exec(s)?.[1]));
    const known = new Set(['other', 'anonymous', ...contractOperations().keys()]);
    expect([...names].filter((n) => !known.has(n ?? ''))).toEqual([]);
  });

  it('never fails a request itself: an operationName that is not a string is Yoga\'s 400, not a masked 500', async () => {
    for (const operationName of [7, { not: 'a name' }]) {
      const res = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: partner }, body: JSON.stringify({ query: '{ __typename }', operationName }) });
      expect(res.status).toBe(400);
    }
    expect(logged().filter((l) => l.level === 'error')).toEqual([]);
  });

  it('counts upstream calls by upstream, route pattern and status, as the simulators logged them', async () => {
    const before = samples((await scrape()).text, 'gateway_upstream_calls_total');
    for (const upstream of ['dxcore', 'retail', 'platform'] as const) t.sims[upstream].server.clearCalls();
    await post(t.gateway.url, TraderDashboardDocument, alice);
    await post(t.gateway.url, TraderDashboardDocument, { domain: 'default', login: 'nobody.here' });
    const after = samples((await scrape()).text, 'gateway_upstream_calls_total');

    const counted: Record<string, number> = {};
    for (const [labels, n] of after) {
      const delta = n - (before.get(labels) ?? 0);
      if (delta === 0) continue;
      const { upstream, route, status } = Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      expect(route).not.toMatch(/alice|nobody/); // the pattern, never the concrete path
      const key = `${upstream} ${shape(route as string)} ${status}`;
      counted[key] = (counted[key] ?? 0) + delta;
    }
    const simulated: Record<string, number> = {};
    for (const upstream of ['dxcore', 'retail', 'platform'] as const) {
      for (const call of t.sims[upstream].server.calls) {
        const key = `${upstream} ${shape(call.route)} ${call.status}`;
        simulated[key] = (simulated[key] ?? 0) + 1;
      }
    }
    expect(counted).toEqual(simulated);
    // The log line names the code the caller got for the unknown client.
    expect(logged().filter((l) => l.operation === 'TraderDashboard').at(-1)).toMatchObject({ outcome: 'error', errors: ['CLIENT_NOT_FOUND'] });
    expect(Object.keys(simulated).some((k) => k.endsWith(' 404'))).toBe(true);
  });

  it('shows graphql-ws connections going up and down', async () => {
    const gauge = async () => value((await scrape()).text, 'gateway_graphql_ws_connections');
    const start = await gauge();
    const client = wsClient(t.gateway.url, partner);
    const sub = subscribeWs(client, AccountEventsDocument);
    await until(() => t.gateway.webSocketConnections() === 1, 'the socket to open');
    expect(await gauge()).toBe(start + 1);
    await sub.close();
    await client.dispose();
    await until(() => t.gateway.webSocketConnections() === 0, 'the socket to close');
    expect(await gauge()).toBe(start);
  });

  it('counts events in by source and outcome, and events out by stream', async () => {
    const client = wsClient(t.gateway.url, partner);
    const sub = subscribeWs(client, AccountEventsDocument);
    await until(() => t.gateway.events.size === 1, 'the subscriber to register');
    const before = (await scrape()).text;
    const body = platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-000000000077' });
    const first = await postWebhook(t.gateway.url, '/webhooks/platform', body, { secret: webhookSecret });
    expect(first.status).toBe(200);
    await sub.waitFor(1);
    expect((await postWebhook(t.gateway.url, '/webhooks/platform', body, { secret: webhookSecret, webhookId: first.webhookId })).body.duplicate).toBe(true);
    expect((await postWebhook(t.gateway.url, '/webhooks/platform', body, { secret: webhookSecret, signature: 'v1,AAAA' })).status).toBe(401);
    const after = (await scrape()).text;
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(delta('gateway_events_received_total', { source: 'platform', outcome: 'accepted' })).toBe(1);
    expect(delta('gateway_events_received_total', { source: 'platform', outcome: 'duplicate' })).toBe(1);
    expect(delta('gateway_events_received_total', { source: 'platform', outcome: 'refused' })).toBe(1);
    expect(delta('gateway_events_delivered_total', { stream: 'account' })).toBe(1);
    await sub.close();
    await client.dispose();
    await until(() => t.gateway.events.size === 0, 'the subscriber to go');
  });
});

describe('request ids', () => {
  it('answers with the caller\'s x-request-id, sends it on every upstream call and logs the operation under it as JSON', async () => {
    for (const upstream of ['dxcore', 'retail', 'platform'] as const) t.sims[upstream].server.clearCalls();
    const res = await post(t.gateway.url, TraderDashboardDocument, alice, { 'x-request-id': 'obs-test-request-1' });
    expect(res.headers.get('x-request-id')).toBe('obs-test-request-1');
    const calls = (['dxcore', 'retail', 'platform'] as const).flatMap((u) => t.sims[u].server.calls);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.map((c) => c.requestId)).toEqual(calls.map(() => 'obs-test-request-1'));

    const line = logged().find((l) => l.requestId === 'obs-test-request-1' && l.msg === 'graphql operation');
    expect(line).toMatchObject({ level: 'info', transport: 'http', operation: 'TraderDashboard', operationType: 'query', outcome: 'success' });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(typeof line?.time).toBe('string');
  });

  it('makes one when the caller sends none or an unusable one, and sends that upstream', async () => {
    for (const upstream of ['dxcore', 'retail', 'platform'] as const) t.sims[upstream].server.clearCalls();
    const res = await post(t.gateway.url, TraderDashboardDocument, alice, { 'x-request-id': 'bad id with spaces' });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(t.sims.dxcore.server.calls.map((c) => c.requestId))).toEqual(new Set([id]));
  });

  it('logs a webhook with its request id, source and outcome', async () => {
    const body = platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-000000000078' });
    const { webhookId } = await postWebhook(t.gateway.url, '/webhooks/platform', body, { secret: webhookSecret });
    const line = logged().find((l) => l.msg === 'webhook' && l.webhookId === webhookId);
    expect(line).toMatchObject({ source: 'platform', status: 200, outcome: 'accepted', requestId: expect.any(String) });
  });
});

describe('secrets', () => {
  it('never appear in logs or /metrics: caller keys, DXAPI tokens, upstream credentials, the webhook secret', async () => {
    const login = await post(t.gateway.url, LoginDocument, { input: { username: alice.login, domain: alice.domain, password: 'Demo-1234' } }, { authorization: '' });
    const token = (login.body.data as { login: { token?: string } }).login.token as string;
    expect(token).toBeTruthy();
    await post(t.gateway.url, MeDocument, {}, { authorization: `DXAPI ${token}` });
    await post(t.gateway.url, MeDocument, {}, { authorization: 'DXAPI not-a-session-token-0000' });
    await postWebhook(t.gateway.url, '/webhooks/platform', { not: 'an event' }, { secret: webhookSecret });
    // What an unexpected failure or an upstream echoing a credential would put in a record.
    const env = t.sims.env;
    logger.error(
      {
        err: new Error(`call to http://gateway:${env.DXCORE_PASSWORD}@dxcore.internal/login failed with key ${env.RETAIL_API_KEY}`),
        headers: { authorization: `Bearer ${keys.all}`, 'x-api-key': env.PLATFORM_API_KEY },
        config: { password: env.DXCORE_PASSWORD, apiKey: env.RETAIL_API_KEY, webhookSecret },
        note: `token=${token}&more`,
      },
      `caller sent DXAPI ${token} with Bearer ${keys.all} to https://user:${env.DXCORE_PASSWORD}@example.com`,
    );

    const secrets = [keys.all, keys.reader, keys.writer, token, env.DXCORE_PASSWORD, env.RETAIL_API_KEY, env.PLATFORM_API_KEY, webhookSecret, 'Demo-1234'];
    for (const secret of secrets) expect(secret && secret.length).toBeGreaterThan(5);
    const logs = logLines.join('');
    const metrics = (await scrape()).text;
    for (const secret of secrets as string[]) {
      expect(logs).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
    expect(logs).toContain('[redacted]');
  });
});

describe('OpenTelemetry tracing, with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  interface OtlpSpan {
    traceId: string;
    spanId: string;
    parentSpanId?: string;
    name: string;
    attributes?: { key: string; value: Record<string, unknown> }[];
  }
  const exported: { path: string; body: { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] } }[] = [];
  const spans = () => exported.flatMap((e) => e.body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
  let collector: Server;
  let traced: TestGateway;

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector: records each JSON export.
    collector = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += String(chunk)));
      req.on('end', () => {
        exported.push({ path: req.url ?? '', body: JSON.parse(text) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    traced = await startTestGateway();
  });
  afterEach(() => void (exported.length = 0));
  afterAll(async () => {
    await traced.close();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    collector.closeAllConnections();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
  });

  it('exports the operation span and its upstream call spans in one trace, whose context reached the upstreams', async () => {
    for (const upstream of ['dxcore', 'retail', 'platform'] as const) traced.sims[upstream].server.clearCalls();
    const res = await post(traced.gateway.url, TraderDashboardDocument, alice);
    expect(res.body.errors).toBeUndefined();
    await startTracing()?.flush();

    expect(exported.every((e) => e.path === '/v1/traces')).toBe(true);
    const resource = exported[0]?.body.resourceSpans[0]?.resource.attributes ?? [];
    expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'brokerage-graphql-gateway' } });
    const operation = spans().find((s) => s.name === 'query.TraderDashboard');
    expect(operation).toBeDefined();
    const traceId = operation?.traceId as string;
    const calls = (['dxcore', 'retail', 'platform'] as const).flatMap((u) => traced.sims[u].server.calls).filter((c) => c.route !== 'POST /ping');
    const upstreamSpans = spans().filter((s) => s.traceId === traceId && s !== operation);
    expect(upstreamSpans).toHaveLength(calls.length);
    expect(new Set(upstreamSpans.map((s) => s.parentSpanId))).toEqual(new Set([operation?.spanId]));
    expect(upstreamSpans.map((s) => s.name).sort()).toContain('GET /api/register/client/:domain/:login');
    const client = upstreamSpans.find((s) => s.name === 'GET /api/register/client/:domain/:login');
    expect(client?.attributes).toContainEqual({ key: 'http.response.status_code', value: { intValue: 200 } });
    // Each upstream got the trace context of its own call's span.
    expect(calls.map((c) => c.traceparent?.split('-')[1])).toEqual(calls.map(() => traceId));
    expect(new Set(calls.map((c) => c.traceparent?.split('-')[2]))).toEqual(new Set(upstreamSpans.map((s) => s.spanId)));
  });

  it('joins the caller\'s trace when the request carries a traceparent', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    await post(traced.gateway.url, TraderDashboardDocument, alice, { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` });
    await startTracing()?.flush();
    const operation = spans().find((s) => s.name === 'query.TraderDashboard');
    expect(operation?.traceId).toBe(callerTrace);
    expect(operation?.parentSpanId).toBe('00f067aa0ba902b7');
  });

  it('records a caller\'s trace flagged not sampled (-00) all the same: the caller does not decide what the gateway records', async () => {
    const callerTrace = '5c7f0d8e2b1a4c3d9e8f7a6b5c4d3e2f';
    const res = await post(traced.gateway.url, TraderDashboardDocument, alice, { traceparent: `00-${callerTrace}-00f067aa0ba902b7-00` });
    expect(res.body.errors).toBeUndefined();
    await startTracing()?.flush();
    const operation = spans().find((s) => s.name === 'query.TraderDashboard');
    expect(operation?.traceId).toBe(callerTrace);
    expect(spans().filter((s) => s.traceId === callerTrace).length).toBeGreaterThan(1);
  });

  it('lets only the trace id of a caller\'s headers reach the upstreams: baggage, tracestate and every other header stay behind', async () => {
    const upstreamCalls = () => (['dxcore', 'retail', 'platform'] as const).flatMap((u) => traced.sims[u].server.calls).filter((c) => c.route !== 'POST /ping' && c.route !== 'POST /login');
    const headerSets = () => new Set(upstreamCalls().map((c) => c.headerNames.join(',')));
    const clear = () => (['dxcore', 'retail', 'platform'] as const).forEach((u) => traced.sims[u].server.clearCalls());
    clear();
    await post(traced.gateway.url, TraderDashboardDocument, alice);
    const plain = headerSets();
    clear();
    const callerTrace = '0af7651916cd43dd8448eb211c80319c';
    const hostile = {
      traceparent: `00-${callerTrace}-b7ad6b7169203331-01`,
      tracestate: 'vendor=secret-routing-hint',
      baggage: 'userId=alice,session=partner-secret',
      cookie: 'sid=caller-cookie',
      'x-forwarded-for': '10.0.0.1',
      'x-api-key': 'caller-key',
      'x-upstream-override': 'yes',
    };
    const res = await post(traced.gateway.url, TraderDashboardDocument, alice, hostile);
    expect(res.body.errors).toBeUndefined();
    const calls = upstreamCalls();
    expect(calls.length).toBe(4);
    // Each call carries exactly the headers it carries for a caller who sent none of these.
    expect(headerSets()).toEqual(plain);
    for (const call of calls) {
      expect(call.headerNames).not.toContain('baggage');
      expect(call.headerNames).not.toContain('tracestate');
      expect(call.traceparent?.split('-')[1]).toBe(callerTrace);
    }
  });
});
