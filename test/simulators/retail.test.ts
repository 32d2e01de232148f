import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RetailAccount, RetailSeed } from '../../src/simulators/records.ts';
import { RetailSimulator } from '../../src/simulators/retail/index.ts';
import { seedWorld } from '../../src/simulators/seed.ts';

const apiKey = 'retail-test-key';
const auth = { authorization: `Bearer ${apiKey}` };

let seed: RetailSeed;
let sim: RetailSimulator;
let base: string;

beforeAll(async () => {
  seed = seedWorld().retail;
  sim = new RetailSimulator({ seed, apiKey });
  base = await sim.listen(0);
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.legacy = false;
  sim.server.latencyMs = 0;
});

async function get(path: string, headers: Record<string, string> = auth): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

function seeded(index: number): RetailAccount {
  const account = seed.accounts[index];
  if (!account) throw new Error(`no seeded retail account ${index}`);
  return account;
}

function expectFailure(body: any, status: number, reason: string, message?: string | RegExp): void {
  expect(Object.keys(body)).toEqual(['dateTime', 'errorCode', 'reason', 'message']);
  expect(body.errorCode).toBe(status);
  expect(Number.isInteger(body.errorCode)).toBe(true);
  expect(body.reason).toBe(reason);
  expect(typeof body.message).toBe('string');
  if (typeof message === 'string') expect(body.message).toBe(message);
  if (message instanceof RegExp) expect(body.message).toMatch(message);
  expect(new Date(body.dateTime).toISOString()).toBe(body.dateTime);
  expect(Math.abs(Date.parse(body.dateTime) - Date.now())).toBeLessThan(60_000);
}

describe('Retail simulator: get account by id', () => {
  it('answers the document-001 shape', async () => {
    const account = seeded(0);
    const { status, body } = await get(`/api/v1/accounts/${account.id}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: account.id,
      email: account.email,
      status: account.status,
      subscriberStatus: account.subscriberStatus,
      dataAccessStatus: account.dataAccessStatus,
    });
    expect(Object.keys(body)).toEqual(['id', 'email', 'status', 'subscriberStatus', 'dataAccessStatus']);
  });

  it('reports blocked, professional and suspended accounts as seeded', async () => {
    expect((await get(`/api/v1/accounts/${seeded(7).id}`)).body.status).toBe('BLOCKED');
    expect((await get(`/api/v1/accounts/${seeded(5).id}`)).body.subscriberStatus).toBe('PROFESSIONAL');
    expect((await get(`/api/v1/accounts/${seeded(11).id}`)).body.dataAccessStatus).toBe('SUSPENDED');
  });

  it('answers 404 ACCOUNT_NOT_FOUND for an unknown id', async () => {
    const { status, body } = await get('/api/v1/accounts/no-such-account');
    expect(status).toBe(404);
    expectFailure(body, 404, 'ACCOUNT_NOT_FOUND', 'Account no-such-account is not found');
  });

  it('omits email when the account has none', async () => {
    const account = seeded(1);
    const record = sim.state.getAccount(account.id)!;
    const saved = record.email;
    delete record.email;
    try {
      const full = await get(`/api/v1/accounts/${account.id}`);
      expect(full.status).toBe(200);
      expect(Object.keys(full.body)).toEqual(['id', 'status', 'subscriberStatus', 'dataAccessStatus']);
      sim.legacy = true;
      const legacy = await get(`/api/v1/accounts/${account.id}`);
      expect(legacy.body).toEqual({ id: account.id });
    } finally {
      record.email = saved;
    }
  });

  it('keeps its own copy of the seed', () => {
    const record = sim.state.getAccount(seeded(0).id)!;
    expect(record).not.toBe(seeded(0));
    expect(record).toEqual(seeded(0));
  });
});

describe('Retail simulator: get account by email', () => {
  it('finds the account, comparing lower-cased', async () => {
    const account = seeded(2);
    const email = account.email!;
    const exact = await get(`/api/v1/accounts/by-email/${encodeURIComponent(email)}`);
    expect(exact.status).toBe(200);
    expect(exact.body).toEqual({
      id: account.id,
      email,
      status: account.status,
      subscriberStatus: account.subscriberStatus,
      dataAccessStatus: account.dataAccessStatus,
    });
    const shouted = await get(`/api/v1/accounts/by-email/${email.toUpperCase()}`);
    expect(shouted.status).toBe(200);
    expect(shouted.body.id).toBe(account.id);
    expect(shouted.body.email).toBe(email);
  });

  it.each(['not-an-email', 'two@@example.com', 'no-domain@', '@example.com', 'bad@exa_mple.com', 'space%20in@example.com'])(
    'answers 400 BAD_REQUEST for the malformed email %s',
    async (email) => {
      const { status, body } = await get(`/api/v1/accounts/by-email/${email}`);
      expect(status).toBe(400);
      expectFailure(body, 400, 'BAD_REQUEST', 'Valid email should be specified');
    },
  );

  it('answers 404 ACCOUNT_NOT_FOUND for an unknown email', async () => {
    const { status, body } = await get('/api/v1/accounts/by-email/nobody@example.com');
    expect(status).toBe(404);
    expectFailure(body, 404, 'ACCOUNT_NOT_FOUND', /nobody@example\.com/);
  });
});

describe('Retail simulator: get subscriptions', () => {
  it('lists the seeded subscriptions', async () => {
    const account = seed.accounts.find((a) => a.subscriptions.length >= 2)!;
    const { status, body } = await get(`/api/v1/accounts/${account.id}/subscriptions`);
    expect(status).toBe(200);
    expect(body).toEqual({ subscriptions: account.subscriptions });
    for (const subscription of body.subscriptions) {
      expect(Object.keys(subscription)).toEqual(['name', 'status', 'expiresAt']);
      expect(['ACTIVE', 'EXPIRED']).toContain(subscription.status);
    }
  });

  it('answers an empty list for an account without subscriptions', async () => {
    const account = seeded(3);
    expect(account.subscriptions).toEqual([]);
    const { status, body } = await get(`/api/v1/accounts/${account.id}/subscriptions`);
    expect(status).toBe(200);
    expect(body).toEqual({ subscriptions: [] });
  });

  it('includes EXPIRED and never-expiring subscriptions as seeded', async () => {
    const all = seed.accounts.flatMap((a) => a.subscriptions);
    expect(all.some((s) => s.status === 'EXPIRED')).toBe(true);
    expect(all.some((s) => s.status === 'ACTIVE' && s.expiresAt === null)).toBe(true);
    const withNull = seed.accounts.find((a) => a.subscriptions.some((s) => s.expiresAt === null))!;
    const { body } = await get(`/api/v1/accounts/${withNull.id}/subscriptions`);
    expect(body.subscriptions.find((s: any) => s.expiresAt === null)).toMatchObject({ status: 'ACTIVE', expiresAt: null });
  });

  it('reports an ACTIVE subscription whose end has passed as EXPIRED, at read time', async () => {
    const account = seed.accounts.find((a) => a.subscriptions.some((s) => s.status === 'ACTIVE' && s.expiresAt !== null))!;
    const record = sim.state.getAccount(account.id)!;
    const index = record.subscriptions.findIndex((s) => s.status === 'ACTIVE' && s.expiresAt !== null);
    const stored = record.subscriptions[index]!;
    const savedExpiry = stored.expiresAt;
    try {
      expect((await get(`/api/v1/accounts/${account.id}/subscriptions`)).body.subscriptions[index].status).toBe('ACTIVE');
      stored.expiresAt = new Date(Date.now() - 1000).toISOString();
      const { body } = await get(`/api/v1/accounts/${account.id}/subscriptions`);
      expect(body.subscriptions[index]).toEqual({ name: stored.name, status: 'EXPIRED', expiresAt: stored.expiresAt });
      // The stored record is untouched: the status is computed when read.
      expect(stored.status).toBe('ACTIVE');
    } finally {
      stored.expiresAt = savedExpiry;
    }
  });

  it('follows the state clock: past every end date, only never-expiring subscriptions stay ACTIVE', async () => {
    const account = seed.accounts.find(
      (a) => a.subscriptions.some((s) => s.expiresAt === null) && a.subscriptions.some((s) => s.status === 'ACTIVE' && s.expiresAt !== null),
    )!;
    const now = sim.state.now;
    sim.state.now = () => Date.now() + 10 * 365 * 86_400_000;
    try {
      const { body } = await get(`/api/v1/accounts/${account.id}/subscriptions`);
      expect(body.subscriptions.map((s: any) => s.status)).toEqual(
        account.subscriptions.map((s) => (s.expiresAt === null ? 'ACTIVE' : 'EXPIRED')),
      );
    } finally {
      sim.state.now = now;
    }
  });

  it('answers 404 ACCOUNT_NOT_FOUND for an unknown account', async () => {
    const { status, body } = await get('/api/v1/accounts/no-such-account/subscriptions');
    expect(status).toBe(404);
    expectFailure(body, 404, 'ACCOUNT_NOT_FOUND', 'Account no-such-account is not found');
  });
});

describe('Retail simulator: legacy shape (document 002)', () => {
  it('answers {id, email} by id and by email when flipped at run time', async () => {
    const account = seeded(4);
    sim.legacy = true;
    const byId = await get(`/api/v1/accounts/${account.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({ id: account.id, email: account.email });
    expect(Object.keys(byId.body)).toEqual(['id', 'email']);
    const byEmail = await get(`/api/v1/accounts/by-email/${account.email}`);
    expect(byEmail.body).toEqual({ id: account.id, email: account.email });
    sim.legacy = false;
    expect(Object.keys((await get(`/api/v1/accounts/${account.id}`)).body)).toHaveLength(5);
  });

  it('honours the legacy option at construction and keeps subscriptions unchanged', async () => {
    const legacy = new RetailSimulator({ seed, apiKey, legacy: true });
    expect(legacy.legacy).toBe(true);
    const url = await legacy.listen(0);
    try {
      const account = seeded(0);
      const res = await fetch(`${url}/api/v1/accounts/${account.id}`, { headers: auth });
      expect(await res.json()).toEqual({ id: account.id, email: account.email });
      const subs = await fetch(`${url}/api/v1/accounts/${account.id}/subscriptions`, { headers: auth });
      expect(await subs.json()).toEqual({ subscriptions: account.subscriptions });
    } finally {
      await legacy.close();
    }
  });

  it('defaults to the current shape', () => {
    expect(new RetailSimulator({ seed, apiKey }).legacy).toBe(false);
  });
});

describe('Retail simulator: authentication', () => {
  const account = () => seeded(0);
  const paths = () => [
    `/api/v1/accounts/${account().id}`,
    `/api/v1/accounts/by-email/${account().email}`,
    `/api/v1/accounts/${account().id}/subscriptions`,
  ];

  it('answers 401 "No Authorization header." without the header', async () => {
    for (const path of paths()) {
      const { status, body } = await get(path, {});
      expect(status, path).toBe(401);
      expectFailure(body, 401, 'AUTHENTICATION FAILED', 'No Authorization header.');
    }
  });

  it('answers 401 for a wrong key, a wrong scheme or a missing credential', async () => {
    for (const headers of [{ authorization: 'Bearer wrong-key' }, { authorization: `Basic ${apiKey}` }, { authorization: 'Bearer' }, { authorization: apiKey }]) {
      for (const path of paths()) {
        const { status, body } = await get(path, headers);
        expect(status, `${path} ${headers.authorization}`).toBe(401);
        expectFailure(body, 401, 'AUTHENTICATION FAILED', 'Authentication has failed due to wrong API key');
      }
    }
  });

  it('checks the key before looking the account up', async () => {
    const { status, body } = await get('/api/v1/accounts/no-such-account', { authorization: 'Bearer wrong-key' });
    expect(status).toBe(401);
    expect(body.reason).toBe('AUTHENTICATION FAILED');
  });

  it('accepts the scheme case-insensitively', async () => {
    expect((await get(`/api/v1/accounts/${account().id}`, { authorization: `bearer ${apiKey}` })).status).toBe(200);
  });
});

describe('Retail simulator: routing, failures, call log and latency', () => {
  it('answers the shared reads under /api/v2 as well', async () => {
    const account = seeded(0);
    expect((await get(`/api/v2/accounts/${account.id}`)).body.id).toBe(account.id);
    expect((await get(`/api/v2/accounts/${account.id}/subscriptions`)).status).toBe(200);
    expect((await get(`/api/v2/accounts/by-email/${account.email}`)).body.id).toBe(account.id);
  });

  it('answers 404 NOT_FOUND for an unmatched route', async () => {
    const { status, body } = await get('/api/v1/nothing-here');
    expect(status).toBe(404);
    expectFailure(body, 404, 'NOT_FOUND');
    const deeper = await get(`/api/v1/accounts/${seeded(0).id}/subscriptions/extra/segments`);
    expect(deeper.status).toBe(404);
    expect(deeper.body.reason).toBe('NOT_FOUND');
  });

  it('answers 500 INTERNAL_ERROR when a handler throws', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const original = sim.state.getAccount;
    sim.state.getAccount = () => {
      throw new Error('simulated bug');
    };
    try {
      const { status, body } = await get(`/api/v1/accounts/${seeded(0).id}`);
      expect(status).toBe(500);
      expectFailure(body, 500, 'INTERNAL_ERROR');
    } finally {
      sim.state.getAccount = original;
      spy.mockRestore();
    }
  });

  it('records route patterns in the call log', async () => {
    const account = seeded(0);
    sim.server.clearCalls();
    await get(`/api/v1/accounts/${account.id}`);
    await get(`/api/v1/accounts/by-email/${account.email}`);
    await get(`/api/v1/accounts/${account.id}/subscriptions`);
    await get('/api/v1/accounts/no-such-account');
    await get(`/api/v1/accounts/${account.id}`, {});
    await get('/nowhere?x=1');
    expect(sim.server.calls.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'GET', route: 'GET /api/v1/accounts/:accountId', status: 200 },
      { method: 'GET', route: 'GET /api/v1/accounts/by-email/:email', status: 200 },
      { method: 'GET', route: 'GET /api/v1/accounts/:accountId/subscriptions', status: 200 },
      { method: 'GET', route: 'GET /api/v1/accounts/:accountId', status: 404 },
      { method: 'GET', route: 'GET /api/v1/accounts/:accountId', status: 401 },
      { method: 'GET', route: 'unmatched', status: 404 },
    ]);
    expect(sim.server.calls[0]!.path).toBe(`/api/v1/accounts/${account.id}`);
    expect(sim.server.calls[5]!.query).toBe('?x=1');
    sim.server.clearCalls();
    expect(sim.server.calls).toHaveLength(0);
  });

  it('adds the injected latency', async () => {
    sim.server.latencyMs = 80;
    const started = performance.now();
    await get(`/api/v1/accounts/${seeded(0).id}`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });
});
