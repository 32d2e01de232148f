import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformSimulator, type PlatformEvent } from '../../src/simulators/platform/index.ts';
import type { PlatformAccount, PlatformSeed } from '../../src/simulators/records.ts';
import { seedWorld } from '../../src/simulators/seed.ts';

const apiKey = 'platform-test-key';
const auth = { authorization: `Bearer ${apiKey}` };
const accountKeys = ['id', 'created_at', 'updated_at', 'account_group_id', 'type', 'users', 'account_number', 'name', 'status'];
const eventKeys = ['id', 'created_at', 'type', 'object', 'webhook_id'];
const unknownUuid = '00000000-0000-4000-8000-000000000000';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const closeDelayMs = 40;

// Built at load time: the it.each tables below name seeded ids.
const seed: PlatformSeed = seedWorld().platform;
let sim: PlatformSimulator;
let base: string;
let events: PlatformEvent[];

// Writes change the world: every test gets a fresh simulator on its own port.
beforeEach(async () => {
  sim = new PlatformSimulator({ seed, apiKey, closeDelayMs });
  base = await sim.listen(0);
  events = [];
  sim.events.on((event) => events.push(event));
});

afterEach(async () => {
  await sim.close();
});

interface Answer {
  status: number;
  body: any;
  text: string;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), text };
}

function expectFailure(answer: Answer, status: number, code: string, message?: string): void {
  expect(answer.status).toBe(status);
  expect(Object.keys(answer.body)).toEqual(['code', 'message']);
  expect(answer.body.code).toBe(code);
  if (message) expect(answer.body.message).toBe(message);
}

function user(index: number): string {
  return seed.userIds[index]!;
}

function group(index: number): string {
  return seed.accountGroupIds[index]!;
}

function seededWith(status: string): PlatformAccount {
  const account = seed.accounts.find((a) => a.status === status);
  if (!account) throw new Error(`no seeded ${status} account`);
  return account;
}

function activeAccount(): PlatformAccount {
  return seededWith('ACTIVE');
}

const create = (body: unknown, headers?: Record<string, string>) => call('POST', '/accounts', body, headers);
const rename = (id: string, body: unknown, headers?: Record<string, string>) => call('PATCH', `/accounts/${id}`, body, headers);
const close = (id: string, headers?: Record<string, string>) => call('DELETE', `/accounts/${id}`, undefined, headers);

/** Resolves with the next event of this type (or the one already received). */
function eventOf(type: PlatformEvent['type'], accountId: string): Promise<PlatformEvent> {
  const seen = events.find((e) => e.type === type && e.object.id === accountId);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const off = sim.events.on((e) => {
      if (e.type !== type || e.object.id !== accountId) return;
      off();
      resolve(e);
    });
  });
}

function expectRecent(iso: string): void {
  expect(new Date(iso).toISOString()).toBe(iso);
  expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(10_000);
}

describe('Platform writes: POST /accounts', () => {
  it('answers 201 with the new ACTIVE account, numbered after its owner’s last one', async () => {
    const { status, body } = await create({ user_id: user(0), account_group_id: group(1), type: 'TRADING', name: 'Main account' });
    expect(status).toBe(201);
    expect(Object.keys(body)).toEqual(accountKeys);
    expect(body).toMatchObject({
      account_group_id: group(1),
      type: 'TRADING',
      users: [{ id: user(0), type: 'OWNER' }],
      account_number: 5,
      name: 'Main account',
      status: 'ACTIVE',
    });
    expect(body.id).toMatch(uuidPattern);
    expectRecent(body.created_at);
    expect(body.updated_at).toBe(body.created_at);
    expect((await call('GET', `/accounts/${body.id}`)).body).toEqual(body);
    const listed = await call('GET', `/users/${user(0)}/accounts?sort=created_at&order=DESC&limit=1`);
    expect(listed.body.meta.total_count).toBe(5);
    expect(listed.body.data).toEqual([body]);
    expect((await call('GET', '/accounts')).body.meta.total_count).toBe(seed.accounts.length + 1);
  });

  it('numbers each owner’s accounts on, and takes PORTFOLIO, no name and upper-case uuids', async () => {
    const first = await create({ user_id: user(1), account_group_id: group(0), type: 'PORTFOLIO' });
    const second = await create({ user_id: user(1).toUpperCase(), account_group_id: group(0).toUpperCase(), type: 'TRADING', name: null });
    const other = await create({ user_id: user(2), account_group_id: group(0), type: 'TRADING' });
    expect([first.body.account_number, second.body.account_number, other.body.account_number]).toEqual([5, 6, 5]);
    expect(first.body).toMatchObject({ type: 'PORTFOLIO', name: '' });
    expect(second.body.users).toEqual([{ id: user(1), type: 'OWNER' }]);
    expect(second.body.account_group_id).toBe(group(0));
  });

  it('accepts a name of exactly 100 characters', async () => {
    const name = 'n'.repeat(100);
    expect((await create({ user_id: user(0), account_group_id: group(0), type: 'TRADING', name })).body.name).toBe(name);
  });

  it('reports ACCOUNT.CREATED (still PENDING) then ACCOUNT.ACTIVATED, shaped as document 004’s webhook', async () => {
    const { body } = await create({ user_id: user(0), account_group_id: group(0), type: 'TRADING', name: 'Hooked' });
    expect(events.map((e) => e.type)).toEqual(['ACCOUNT.CREATED', 'ACCOUNT.ACTIVATED']);
    for (const event of events) {
      expect(Object.keys(event)).toEqual(eventKeys);
      expect(Object.keys(event.object)).toEqual(accountKeys);
      expect(event.id).toMatch(uuidPattern);
      expect(event.webhook_id).toBe(sim.state.webhookId);
      expect(event.webhook_id).toMatch(uuidPattern);
      expectRecent(event.created_at);
    }
    expect(events[0]!.id).not.toBe(events[1]!.id);
    expect(events[0]!.object).toEqual({ ...body, status: 'PENDING' });
    expect(events[1]!.object).toEqual(body);
  });

  it.each([
    [{ account_group_id: group(0), type: 'TRADING' }, 'user_id is required'],
    [{ user_id: 'someone', account_group_id: group(0), type: 'TRADING' }, 'user_id must be a uuid'],
    [{ user_id: 7, account_group_id: group(0), type: 'TRADING' }, 'user_id must be a uuid'],
    [{ user_id: user(0), type: 'TRADING' }, 'account_group_id is required'],
    [{ user_id: user(0), account_group_id: 'g', type: 'TRADING' }, 'account_group_id must be a uuid'],
    [{ user_id: user(0), account_group_id: group(0) }, 'type is required'],
    [{ user_id: user(0), account_group_id: group(0), type: 'trading' }, 'type must be one of TRADING, PORTFOLIO'],
    [{ user_id: user(0), account_group_id: group(0), type: 'TRADING', name: 'n'.repeat(101) }, 'name must be a string of at most 100 characters'],
    [{ user_id: user(0), account_group_id: group(0), type: 'TRADING', name: 5 }, 'name must be a string of at most 100 characters'],
    ['{broken', 'Request body must be a JSON object'],
    [[], 'Request body must be a JSON object'],
    [undefined, 'Request body must be a JSON object'],
  ])('answers 400 BAD_REQUEST naming the field: %j', async (body, message) => {
    expectFailure(await create(body), 400, 'BAD_REQUEST', message);
    expect(events).toEqual([]);
  });

  it('answers 404 USER_NOT_FOUND and ACCOUNT_GROUP_NOT_FOUND for unknown ids', async () => {
    expectFailure(await create({ user_id: unknownUuid, account_group_id: group(0), type: 'TRADING' }), 404, 'USER_NOT_FOUND', `User ${unknownUuid} is not found`);
    expectFailure(await create({ user_id: user(0), account_group_id: unknownUuid, type: 'TRADING' }), 404, 'ACCOUNT_GROUP_NOT_FOUND', `Account group ${unknownUuid} is not found`);
    expect(sim.state.accounts.size).toBe(seed.accounts.length);
  });
});

describe('Platform writes: PATCH /accounts/{account_id}', () => {
  it('renames the account, bumps updated_at and reports ACCOUNT.UPDATED', async () => {
    const account = activeAccount();
    const { status, body } = await rename(account.id, { name: 'Renamed' });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(accountKeys);
    expect(body).toEqual({ ...account, name: 'Renamed', updated_at: body.updated_at });
    expect(Date.parse(body.updated_at)).toBeGreaterThan(Date.parse(account.updated_at));
    expectRecent(body.updated_at);
    expect((await call('GET', `/accounts/${account.id}`)).body).toEqual(body);
    expect(events.map((e) => [e.type, e.object])).toEqual([['ACCOUNT.UPDATED', body]]);
  });

  it('bumps updated_at on every rename, even within one millisecond', async () => {
    const account = activeAccount();
    sim.state.now = () => Date.parse(account.updated_at) + 5_000;
    const first = (await rename(account.id, { name: 'One' })).body.updated_at;
    const second = (await rename(account.id, { name: 'Two' })).body.updated_at;
    expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
  });

  it('renames a LOCKED account', async () => {
    const locked = seededWith('LOCKED');
    const { status, body } = await rename(locked.id, { name: 'Still mine' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'Still mine', status: 'LOCKED' });
  });

  it('answers 400 BAD_REQUEST for a malformed id, a missing or too long name, or no JSON object', async () => {
    const id = activeAccount().id;
    expectFailure(await rename('not-a-uuid', { name: 'x' }), 400, 'BAD_REQUEST', 'account_id must be a uuid');
    expectFailure(await rename(id, {}), 400, 'BAD_REQUEST', 'name is required');
    expectFailure(await rename(id, { name: 'n'.repeat(101) }), 400, 'BAD_REQUEST', 'name must be a string of at most 100 characters');
    expectFailure(await rename(id, { name: null }), 400, 'BAD_REQUEST', 'name must be a string of at most 100 characters');
    expectFailure(await rename(id, '"just a string"'), 400, 'BAD_REQUEST', 'Request body must be a JSON object');
    expect(events).toEqual([]);
  });

  it('answers 404 ACCOUNT_NOT_FOUND and 409 ACCOUNT_CLOSED for CLOSED and CLOSING accounts', async () => {
    expectFailure(await rename(unknownUuid, { name: 'x' }), 404, 'ACCOUNT_NOT_FOUND', `Account ${unknownUuid} is not found`);
    const closed = seededWith('CLOSED');
    expectFailure(await rename(closed.id, { name: 'x' }), 409, 'ACCOUNT_CLOSED', `Account ${closed.id} is closed`);
    const account = activeAccount();
    await close(account.id);
    expectFailure(await rename(account.id, { name: 'x' }), 409, 'ACCOUNT_CLOSED', `Account ${account.id} is closing`);
  });
});

describe('Platform writes: DELETE /accounts/{account_id}', () => {
  it('answers 202 with no body; the account is CLOSING, then CLOSED, each reported', async () => {
    const account = activeAccount();
    const { status, text } = await close(account.id);
    expect(status).toBe(202);
    expect(text).toBe('');
    const closing = (await call('GET', `/accounts/${account.id}`)).body;
    expect(closing.status).toBe('CLOSING');
    expect(Date.parse(closing.updated_at)).toBeGreaterThan(Date.parse(account.updated_at));
    expect(events.map((e) => [e.type, e.object])).toEqual([['ACCOUNT.CLOSING_INITIATED', closing]]);
    const closed = await eventOf('ACCOUNT.CLOSED', account.id);
    expect(closed.object.status).toBe('CLOSED');
    expect((await call('GET', `/accounts/${account.id}`)).body).toEqual(closed.object);
    expect(Date.parse(closed.object.updated_at)).toBeGreaterThan(Date.parse(closing.updated_at));
  });

  it('answers 202 again while CLOSING, reporting nothing more; 409 ACCOUNT_CLOSED once CLOSED', async () => {
    const account = activeAccount();
    await close(account.id);
    const again = await close(account.id);
    expect(again.status).toBe(202);
    expect(again.text).toBe('');
    await eventOf('ACCOUNT.CLOSED', account.id);
    await new Promise((r) => setTimeout(r, closeDelayMs * 2));
    expect(events.map((e) => e.type)).toEqual(['ACCOUNT.CLOSING_INITIATED', 'ACCOUNT.CLOSED']);
    expectFailure(await close(account.id), 409, 'ACCOUNT_CLOSED', `Account ${account.id} is closed`);
    expectFailure(await close(seededWith('CLOSED').id), 409, 'ACCOUNT_CLOSED');
  });

  it('closes a LOCKED account', async () => {
    const locked = seededWith('LOCKED');
    expect((await close(locked.id)).status).toBe(202);
    expect((await eventOf('ACCOUNT.CLOSED', locked.id)).object.status).toBe('CLOSED');
  });

  it('answers 400 for a malformed id and 404 ACCOUNT_NOT_FOUND for an unknown one', async () => {
    expectFailure(await close('not-a-uuid'), 400, 'BAD_REQUEST', 'account_id must be a uuid');
    expectFailure(await close(unknownUuid), 404, 'ACCOUNT_NOT_FOUND');
  });

  it('waits closeDelayMs (2000 by default), and stops pending closures when the simulator closes', async () => {
    const slow = new PlatformSimulator({ seed, apiKey });
    expect(slow.state.closeDelayMs).toBe(2000);
    const url = await slow.listen(0);
    const seen: string[] = [];
    slow.events.on((e) => seen.push(e.type));
    const account = activeAccount();
    expect((await fetch(`${url}/accounts/${account.id}`, { method: 'DELETE', headers: auth })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    expect(slow.state.getAccount(account.id)!.status).toBe('CLOSING');
    await slow.close();
    expect(seen).toEqual(['ACCOUNT.CLOSING_INITIATED']);
  });
});

describe('Platform writes: authentication and the call log', () => {
  it('answers 401 UNAUTHORIZED on every write before reading the request', async () => {
    const id = activeAccount().id;
    for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      expectFailure(await create({ user_id: user(0), account_group_id: group(0), type: 'TRADING' }, headers), 401, 'UNAUTHORIZED');
      expectFailure(await rename(id, { name: 'x' }, headers), 401, 'UNAUTHORIZED');
      expectFailure(await close(id, headers), 401, 'UNAUTHORIZED');
      expectFailure(await close('not-a-uuid', headers), 401, 'UNAUTHORIZED');
    }
    expect(events).toEqual([]);
  });

  it('logs the write routes by pattern', async () => {
    const id = activeAccount().id;
    sim.server.clearCalls();
    await create({ user_id: user(0), account_group_id: group(0), type: 'TRADING' });
    await rename(id, { name: 'Logged' });
    await close(id);
    expect(sim.server.calls.map((c) => `${c.method} ${c.route} ${c.status}`)).toEqual([
      'POST POST /accounts 201',
      'PATCH PATCH /accounts/:account_id 200',
      'DELETE DELETE /accounts/:account_id 202',
    ]);
  });
});

describe('Platform writes: lock hook', () => {
  it('locks an ACTIVE account (ACCOUNT.LOCKED) and unlocks it (ACCOUNT.ACTIVATED)', async () => {
    const account = activeAccount();
    expect(sim.state.lockAccount(account.id)).toBe(true);
    const locked = (await call('GET', `/accounts/${account.id}`)).body;
    expect(locked.status).toBe('LOCKED');
    expect(sim.state.lockAccount(account.id)).toBe(false);
    expect(sim.state.unlockAccount(account.id)).toBe(true);
    const active = (await call('GET', `/accounts/${account.id}`)).body;
    expect(active.status).toBe('ACTIVE');
    expect(events.map((e) => [e.type, e.object])).toEqual([
      ['ACCOUNT.LOCKED', locked],
      ['ACCOUNT.ACTIVATED', active],
    ]);
  });

  it('leaves CLOSED and unknown accounts alone', () => {
    expect(sim.state.lockAccount(seededWith('CLOSED').id)).toBe(false);
    expect(sim.state.lockAccount(unknownUuid)).toBe(false);
    expect(sim.state.unlockAccount(activeAccount().id)).toBe(false);
    expect(events).toEqual([]);
  });
});
