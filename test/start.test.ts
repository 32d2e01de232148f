import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { print } from 'graphql';
import { afterAll, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { AccountEventsDocument, TraderDashboardDocument } from './generated/operations.ts';
import { until } from './support/events.ts';
import { startDemo } from './support/gateway.ts';

// `npm start` on a fresh machine: the gateway and its simulators, a printed demo key, GraphiQL.
const child = spawn(process.execPath, ['src/main.ts'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, PORT: '0', GATEWAY_API_KEYS: '' } });
afterAll(async () => {
  child.kill('SIGTERM');
  await once(child, 'exit');
});

/** The URL and demo key the gateway prints; its output keeps flowing (a destroyed pipe would break later writes). */
const startup = new Promise<{ url: string; key: string }>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
    const url = /on (http:\/\/\S+)\/graphql/.exec(out)?.[1];
    const key = /Bearer (\S+)/.exec(out)?.[1];
    if (url && key) resolve({ url, key });
  });
  child.once('exit', () => reject(new Error(`gateway exited: ${out}`)));
});
const started = () => startup;

it('starts with the simulators, prints a demo key and answers a contract query with it', async () => {
  const { url, key } = await started();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(TraderDashboardDocument), variables: { domain: 'default', login: 'alice.martin0' } }),
  });
  const body = (await res.json()) as { data: { client: { login: string; accounts: unknown[] } } };
  expect(body.data.client.login).toBe('alice.martin0');
  expect(body.data.client.accounts.length).toBeGreaterThan(0);
  const graphiql = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
  const html = await graphiql.text();
  expect(html).toContain('TraderDashboard');
  expect(html).toContain(key);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
});

it('in demo mode a mutation shows up on a subscription: the simulators send their signed webhooks to the gateway', async () => {
  const { url, key } = await started();
  const graphql = async (query: string, variables?: unknown) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: Record<string, any> };
  };
  const sample = (await graphql('{ platformAccounts(first: 1) { edges { node { accountGroupId users { user { id } } } } } }')).data.platformAccounts.edges[0].node;
  const controller = new AbortController();
  const stream = await fetch(`${url}/graphql`, {
    method: 'POST',
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(AccountEventsDocument) }),
  });
  const created = await graphql('mutation ($input: CreatePlatformAccountInput!) { createPlatformAccount(input: $input) { ... on PlatformAccountCreated { account { accountId } } } }', {
    input: { userId: sample.users[0].user.id, accountGroupId: sample.accountGroupId, type: 'TRADING', name: 'Demo tab two' },
  });
  const accountId = created.data.createPlatformAccount.account.accountId as string;
  let text = '';
  for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
    text += new TextDecoder().decode(chunk);
    if (text.includes('ACCOUNT_ACTIVATED')) break;
  }
  controller.abort();
  const events = [...text.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!).data.accountEvents);
  expect(events.map((e) => [e.type, e.account.id, e.account.name])).toEqual([
    ['ACCOUNT_CREATED', accountId, 'Demo tab two'],
    ['ACCOUNT_ACTIVATED', accountId, 'Demo tab two'],
  ]);
});

it('with its port taken, says the port is in use and exits non-zero, its simulators never left running', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as AddressInfo).port;
  try {
    const busy = spawn(process.execPath, ['src/main.ts'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, PORT: String(port), GATEWAY_API_KEYS: '' } });
    let out = '';
    busy.stdout.on('data', (chunk) => (out += String(chunk)));
    busy.stderr.on('data', (chunk) => (out += String(chunk)));
    const exited = once(busy, 'exit');
    // Before the fix the process kept running; then its exit never comes and the test fails here.
    const [code] = (await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(['still running']), 15_000))])) as [unknown];
    if (code === 'still running') busy.kill('SIGKILL');
    expect({ code, out }).toMatchObject({ code: 2, out: expect.stringContaining(`PORT ${port} is already in use`) });
    expect(out).not.toMatch(/Internal error|WebSocket|at .*\.ts:\d+/);
    expect(out).not.toMatch(/simulators are running|GraphQL gateway on/);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

it('in process, a taken port is a ConfigError naming PORT, and the simulators started for demo mode are closed again', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as AddressInfo).port;
  const listeners = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
  const before = listeners();
  try {
    await expect(startDemo({ PORT: String(port), GATEWAY_API_KEYS: '' })).rejects.toThrow(
      new ConfigError(`PORT ${port} is already in use on 127.0.0.1: stop what listens there, or set PORT to another port`),
    );
    // A closed listener leaves the list a moment after its close callback.
    await until(() => listeners() <= before, 'every listener the failed start opened to be closed');
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

it('in process, a HOST that is no address of this machine is a ConfigError naming HOST', async () => {
  await expect(startDemo({ PORT: '0', GATEWAY_API_KEYS: '', HOST: '203.0.113.7' })).rejects.toThrow(new ConfigError('HOST 203.0.113.7 is not an address of this machine'));
});

it('refuses demo mode when upstream credentials are set without their URLs: a deployment that lost its URLs must not answer from simulators', () => {
  for (const name of ['DXCORE_USERNAME', 'DXCORE_PASSWORD', 'DXCORE_DOMAIN', 'RETAIL_API_KEY', 'PLATFORM_API_KEY']) {
    expect(() => loadConfig({ PORT: '0', [name]: 'production-value' })).toThrow(
      new ConfigError(`${name} is set but DXCORE_URL, RETAIL_URL and PLATFORM_URL are not: set the three URLs, or unset ${name} to run the simulators (demo mode)`),
    );
  }
});

it("refuses demo mode with REDIS_URL: the simulators' events and sessions never enter a Redis that real instances share", () => {
  expect(() => loadConfig({ PORT: '0', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
    new ConfigError('REDIS_URL is set but DXCORE_URL, RETAIL_URL and PLATFORM_URL are not: demo mode keeps its events and sessions in memory; unset REDIS_URL, or point the gateway at upstreams (npm run simulators prints how)'),
  );
});
