import { once } from 'node:events';
import { connect } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { platformEventBody, postWebhook } from '../support/events.ts';
import { startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';

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
async function postHeadOnly(gatewayUrl: string, headers: Record<string, string>, contentLength: number, bodyPart = '') {
  const socket = connect(Number(new URL(gatewayUrl).port), '127.0.0.1');
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

describe('webhooks in progress (WEBHOOK_LIMITS concurrent 2, bodyTimeoutMs 500)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { WEBHOOK_LIMITS: JSON.stringify({ concurrent: 2, bodyTimeoutMs: 500 }) });
  });
  afterAll(() => t.close());

  it('holds at most two at once (503 with Retry-After for a third, which the sender retries), and cuts a body that does not arrive in time with 408', async () => {
    const body = JSON.stringify(platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-0000000000a1' }));
    const slow = [await postHeadOnly(t.gateway.url, signatureHeaders(body), body.length, body.slice(0, 10)), await postHeadOnly(t.gateway.url, signatureHeaders(body), body.length, body.slice(0, 10))];
    const thirdBody = JSON.stringify(platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-0000000000a2' }));
    const third = await fetch(`${t.gateway.url}/webhooks/platform`, { method: 'POST', headers: { 'content-type': 'application/json', ...signatureHeaders(thirdBody) }, body: thirdBody });
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(await third.json()).toEqual({ accepted: false, error: 'Too many webhooks in progress: send it again shortly' });
    for (const post of slow) expect((await post.answered).status).toBe(408);

    const after = platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-0000000000a3' });
    expect((await postWebhook(t.gateway.url, '/webhooks/platform', after, signed)).status).toBe(200);
    expect(await logged(t)).toEqual([after.id]);
  });
});

describe('refused webhooks per address (WEBHOOK_LIMITS refused 3 per 60 s)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { WEBHOOK_LIMITS: JSON.stringify({ refused: 3, perSeconds: 60 }) });
  });
  afterAll(() => t.close());

  it('past 3 refusals every webhook from the address, even a signed one, is answered 429 unread; signed webhooks never count', async () => {
    const accepted = [1, 2, 3, 4, 5].map((n) => platformEventBody('ACCOUNT.UPDATED', { id: `00000000-0000-4000-8000-00000000000${n}` }));
    for (const body of accepted) expect((await postWebhook(t.gateway.url, '/webhooks/platform', body, signed)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const forged = await postWebhook(t.gateway.url, '/webhooks/platform', platformEventBody('ACCOUNT.CLOSED', { id: '00000000-0000-4000-8000-0000000000ff' }), { ...signed, signature: 'v1,Zm9yZ2Vk' });
      expect(forged.status).toBe(401);
    }
    const blocked = await postHeadOnly(t.gateway.url, signatureHeaders('{}'), 1_000);
    const { status, answer } = await blocked.answered;
    expect(status).toBe(429);
    expect(answer).toMatch(/retry-after: \d+/i);
    expect(await logged(t)).toEqual(accepted.map((b) => b.id));
  });
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
    expect(loadConfig({}).webhooks).toEqual({ refused: 60, perSeconds: 60, concurrent: 16, bodyTimeoutMs: 5_000 });
    expect(() => loadConfig({ WEBHOOK_LIMITS: '{"concurent": 2}' })).toThrow(new ConfigError('WEBHOOK_LIMITS: Unrecognized key: "concurent"'));
    expect(() => loadConfig({ WEBHOOK_LIMITS: '{"refused": 0}' })).toThrow(/^WEBHOOK_LIMITS refused: /);
  });
});
