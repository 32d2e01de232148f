import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../../src/simulators/index.ts';
import type { PlatformEvent } from '../../src/simulators/platform/index.ts';
import type { RetailEvent } from '../../src/simulators/retail/index.ts';
import { seedWorld } from '../../src/simulators/seed.ts';
import { WebhookSender, type WebhookSenderOptions } from '../../src/simulators/webhooks.ts';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request the receiver verified and took, with the status it answered. */
interface Received {
  path: string;
  id: string;
  /** `webhook-timestamp`, unix seconds. */
  timestamp: number;
  signature: string;
  body: any;
  status: number;
}

/** A gateway stand-in: verifies every request as Standard Webhooks and records it; answers as `answer` says. */
class Receiver {
  readonly received: Received[] = [];
  /** Requests whose signature did not verify (answered 401). */
  readonly rejected: string[] = [];
  answer: (request: Received, index: number) => number | Promise<number> = () => 204;
  url = '';
  private readonly server: Server;
  private readonly changed = new Set<() => void>();

  constructor(secret: string) {
    const webhook = new Webhook(secret);
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      const headers = { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') };
      let body: unknown;
      try {
        body = webhook.verify(raw, headers);
      } catch (error) {
        this.rejected.push(String(error));
        res.writeHead(401).end();
        return;
      }
      const request: Received = {
        path: req.url ?? '',
        id: headers['webhook-id'],
        timestamp: Number(headers['webhook-timestamp']),
        signature: headers['webhook-signature'],
        body,
        status: 0,
      };
      this.received.push(request);
      this.notify();
      request.status = await this.answer(request, this.received.length - 1);
      res.writeHead(request.status).end();
      this.notify();
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once what was received (and answered) satisfies `done`; fails after a deadline. */
  until(done: (received: Received[]) => boolean, timeoutMs = 5_000): Promise<void> {
    if (done(this.received)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.received)) return;
        clearTimeout(timer);
        this.changed.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.changed.delete(check);
        reject(new Error(`receiver: condition not met in ${timeoutMs} ms; got ${JSON.stringify(this.received.map((r) => [r.path, r.id, r.status]))}`));
      }, timeoutMs);
      this.changed.add(check);
    });
  }

  private notify(): void {
    for (const check of [...this.changed]) check();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const receivers: Receiver[] = [];
const senders: WebhookSender[] = [];
let sims: Simulators | undefined;

afterEach(async () => {
  for (const sender of senders.splice(0)) sender.close();
  await sims?.close();
  sims = undefined;
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(secret: string): Promise<Receiver> {
  const started = await new Receiver(secret).listen();
  receivers.push(started);
  return started;
}

/** A sender with short waits, its log lines collected, and a clock that moves on a second per attempt. */
function sender(url: string, secret: string, options: Partial<WebhookSenderOptions> = {}): { sender: WebhookSender; log: string[] } {
  const log: string[] = [];
  let tick = 0;
  const start = Date.now();
  const made = new WebhookSender({ url, secret, initialBackoffMs: 5, maxBackoffMs: 20, log: (line) => log.push(line), now: () => new Date(start + 1000 * tick++), ...options });
  senders.push(made);
  return { sender: made, log };
}

describe('WebhookSender', () => {
  it('signs each message as Standard Webhooks: the receiver verifies it; another secret does not', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    const { sender: s } = sender(`${hook.url}/webhooks/test`, secret);
    s.send('msg_1', { hello: 'world' });
    await s.idle();
    expect(hook.received).toEqual([expect.objectContaining({ path: '/webhooks/test', id: 'msg_1', body: { hello: 'world' }, status: 204 })]);
    expect(hook.received[0]!.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const [{ id, timestamp, signature }] = hook.received as [Received];
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(() => new Webhook(newSecret()).verify(JSON.stringify({ hello: 'world' }), headers)).toThrow();
  });

  it('retries a 500 with the same webhook-id, a new timestamp and signature each time, then goes on with the next message', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    hook.answer = (_, index) => (index < 2 ? 500 : 200);
    const { sender: s, log } = sender(hook.url, secret);
    s.send('msg_1', { n: 1 });
    s.send('msg_2', { n: 2 });
    await s.idle();
    expect(hook.received.map((r) => [r.id, r.status])).toEqual([
      ['msg_1', 500],
      ['msg_1', 500],
      ['msg_1', 200],
      ['msg_2', 200],
    ]);
    const attempts = hook.received.slice(0, 3);
    expect(new Set(attempts.map((r) => r.timestamp)).size).toBe(3);
    expect(new Set(attempts.map((r) => r.signature)).size).toBe(3);
    expect(attempts.every((r) => r.body.n === 1)).toBe(true);
    expect(hook.rejected).toEqual([]);
    expect(log).toEqual([]);
  });

  it('does not retry a 400 or a 401, logs it without the secret, and goes on', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    hook.answer = (request) => (request.id === 'msg_bad' ? 400 : request.id === 'msg_denied' ? 401 : 200);
    const { sender: s, log } = sender(hook.url, secret);
    s.send('msg_bad', { n: 1 });
    s.send('msg_denied', { n: 2 });
    s.send('msg_ok', { n: 3 });
    await s.idle();
    expect(hook.received.map((r) => r.id)).toEqual(['msg_bad', 'msg_denied', 'msg_ok']);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/msg_bad.*HTTP 400.*not retried/);
    expect(log[1]).toMatch(/msg_denied.*HTTP 401/);
    for (const line of log) expect(line).not.toContain(secret.slice('whsec_'.length));
  });

  it('keeps the order while retrying, 408, 429 and 503 included', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    const script = [503, 429, 200, 408, 200];
    hook.answer = (_, index) => script[index] ?? 200;
    const { sender: s } = sender(hook.url, secret);
    for (let n = 1; n <= 5; n++) s.send(`msg_${n}`, { n });
    await s.idle();
    expect(hook.received.map((r) => r.id)).toEqual(['msg_1', 'msg_1', 'msg_1', 'msg_2', 'msg_2', 'msg_3', 'msg_4', 'msg_5']);
    expect(hook.received.filter((r) => r.status === 200).map((r) => r.body.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives up on a message after maxAttempts, logs one line, and delivers the next', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    hook.answer = (request) => (request.id === 'msg_1' ? 500 : 200);
    const { sender: s, log } = sender(hook.url, secret, { maxAttempts: 3 });
    s.send('msg_1', { n: 1 });
    s.send('msg_2', { n: 2 });
    await s.idle();
    expect(hook.received.map((r) => r.id)).toEqual(['msg_1', 'msg_1', 'msg_1', 'msg_2']);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/gave up on message msg_1 after 3 attempts \(last: HTTP 500\)/);
  });

  it('retries when nobody listens, then gives up', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    const url = hook.url;
    await hook.close();
    const { sender: s, log } = sender(url, secret, { maxAttempts: 2 });
    s.send('msg_1', { n: 1 });
    await s.idle();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/gave up on message msg_1 after 2 attempts \(last: ECONNREFUSED/);
  });

  it('keeps a bounded queue: when full, the oldest waiting message is dropped with a log line', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    let release = () => {};
    const held = new Promise<number>((resolve) => (release = () => resolve(200)));
    hook.answer = (request) => (request.id === 'msg_1' ? held : 200);
    const { sender: s, log } = sender(hook.url, secret, { maxQueued: 2 });
    s.send('msg_1', { n: 1 });
    await hook.until((received) => received.length === 1);
    s.send('msg_2', { n: 2 });
    s.send('msg_3', { n: 3 });
    s.send('msg_4', { n: 4 });
    release();
    await s.idle();
    expect(hook.received.map((r) => r.id)).toEqual(['msg_1', 'msg_3', 'msg_4']);
    expect(log).toEqual([expect.stringMatching(/queue full \(2 waiting\): dropped message msg_2/)]);
  });

  it('sends nothing more after close(), and idle() resolves at once', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    hook.answer = () => 500;
    const { sender: s } = sender(hook.url, secret, { maxAttempts: 100 });
    s.send('msg_1', { n: 1 });
    s.send('msg_2', { n: 2 });
    await hook.until((received) => received.length >= 2);
    s.close();
    const count = hook.received.length;
    s.send('msg_3', { n: 3 });
    await s.idle();
    await pause(150);
    expect(hook.received).toHaveLength(count);
    expect(hook.received.every((r) => r.id === 'msg_1')).toBe(true);
  });
});

describe('Simulators.sendWebhooksTo', () => {
  const world = seedWorld();

  async function platformCall(method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${sims!.env.PLATFORM_URL}${path}`, {
      method,
      headers: { authorization: `Bearer ${sims!.env.PLATFORM_API_KEY}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    expect(res.status).toBeLessThan(300);
    return text === '' ? undefined : JSON.parse(text);
  }

  async function retailPost(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${sims!.env.RETAIL_URL}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sims!.env.RETAIL_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.text();
    expect(res.status).toBe(200);
  }

  it('sends Platform create, rename and close, signed and in order, to /webhooks/platform', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    sims = await startSimulators({ world, expirySweepMs: 0 });
    sims.platform.state.closeDelayMs = 20;
    const emitted: PlatformEvent[] = [];
    sims.platform.events.on((event) => emitted.push(event));
    sims.sendWebhooksTo(`${hook.url}/`, secret);

    const account = await platformCall('POST', '/accounts', { user_id: world.platform.userIds[0], account_group_id: world.platform.accountGroupIds[0], type: 'TRADING', name: 'Hooked' });
    await platformCall('PATCH', `/accounts/${account.id}`, { name: 'Renamed' });
    await platformCall('DELETE', `/accounts/${account.id}`);
    await hook.until((received) => received.length === 5);

    expect(hook.received.map((r) => [r.path, r.body.type, r.body.object.status])).toEqual([
      ['/webhooks/platform', 'ACCOUNT.CREATED', 'PENDING'],
      ['/webhooks/platform', 'ACCOUNT.ACTIVATED', 'ACTIVE'],
      ['/webhooks/platform', 'ACCOUNT.UPDATED', 'ACTIVE'],
      ['/webhooks/platform', 'ACCOUNT.CLOSING_INITIATED', 'CLOSING'],
      ['/webhooks/platform', 'ACCOUNT.CLOSED', 'CLOSED'],
    ]);
    expect(hook.received.map((r) => r.body)).toEqual(emitted);
    for (const r of hook.received) {
      expect(r.body.object.id).toBe(account.id);
      expect(r.body.webhook_id).toBe(sims.platform.state.webhookId);
      // The event's own id: webhook_id is one per simulator, so as the webhook-id the gateway would keep only the first event.
      expect(r.id).toBe(r.body.id);
    }
    expect(new Set(hook.received.map((r) => r.id)).size).toBe(5);
    expect(hook.rejected).toEqual([]);
  });

  it('sends Retail activation, cancel, extension and expiry to /webhooks/dxfeed, in order', async () => {
    const secret = newSecret();
    const hook = await receiver(secret);
    sims = await startSimulators({ world, expirySweepMs: 10 });
    const emitted: RetailEvent[] = [];
    sims.retail.events.on((event) => emitted.push(event));
    sims.sendWebhooksTo(hook.url, secret);
    const known = world.retail.accounts[1]!;
    const other = world.retail.accounts[13]!;

    await retailPost(`/api/v1/accounts/${known.id}/subscriptions`, { subscriptions: ['CBOT'] });
    await retailPost(`/api/v1/accounts/${other.id}/subscriptions/cancel`, { subscriptions: ['NASDAQ_BASIC', 'CMEGROUP'] });
    await retailPost(`/api/v1/accounts/${known.id}/subscriptions/extend`, { subscriptions: ['CME'] });
    await hook.until((received) => received.length === 3);
    // Ten years on, the sweep finds the ends passed.
    const later = Date.now() + 10 * 365 * 86_400_000;
    sims.retail.state.now = () => later;
    await hook.until((received) => received.some((r) => r.body.type === 'SUBSCRIPTION.DEACTIVATED' && r.body.accountId === known.id));
    await hook.until((received) => received.length === emitted.length);

    expect(hook.received.slice(0, 3).map((r) => [r.body.type, r.body.accountId])).toEqual([
      ['SUBSCRIPTION.ACTIVATED', known.id],
      ['SUBSCRIPTION.DEACTIVATED', other.id],
      ['SUBSCRIPTION.EXTENDED', known.id],
    ]);
    const expired = hook.received.find((r) => r.body.type === 'SUBSCRIPTION.DEACTIVATED' && r.body.accountId === known.id)!;
    expect(expired.body.subscriptions.map((s: any) => [s.name, s.status]).sort()).toEqual([
      ['CBOT', 'EXPIRED'],
      ['CME', 'EXPIRED'],
    ]);
    expect(hook.received.map((r) => r.body)).toEqual(emitted);
    expect(hook.received.every((r) => r.path === '/webhooks/dxfeed' && r.id === r.body.id)).toBe(true);
    expect(hook.rejected).toEqual([]);
  });

  it('a second call replaces the target; close() stops sending', async () => {
    const secret = newSecret();
    const first = await receiver(secret);
    const second = await receiver(secret);
    sims = await startSimulators({ world, expirySweepMs: 0 });
    const account = world.retail.accounts[1]!;
    sims.sendWebhooksTo(first.url, secret);
    sims.retail.state.addSubscription(account.id, 'NYSE', null);
    await first.until((received) => received.length === 1);
    sims.sendWebhooksTo(second.url, secret);
    sims.retail.state.removeSubscription(account.id, 'NYSE');
    await second.until((received) => received.length === 1);
    expect(first.received.map((r) => r.body.type)).toEqual(['SUBSCRIPTION.ADDED']);
    expect(second.received.map((r) => r.body.type)).toEqual(['SUBSCRIPTION.REMOVED']);

    const closed = sims;
    sims = undefined;
    await closed.close();
    closed.retail.state.addSubscription(account.id, 'NYSE', null);
    await pause(100);
    expect(first.received).toHaveLength(1);
    expect(second.received).toHaveLength(1);
  });
});
