/**
 * The worst request each of the gateway's per-request budgets admits (the largest cost, the most
 * upstream calls, the largest answer), sent by one partner key at the pace the default rate limit
 * allows, while an end user asks `Me` at a steady pace. For each: that user's p99 beside the abuse and
 * just before it (same gateway, same run), the abusive request's own figures, and the gateway's memory.
 */
import { parse } from 'graphql';
import { schema } from '../src/graph/schema.ts';
import { operationCost } from '../src/security/cost.ts';
import { defaultQueryLimits, defaultRateLimit } from '../src/security/settings.ts';
import { openLoop, type GatewayClient } from './load.ts';
import { sampleProcess, withCpu, type CollectedMemory, type CpuShares, type GatewayProcess, type SimulatorsProcess } from './processes.ts';
import type { GatewayRequest } from './queries.ts';
import { summarize, type LatencySummary } from './stats.ts';

export interface AbuseSettings {
  /** Each measured stretch (idle, then beside the abuse), s. */
  seconds: number;
  /** The end user's `Me` requests per second. */
  ordinaryRate: number;
  /** The abusive key's requests per second: what the default RATE_LIMIT lets one caller send. */
  abuseRate: number;
}

export interface AbuseCase {
  name: string;
  /** How close to its limit the request is, e.g. `cost 4,695 of 5,000`. */
  admitted: string;
  request: GatewayRequest;
  /** One step further, and the code the gateway must refuse it with. */
  further: { what: string; request: GatewayRequest; code: string };
}

export interface AbuseResult {
  name: string;
  admitted: string;
  further: { what: string; code: string; answered: string };
  /** One abusive request on its own: answer size and upstream calls. */
  responseBytes: number;
  upstreamCalls: number;
  abuse: { sent: number; errors: number; firstError: string | undefined; latency: LatencySummary };
  idle: LatencySummary;
  beside: LatencySummary;
  /** `Me` requests that failed, idle or beside the abuse. */
  ordinaryErrors: number;
  /** The end user's p99 beside the abuse over its p99 just before. */
  p99Ratio: number;
  /** CPU use beside the abuse, in % of one core. */
  cpu: CpuShares;
  /** Gateway memory after a full collection before the abuse, its highest RSS during it, and after a full collection again. */
  before: CollectedMemory;
  peakRssMb: number;
  after: CollectedMemory;
}

/** Every Client field read from the client record (no call of its own, unlike `version`). */
const clientFields = 'login domain fullName email brokerCode type status dxFeedAccountId passwordExpiry passwordReset createdAt lastLogin birthPlace birthDate citizenship phone insuranceNumber company contractDate comments';
/** The same and the wide ones: the id, the location and the identity document. */
const wideClientFields = `id ${clientFields} location { countryCode zipCode address } document { type series number issuedBy issuedDate }`;

const request = (query: string, authorization: string, variables?: Record<string, unknown>): GatewayRequest => ({ body: JSON.stringify({ query, variables }), authorization });

/** 15 aliases (the alias limit) of a page of `first` clients with `fields`. */
const clientPages = (first: number, fields: string, cursor: boolean) =>
  `fragment F on Client { ${fields} } { ${Array.from({ length: defaultQueryLimits.aliases }, (_, i) => `p${i}: clients(first: ${first}) { edges { ${cursor ? 'cursor ' : ''}node { ...F } } }`).join(' ')} }`;

const costOf = (query: string) => operationCost(schema, parse(query), {}) ?? Number.NaN;

/** The largest page size whose 15 pages stay within the default cost limit. */
function largestAdmittedPages(fields: string, cursor: boolean): { first: number; cost: number } {
  let first = 1;
  while (costOf(clientPages(first + 1, fields, cursor)) <= defaultQueryLimits.cost) first++;
  return { first, cost: costOf(clientPages(first, fields, cursor)) };
}

const int = (n: number) => n.toLocaleString('en-US');

/** The three cases, over the seeded world as the gateway shows it to `authorization` (a partner key with every scope). */
export async function abuseCases(client: GatewayClient, authorization: string): Promise<AbuseCase[]> {
  const seeded = await client.query(request('{ clients(first: 500) { edges { node { id } } } accounts(first: 500) { edges { node { id } } } }', authorization));
  const nodeIds = (connection: string) => (seeded.data[connection] as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
  // One read per id: as many ids as the call budget, which nodes(ids:) must take.
  const calls = defaultQueryLimits.upstreamCalls;
  if (calls > defaultQueryLimits.nodeIds) throw new Error(`nodes(ids:) takes ${defaultQueryLimits.nodeIds} ids, fewer than the ${calls} calls a request may make`);
  const ids = [...nodeIds('clients'), ...nodeIds('accounts')].slice(0, calls);
  if (ids.length < calls) throw new Error(`the seeded world has only ${ids.length} clients and accounts`);
  const nodes = '... on Client { email } ... on Account { balance }';
  const cost = largestAdmittedPages(clientFields, false);
  const wide = largestAdmittedPages(wideClientFields, true);
  return [
    {
      name: 'largest cost',
      admitted: `cost ${int(cost.cost)} of ${int(defaultQueryLimits.cost)}: 15 pages of ${cost.first} clients, 20 fields each`,
      request: request(clientPages(cost.first, clientFields, false), authorization),
      further: { what: `pages of ${cost.first + 1}`, request: request(clientPages(cost.first + 1, clientFields, false), authorization), code: 'COST_LIMIT_EXCEEDED' },
    },
    {
      name: 'most upstream calls',
      admitted: `${calls} calls of ${calls}: nodes(ids:) with ${calls} client and account ids, each its own read`,
      request: request(`query($ids: [ID!]!) { nodes(ids: $ids) { ${nodes} } }`, authorization, { ids }),
      further: {
        what: 'one more call (a broker)',
        request: request(`query($ids: [ID!]!) { nodes(ids: $ids) { ${nodes} } broker(code: "ACME") { name } }`, authorization, { ids }),
        code: 'UPSTREAM_CALL_BUDGET_EXCEEDED',
      },
    },
    {
      name: 'largest response',
      admitted: `cost ${int(wide.cost)} of ${int(defaultQueryLimits.cost)}, the widest fields: 15 pages of ${wide.first} clients with ids, cursors, locations and documents`,
      request: request(clientPages(wide.first, wideClientFields, true), authorization),
      further: { what: `pages of ${wide.first + 1}`, request: request(clientPages(wide.first + 1, wideClientFields, true), authorization), code: 'COST_LIMIT_EXCEEDED' },
    },
  ];
}

/** Sends `req` once and answers its status and body, whatever they are. */
async function raw(url: string, req: GatewayRequest): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(req.authorization ? { authorization: req.authorization } : {}) },
    body: req.body,
  });
  return { status: res.status, text: await res.text() };
}

/** The highest RSS of `pid` while `work` runs, sampled every 50 ms. */
async function peakRss<T>(pid: number, work: Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = sampleProcess(pid).rssMb;
  const timer = setInterval(() => (peak = Math.max(peak, sampleProcess(pid).rssMb)), 50);
  try {
    return { result: await work, peakRssMb: peak };
  } finally {
    clearInterval(timer);
  }
}

export async function measureAbuse(gateway: GatewayProcess, sims: SimulatorsProcess, client: GatewayClient, cases: AbuseCase[], me: GatewayRequest, settings: AbuseSettings): Promise<AbuseResult[]> {
  const ms = settings.seconds * 1000;
  const ordinary = client.operation(me);
  const results: AbuseResult[] = [];
  for (const c of cases) {
    const refused = await raw(gateway.url, c.further.request);
    if (!refused.text.includes(c.further.code)) throw new Error(`${c.name}: ${c.further.what} was not refused with ${c.further.code}: ${refused.status} ${refused.text.slice(0, 300)}`);
    await sims.clearCalls();
    const alone = await raw(gateway.url, c.request);
    const upstreamCalls = (await sims.calls()).length;
    const idle = await openLoop([ordinary], settings.ordinaryRate, ms);
    const before = await gateway.collectedMemory();
    const both = withCpu({ gateway: gateway.pid, simulators: sims.pid }, () =>
      Promise.all([openLoop([client.operation(c.request)], settings.abuseRate, ms), openLoop([ordinary], settings.ordinaryRate, ms)]),
    );
    const { result: { result: [abuse, beside], cpu }, peakRssMb } = await peakRss(gateway.pid, both);
    const after = await gateway.collectedMemory();
    await sims.clearCalls();
    const besideLatency = summarize(beside.latencies);
    const idleLatency = summarize(idle.latencies);
    results.push({
      name: c.name,
      admitted: c.admitted,
      further: { what: c.further.what, code: c.further.code, answered: String(refused.status) },
      responseBytes: Buffer.byteLength(alone.text),
      upstreamCalls,
      abuse: { sent: abuse.sent, errors: abuse.errors, firstError: abuse.firstError, latency: summarize(abuse.latencies) },
      idle: idleLatency,
      beside: besideLatency,
      ordinaryErrors: idle.errors + beside.errors,
      p99Ratio: besideLatency.p99 / idleLatency.p99,
      cpu,
      before,
      peakRssMb,
      after,
    });
  }
  return results;
}

/** The pace one caller may keep up under the default RATE_LIMIT. */
export const rateLimitedPace = defaultRateLimit.requests / defaultRateLimit.perSeconds;
