import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { platformListLimit } from '../../src/readings.ts';
import { PlatformSimulator } from '../../src/simulators/platform/index.ts';
import type { PlatformAccount, PlatformSeed } from '../../src/simulators/records.ts';
import { seedWorld } from '../../src/simulators/seed.ts';

const apiKey = 'platform-test-key';
const auth = { authorization: `Bearer ${apiKey}` };
const accountKeys = ['id', 'created_at', 'updated_at', 'account_group_id', 'type', 'users', 'account_number', 'name', 'status'];
const metaKeys = ['offset', 'limit', 'count', 'total_count', 'sort', 'order'];
const unknownUuid = '00000000-0000-4000-8000-000000000000';

let seed: PlatformSeed;
let sim: PlatformSimulator;
let base: string;

beforeAll(async () => {
  seed = seedWorld().platform;
  sim = new PlatformSimulator({ seed, apiKey });
  base = await sim.listen(0);
});

afterAll(async () => {
  await sim.close();
});

async function get(path: string, headers: Record<string, string> = auth): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

function expectFailure(body: any, code: string, mentions?: string): void {
  expect(Object.keys(body)).toEqual(['code', 'message']);
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  if (mentions) expect(body.message).toContain(mentions);
}

function ids(accounts: { id: string }[]): string[] {
  return accounts.map((a) => a.id);
}

/** The expected order: by the field, ties on id, in one direction. */
function sortedIds(accounts: PlatformAccount[], sort: 'created_at' | 'updated_at', order: 'ASC' | 'DESC'): string[] {
  const direction = order === 'ASC' ? 1 : -1;
  return ids(
    [...accounts].sort(
      (a, b) => direction * (Date.parse(a[sort]) - Date.parse(b[sort]) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ),
  );
}

function user(index: number): string {
  const id = seed.userIds[index];
  if (!id) throw new Error(`no seeded user ${index}`);
  return id;
}

describe('Platform simulator: GET /accounts', () => {
  it('answers meta and data as document 004 shows them, with the defaults', async () => {
    const { status, body } = await get('/accounts');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['meta', 'data']);
    expect(Object.keys(body.meta)).toEqual(metaKeys);
    expect(body.meta).toEqual({ offset: 0, limit: 100, count: 40, total_count: 40, sort: 'created_at', order: 'ASC' });
    expect(body.data).toHaveLength(40);
    expect(ids(body.data)).toEqual(sortedIds(seed.accounts, 'created_at', 'ASC'));
    for (const account of body.data) {
      expect(Object.keys(account)).toEqual(accountKeys);
      expect(account).toEqual(seed.accounts.find((a) => a.id === account.id));
    }
  });

  it('pages with offset and limit: count is the page, total_count all matching', async () => {
    const all = sortedIds(seed.accounts, 'created_at', 'ASC');
    const pages = [];
    for (const offset of [0, 15, 30]) {
      const { status, body } = await get(`/accounts?offset=${offset}&limit=15`);
      expect(status).toBe(200);
      expect(body.meta).toEqual({ offset, limit: 15, count: offset === 30 ? 10 : 15, total_count: 40, sort: 'created_at', order: 'ASC' });
      pages.push(...ids(body.data));
    }
    expect(pages).toEqual(all);
    const past = await get('/accounts?offset=40&limit=15');
    expect(past.body.meta).toMatchObject({ offset: 40, count: 0, total_count: 40 });
    expect(past.body.data).toEqual([]);
    const far = await get('/accounts?offset=1000000');
    expect(far.body.meta).toMatchObject({ count: 0, total_count: 40 });
  });

  it('sorts by created_at or updated_at, ASC or DESC', async () => {
    for (const sort of ['created_at', 'updated_at'] as const) {
      for (const order of ['ASC', 'DESC'] as const) {
        const { status, body } = await get(`/accounts?sort=${sort}&order=${order}`);
        expect(status).toBe(200);
        expect(body.meta).toMatchObject({ sort, order, count: 40, total_count: 40 });
        expect(ids(body.data)).toEqual(sortedIds(seed.accounts, sort, order));
      }
    }
    const asc = await get('/accounts?sort=updated_at&order=ASC');
    const desc = await get('/accounts?sort=updated_at&order=DESC');
    expect(ids(desc.body.data)).toEqual(ids(asc.body.data).reverse());
    // order alone applies to the default sort
    expect(ids((await get('/accounts?order=DESC')).body.data)).toEqual(sortedIds(seed.accounts, 'created_at', 'DESC'));
  });

  it('breaks ties on id, so paging is stable', async () => {
    const template = seed.accounts[0]!;
    const stamp = '2000-01-01T00:00:00.000Z';
    const twins: PlatformAccount[] = ['ffffffff-0000-4000-8000-000000000002', '00000000-1111-4000-8000-000000000001', '88888888-0000-4000-8000-000000000003'].map(
      (id) => ({ ...structuredClone(template), id, created_at: stamp, updated_at: stamp }),
    );
    for (const twin of twins) sim.state.accounts.set(twin.id, twin);
    try {
      const sortedTwins = ids(twins).sort();
      const asc = await get('/accounts?limit=3');
      expect(ids(asc.body.data)).toEqual(sortedTwins);
      expect(asc.body.meta.total_count).toBe(43);
      const paged = [...ids((await get('/accounts?limit=2')).body.data), ...ids((await get('/accounts?offset=2&limit=1')).body.data)];
      expect(paged).toEqual(sortedTwins);
      const desc = await get('/accounts?order=DESC&offset=40');
      expect(ids(desc.body.data)).toEqual([...sortedTwins].reverse());
    } finally {
      for (const twin of twins) sim.state.accounts.delete(twin.id);
    }
  });

  it('accepts the limit bounds 0 and 1000', async () => {
    const zero = await get('/accounts?limit=0');
    expect(zero.status).toBe(200);
    expect(zero.body.meta).toEqual({ offset: 0, limit: 0, count: 0, total_count: 40, sort: 'created_at', order: 'ASC' });
    expect(zero.body.data).toEqual([]);
    const max = await get(`/accounts?limit=${platformListLimit.max}`);
    expect(max.status).toBe(200);
    expect(max.body.meta).toMatchObject({ limit: 1000, count: 40 });
  });

  it.each([
    ['limit=1001', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=2.5', 'offset'],
    ['offset=ten', 'offset'],
    ['offset=99999999999', 'offset'],
    ['sort=name', 'sort'],
    ['sort=id', 'sort'],
    ['order=up', 'order'],
    ['order=asc', 'order'],
  ])('answers 400 BAD_REQUEST naming the parameter for %s', async (query, parameter) => {
    for (const path of ['/accounts', `/users/${user(0)}/accounts`]) {
      const { status, body } = await get(`${path}?${query}`);
      expect(status, `${path}?${query}`).toBe(400);
      expectFailure(body, 'BAD_REQUEST', parameter);
    }
  });
});

describe('Platform simulator: GET /users/{user_id}/accounts', () => {
  it("lists only the user's accounts", async () => {
    const userId = user(2);
    const owned = seed.accounts.filter((a) => a.users.some((u) => u.id === userId));
    expect(owned).toHaveLength(4);
    const { status, body } = await get(`/users/${userId}/accounts`);
    expect(status).toBe(200);
    expect(body.meta).toEqual({ offset: 0, limit: 100, count: 4, total_count: 4, sort: 'created_at', order: 'ASC' });
    expect(ids(body.data)).toEqual(sortedIds(owned, 'created_at', 'ASC'));
    for (const account of body.data) {
      expect(Object.keys(account)).toEqual(accountKeys);
      expect(account.users).toContainEqual({ id: userId, type: 'OWNER' });
    }
  });

  it("pages and sorts the user's accounts", async () => {
    const userId = user(5);
    const owned = seed.accounts.filter((a) => a.users.some((u) => u.id === userId));
    const expected = sortedIds(owned, 'updated_at', 'DESC');
    const first = await get(`/users/${userId}/accounts?sort=updated_at&order=DESC&limit=3`);
    const second = await get(`/users/${userId}/accounts?sort=updated_at&order=DESC&limit=3&offset=3`);
    expect(first.body.meta).toEqual({ offset: 0, limit: 3, count: 3, total_count: 4, sort: 'updated_at', order: 'DESC' });
    expect(second.body.meta).toEqual({ offset: 3, limit: 3, count: 1, total_count: 4, sort: 'updated_at', order: 'DESC' });
    expect([...ids(first.body.data), ...ids(second.body.data)]).toEqual(expected);
  });

  it('answers an empty page for a user without accounts', async () => {
    const { status, body } = await get(`/users/${unknownUuid}/accounts`);
    expect(status).toBe(200);
    expect(body).toEqual({ meta: { offset: 0, limit: 100, count: 0, total_count: 0, sort: 'created_at', order: 'ASC' }, data: [] });
  });

  it('answers 400 BAD_REQUEST for a malformed user id', async () => {
    const { status, body } = await get('/users/not-a-uuid/accounts');
    expect(status).toBe(400);
    expectFailure(body, 'BAD_REQUEST', 'user_id');
  });
});

describe('Platform simulator: GET /accounts/{account_id}', () => {
  it('answers the account exactly as document 004 shows it', async () => {
    const account = seed.accounts.find((a) => a.type === 'PORTFOLIO')!;
    const { status, body } = await get(`/accounts/${account.id}`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(accountKeys);
    expect(body).toEqual(account);
    expect(Object.keys(body.users[0])).toEqual(['id', 'type']);
  });

  it('reports the seeded LOCKED and CLOSED accounts', async () => {
    const statuses = await Promise.all(seed.accounts.map(async (a) => (await get(`/accounts/${a.id}`)).body.status));
    expect(statuses).toContain('LOCKED');
    expect(statuses).toContain('CLOSED');
    expect(statuses).toEqual(seed.accounts.map((a) => a.status));
  });

  it('answers 400 BAD_REQUEST for a malformed uuid', async () => {
    for (const id of ['not-a-uuid', '12345', `${seed.accounts[0]!.id}x`]) {
      const { status, body } = await get(`/accounts/${id}`);
      expect(status, id).toBe(400);
      expectFailure(body, 'BAD_REQUEST', 'account_id');
    }
  });

  it('answers 404 ACCOUNT_NOT_FOUND for an unknown account', async () => {
    const { status, body } = await get(`/accounts/${unknownUuid}`);
    expect(status).toBe(404);
    expectFailure(body, 'ACCOUNT_NOT_FOUND', unknownUuid);
  });

  it('keeps its own copy of the seed', () => {
    const account = seed.accounts[0]!;
    expect(sim.state.getAccount(account.id)).not.toBe(account);
    expect(sim.state.getAccount(account.id)).toEqual(account);
  });
});

describe('Platform simulator: authentication', () => {
  const paths = () => ['/accounts', `/accounts/${seed.accounts[0]!.id}`, `/users/${user(0)}/accounts`];

  it('answers 401 UNAUTHORIZED without the header, with a wrong key or a wrong scheme', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-key' }, { authorization: `Basic ${apiKey}` }, { authorization: 'Bearer' }];
    for (const headers of variants) {
      for (const path of paths()) {
        const { status, body } = await get(path, headers);
        expect(status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expectFailure(body, 'UNAUTHORIZED');
      }
    }
  });

  it('checks the key before validating the request', async () => {
    expect((await get('/accounts?limit=5000', {})).status).toBe(401);
    expect((await get('/accounts/not-a-uuid', { authorization: 'Bearer wrong' })).status).toBe(401);
  });
});

describe('Platform simulator: routing, failures and call log', () => {
  it('answers 404 NOT_FOUND for an unmatched route', async () => {
    for (const path of ['/nothing', '/users', `/accounts/${seed.accounts[0]!.id}/extra`]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expectFailure(body, 'NOT_FOUND');
    }
  });

  it('answers 500 INTERNAL_ERROR when a handler throws', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const original = sim.state.list;
    sim.state.list = () => {
      throw new Error('simulated bug');
    };
    try {
      const { status, body } = await get('/accounts');
      expect(status).toBe(500);
      expectFailure(body, 'INTERNAL_ERROR');
    } finally {
      sim.state.list = original;
      spy.mockRestore();
    }
  });

  it('records route patterns in the call log', async () => {
    sim.server.clearCalls();
    await get('/accounts?limit=5');
    await get(`/accounts/${seed.accounts[0]!.id}`);
    await get(`/users/${user(0)}/accounts`);
    await get('/accounts?limit=1001');
    await get('/accounts', {});
    await get('/nowhere');
    expect(sim.server.calls.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'GET', route: 'GET /accounts', status: 200 },
      { method: 'GET', route: 'GET /accounts/:account_id', status: 200 },
      { method: 'GET', route: 'GET /users/:user_id/accounts', status: 200 },
      { method: 'GET', route: 'GET /accounts', status: 400 },
      { method: 'GET', route: 'GET /accounts', status: 401 },
      { method: 'GET', route: 'unmatched', status: 404 },
    ]);
    expect(sim.server.calls[0]!.query).toBe('?limit=5');
    sim.server.clearCalls();
  });
});
