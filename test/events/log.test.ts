import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { comparePositions, idDigest, MemoryEventLog, type EventLog, type GatewayEvent, type LoggedEvent } from '../../src/events/log.ts';
import { RedisEventLog, type RedisEventLogOptions } from '../../src/events/redis-log.ts';
import { until } from '../support/events.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

const opened: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  vi.restoreAllMocks();
});

let prefixes = 0;
const freshPrefix = () => `test-${++prefixes}:`;

async function openRedisLog(options: RedisEventLogOptions = {}): Promise<RedisEventLog> {
  const log = new RedisEventLog(redis.url, options);
  opened.push(log);
  await log.ready();
  return log;
}

const event = (id: string, data: unknown = { id, nested: { amount: '12.50', tags: ['a', 'b'] } }): GatewayEvent => ({
  id,
  stream: 'account',
  type: 'ACCOUNT.UPDATED',
  createdAt: '2026-01-02T03:04:05.000Z',
  data,
});

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

function collect(log: EventLog): LoggedEvent[] {
  const seen: LoggedEvent[] = [];
  log.tail((e) => seen.push(e));
  return seen;
}

describe.each([
  {
    name: 'MemoryEventLog',
    open: async (options: { capacity?: number } = {}): Promise<EventLog> => {
      const log = new MemoryEventLog(options);
      opened.push(log);
      return log;
    },
  },
  { name: 'RedisEventLog', open: (options: { capacity?: number } = {}): Promise<EventLog> => openRedisLog({ ...options, prefix: freshPrefix() }) },
])('$name', ({ open }) => {
  it('appends an event and reads it back as it was sent', async () => {
    const log = await open();
    const sent = event('evt-1');
    const result = await log.append(sent, 'wh-1');
    expect(result.duplicate).toBe(false);
    expect(await log.readAfter('0-0', 10)).toEqual([{ ...sent, position: result.position }]);
  });

  it('logs a webhook id once: a redelivery answers the first position', async () => {
    const log = await open();
    const first = await log.append(event('evt-1'), 'wh-1');
    const again = await log.append(event('evt-2'), 'wh-1');
    expect(again).toEqual({ position: first.position, duplicate: true });
    expect((await log.readAfter('0-0', 10)).map((e) => e.id)).toEqual(['evt-1']);
  });

  it('logs an event id once, whatever webhook carried it', async () => {
    const log = await open();
    const first = await log.append(event('evt-1'), 'wh-1');
    const again = await log.append(event('evt-1'), 'wh-2');
    expect(again).toEqual({ position: first.position, duplicate: true });
    expect(await log.readAfter('0-0', 10)).toHaveLength(1);
  });

  it('reads after a position in pages, oldest first', async () => {
    const log = await open();
    const positions: string[] = [];
    for (let i = 0; i < 25; i++) positions.push((await log.append(event(`evt-${i}`), `wh-${i}`)).position);
    const pages: LoggedEvent[][] = [];
    let after = '0-0';
    for (;;) {
      const page = await log.readAfter(after, 10);
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1)!.position;
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const read = pages.flat();
    expect(read.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => `evt-${i}`));
    expect(read.map((e) => e.position)).toEqual(positions);
    for (let i = 1; i < positions.length; i++) expect(comparePositions(positions[i - 1]!, positions[i]!)).toBeLessThan(0);
    expect((await log.readAfter(positions[11]!, 2)).map((e) => e.id)).toEqual(['evt-12', 'evt-13']);
    expect(await log.readAfter(positions[24]!, 10)).toEqual([]);
  });

  it('finds a held event in its stream, not an unknown one nor one of another stream', async () => {
    const log = await open();
    const { position } = await log.append(event('evt-1'), 'wh-1');
    expect(await log.find('account', 'evt-1')).toEqual({ ...event('evt-1'), position });
    expect(await log.find('account', 'never-sent')).toBeUndefined();
    expect(await log.find('market-data', 'evt-1')).toBeUndefined();
    expect(await log.find('client', 'evt-1')).toBeUndefined();
  });

  it('de-duplicates per stream: the same event id or webhook id in another stream is another event', async () => {
    const log = await open();
    const streams = ['account', 'market-data', 'client'] as const;
    const first = await Promise.all(streams.map((stream) => log.append({ ...event('evt-1'), stream }, 'wh-1')));
    expect(first.map((r) => r.duplicate)).toEqual([false, false, false]);
    expect(new Set(first.map((r) => r.position)).size).toBe(3);
    for (const [i, stream] of streams.entries()) {
      expect(await log.append({ ...event('evt-1'), stream }, 'wh-2')).toEqual({ position: first[i]!.position, duplicate: true });
      expect(await log.append({ ...event('evt-2'), stream }, 'wh-1')).toEqual({ position: first[i]!.position, duplicate: true });
      expect(await log.find(stream, 'evt-1')).toEqual({ ...event('evt-1'), stream, position: first[i]!.position });
    }
    expect((await log.readAfter('0-0', 10)).map((e) => e.stream)).toEqual([...streams]);
  });

  it('forgets a trimmed event, so that no replay starts from it', async () => {
    const log = await open({ capacity: 10 });
    for (let i = 0; i < 300; i++) await log.append(event(`evt-${i}`), `wh-${i}`);
    expect(await log.find('account', 'evt-0')).toBeUndefined();
    expect((await log.find('account', 'evt-299'))?.position).toBe(await log.head());
    const held = await log.readAfter('0-0', 1_000);
    expect(held.length).toBeGreaterThanOrEqual(10);
    expect(held.length).toBeLessThan(300);
    expect(held.at(-1)!.id).toBe('evt-299');
  });

  it('has its newest position as head, 0-0 while empty', async () => {
    const log = await open();
    expect(await log.head()).toBe('0-0');
    await log.append(event('evt-1'), 'wh-1');
    const { position } = await log.append(event('evt-2'), 'wh-2');
    await log.append(event('evt-1'), 'wh-3');
    expect(await log.head()).toBe(position);
  });

  it('tails every new event once, in order, to every listener until it stops', async () => {
    const log = await open();
    await log.append(event('before'), 'wh-before');
    const first = collect(log);
    const second: LoggedEvent[] = [];
    const stop = log.tail((e) => second.push(e));
    const positions: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await log.append(event(`evt-${i}`), `wh-${i}`);
      positions.push(result.position);
      await log.append(event(`evt-${i}`), `wh-again-${i}`);
      await log.append(event(`other-${i}`), `wh-${i}`);
    }
    await until(() => first.length >= 20 && second.length >= 20, 'the tail to deliver', 5_000);
    stop();
    await log.append(event('after-stop'), 'wh-after-stop');
    await until(() => first.length >= 21, 'the tail to deliver', 5_000);
    await settle();
    expect(first.map((e) => e.position)).toEqual([...positions, await log.head()]);
    expect(first.map((e) => e.id)).toEqual([...Array.from({ length: 20 }, (_, i) => `evt-${i}`), 'after-stop']);
    expect(second.map((e) => e.position)).toEqual(positions);
    expect(first[0]).toEqual({ ...event('evt-0'), position: positions[0] });
  });
});

describe('RedisEventLog across instances', () => {
  it('delivers an event appended on one instance to the listeners of another, once', async () => {
    const prefix = freshPrefix();
    const a = await openRedisLog({ prefix });
    const b = await openRedisLog({ prefix });
    const onA = collect(a);
    const onB: { event: LoggedEvent; at: number }[] = [];
    b.tail((e) => onB.push({ event: e, at: performance.now() }));
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const sent = performance.now();
      const { position } = await a.append(event(`evt-${i}`), `wh-${i}`);
      await until(() => onB.length > i, 'the tail to deliver', 5_000);
      expect(onB[i]!.event).toEqual({ ...event(`evt-${i}`), position });
      latencies.push(onB[i]!.at - sent);
    }
    await settle();
    expect(onB).toHaveLength(10);
    expect(onA.map((e) => e.id)).toEqual(onB.map((e) => e.event.id));
    // The blocking read wakes on XADD; a poll would show up here as hundreds of milliseconds.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it('tails from the head at the time the log was opened', async () => {
    const prefix = freshPrefix();
    const a = await openRedisLog({ prefix });
    await a.append(event('before-b'), 'wh-1');
    const b = await openRedisLog({ prefix });
    const onB = collect(b);
    await a.append(event('after-b'), 'wh-2');
    await until(() => onB.length >= 1, 'the tail to deliver', 5_000);
    await settle();
    expect(onB.map((e) => e.id)).toEqual(['after-b']);
  });

  it('logs a webhook appended concurrently by two instances once', async () => {
    const prefix = freshPrefix();
    const a = await openRedisLog({ prefix });
    const b = await openRedisLog({ prefix });
    const pairs = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        // Even: the same event redelivered to both; odd: same webhook id, different event ids.
        Promise.all([a.append(event(`evt-${i}`), `wh-${i}`), b.append(event(i % 2 ? `evt-${i}-b` : `evt-${i}`), `wh-${i}`)]),
      ),
    );
    for (const [fromA, fromB] of pairs) {
      expect(fromA.position).toBe(fromB.position);
      expect([fromA.duplicate, fromB.duplicate].sort()).toEqual([false, true]);
    }
    expect(await a.readAfter('0-0', 100)).toHaveLength(30);
  });

  it('keeps tailing across a Redis restart without a gap or a repeat', async () => {
    const prefix = freshPrefix();
    const a = await openRedisLog({ prefix });
    const b = await openRedisLog({ prefix });
    const onB = collect(b);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (let i = 0; i < 3; i++) await a.append(event(`before-${i}`), `wh-before-${i}`);
    await until(() => onB.length >= 3, 'the tail to deliver', 5_000);
    await redis.restart();
    for (let i = 0; i < 3; i++) await a.append(event(`after-${i}`), `wh-after-${i}`);
    await until(() => onB.length >= 6, 'the tail to deliver', 15_000);
    await settle(300);
    expect(onB.map((e) => e.id)).toEqual(['before-0', 'before-1', 'before-2', 'after-0', 'after-1', 'after-2']);
    expect((await a.readAfter('0-0', 10)).map((e) => e.position)).toEqual(onB.map((e) => e.position));
    // The dedupe keys survived too.
    expect((await a.append(event('other'), 'wh-before-0')).duplicate).toBe(true);
  });

  it('lets a fresh instance replay what an earlier one appended', async () => {
    const prefix = freshPrefix();
    const earlier = new RedisEventLog(redis.url, { prefix });
    const positions: string[] = [];
    for (let i = 0; i < 5; i++) positions.push((await earlier.append(event(`evt-${i}`), `wh-${i}`)).position);
    await earlier.close();
    const fresh = await openRedisLog({ prefix });
    expect(await fresh.head()).toBe(positions[4]);
    const from = await fresh.find('account', 'evt-2');
    expect(from?.position).toBe(positions[2]);
    expect((await fresh.readAfter(from!.position, 10)).map((e) => e.id)).toEqual(['evt-3', 'evt-4']);
    expect((await fresh.append(event('evt-4'), 'wh-new')).duplicate).toBe(true);
  });

  it('skips entries it cannot read, with a log line, and goes on', async () => {
    const prefix = freshPrefix();
    const log = await openRedisLog({ prefix });
    const seen = collect(log);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const raw = new Redis(redis.url);
    opened.push({ close: () => raw.quit() });
    await raw.xadd(`${prefix}events`, '*', 'id', 'bad-json', 'stream', 'account', 'type', 'T', 'createdAt', 'now', 'data', '{nope');
    await raw.xadd(`${prefix}events`, '*', 'something', 'else');
    await log.append(event('good'), 'wh-good');
    await until(() => seen.length >= 1, 'the tail to deliver', 5_000);
    expect(seen.map((e) => e.id)).toEqual(['good']);
    expect((await log.readAfter('0-0', 10)).map((e) => e.id)).toEqual(['good']);
    expect(logged.mock.calls.map((c) => String(c[0])).filter((line) => line.includes('skipped entry')).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps its keys under the prefix, per stream, named by digests of the ids whatever their length or characters, with their TTL', async () => {
    const prefix = freshPrefix();
    const log = await openRedisLog({ prefix, retentionSeconds: 1_000 });
    const raw = new Redis(redis.url);
    opened.push({ close: () => raw.quit() });
    const hostile = `x*?[]\r\n {}:${'a'.repeat(5_000)}`;
    await log.append({ ...event(hostile), stream: 'market-data' }, hostile);
    const digest = idDigest(hostile);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const names = [`${prefix}event-id:market-data:${digest}`, `${prefix}events`, `${prefix}webhook-id:market-data:${digest}`];
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual(names);
    expect(await raw.ttl(names[0]!)).toBeGreaterThan(990);
    expect(await raw.ttl(names[2]!)).toBeGreaterThan(990);
    expect((await log.find('market-data', hostile))?.id).toBe(hostile);
  });

  it("honours an earlier gateway's stream-less keys in the stream their entry names, and writes none", async () => {
    const prefix = freshPrefix();
    const log = await openRedisLog({ prefix });
    const raw = new Redis(redis.url);
    opened.push({ close: () => raw.quit() });
    // What an earlier gateway's script left: the entry, `webhook:<id>` and `event:<id>`.
    const earlier = async (id: string, stream: string, webhookId: string) => {
      const position = (await raw.xadd(`${prefix}events`, '*', 'id', id, 'stream', stream, 'type', 'ACCOUNT.UPDATED', 'createdAt', '2026-01-02T03:04:05.000Z', 'data', '{}')) as string;
      await raw.set(`${prefix}event:${id}`, position, 'EX', 1_000);
      await raw.set(`${prefix}webhook:${webhookId}`, position, 'EX', 1_000);
      return position;
    };
    const old = await earlier('old-1', 'account', 'old-wh-1');
    expect(await log.append(event('old-1'), 'new-wh')).toEqual({ position: old, duplicate: true });
    expect(await log.append(event('new-1'), 'old-wh-1')).toEqual({ position: old, duplicate: true });
    expect((await log.find('account', 'old-1'))?.position).toBe(old);
    // Another stream's event of the same id, or under the same webhook id, is another event.
    expect((await log.append({ ...event('old-1'), stream: 'market-data' }, 'old-wh-1')).duplicate).toBe(false);
    expect(await log.find('client', 'old-1')).toBeUndefined();
    const legacy = (await raw.keys(`${prefix}*`)).filter((k) => /:(event|webhook):/.test(k)).sort();
    expect(legacy).toEqual([`${prefix}event:old-1`, `${prefix}webhook:old-wh-1`]);
  });

  it('closes at once while Redis is down, and before it was ever ready', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const own = await startRedis();
    try {
      const log = new RedisEventLog(own.url);
      await log.ready();
      const never = new RedisEventLog(own.url);
      await never.close();
      await expect(never.ready()).rejects.toThrow(/closed/);
      await own.stop();
      await settle(500); // both connections are reconnecting now
      const started = performance.now();
      await log.close();
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      await own.stop();
    }
  });

  it('fails appends while Redis is unreachable, and never logs the URL with its password', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = new RedisEventLog('redis://:s3cret-word@127.0.0.1:1', { prefix: freshPrefix() });
    opened.push(log);
    await expect(log.ready()).rejects.toThrow();
    await expect(log.append(event('evt-1'), 'wh-1')).rejects.toThrow();
    await log.close();
    expect(logged).toHaveBeenCalled();
    expect(JSON.stringify(logged.mock.calls)).not.toContain('s3cret-word');
  });
});
