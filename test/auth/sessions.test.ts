import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessions, RedisSessions, type SessionStore } from '../../src/auth/sessions.ts';
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
function redisSessions(options: { ttlSeconds?: number; prefix?: string } = {}): RedisSessions {
  const store = new RedisSessions(redis.url, { prefix: `sessions-${++prefixes}:`, ...options });
  closers.push(() => store.close());
  return store;
}

const alice = { login: 'alice.martin0', domain: 'default' };
const bob = { login: 'bob.lee1', domain: 'prop' };

describe.each([
  { name: 'MemorySessions', open: (): SessionStore => new MemorySessions() },
  { name: 'RedisSessions', open: (): SessionStore => redisSessions() },
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
    await expect(store.forget('never-issued')).resolves.toBeUndefined();
  });

  it('remembers the latest identity given for a token', async () => {
    const store = open();
    await store.remember('token-a', alice);
    await store.remember('token-a', bob);
    expect(await store.identify('token-a')).toEqual(bob);
  });
});

describe('MemorySessions', () => {
  it('forgets the oldest session first once full', async () => {
    const store = new MemorySessions({ capacity: 2 });
    await store.remember('one', alice);
    await store.remember('two', bob);
    await store.remember('one', alice); // remembered again: now the newest
    await store.remember('three', bob);
    expect(await store.identify('two')).toBeUndefined();
    expect(await store.identify('one')).toEqual(alice);
    expect(await store.identify('three')).toEqual(bob);
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
    const [key] = await raw.keys(`${prefix}*`);
    expect(key).toMatch(new RegExp(`^${prefix}session:[0-9a-f]{64}$`));
    expect(JSON.parse((await raw.get(key!))!)).toEqual(alice);
  });

  it('sets a TTL and starts it again on every identify', async () => {
    const prefix = 'sessions-ttl:';
    const store = redisSessions({ prefix, ttlSeconds: 600 });
    await store.remember('token-a', alice);
    const [key] = await raw.keys(`${prefix}*`);
    expect(await raw.ttl(key!)).toBeGreaterThan(590);
    await raw.expire(key!, 5);
    expect(await store.identify('token-a')).toEqual(alice);
    expect(await raw.ttl(key!)).toBeGreaterThan(590);
  });

  it('defaults the TTL to 24 hours', async () => {
    const prefix = 'sessions-default-ttl:';
    const store = redisSessions({ prefix });
    await store.remember('token-a', alice);
    const [key] = await raw.keys(`${prefix}*`);
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
    const [key] = await raw.keys(`${prefix}*`);
    await raw.set(key!, '{not json');
    expect(await store.identify('token-a')).toBeUndefined();
    await raw.set(key!, JSON.stringify({ login: 1 }));
    expect(await store.identify('token-a')).toBeUndefined();
  });

  it('lets a Redis error reach the caller', async () => {
    const store = new RedisSessions('redis://127.0.0.1:1');
    closers.push(() => store.close());
    await expect(store.identify('token-a')).rejects.toThrow();
  });
});
