import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

// A 2-second dxCore session: the gateway must keep it alive with /ping past halfway while in use.
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ sessionDurationMs: 2_000 });
});
afterAll(() => t.close());

it('keeps the service session alive with /ping while queries keep coming, never logging in again', async () => {
  const until = Date.now() + 3_500; // well past the session's original 2-second lifetime
  let queries = 0;
  while (Date.now() < until) {
    const res = await t.run(gql`{ broker(code: "ACME") { code name } }`);
    expect(res.errors).toBeUndefined();
    queries++;
    await new Promise((r) => setTimeout(r, 100));
  }
  await t.gateway.upstreams.dxcore.session.settled();
  const calls = t.sims.dxcore.server.calls;
  const routes = (route: string) => calls.filter((c) => c.route === route);
  expect(queries).toBeGreaterThan(10);
  expect(routes('POST /login')).toHaveLength(1);
  expect(routes('POST /ping').length).toBeGreaterThanOrEqual(2);
  expect(routes('POST /ping').every((c) => c.status === 200)).toBe(true);
  expect(calls.filter((c) => c.status === 401)).toEqual([]);
});
