import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { drawFault, garbageBody, parseSimFaults, seededRandom } from '../../src/simulators/faults.ts';
import { startSimulators } from '../../src/simulators/index.ts';
import { PlatformSimulator } from '../../src/simulators/platform/index.ts';
import { seedWorld } from '../../src/simulators/seed.ts';

const apiKey = 'platform-test-key';
const auth = { authorization: `Bearer ${apiKey}` };

let sim: PlatformSimulator;
let base: string;

beforeAll(async () => {
  sim = new PlatformSimulator({ seed: seedWorld().platform, apiKey });
  base = await sim.listen(0);
});
afterAll(() => sim.close());
afterEach(() => {
  sim.server.setFaults({});
  sim.server.clearCalls();
});

const accountId = () => [...sim.state.accounts.keys()][0]!;

async function get(path: string): Promise<{ status: number; contentType: string | null; text: string }> {
  const res = await fetch(`${base}${path}`, { headers: auth });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

async function createAccount(): Promise<Response> {
  const body = { user_id: [...sim.state.userIds][0], account_group_id: [...sim.state.accountGroupIds][0], type: 'TRADING' };
  return fetch(`${base}/accounts`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const lastCall = () => sim.server.calls.at(-1)!;

describe('SimServer faults', () => {
  it('answers as usual, with no fault recorded, when none is set', async () => {
    const res = await get(`/accounts/${accountId()}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).id).toBe(accountId());
    expect(lastCall()).not.toHaveProperty('fault');
  });

  it('errorRate answers the upstream’s own 503 body without running the handler', async () => {
    sim.server.setFaults({ 'POST /accounts': { errorRate: 1 } });
    const before = sim.state.accounts.size;
    const res = await createAccount();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' });
    expect(sim.state.accounts.size).toBe(before);
    expect(lastCall()).toMatchObject({ route: 'POST /accounts', status: 503, fault: 'error' });
  });

  it('errorStatus 500 answers the upstream’s internal-error body', async () => {
    sim.server.setFaults({ 'GET /accounts/:account_id': { errorRate: 1, errorStatus: 500 } });
    const res = await get(`/accounts/${accountId()}`);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual({ code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });

  it('resetRate destroys the connection without an answer and without running the handler', async () => {
    sim.server.setFaults({ 'POST /accounts': { resetRate: 1 } });
    const before = sim.state.accounts.size;
    await expect(createAccount()).rejects.toThrow();
    expect(sim.state.accounts.size).toBe(before);
    expect(lastCall()).toMatchObject({ route: 'POST /accounts', status: 0, fault: 'reset' });
  });

  it('garbageRate answers 200 with the real JSON answer cut short', async () => {
    sim.server.setFaults({ 'GET /accounts/:account_id': { garbageRate: 1 } });
    const res = await get(`/accounts/${accountId()}`);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text.startsWith(`{"id":"${accountId()}"`)).toBe(true);
    expect(lastCall()).toMatchObject({ status: 200, fault: 'garbage' });
  });

  it('garbage is an HTML page where the answer had no JSON body', async () => {
    expect(garbageBody(undefined)).toMatch(/^<html>/);
    expect(garbageBody('12')).toMatch(/^<html>/);
    expect(garbageBody('{}')).toBe('{');
    expect(garbageBody('"token"')).toBe('"to');
  });

  it('latencyMs delays the answer and is recorded as the fault when nothing else was drawn', async () => {
    sim.server.setFaults({ 'GET /accounts/:account_id': { latencyMs: 30 } });
    const res = await get(`/accounts/${accountId()}`);
    expect(res.status).toBe(200);
    expect(lastCall().fault).toBe('latency');
    expect(lastCall().finishedAt - lastCall().startedAt).toBeGreaterThanOrEqual(29);
  });

  it('* applies to every route, a route’s own keys win over it, and unmatched calls count too', async () => {
    sim.server.setFaults({ '*': { errorRate: 1 }, 'GET /accounts/:account_id': { errorRate: 0 } });
    expect((await get(`/accounts/${accountId()}`)).status).toBe(200);
    expect((await get('/accounts')).status).toBe(503);
    expect((await get('/no/such/route')).status).toBe(503);
    expect(sim.server.calls.map((c) => c.fault)).toEqual([undefined, 'error', 'error']);
  });

  it('setFaults({}) clears the faults', async () => {
    sim.server.setFaults({ '*': { errorRate: 1 } });
    sim.server.setFaults({});
    expect((await get('/accounts')).status).toBe(200);
  });

  it('a seed makes the draws repeat: the same calls fail again, as many as the rate says', async () => {
    const run = async () => {
      sim.server.setFaults({ 'GET /accounts/:account_id': { errorRate: 0.5 } }, { seed: 42 });
      sim.server.clearCalls();
      for (let i = 0; i < 20; i++) await get(`/accounts/${accountId()}`);
      return sim.server.calls.map((c) => c.status);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const random = seededRandom(42);
    expect(first).toEqual(Array.from({ length: 20 }, () => (random() < 0.5 ? 503 : 200)));
    expect(first).toContain(200);
    expect(first).toContain(503);
  });

  it('one draw per call shares out the rates: reset first, then error, then garbage', () => {
    const fault = { resetRate: 0.2, errorRate: 0.3, garbageRate: 0.1, latencyMs: 5 };
    const at = (r: number) => drawFault(fault, () => r);
    expect([0, 0.19, 0.2, 0.49, 0.5, 0.59, 0.6, 0.99].map((r) => at(r).kind)).toEqual(['reset', 'reset', 'error', 'error', 'garbage', 'garbage', undefined, undefined]);
    expect(at(0.99).latencyMs).toBe(5);
  });

  it('refuses an unknown route, a rate outside 0..1 and rates adding up past 1', () => {
    expect(() => sim.server.setFaults({ 'GET /acounts': { errorRate: 1 } })).toThrow(/no route GET \/acounts/);
    expect(() => sim.server.setFaults({ '*': { errorRate: 1.5 } })).toThrow(/errorRate/);
    expect(() => sim.server.setFaults({ '*': { errorRate: 0.6, resetRate: 0.6 } })).toThrow(/at most 1/);
  });

  it('counts the calls in flight and the most at once', async () => {
    sim.server.setFaults({ 'GET /accounts/:account_id': { latencyMs: 40 } });
    await Promise.all([1, 2, 3].map(() => get(`/accounts/${accountId()}`)));
    expect(sim.server.peakInFlight).toBe(3);
    expect(sim.server.inFlight).toBe(0);
    sim.server.clearCalls();
    expect(sim.server.peakInFlight).toBe(0);
  });
});

describe('SIM_FAULTS and startSimulators({ faults })', () => {
  it('parses the documented format', () => {
    expect(parseSimFaults('{"seed": 7, "platform": {"GET /accounts": {"errorRate": 0.5}}, "dxcore": {"*": {"latencyMs": 20}}}')).toEqual({
      seed: 7,
      platform: { 'GET /accounts': { errorRate: 0.5 } },
      dxcore: { '*': { latencyMs: 20 } },
    });
    expect(parseSimFaults(undefined)).toBeUndefined();
    expect(parseSimFaults('  ')).toBeUndefined();
  });

  it('refuses a bad value with a ConfigError naming where it is', () => {
    const problem = (raw: string) => {
      try {
        parseSimFaults(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(problem('{platform:')).toBe('SIM_FAULTS must be JSON');
    expect(problem('{"platform": {"GET /accounts": {"errorRate": 2}}}')).toMatch(/^SIM_FAULTS platform\.GET \/accounts\.errorRate: /);
    expect(problem('{"platform": {"GET /accounts": {"eror_rate": 1}}}')).toMatch(/eror_rate/);
    expect(problem('{"plaform": {}}')).toMatch(/plaform/);
    expect(problem('{"platform": {"accounts": {}}}')).toMatch(/METHOD \/route/);
  });

  it('startSimulators sets each simulator’s faults from the option, or else from SIM_FAULTS', async () => {
    const sims = await startSimulators({ faults: { platform: { 'GET /accounts': { errorRate: 1 } } } });
    try {
      const res = await fetch(`${sims.env.PLATFORM_URL}/accounts`, { headers: { authorization: `Bearer ${sims.env.PLATFORM_API_KEY}` } });
      expect(res.status).toBe(503);
      expect(sims.platform.server.calls[0]?.fault).toBe('error');
    } finally {
      await sims.close();
    }

    const saved = process.env.SIM_FAULTS;
    process.env.SIM_FAULTS = '{"retail": {"*": {"errorRate": 1, "errorStatus": 500}}}';
    try {
      const fromEnv = await startSimulators();
      try {
        const res = await fetch(`${fromEnv.env.RETAIL_URL}/api/v1/accounts/x`);
        expect(res.status).toBe(500);
        expect(fromEnv.retail.server.calls[0]?.fault).toBe('error');
      } finally {
        await fromEnv.close();
      }
      process.env.SIM_FAULTS = '{"retail": {"GET /nowhere": {"errorRate": 1}}}';
      await expect(startSimulators()).rejects.toThrow(new ConfigError('SIM_FAULTS: [retail simulator] setFaults: no route GET /nowhere'));
    } finally {
      if (saved === undefined) delete process.env.SIM_FAULTS;
      else process.env.SIM_FAULTS = saved;
    }
  });
});
