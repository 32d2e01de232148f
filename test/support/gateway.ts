import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { loadConfig } from '../../src/config.ts';
import { startDemoGateway, type DemoGateway } from '../../src/demo.ts';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/server.ts';
import type { CallRecord } from '../../src/simulators/http.ts';
import { startSimulators, type SimulatorOptions, type Simulators } from '../../src/simulators/index.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { LoginDocument } from '../generated/operations.ts';

/** Caller keys as GATEWAY_API_KEYS takes them: 16 or more visible ASCII characters. */
export const keys = { all: 'test-key-all-scopes', reader: 'test-key-reader-only', writer: 'test-key-writer-only' } as const;

/** The webhook secret test gateways verify with (WEBHOOK_SECRET). */
export const webhookSecret = `whsec_${Buffer.from('test-webhook-secret-32-bytes-long').toString('base64')}`;

export interface TestGateway {
  gateway: RunningGateway;
  sims: Simulators;
  /** Runs a typed operation over HTTP; `auth` is the Authorization header (default: the all-scopes key). */
  run<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, auth?: string | null): Promise<ExecutionResult<R> & { status: number }>;
  close(): Promise<void>;
}

/**
 * The gateway on a real port against real simulators, as `npm start` wires them, with test keys,
 * `webhookSecret` and introspection on (as in demo mode); `env` adds settings (DXTRADEXT_MODE, ...).
 * The simulators send their webhooks only when a test asks (`sims.sendWebhooksTo(gateway.url, webhookSecret)`).
 */
export async function startTestGateway(options: SimulatorOptions = {}, env: Record<string, string> = {}, gatewayOptions: GatewayOptions = {}): Promise<TestGateway> {
  const sims = await startSimulators(options);
  const apiKeys = `${keys.all}=*,${keys.reader}=read,${keys.writer}=write`;
  const config = loadConfig({ ...sims.env, PORT: '0', GATEWAY_API_KEYS: apiKeys, WEBHOOK_SECRET: webhookSecret, GRAPHQL_INTROSPECTION: 'on', ...env });
  const gateway = await startGateway(config, gatewayOptions);
  // Warm the service session so that call logs show only what queries make.
  await gateway.upstreams.dxcore.session.authorization();
  return {
    gateway,
    sims,
    run: async (doc, variables, auth = `Bearer ${keys.all}`) => {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ query: print(doc), variables }),
      });
      return { status: res.status, ...((await res.json()) as ExecutionResult<never>) };
    },
    close: async () => {
      await gateway.close();
      await sims.close();
    },
  };
}

/** The gateway as `npm start` starts it from `env` naming no upstream: demo mode, with simulators of its own (closed with it). */
export const startDemo = (env: Record<string, string>): Promise<DemoGateway> => startDemoGateway(loadConfig(env), env);

/** Logs a seeded client in through the `login` mutation and returns its `Authorization` header value. */
export async function loginAs(t: TestGateway, client: { login: string; domain: string }): Promise<string> {
  const res = await t.run(LoginDocument, { input: { username: client.login, domain: client.domain, password: seededClientPassword } }, null);
  const result = res.data?.login;
  if (result?.__typename !== 'Session') throw new Error(`login failed: ${JSON.stringify(res)}`);
  return `DXAPI ${result.token}`;
}

export interface UpstreamCall extends CallRecord {
  upstream: 'dxcore' | 'retail' | 'platform';
}

/** The upstream calls a query made: every call log, without the service session's /login and /ping. */
export function queryCalls(sims: Simulators): UpstreamCall[] {
  const all = (['dxcore', 'retail', 'platform'] as const).flatMap((upstream) => sims[upstream].server.calls.map((c) => ({ ...c, upstream })));
  return all.filter((c) => c.route !== 'POST /login' && c.route !== 'POST /ping').sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * Rounds of upstream calls on the critical path: a call is in round 1 + the highest round of any call
 * that had finished before it started. Needs an injected latency well above the gateway's own
 * scheduling gaps (the tests use 40 ms).
 */
export function rounds(calls: UpstreamCall[]): number {
  const round = new Map<UpstreamCall, number>();
  for (const call of calls) {
    const before = calls.filter((p) => p !== call && p.finishedAt <= call.startedAt).map((p) => round.get(p) ?? 1);
    round.set(call, 1 + Math.max(0, ...before));
  }
  return Math.max(0, ...round.values());
}

/** Counts calls per `upstream route`. */
export function countByRoute(calls: UpstreamCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[`${c.upstream} ${c.route}`] = (counts[`${c.upstream} ${c.route}`] ?? 0) + 1;
  return counts;
}
