import { once } from 'node:events';
import { connect } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { AccountEventsDocument } from '../generated/operations.ts';
import { platformEventBody, postWebhook, subscribeWs, until, wsClient } from '../support/events.ts';
import { countByRoute, keys, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

const signed = { secret: webhookSecret };

/** Signature headers for `payload`, as a sender with the secret makes them. */
function signatureHeaders(payload: string, at = new Date()) {
  const id = crypto.randomUUID();
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(webhookSecret).sign(id, at, payload) };
}

/**
 * A webhook POST on a connection of its own that sends its head and `bodyPart`, and no more: resolves
 * with the answer once the gateway has answered and closed, with the body still incomplete.
 */
async function postHeadOnly(gatewayUrl: string, headers: Record<string, string>, contentLength: number, bodyPart = '', localAddress = '127.0.0.1') {
  const socket = connect({ port: Number(new URL(gatewayUrl).port), host: '127.0.0.1', localAddress });
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += String(chunk)));
  socket.on('error', () => {});
  const lines = Object.entries({ host: 'gateway', 'content-type': 'application/json', 'content-length': String(contentLength), ...headers }).map(([k, v]) => `${k}: ${v}`);
  socket.write(`POST /webhooks/platform HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${bodyPart}`);
  return {
    answered: once(socket, 'close').then(() => ({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]), answer })),
    close: () => socket.destroy(),
  };
}

/** The events the gateway has logged. */
const logged = async (t: TestGateway) => (await t.gateway.events.log.readAfter('0-0', 1_000)).map((e) => e.id);

describe('checks made before the body is read', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('a webhook without signature headers is refused 401 without waiting for its body', async () => {
    const post = await postHeadOnly(t.gateway.url, {}, 1_000);
    const { status, answer } = await post.answered;
    expect(status).toBe(401);
    expect(answer).toContain('Missing required headers');
  });

  it('a stale or future timestamp is refused 401 without waiting for the body', async () => {
    for (const [offsetSeconds, reason] of [[-600, 'too old'], [600, 'too new']] as const) {
      const post = await postHeadOnly(t.gateway.url, signatureHeaders('{}', new Date(Date.now() + offsetSeconds * 1000)), 1_000);
      const { status, answer } = await post.answered;
      expect(status).toBe(401);
      expect(answer).toContain(`Message timestamp ${reason}`);
    }
  });

  it('a content-length over 1 MiB is refused 413 without reading a byte of the body', async () => {
    const post = await postHeadOnly(t.gateway.url, signatureHeaders('{}'), 2 * 1024 * 1024);
    expect((await post.answered).status).toBe(413);
    expect(await logged(t)).toEqual([]);
  });
});

/** A round trip through the gateway: the requests sent before it have been seen (and given their places). */
const seen = (t: TestGateway) => fetch(`${t.gateway.url}/healthz`).then((res) => res.text());

/** A slow webhook from `localAddress` that has been given its place: a plausible head and the first bytes of its body. */
async function slowWebhook(t: TestGateway, localAddress: string) {
  const body = JSON.stringify(platformEventBody('ACCOUNT.UPDATED', { id: crypto.randomUUID() }));
  const post = await postHeadOnly(t.gateway.url, signatureHeaders(body), body.length, body.slice(0, 10), localAddress);
  await seen(t);
  return post;
}

describe('webhooks in progress (WEBHOOK_LIMITS concurrent 3, perAddress 2, bodyTimeoutMs 60000)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { WEBHOOK_LIMITS: JSON.stringify({ concurrent: 3, perAddress: 2, bodyTimeoutMs: 60_000 }) });
  });
  afterAll(() => t.close());

  it('an address holds at most 2 places and all addresses 3: a newcomer takes the place of the oldest body still arriving (408), so a complete webhook always gets in', async () => {
    const [a1, a2] = [await slowWebhook(t, '127.0.0.2'), await slowWebhook(t, '127.0.0.2')];
    const a3 = await slowWebhook(t, '127.0.0.2');
    const cut = await a1.answered;
    expect(cut.status).toBe(408);
    expect(cut.answer).toContain('a newer webhook needed its place');
    const b1 = await slowWebhook(t, '127.0.0.3');

    // Every place is held (two from .2, one from .3): a complete webhook from elsewhere takes the oldest one's.
    const event = platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-0000000000a1' });
    const genuine = await postWebhook(t.gateway.url, '/webhooks/platform', event, signed);
    expect(genuine).toMatchObject({ status: 200, body: { accepted: true, duplicate: false } });
    expect((await a2.answered).status).toBe(408);
    expect(await logged(t)).toEqual([event.id]);
    for (const post of [a3, b1]) post.close();
  });
});

/**
 * Keeps `count` webhook POSTs from `localAddress` open with a plausible head (a forged signature, a
 * fresh timestamp, a 100 KB content-length) and a body trickled a byte every 500 ms, opening a new
 * one 50 ms after one ends: the red team's slot holder (/tmp/attack/webhook-slots.mjs).
 */
function holdSlowWebhooks(gatewayUrl: string, count: number, localAddress: string) {
  const answers: number[] = [];
  const open = new Set<ReturnType<typeof connect>>();
  let stopped = false;
  const one = () => {
    if (stopped) return;
    const socket = connect({ port: Number(new URL(gatewayUrl).port), host: '127.0.0.1', localAddress });
    open.add(socket);
    const timestamp = Math.floor(Date.now() / 1000);
    socket.write(`POST /webhooks/platform HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nwebhook-id: slow\r\nwebhook-timestamp: ${timestamp}\r\nwebhook-signature: v1,AAAA\r\n\r\n{`);
    const drip = setInterval(() => socket.write(' '), 500);
    socket.on('data', (chunk: Buffer) => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(String(chunk))?.[1];
      if (status) answers.push(Number(status));
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      open.delete(socket);
      setTimeout(one, 50);
    });
  };
  for (let i = 0; i < count; i++) one();
  return {
    answers,
    stop: () => {
      stopped = true;
      for (const socket of open) socket.destroy();
    },
  };
}

/** The red team's lockout (/tmp/attack/webhook-lockout.sh): unsigned webhooks with plausible headers, from the sender's own address. */
async function unsignedWebhooks(gatewayUrl: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${gatewayUrl}/webhooks/platform`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
      body: '{}',
    });
    statuses.push(res.status);
    await res.body?.cancel();
  }
  return statuses;
}

const renameDocument = gql`
  mutation ($input: RenamePlatformAccountInput!) {
    renamePlatformAccount(input: $input) {
      __typename
    }
  }
`;

describe('a party without the secret cannot make the intake refuse the genuine sender (the simulators\' own, retrying as it does)', () => {
  let t: TestGateway;
  const senderLog: string[] = [];
  beforeAll(async () => {
    t = await startTestGateway({ webhooks: { log: (line) => void senderLog.push(line) } });
    t.sims.sendWebhooksTo(t.gateway.url, webhookSecret);
  });
  afterAll(() => t.close());

  /** Renames an account while `attack` runs: the accountEvents subscriber must get the event, once, from one upstream call. */
  async function renameReachesSubscriber(name: string) {
    const account = [...t.sims.platform.state.accounts.values()].find((a) => a.status === 'ACTIVE')!;
    const client = wsClient(t.gateway.url, `Bearer ${keys.reader}`);
    const before = t.gateway.events.size;
    const sub = subscribeWs(client, AccountEventsDocument);
    await until(() => t.gateway.events.size > before, 'the subscriber to register');
    t.sims.clearCalls();
    const res = await t.run(renameDocument, { input: { accountId: account.id, name } }, `Bearer ${keys.writer}`);
    expect(res.data).toEqual({ renamePlatformAccount: { __typename: 'PlatformAccountRenamed' } });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'platform PATCH /accounts/:account_id': 1 });
    // The sender's own retries (8 attempts over about 11 s) are what the event has.
    const [event] = await sub.waitFor(1, 30_000);
    expect(event?.data?.accountEvents).toMatchObject({ type: 'ACCOUNT_UPDATED', account: { id: account.id, name } });
    await client.dispose();
    expect(senderLog.filter((line) => line.includes('gave up'))).toEqual([]);
  }

  it('a foreign address holding 20 slow webhooks (variant A): it gets 4 places at most, the sender gets in', async () => {
    const attacker = holdSlowWebhooks(t.gateway.url, 20, '127.0.0.2');
    try {
      await until(() => attacker.answers.length >= 16, 'the attacker to be over its places');
      await renameReachesSubscriber('renamed under slow webhooks');
    } finally {
      attacker.stop();
    }
  }, 60_000);

  it('the sender\'s own address (a proxy, a load balancer) sending 100 unsigned webhooks first (variant B): each is 401, and none counts against the sender', async () => {
    const statuses = await unsignedWebhooks(t.gateway.url, 100);
    expect(new Set(statuses)).toEqual(new Set([401]));
    await renameReachesSubscriber('renamed after unsigned webhooks');
  }, 60_000);

  it('the sender\'s own address holding 20 slow webhooks: the sender\'s complete body takes the place of the oldest slow one', async () => {
    const attacker = holdSlowWebhooks(t.gateway.url, 20, '127.0.0.1');
    try {
      await until(() => attacker.answers.length >= 16, 'the attacker to be over its places');
      await renameReachesSubscriber('renamed beside slow webhooks');
    } finally {
      attacker.stop();
    }
  }, 60_000);
});

describe('without WEBHOOK_SECRET', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { WEBHOOK_SECRET: '' });
  });
  afterAll(() => t.close());

  it('every webhook is still refused 503 (so that senders retry once a secret is set), signed or not, before its body is read', async () => {
    const post = await postHeadOnly(t.gateway.url, {}, 1_000);
    const { status, answer } = await post.answered;
    expect(status).toBe(503);
    expect(answer).toContain('WEBHOOK_SECRET is not configured');
    expect((await postWebhook(t.gateway.url, '/webhooks/platform', platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-0000000000b1' }), signed)).status).toBe(503);
    expect(await logged(t)).toEqual([]);
  });
});

describe('WEBHOOK_LIMITS', () => {
  it('has defaults, and a bad value names the variable', () => {
    expect(loadConfig({}).webhooks).toEqual({ concurrent: 16, perAddress: 4, bodyTimeoutMs: 5_000 });
    expect(() => loadConfig({ WEBHOOK_LIMITS: '{"concurent": 2}' })).toThrow(new ConfigError('WEBHOOK_LIMITS: Unrecognized key: "concurent"'));
    expect(() => loadConfig({ WEBHOOK_LIMITS: '{"perAddress": 0}' })).toThrow(/^WEBHOOK_LIMITS perAddress: /);
    expect(() => loadConfig({ WEBHOOK_LIMITS: '{"concurrent": 2, "perAddress": 3}' })).toThrow(new ConfigError('WEBHOOK_LIMITS perAddress: perAddress must not exceed concurrent'));
  });
});
