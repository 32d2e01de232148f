import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../../src/config.ts';
import type { DemoGateway } from '../../src/demo.ts';
import { keys, startDemo, startTestGateway, type TestGateway } from '../support/gateway.ts';

/** One request on a connection of its own, with any headers (`host` included): the status, headers and body, or the connection error's code. */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string } | { error: string }>((resolve) => {
    const req = request(url, { agent: false, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(options.body);
  });
}

/** Opens a WebSocket to the gateway with `headers`: `open`, or the status its handshake was refused with and the body. */
function webSocketHandshake(gatewayUrl: string, headers: Record<string, string>) {
  return new Promise<{ open: true } | { status: number; body: string }>((resolve) => {
    const socket = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ open: true });
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

describe('demo mode listens on loopback unless HOST says otherwise', () => {
  let demo: DemoGateway | undefined;
  afterAll(() => demo?.close());

  // Needs an address of this machine other than loopback to knock on.
  it.skipIf(!externalAddress)('refuses connections to its other addresses, answers on 127.0.0.1', async () => {
    demo = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '' });
    const { port } = new URL(demo.url);
    expect(await rawRequest(`http://${externalAddress}:${port}/healthz`)).toEqual({ error: 'ECONNREFUSED' });
    expect(await rawRequest(`http://127.0.0.1:${port}/healthz`)).toMatchObject({ status: 200, body: 'ok' });
    await demo.close();
    demo = undefined;
  });

  it.skipIf(!externalAddress)('HOST=0.0.0.0 listens on every interface', async () => {
    demo = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '', HOST: '0.0.0.0' });
    const { port } = new URL(demo.url);
    expect(await rawRequest(`http://${externalAddress}:${port}/healthz`)).toMatchObject({ status: 200, body: 'ok' });
  });

  it('HOST is checked like every variable: a bad value names it', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(() => loadConfig({ HOST: 'http://0.0.0.0/' })).toThrow(new ConfigError('HOST must be an IP address or a host name (e.g. 127.0.0.1, ::, 0.0.0.0)'));
  });
});

describe('CORS: only configured origins', () => {
  const app = 'https://app.example.com';
  const evil = 'https://evil.example';
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { CORS_ORIGINS: `${app}, http://localhost:3000` });
  });
  afterAll(() => t.close());

  const preflight = (origin: string) =>
    rawRequest(`${t.gateway.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
  const query = (origin: string) =>
    rawRequest(`${t.gateway.url}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${keys.all}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('a page at another origin gets no CORS header: its browser neither sends the query nor lets it read the answer', async () => {
    for (const origin of [evil, 'null', `${app}.evil.example`]) {
      const answers = [await preflight(origin), await query(origin)];
      for (const answer of answers) {
        expect(answer, origin).toHaveProperty('headers');
        const headers = (answer as { headers: Record<string, unknown> }).headers;
        expect(Object.keys(headers).filter((h) => h.startsWith('access-control-')), origin).toEqual([]);
      }
    }
    expect(t.sims.dxcore.server.calls.filter((c) => c.route !== 'POST /login')).toEqual([]);
  });

  it('a configured origin is allowed by name, without credentials', async () => {
    const answer = await preflight(app);
    expect(answer).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': app, 'access-control-allow-methods': 'GET, POST' } });
    const headers = (answer as { headers: Record<string, string> }).headers;
    expect(headers['access-control-allow-headers']).toContain('authorization');
    expect(headers['access-control-allow-credentials']).toBeUndefined();
    expect(await query('http://localhost:3000')).toMatchObject({ status: 200, headers: { 'access-control-allow-origin': 'http://localhost:3000' }, body: '{"data":{"__typename":"Query"}}' });
  });

  it('a browser page at another origin cannot open a graphql-ws socket either (WebSockets know no CORS)', async () => {
    const refused = await webSocketHandshake(t.gateway.url, { origin: evil });
    expect(refused).toMatchObject({ status: 403 });
    expect(JSON.parse((refused as { body: string }).body)).toEqual({ errors: [{ message: expect.stringContaining('origin'), extensions: { code: 'ORIGIN_NOT_ALLOWED' } }] });
    expect(await webSocketHandshake(t.gateway.url, { origin: app })).toEqual({ open: true });
    // Clients that are not browsers send no Origin.
    expect(await webSocketHandshake(t.gateway.url, {})).toEqual({ open: true });
  });

  it('CORS_ORIGINS lists origins: a path, a pattern or * is a ConfigError naming it', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    for (const value of ['*', 'https://app.example.com/', 'app.example.com', 'https://*.example.com', 'ftp://files.example.com']) {
      expect(() => loadConfig({ CORS_ORIGINS: value }), value).toThrow(new ConfigError('CORS_ORIGINS must list origins such as https://app.example.com (scheme, host and port; * is not allowed)'));
    }
  });
});

describe("demo mode's GraphiQL page", () => {
  let demo: DemoGateway;
  beforeAll(async () => {
    demo = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '' });
  });
  afterAll(() => demo.close());

  const page = (host: string, origin?: string) =>
    rawRequest(`${demo.url}/graphql`, { headers: { host, accept: 'text/html', ...(origin ? { origin } : {}) } }) as Promise<{ status: number; headers: Record<string, unknown>; body: string }>;

  it('carries the demo key for a page asked for by a loopback name', async () => {
    const { port } = new URL(demo.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const res = await page(host);
      expect(res.status, host).toBe(200);
      expect(res.body, host).toContain(demo.demoApiKey);
    }
  });

  it.skipIf(!externalAddress)('leaves it out for a connection from another machine, whatever Host it names (HOST=0.0.0.0)', async () => {
    const open = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '', HOST: '0.0.0.0' });
    try {
      const { port } = new URL(open.url);
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
        const remote = (await rawRequest(`http://${externalAddress}:${port}/graphql`, { headers: { host, accept: 'text/html' } })) as { status: number; body: string };
        expect(remote.status, host).toBe(200);
        expect(remote.body, host).toContain('TraderDashboard');
        expect(remote.body, host).not.toContain(open.demoApiKey);
      }
      const local = (await rawRequest(`http://127.0.0.1:${port}/graphql`, { headers: { host: `localhost:${port}`, accept: 'text/html' } })) as { body: string };
      expect(local.body).toContain(open.demoApiKey);
    } finally {
      await open.close();
    }
  });

  it('leaves it out for any other host name (a DNS-rebinding page), and never lets another origin read the page', async () => {
    const { port } = new URL(demo.url);
    const rebound = await page(`attacker.example:${port}`);
    expect(rebound.status).toBe(200);
    expect(rebound.body).toContain('TraderDashboard');
    expect(rebound.body).not.toContain(demo.demoApiKey);
    const crossOrigin = await page(`127.0.0.1:${port}`, 'https://evil.example');
    expect(crossOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });
});
