import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keys, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { subscribeSse, subscriptionScope, until } from '../support/events.ts';
import { gql } from '../support/gql.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

// With REDIS_URL, no caller text becomes (part of) a Redis key name: `after` is looked up by digest, and
// an earlier gateway's stream-less keys only for ids of a safe alphabet. MONITOR shows every command,
// those the gateway's Lua scripts run included.

const partner = `Bearer ${keys.all}`;
const ACCOUNT_EVENTS = gql`
  subscription ($after: ID) {
    accountEvents(after: $after) { id }
  }
`;

let redis: TestRedis;
let t: TestGateway;
let raw: Redis;
let monitor: Awaited<ReturnType<Redis['monitor']>>;
const commands: string[][] = [];
const scope = subscriptionScope(() => t);

beforeAll(async () => {
  redis = await startRedis();
  t = await startTestGateway({}, { REDIS_URL: redis.url });
  raw = new Redis(redis.url);
  monitor = await new Redis(redis.url).monitor();
  monitor.on('monitor', (_time: string, args: string[]) => void commands.push(args));
});
afterEach(() => scope.release());
afterAll(async () => {
  monitor?.disconnect();
  raw?.disconnect();
  await t?.close();
  await redis?.stop();
});

/** Every command Redis ran until now: a marker is sent, and MONITOR reports in order. */
async function commandsSoFar(): Promise<string[][]> {
  const marker = `marker-${crypto.randomUUID()}`;
  await raw.echo(marker);
  await until(() => commands.some((args) => args.includes(marker)), 'MONITOR to report the marker');
  return commands.splice(0);
}

/** What an earlier gateway left for an event: the stream entry and `gateway:event:<id>`. */
async function earlierGatewayEvent(id: string): Promise<void> {
  const position = await raw.xadd('gateway:events', '*', 'id', id, 'stream', 'account', 'type', 'ACCOUNT.UPDATED', 'createdAt', '2026-01-02T03:04:05.000Z', 'data', '{}');
  await raw.set(`gateway:event:${id}`, position as string, 'EX', 1_000);
}

describe('`after` is never a Redis key', () => {
  it.each([
    ['a protocol-looking id', 'x" *\r\nFLUSHALL'],
    ['a glob', 'evt-*'],
    ['spaces and quotes', 'an "event" id'],
  ])('%s is EVENT_NOT_IN_LOG, and no command names a key with it', async (_, text) => {
    // MONITOR escapes what it shows: the tag, plain letters, is found however the rest is shown.
    const tag = `tag${crypto.randomUUID().replaceAll('-', '')}`;
    const after = `${text}${tag}`;
    await commandsSoFar();
    const [refusal] = await scope.track(await subscribeSse(t.gateway.url, ACCOUNT_EVENTS, { variables: { after }, authorization: partner })).waitFor(1);
    expect(refusal?.errors?.map((e) => e.extensions?.code)).toEqual(['EVENT_NOT_IN_LOG']);
    const seen = await commandsSoFar();
    expect(seen.some((args) => args[0]?.toLowerCase() === 'evalsha' || args[0]?.toLowerCase() === 'eval')).toBe(true);
    expect(seen.filter((args) => args.some((arg) => arg.includes(tag)))).toEqual([]);
  });

  it("an earlier gateway's event whose id is of the safe alphabet is still resumed after", async () => {
    const old = `old-${crypto.randomUUID()}`;
    await earlierGatewayEvent(old);
    await earlierGatewayEvent(`old-${crypto.randomUUID()}`);
    const sub = await scope.live(ACCOUNT_EVENTS, { after: old }, partner);
    const [next] = await sub.waitFor(1);
    expect(next?.errors).toBeUndefined();
    expect((next?.data as { accountEvents: { id: string } }).accountEvents.id).toMatch(/^old-/);
    expect((next?.data as { accountEvents: { id: string } }).accountEvents.id).not.toBe(old);
  });

  it("an earlier gateway's key holding another alphabet is not looked up", async () => {
    const tag = `tag${crypto.randomUUID().replaceAll('-', '')}`;
    const old = `old "${tag}"`;
    await earlierGatewayEvent(old);
    await commandsSoFar();
    const [refusal] = await scope.track(await subscribeSse(t.gateway.url, ACCOUNT_EVENTS, { variables: { after: old }, authorization: partner })).waitFor(1);
    expect(refusal?.errors?.map((e) => e.extensions?.code)).toEqual(['EVENT_NOT_IN_LOG']);
    expect((await commandsSoFar()).filter((args) => args.some((arg) => arg.includes(tag)))).toEqual([]);
  });
});
