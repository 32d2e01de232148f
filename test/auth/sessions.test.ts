import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessions, RedisSessions, SessionCapacityError, sessionId, type SessionStore } from '../../src/auth/sessions.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

let redis: TestRedis;
let raw: Redis;
beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
});
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  await raw?.quit();
  await redis?.stop();
});

let prefixes = 0;
function redisSessions(options: { idleSeconds?: number; perUser?: number; prefix?: string } = {}): RedisSessions {
  const store = new RedisSessions(redis.url, { prefix: `sessions-${++prefixes}:`, ...options });
  closers.push(() => store.close());
  return store;
}

const alice = { login: 'alice.martin0', domain: 'default' };
const bob = { login: 'bob.lee1', domain: 'prop' };

describe.each([
  { name: 'MemorySessions', open: (perUser?: number): SessionStore => new MemorySessions({ perUser }) },
  { name: 'RedisSessions', open: (perUser?: number): SessionStore => redisSessions({ perUser }) },
])('$name', ({ open }) => {
  it('identifies a remembered token, and nobody once it is forgotten', async () => {
    const store = open();
    await store.remember('token-a', alice);
    await store.remember('token-b', bob);
    expect(await store.identify('token-a')).toEqual(alice);
    expect(await store.identify('token-b')).toEqual(bob);
    await store.forget('token-a');
    expect(await store.identify('token-a')).toBeUndefined();
    expect(await store.identify('token-b')).toEqual(bob);
  });

  it('does not know a token it was never given; forgetting one is harmless', async () => {
    const store = open();
    expect(await store.identify('never-issued')).toBeUndefined();
    await expect(store.forget('never-issued')).resolves.toEqual([]);
  });

  it('remembers the latest identity given for a token', async () => {
    const store = open();
    await store.remember('token-a', alice);
    await store.remember('token-a', bob);
    expect(await store.identify('token-a')).toEqual(bob);
  });

  it("holds at most perUser sessions of one user: one more forgets that user's oldest, and answers its id", async () => {
    const store = open(2);
    expect(await store.remember('bob-1', bob)).toEqual([]);
    expect(await store.remember('alice-1', alice)).toEqual([]);
    expect(await store.remember('alice-2', alice)).toEqual([]);
    expect(await store.remember('alice-3', { login: 'Alice.Martin0', domain: 'DEFAULT' })).toEqual([sessionId('alice-1')]);
    expect(await store.identify('alice-1')).toBeUndefined();
    expect(await store.identify('alice-2')).toEqual(alice);
    expect(await store.identify('bob-1')).toEqual(bob);
  });

  it('answers the id of a forgotten session, and nothing for an unknown one', async () => {
    const store = open();
    await store.remember('token-a', alice);
    expect(await store.forget('token-a')).toEqual([sessionId('token-a')]);
    expect(await store.forget('token-a')).toEqual([]);
  });

  it("forgets every session of a user, and only that user's", async () => {
    const store = open();
    await store.remember('alice-1', alice);
    await store.remember('alice-2', alice);
    await store.remember('bob-1', bob);
    expect((await store.forgetUser(alice)).sort()).toEqual([sessionId('alice-1'), sessionId('alice-2')].sort());
    expect(await store.identify('alice-1')).toBeUndefined();
    expect(await store.identify('alice-2')).toBeUndefined();
    expect(await store.identify('bob-1')).toEqual(bob);
    expect(await store.forgetUser(alice)).toEqual([]);
    // The per-user count starts again.
    await store.remember('alice-3', alice);
    expect(await store.identify('alice-3')).toEqual(alice);
  });
});

describe('MemorySessions', () => {
  it('once full refuses a new session and keeps every one it holds; a known token is remembered again', async () => {
    const store = new MemorySessions({ capacity: 2 });
    await store.remember('one', alice);
    await store.remember('two', bob);
    await expect(store.remember('three', bob)).rejects.toThrow(SessionCapacityError);
    await store.remember('one', alice);
    expect(await store.identify('one')).toEqual(alice);
    expect(await store.identify('two')).toEqual(bob);
    expect(await store.identify('three')).toBeUndefined();
    await store.forget('two');
    await store.remember('three', bob);
    expect(await store.identify('three')).toEqual(bob);
  });

  it('forgets a session unused for idleSeconds; every identify starts the time again, and idle ones free their place', async () => {
    let now = 0;
    const store = new MemorySessions({ capacity: 2, idleSeconds: 60, now: () => now });
    await store.remember('used', alice);
    await store.remember('idle', bob);
    now = 59_000;
    expect(await store.identify('used')).toEqual(alice);
    now = 61_000;
    await store.remember('new', bob); // the idle one is swept, so there is room
    expect(await store.identify('idle')).toBeUndefined();
    expect(await store.identify('used')).toEqual(alice);
    now = 200_000;
    expect(await store.identify('used')).toBeUndefined();
  });
});

describe('RedisSessions', () => {
  it('never puts the raw token in Redis, in a key or a value', async () => {
    const prefix = 'sessions-raw:';
    const store = redisSessions({ prefix });
    const token = 'dxapi-token-7f3c9a1e5b';
    await store.remember(token, alice);
    const keys = await raw.keys('*');
    for (const key of keys) {
      expect(key).not.toContain(token);
      const type = await raw.type(key);
      if (type === 'string') expect(await raw.get(key)).not.toContain(token);
    }
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual([`${prefix}session:${sessionId(token)}`, expect.stringMatching(new RegExp(`^${prefix}user-sessions:[0-9a-f]{64}$`))]);
    const key = `${prefix}session:${sessionId(token)}`;
    expect(JSON.parse((await raw.get(key))!)).toEqual(alice);
  });

  it('sets a TTL and starts it again on every identify', async () => {
    const prefix = 'sessions-ttl:';
    const store = redisSessions({ prefix, idleSeconds: 600 });
    await store.remember('token-a', alice);
    const [key] = await raw.keys(`${prefix}session:*`);
    expect(await raw.ttl(key!)).toBeGreaterThan(590);
    await raw.expire(key!, 5);
    expect(await store.identify('token-a')).toEqual(alice);
    expect(await raw.ttl(key!)).toBeGreaterThan(590);
  });

  it('defaults the TTL to 24 hours', async () => {
    const prefix = 'sessions-default-ttl:';
    const store = redisSessions({ prefix });
    await store.remember('token-a', alice);
    const [key] = await raw.keys(`${prefix}session:*`);
    expect(await raw.ttl(key!)).toBeGreaterThan(24 * 3600 - 10);
    expect(await raw.ttl(key!)).toBeLessThanOrEqual(24 * 3600);
  });

  it('is shared by instances', async () => {
    const prefix = 'sessions-shared:';
    const one = redisSessions({ prefix });
    const other = new RedisSessions(raw, { prefix });
    await one.remember('token-a', alice);
    expect(await other.identify('token-a')).toEqual(alice);
    await other.forget('token-a');
    expect(await one.identify('token-a')).toBeUndefined();
    await other.close(); // a shared client stays open
    expect(await raw.ping()).toBe('PONG');
  });

  it('treats a value it cannot read as no session', async () => {
    const prefix = 'sessions-corrupt:';
    const store = redisSessions({ prefix });
    await store.remember('token-a', alice);
    const [key] = await raw.keys(`${prefix}session:*`);
    await raw.set(key!, '{not json');
    expect(await store.identify('token-a')).toBeUndefined();
    await raw.set(key!, JSON.stringify({ login: 1 }));
    expect(await store.identify('token-a')).toBeUndefined();
  });

  it('does not count a session that went idle against the per-user bound', async () => {
    const prefix = 'sessions-idle-members:';
    const store = redisSessions({ prefix, perUser: 2 });
    await store.remember('alice-1', alice);
    await store.remember('alice-2', alice);
    await raw.del(`${prefix}session:${sessionId('alice-1')}`); // as its TTL would
    expect(await store.remember('alice-3', alice)).toEqual([]);
    expect(await store.identify('alice-2')).toEqual(alice);
    expect(await store.identify('alice-3')).toEqual(alice);
    expect(await raw.zcard((await raw.keys(`${prefix}user-sessions:*`))[0]!)).toBe(2);
  });

  it('lets a Redis error reach the caller', async () => {
    const store = new RedisSessions('redis://127.0.0.1:1');
    closers.push(() => store.close());
    await expect(store.identify('token-a')).rejects.toThrow();
  });
});
