import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startGateway, type RunningGateway } from '../../src/server.ts';

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

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

describe('demo mode listens on loopback unless HOST says otherwise', () => {
  let demo: RunningGateway | undefined;
  afterAll(() => demo?.close());

  // Needs an address of this machine other than loopback to knock on.
  it.skipIf(!externalAddress)('refuses connections to its other addresses, answers on 127.0.0.1', async () => {
    demo = await startGateway(loadConfig({ PORT: '0', GATEWAY_API_KEYS: '' }));
    const { port } = new URL(demo.url);
    expect(await rawRequest(`http://${externalAddress}:${port}/healthz`)).toEqual({ error: 'ECONNREFUSED' });
    expect(await rawRequest(`http://127.0.0.1:${port}/healthz`)).toMatchObject({ status: 200, body: 'ok' });
    await demo.close();
    demo = undefined;
  });

  it.skipIf(!externalAddress)('HOST=0.0.0.0 listens on every interface', async () => {
    demo = await startGateway(loadConfig({ PORT: '0', GATEWAY_API_KEYS: '', HOST: '0.0.0.0' }));
    const { port } = new URL(demo.url);
    expect(await rawRequest(`http://${externalAddress}:${port}/healthz`)).toMatchObject({ status: 200, body: 'ok' });
  });

  it('HOST is checked like every variable: a bad value names it', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(() => loadConfig({ HOST: 'http://0.0.0.0/' })).toThrow(new ConfigError('HOST must be an IP address or a host name (e.g. 127.0.0.1, ::, 0.0.0.0)'));
  });
});
