import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { AccountEventsDocument } from '../generated/operations.ts';
import { subscribeWs, until, wsClient } from '../support/events.ts';
import { countByRoute, keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';

const partner = `Bearer ${keys.all}`;

/**
 * A raw HTTP exchange: sends `head`, then `body` one byte every `everyMs`, until the server answers and
 * closes. Resolves with what the server sent and how many body bytes it had been given by then.
 */
async function trickle(gatewayUrl: string, head: string, body: string, everyMs: number) {
  const { port } = new URL(gatewayUrl);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += String(chunk)));
  socket.on('error', () => {});
  // Not events.once: it rejects on 'error', and a server that cuts the exchange while bytes still come may reset it (ECONNRESET).
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write(head);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
  }, everyMs);
  await closed;
  clearInterval(timer);
  return { answer, sent };
}

/** A graphql-transport-ws socket that sent `connection_init` with `payload`: what it received and how it closed. */
async function webSocket(gatewayUrl: string, payload?: Record<string, unknown>, options: ClientOptions = {}) {
  const socket = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', options);
  const messages: { type: string }[] = [];
  const refused = new Promise<{ status: number; body: string }>((resolve) =>
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }),
  );
  const closed = new Promise<{ code: number }>((resolve) => socket.once('close', (code) => resolve({ code })));
  socket.on('error', () => {});
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
  const opened = await Promise.race([once(socket, 'open').then(() => true), refused.then(() => false)]);
  if (opened) socket.send(JSON.stringify({ type: 'connection_init', ...(payload && { payload }) }));
  return { socket, messages, refused, closed, opened };
}

describe('HTTP timeouts (CONNECTION_LIMITS headersTimeoutMs 500, requestTimeoutMs 1000)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CONNECTION_LIMITS: JSON.stringify({ headersTimeoutMs: 500, requestTimeoutMs: 1_000 }) });
  });
  afterAll(() => t.close());

  it('a body trickled one byte at a time is cut with 408 before it is complete, and nothing is run', async () => {
    const body = JSON.stringify({ query: '{ brokers { code } }' }).padEnd(2_000, ' ');
    const head = `POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nAuthorization: ${partner}\r\nContent-Length: ${body.length}\r\n\r\n`;
    t.sims.clearCalls();
    const { answer, sent } = await trickle(t.gateway.url, head, body, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent).toBeLessThan(body.length);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('headers trickled one byte at a time are cut with 408', async () => {
    const { answer, sent } = await trickle(t.gateway.url, 'GET /healthz HTTP/1.1\r\n', `X-Slow: ${'a'.repeat(2_000)}\r\n\r\n`, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent).toBeLessThan(2_000);
  });
});

describe('connections per address (CONNECTION_LIMITS perAddress 3)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CONNECTION_LIMITS: JSON.stringify({ perAddress: 3 }) });
  });
  afterAll(() => t.close());

  it('acknowledges three graphql-ws sockets and refuses a fourth connection, WebSocket or HTTP, with 503 TOO_MANY_CONNECTIONS', async () => {
    const sockets = await Promise.all([1, 2, 3].map(() => webSocket(t.gateway.url, { authorization: partner })));
    await until(() => sockets.every((s) => s.messages.some((m) => m.type === 'connection_ack')), 'three acknowledgements');

    const fourth = await webSocket(t.gateway.url);
    expect(fourth.opened).toBe(false);
    const refused = await fourth.refused;
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toEqual({ errors: [{ message: expect.stringContaining('at most 3'), extensions: { code: 'TOO_MANY_CONNECTIONS' } }] });

    const http = await fetch(`${t.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: partner, connection: 'close' },
      body: JSON.stringify({ query: '{ brokers { code } }' }),
    });
    expect(http.status).toBe(503);
    expect(await http.json()).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_CONNECTIONS' } }] });
    expect(queryCalls(t.sims)).toEqual([]);
    expect(t.gateway.webSocketConnections()).toBe(3);

    // One closed, one more may come.
    sockets[0]!.socket.close();
    await sockets[0]!.closed;
    await until(() => t.gateway.webSocketConnections() === 2, 'the server to let go of the closed socket');
    const again = await webSocket(t.gateway.url, { authorization: partner });
    expect(again.opened).toBe(true);
    for (const s of [...sockets.slice(1), again]) s.socket.close();
  });
});

describe('WebSocket messages', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('a message over the body limit (GRAPHQL_LIMITS bodyBytes, 100 KiB) closes the socket with 1009 before it is parsed', async () => {
    const ws = await webSocket(t.gateway.url, { authorization: `Bearer ${'k'.repeat(200 * 1024)}` });
    expect(await ws.closed).toEqual({ code: 1009 });
    expect(ws.messages).toEqual([]);
  });
});

const acknowledged = (ws: { messages: { type: string }[] }) => ws.messages.some((m) => m.type === 'connection_ack');

describe('anonymous graphql-ws sockets (CONNECTION_LIMITS wsAnonymousPerAddress 2, wsAnonymousIdleMs 500)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CONNECTION_LIMITS: JSON.stringify({ wsAnonymousPerAddress: 2, wsAnonymousIdleMs: 500 }) });
  });
  afterAll(() => t.close());

  it('an address holds two at once (a third is closed 1013 unacknowledged), each is closed 1000 once idle, and a partner\'s socket stays open', async () => {
    const partnerSocket = await webSocket(t.gateway.url, { authorization: partner });
    await until(() => acknowledged(partnerSocket), "the partner's acknowledgement");
    const [first, second] = [await webSocket(t.gateway.url), await webSocket(t.gateway.url)];
    await until(() => acknowledged(first) && acknowledged(second), 'two acknowledgements');
    const third = await webSocket(t.gateway.url);
    expect(await third.closed).toEqual({ code: 1013 });
    expect(third.messages).toEqual([]);

    expect(await first.closed).toEqual({ code: 1000 });
    expect(await second.closed).toEqual({ code: 1000 });
    expect(partnerSocket.socket.readyState).toBe(WebSocket.OPEN);
    await until(() => t.gateway.webSocketConnections() === 1, 'the server to let go of the anonymous sockets');
    partnerSocket.socket.close();
  });
});

describe("the red team's hold: anonymous sockets from three addresses (CONNECTION_LIMITS total 30)", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CONNECTION_LIMITS: JSON.stringify({ total: 30 }) });
  });
  afterAll(() => t.close());

  it('30 anonymous sockets get 4 acknowledgements per address (the others 1013), so a partner still gets in; the 12 close on their own', async () => {
    const addresses = ['127.0.0.10', '127.0.0.11', '127.0.0.12'];
    const held = await Promise.all(addresses.flatMap((address) => Array.from({ length: 10 }, async () => ({ address, ws: await webSocket(t.gateway.url, undefined, { localAddress: address }) }))));
    await until(() => held.every(({ ws }) => acknowledged(ws) || ws.socket.readyState === WebSocket.CLOSED), 'every socket acknowledged or closed');
    expect(addresses.map((address) => held.filter((h) => h.address === address && acknowledged(h.ws)).length)).toEqual([4, 4, 4]);
    for (const { ws } of held.filter((h) => !acknowledged(h.ws))) expect(await ws.closed).toEqual({ code: 1013 });

    t.sims.clearCalls();
    const res = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: partner }, body: JSON.stringify({ query: '{ brokers(first: 1) { totalCount } }' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/broker': 1 });

    // Anonymous sockets with nothing running last wsAnonymousIdleMs (5 s by default).
    await until(() => t.gateway.webSocketConnections() === 0, 'the anonymous sockets to be closed', 15_000);
  }, 30_000);
});

describe('keepalive and idle sockets (CONNECTION_LIMITS wsPingIntervalMs 200, wsIdleMs 500)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CONNECTION_LIMITS: JSON.stringify({ wsPingIntervalMs: 200, wsIdleMs: 500 }) });
  });
  afterAll(() => t.close());

  it('a socket that stops answering pings (a dead peer) is dropped; one that answers is not', async () => {
    const subscriber = wsClient(t.gateway.url, partner);
    const before = t.gateway.events.size;
    const sub = subscribeWs(subscriber, AccountEventsDocument);
    await until(() => t.gateway.events.size > before, 'the subscriber to register');
    const dead = await webSocket(t.gateway.url, { authorization: partner }, { autoPong: false });
    await until(() => acknowledged(dead), 'the acknowledgement');
    expect(await dead.closed).toEqual({ code: 1006 });
    await until(() => t.gateway.webSocketConnections() === 1, 'the server to let go of the dead socket');
    expect(sub.error).toBeUndefined();
    await subscriber.dispose();
  });

  it("a partner's socket with no operation running is closed 1000 once idle; one with a subscription is not, until the subscription ends", async () => {
    const subscriber = await webSocket(t.gateway.url, { authorization: partner });
    await until(() => acknowledged(subscriber), 'the acknowledgement');
    subscriber.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { accountEvents { id } }' } }));
    const idle = await webSocket(t.gateway.url, { authorization: partner });
    await until(() => acknowledged(idle), 'the acknowledgement');
    expect(await idle.closed).toEqual({ code: 1000 });
    expect(subscriber.socket.readyState).toBe(WebSocket.OPEN);

    subscriber.socket.send(JSON.stringify({ id: '1', type: 'complete' }));
    expect(await subscriber.closed).toEqual({ code: 1000 });
  });
});

describe('refused operations over graphql-ws (CONNECTION_LIMITS wsIdleMs 500)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CONNECTION_LIMITS: JSON.stringify({ wsIdleMs: 500 }) });
  });
  afterAll(() => t.close());

  it('do not keep a socket alive: one sending only refused subscribes is closed 1000 once idle', async () => {
    const socket = await webSocket(t.gateway.url, { authorization: partner });
    await until(() => acknowledged(socket), 'the acknowledgement');
    let sent = 0;
    const refused = setInterval(() => {
      if (socket.socket.readyState !== WebSocket.OPEN) return;
      socket.socket.send(JSON.stringify({ id: String(++sent), type: 'subscribe', payload: { query: 'subscription { noSuchField }' } }));
    }, 100);
    try {
      const closed = await Promise.race([socket.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 3_000))]);
      expect(closed).toEqual({ code: 1000 });
      expect(sent).toBeGreaterThan(3);
    } finally {
      clearInterval(refused);
    }
  });

  it('answer with the same errors as HTTP, without its http extension', async () => {
    const socket = await webSocket(t.gateway.url, { authorization: partner });
    await until(() => acknowledged(socket), 'the acknowledgement');
    const deep = `subscription { accountEvents { ${'account { current { '.repeat(7)}id${' } }'.repeat(7)} } }`;
    for (const [id, query] of [['invalid', 'subscription { noSuchField }'], ['deep', deep]]) {
      socket.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
    }
    await until(() => socket.messages.filter((m) => m.type === 'error').length === 2, 'both refusals');
    const errors = socket.messages.filter((m) => m.type === 'error') as unknown as { id: string; payload: { message: string; extensions?: Record<string, unknown> }[] }[];
    expect(errors.map((e) => [e.id, e.payload[0]?.extensions?.code])).toEqual([
      ['invalid', 'GRAPHQL_VALIDATION_FAILED'],
      ['deep', 'MAX_DEPTH_EXCEEDED'],
    ]);
    for (const error of errors) for (const entry of error.payload) expect(entry.extensions ?? {}).not.toHaveProperty('http');
    socket.socket.close();
  });
});

describe('CONNECTION_LIMITS', () => {
  it('has defaults, and a bad value names the variable', () => {
    const defaults = {
      perAddress: 256,
      total: 10_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      wsPingIntervalMs: 30_000,
      wsIdleMs: 60_000,
      wsAnonymousIdleMs: 5_000,
      wsAnonymousPerAddress: 4,
    };
    expect(loadConfig({}).connections).toEqual(defaults);
    expect(loadConfig({ CONNECTION_LIMITS: '{"perAddress": 0}' }).connections).toEqual({ ...defaults, perAddress: 0 });
    expect(() => loadConfig({ CONNECTION_LIMITS: '{"perAdress": 3}' })).toThrow(new ConfigError('CONNECTION_LIMITS: Unrecognized key: "perAdress"'));
    expect(() => loadConfig({ CONNECTION_LIMITS: '{"wsAnonymousPerAddress": 0}' })).toThrow(/^CONNECTION_LIMITS wsAnonymousPerAddress: /);
    expect(() => loadConfig({ CONNECTION_LIMITS: '{"wsIdleMs": 50}' })).toThrow(/^CONNECTION_LIMITS wsIdleMs: /);
    expect(() => loadConfig({ CONNECTION_LIMITS: '{"headersTimeoutMs": 60000}' })).toThrow(new ConfigError('CONNECTION_LIMITS headersTimeoutMs: headersTimeoutMs must not exceed requestTimeoutMs'));
  });
});
