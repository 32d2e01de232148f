import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { print } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { AccountEventsDocument, TraderDashboardDocument } from '../generated/operations.ts';
import { subscribeSse, until } from '../support/events.ts';
import { keys, startTestGateway, type TestGateway } from '../support/gateway.ts';

const partner = `Bearer ${keys.all}`;
const alice = { domain: 'default', login: 'alice.martin0' };

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** One request on a connection of its own (no keep-alive pool): the status, or the connection error's code. */
function freshRequest(url: string, path: string): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

/** A raw graphql-transport-ws client with an AccountEvents subscription; resolves once acknowledged. */
async function wsSubscriber(gatewayUrl: string) {
  const socket = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: { type: string }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: partner } }));
  await until(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: print(AccountEventsDocument) } }));
  return { messages, closed };
}

describe('graceful shutdown', () => {
  it('finishes the request in progress, refuses new ones, closes graphql-ws with 1001 and completes SSE, within the grace period', async () => {
    t = await startTestGateway({}, { SHUTDOWN_GRACE_MS: '5000' });
    const { gateway, sims } = t;
    const ws = await wsSubscriber(gateway.url);
    const sse = await subscribeSse(gateway.url, AccountEventsDocument, { authorization: partner });
    await until(() => gateway.events.size === 2, 'both subscribers to be live');

    sims.dxcore.server.latencyMs = 500;
    const slow = t.run(TraderDashboardDocument, alice);
    await until(() => sims.dxcore.server.inFlight > 0, 'the query to reach dxCore');

    const started = Date.now();
    const closing = gateway.close();
    const refused = await freshRequest(gateway.url, '/graphql?query=%7B__typename%7D');
    const ws1001 = await ws.closed;
    await sse.ended(5_000);
    const answered = await slow;
    await closing;
    const took = Date.now() - started;

    expect(answered.status).toBe(200);
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.client?.login).toBe('alice.martin0');
    expect(refused).toEqual({ error: 'ECONNREFUSED' });
    expect(ws1001.code).toBe(1001);
    expect(ws.messages.filter((m) => m.type === 'complete')).toEqual([]);
    expect(sse.completed).toBe(true);
    expect(sse.error).toBeUndefined();
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(5_000);
    expect(gateway.webSocketConnections()).toBe(0);
  });

  it('answers /readyz 503 for SHUTDOWN_DELAY_MS while still serving, then stops accepting', async () => {
    t = await startTestGateway({}, { SHUTDOWN_DELAY_MS: '400', SHUTDOWN_GRACE_MS: '2000' });
    const { gateway } = t;
    expect(await freshRequest(gateway.url, '/readyz')).toMatchObject({ status: 200 });

    const closing = gateway.close();
    const readyz = await freshRequest(gateway.url, '/readyz');
    expect(readyz).toMatchObject({ status: 503 });
    expect(JSON.parse((readyz as { body: string }).body)).toEqual({ status: 'draining' });
    expect(await freshRequest(gateway.url, '/healthz')).toMatchObject({ status: 200 });
    // A load balancer may still send until it has seen the 503: those requests are served.
    const during = await t.run(TraderDashboardDocument, alice);
    expect(during.status).toBe(200);
    expect(during.data?.client?.login).toBe('alice.martin0');

    await closing;
    expect(await freshRequest(gateway.url, '/readyz')).toEqual({ error: 'ECONNREFUSED' });
  });

  it('cuts a request still running when the grace period is over', async () => {
    t = await startTestGateway({}, { SHUTDOWN_GRACE_MS: '300' });
    const { gateway, sims } = t;
    sims.dxcore.server.latencyMs = 3_000;
    const slow = t.run(TraderDashboardDocument, alice).then(
      (res) => res.status,
      () => 'cut',
    );
    await until(() => sims.dxcore.server.inFlight > 0, 'the query to reach dxCore');

    const started = Date.now();
    await gateway.close();
    const took = Date.now() - started;

    expect(await slow).toBe('cut');
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1_500);
  });
});

describe('settings', () => {
  it('reads SHUTDOWN_GRACE_MS and SHUTDOWN_DELAY_MS, 10 s and 0 by default, and names a bad one', () => {
    expect(loadConfig({})).toMatchObject({ shutdownGraceMs: 10_000, shutdownDelayMs: 0 });
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '2500', SHUTDOWN_DELAY_MS: '5000' })).toMatchObject({ shutdownGraceMs: 2500, shutdownDelayMs: 5000 });
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: 'soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ SHUTDOWN_DELAY_MS: '-1' })).toThrow(/SHUTDOWN_DELAY_MS/);
  });
});

describe('npm start', () => {
  it('exits 0 on SIGTERM once the request in progress has been answered', async () => {
    // Demo mode: the simulators run inside the gateway process; SIM_FAULTS slows every dxCore answer.
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, PORT: '0', GATEWAY_API_KEYS: `${keys.all}=*`, SIM_FAULTS: JSON.stringify({ dxcore: { '*': { latencyMs: 400 } } }), SHUTDOWN_GRACE_MS: '5000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (out += String(chunk)));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      await until(() => /on http:\/\/\S+\/graphql/.test(out), 'the gateway to listen', 20_000);
      const url = /on (http:\/\/\S+)\/graphql/.exec(out)?.[1] as string;

      const slow = fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: partner },
        body: JSON.stringify({ query: print(TraderDashboardDocument), variables: alice }),
      });
      // dxCore answers after 400 ms (the service login first, then the query's own calls).
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill('SIGTERM');

      const res = await slow;
      const body = (await res.json()) as { data?: { client?: { login: string } }; errors?: unknown };
      expect(res.status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.client?.login).toBe('alice.martin0');
      expect(await exited).toEqual([0, null]);
      expect(out).toContain('SIGTERM: shutting down');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
