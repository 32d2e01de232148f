import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../src/observability/tracing.ts';
import { TraderDashboardDocument } from '../generated/operations.ts';
import { keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';

// A file of its own: the tracer provider, and so its sampler, is set up once per process.
describe('OTEL_TRACES_SAMPLER=parentbased_always_off: a caller cannot make the gateway record its trace', () => {
  const exports: string[] = [];
  let collector: Server;
  let t: TestGateway;

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector: records each export.
    collector = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += String(chunk)));
      req.on('end', () => {
        exports.push(text);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    process.env.OTEL_TRACES_SAMPLER = 'parentbased_always_off';
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_TRACES_SAMPLER;
    collector.closeAllConnections();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
  });

  it('a traceparent flagged sampled (-01) is joined, its trace id kept, and nothing is recorded', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    t.sims.clearCalls();
    const res = await fetch(`${t.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}`, traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: print(TraderDashboardDocument), variables: { domain: 'default', login: 'alice.martin0' } }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    await startTracing()?.flush();
    expect(exports).toEqual([]);
    const calls = queryCalls(t.sims);
    expect(calls.length).toBe(4);
    // The upstreams see the caller's trace, flagged as not recorded.
    for (const call of calls) expect(call.traceparent).toMatch(new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-00$`));
  });
});
