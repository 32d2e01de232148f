import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoApiKey, type DemoGateway } from '../../src/demo.ts';
import { graphiqlContentSecurityPolicy } from '../../src/http/graphiql.ts';
import { accountKey, clientKey } from '../../src/simulators/dxcore/state.ts';
import { subscribeSse } from '../support/events.ts';
import { queryCalls, startDemo } from '../support/gateway.ts';

/** One request on a connection of its own, with any `host`: the status, headers and body. */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { agent: false, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A graphql-ws `connection_init` with the demo key, the socket opened with `host`: `ack`, or the close code. */
function wsInit(url: string, host: string) {
  return new Promise<'ack' | number>((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers: { host } });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${demoApiKey}` } })));
    socket.once('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve('ack');
      socket.close();
    });
    socket.once('close', (code) => resolve(code));
  });
}

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

interface Tab {
  query: string;
  variables?: string;
  headers?: string;
}

/** GraphiQL's page as a browser on this machine gets it, and the options in its data block. */
async function graphiql(url: string) {
  const page = await rawRequest(`${url}/graphql`, { headers: { accept: 'text/html', host: `localhost:${new URL(url).port}` } });
  const block = /<script id="graphiql-options" type="application\/json">(.*?)<\/script>/s.exec(page.body)?.[1];
  const options = JSON.parse(block ?? 'null') as { additionalHeaders: Record<string, string>; defaultTabs: Tab[] };
  return { page, options };
}

const nameOf = (tab: Tab) => /^(?:query|mutation|subscription) (\w+)/m.exec(tab.query)?.[1] as string;

/** Runs a tab as GraphiQL sends it: its query, variables and headers, with GraphiQL's own header. */
async function runTab(url: string, tab: Tab, additionalHeaders: Record<string, string>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...additionalHeaders, ...JSON.parse(tab.headers ?? '{}') },
    body: JSON.stringify({ query: tab.query, variables: JSON.parse(tab.variables ?? 'null') }),
  });
  return (await res.json()) as { data?: Record<string, { __typename?: string } | null>; errors?: { extensions?: { code?: string } }[] };
}

/** Every absolute URL GraphiQL's vendor code names as a plain string: documentation links, XML namespaces, schema ids. None is fetched (graphiql-browser.test.ts blocks and counts requests). */
const vendorUrls = [
  'http://',
  'http://24ways.org/2010/calculating-color-contrast',
  'http://en.wikipedia.org/wiki/HSL_color_space.',
  'http://json-schema.org/',
  'http://json-schema.org/draft-',
  'http://json-schema.org/draft-03/schema',
  'http://json-schema.org/draft-03/schema#',
  'http://json-schema.org/draft-04/schema',
  'http://json-schema.org/draft-04/schema#',
  'http://json-schema.org/draft-06/schema#',
  'http://json-schema.org/draft-07/schema#',
  'http://www.example.com/some/path',
  'http://www.rapidtables.com/convert/color/hsv-to-rgb.htm',
  'http://www.rapidtables.com/convert/color/rgb-to-hsv.htm',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/TR/WCAG20/#relativeluminancedef',
  'http://www.w3.org/XML/1998/namespace',
  'https://code.visualstudio.com/docs/editor/codebasics#_find-and-replace',
  'https://code.visualstudio.com/docs/editor/codebasics#_multicursor-modifier',
  'https://code.visualstudio.com/docs/reference/default-keybindings',
  'https://code.visualstudio.com/shortcuts/keyboard-shortcuts-macos.pdf',
  'https://code.visualstudio.com/shortcuts/keyboard-shortcuts-windows.pdf',
  'https://commonmark.org/',
  'https://dummyhostname.com',
  'https://en.wikipedia.org/wiki/IEEE_floating_point',
  'https://github.com/OneGraph/graphiql-explorer',
  'https://github.com/aioutecism/monaco-emacs',
  'https://github.com/brijeshb42/monaco-vim.',
  'https://github.com/graphql/defer-stream-wg/discussions/100',
  'https://github.com/graphql/graphiql',
  'https://github.com/graphql/graphiql/tree/main/packages/monaco-graphql#custom-webworker-for-passing-non-static-config-to-worker.',
  'https://github.com/markedjs/marked.',
  'https://github.com/microsoft/monaco-editor#faq',
  'https://github.com/microsoft/monaco-editor/blob/main/LICENSE.txt',
  'https://json-schema.org/draft/2019-09/schema',
  'https://json-schema.org/draft/2020-12/schema',
  'https://lists.w3.org/Archives/Public/www-dom/2010JulSep/att-0182/keyCode-spec.html',
  'https://microsoft.com',
  'https://prettier.io/docs/plugins#optional-embed',
  'https://radix-ui.com/primitives/docs/components/${e.docsSlug}',
  'https://react.dev/errors/',
  'https://www.onegraph.com',
  'https://yarnpkg.com/en/docs/selective-version-resolutions',
];

const assets = ['start.js', 'graphiql.js', 'graphiql.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js', 'favicon.ico'];

describe('GraphiQL in demo mode', () => {
  let demo: DemoGateway;
  beforeAll(async () => {
    demo = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '' });
  });
  afterAll(() => demo.close());

  it("names no external URL: its page loads only /graphiql/ assets, and page and assets allow this origin only", async () => {
    const { page } = await graphiql(demo.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(graphiqlContentSecurityPolicy);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toMatch(/\/\/[a-z0-9]/i);
    expect([...page.body.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1])).toEqual(['/graphiql/favicon.ico', '/graphiql/graphiql.css', '/graphiql/start.js', '/graphiql/graphiql.js']);
    // Every directive's sources: this origin, none, inline styles and the bundle's data: icons; no host.
    const sources = graphiqlContentSecurityPolicy.split('; ').flatMap((directive) => directive.split(' ').slice(1));
    expect(new Set(sources)).toEqual(new Set(["'self'", "'none'", "'unsafe-inline'", 'data:']));
    expect(graphiqlContentSecurityPolicy).toContain("script-src 'self';");
    for (const name of assets) {
      const res = await rawRequest(`${demo.url}/graphiql/${name}`);
      expect([res.status, res.headers['content-security-policy']], name).toEqual([200, graphiqlContentSecurityPolicy]);
    }
    expect((await rawRequest(`${demo.url}/graphiql/../package.json`)).status).toBe(404);
    expect((await rawRequest(`${demo.url}/graphiql/graphiql.js`, { method: 'POST' })).status).toBe(405);
  });

  it('serves its assets gzipped when asked, and revalidates them by ETag', async () => {
    const plain = await fetch(`${demo.url}/graphiql/graphiql.js`, { headers: { 'accept-encoding': 'identity' } });
    const zipped = await rawRequest(`${demo.url}/graphiql/graphiql.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Number(plain.headers.get('content-length')) / 2);
    expect((await plain.arrayBuffer()).byteLength).toBe(Number(plain.headers.get('content-length')));
    const etag = plain.headers.get('etag') as string;
    expect((await rawRequest(`${demo.url}/graphiql/graphiql.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('names these absolute URLs in its vendor code, as plain strings (a package upgrade that adds one fails here: check it is never fetched)', async () => {
    const found = new Set<string>();
    for (const name of assets.filter((a) => a !== 'favicon.ico')) {
      const body = await (await fetch(`${demo.url}/graphiql/${name}`)).text();
      for (const [url] of body.matchAll(/https?:\/\/[^\s"'`)<>\\,;]*/g)) found.add(url);
    }
    expect([...found].sort()).toEqual(vendorUrls);
  });

  it('opens a tab per contract operation and for the walkthrough, each running as it is on the seeded data', async () => {
    const { options } = await graphiql(demo.url);
    const tabs = new Map(options.defaultTabs.map((tab) => [nameOf(tab), tab]));
    expect([...tabs.keys()]).toEqual([
      'AccountEvents', 'AccountsOverview', 'ActivateSubscriptions', 'BackOfficeClients', 'DepositFunds', 'Login', 'MarketDataEvents',
      'Me', 'NotificationDelivery', 'PlatformAccounts', 'SendNotification', 'TraderDashboard', 'WithdrawFunds', 'CreatePlatformAccount',
    ]);
    for (const tab of tabs.values()) expect(JSON.parse(tab.headers ?? '{}')).toEqual({ Authorization: `Bearer ${demoApiKey}` });
    const [dxcore, retail, platform] = [demo.simulators.dxcore.state, demo.simulators.retail.state, demo.simulators.platform.state];
    const variables = (name: string) => JSON.parse(tabs.get(name)?.variables ?? 'null');
    const dashboard = variables('TraderDashboard') as { domain: string; login: string };
    const trader = dxcore.clients.get(clientKey(dashboard.domain, dashboard.login));
    const activation = variables('ActivateSubscriptions').input as { accountId: string; subscriptions: { feedName: string }[] };
    const feed = activation.subscriptions[0]?.feedName as string;
    // The plain Retail account id: what the trader's marketDataAccount names, and what MarketDataEvents watches.
    expect(activation.accountId).toBe(trader?.dxFeedAccountId);
    expect(variables('MarketDataEvents')).toEqual({ accountId: trader?.dxFeedAccountId });
    const events = await subscribeSse(demo.url, parse(tabs.get('MarketDataEvents')?.query as string) as TypedDocumentNode<{ marketDataSubscriptionEvents: { type: string; accountId: string } }, unknown>, {
      variables: variables('MarketDataEvents'),
      authorization: `Bearer ${demoApiKey}`,
    });
    const transfer = variables('DepositFunds').input as { clearingCode: string; accountCode: string; amount: number };
    const account = dxcore.accounts.get(accountKey(transfer.clearingCode, transfer.accountCode));
    const before = { balance: account?.balance ?? 0, notifications: dxcore.notifications.size, platformAccounts: platform.accounts.size };

    const answers: Record<string, unknown> = {};
    const writes: Record<string, string[]> = {};
    for (const [name, tab] of tabs) {
      if (tab.query.includes('subscription ')) continue;
      const seen = queryCalls(demo.simulators).length;
      const result = await runTab(demo.url, tab, options.additionalHeaders);
      answers[name] = result.errors ? result.errors.map((e) => e.extensions?.code) : Object.values(result.data ?? {}).map((field) => field?.__typename ?? 'data');
      const written = queryCalls(demo.simulators).slice(seen).filter((call) => !call.route.startsWith('GET '));
      if (written.length > 0) writes[name] = written.map((call) => `${call.upstream} ${call.route}`);
    }
    expect(answers).toEqual({
      AccountsOverview: ['data'],
      ActivateSubscriptions: ['SubscriptionActivation'],
      BackOfficeClients: ['data'],
      DepositFunds: ['TransferSuccess'],
      Login: ['Session'],
      // Its note says: run Login first and send the session's token.
      Me: ['FORBIDDEN'],
      NotificationDelivery: ['data'],
      PlatformAccounts: ['data'],
      SendNotification: ['NotificationSent'],
      TraderDashboard: ['data'],
      WithdrawFunds: ['TransferSuccess'],
      CreatePlatformAccount: ['PlatformAccountCreated'],
    });
    expect(tabs.get('Me')?.query).toMatch(/^# Run Login first/);
    // Each mutation tab wrote once, to its upstream (Login's dxCore /login is the session, not counted).
    expect(writes).toEqual({
      ActivateSubscriptions: ['retail POST /api/v1/accounts/:accountId/subscriptions'],
      DepositFunds: ['dxcore PUT /api/register/account/:clearingCode/:accountCode/deposit/:id'],
      SendNotification: ['dxcore POST /api/clientnotifications'],
      WithdrawFunds: ['dxcore PUT /api/register/account/:clearingCode/:accountCode/withdrawal/:id'],
      CreatePlatformAccount: ['platform POST /accounts'],
    });
    // What the upstreams now hold.
    expect(retail.accounts.get(activation.accountId)?.subscriptions.find((s) => s.name === feed)?.status).toBe('ACTIVE');
    expect(account?.balance).toBe(before.balance + transfer.amount - (variables('WithdrawFunds').input as { amount: number }).amount);
    expect(dxcore.notifications.size).toBe(before.notifications + 1);
    expect(platform.accounts.size).toBe(before.platformAccounts + 1);
    // The market-data walkthrough: the activation's event reached the MarketDataEvents tab's subscription.
    const [event] = await events.waitFor(1);
    expect(event?.data?.marketDataSubscriptionEvents).toMatchObject({ type: 'SUBSCRIPTION_ACTIVATED', accountId: activation.accountId });
    await events.close();
  });
});

describe("demo mode's key", () => {
  let demo: DemoGateway;
  beforeAll(async () => {
    demo = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '' });
  });
  afterAll(() => demo.close());

  const typename = (url: string, host: string) =>
    rawRequest(`${url}/graphql`, {
      method: 'POST',
      headers: { host, 'content-type': 'application/json', authorization: `Bearer ${demoApiKey}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('is the same at every start, and documented', async () => {
    expect(demo.demoApiKey).toBe(demoApiKey);
    const again = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '' });
    await again.close();
    expect(again.demoApiKey).toBe(demoApiKey);
  });

  it('is taken over HTTP and graphql-ws from this machine by a loopback name', async () => {
    const { port } = new URL(demo.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect(JSON.parse((await typename(demo.url, host)).body), host).toEqual({ data: { __typename: 'Query' } });
      expect(await wsInit(demo.url, host), host).toBe('ack');
    }
  });

  it('is refused for any other host name (a DNS-rebinding page), over HTTP and graphql-ws', async () => {
    const host = `attacker.example:${new URL(demo.url).port}`;
    const res = await typename(demo.url, host);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).errors).toEqual([{ message: 'The demo key is accepted only from this machine, at http://localhost', extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(await wsInit(demo.url, host)).toBe(4403);
  });

  it.skipIf(!externalAddress)('is refused from another machine, whatever Host it names (HOST=0.0.0.0)', async () => {
    const open = await startDemo({ PORT: '0', GATEWAY_API_KEYS: '', HOST: '0.0.0.0' });
    try {
      const { port } = new URL(open.url);
      const remote = `http://${externalAddress}:${port}`;
      expect((await typename(remote, `localhost:${port}`)).status).toBe(401);
      expect(await wsInit(remote, `localhost:${port}`)).toBe(4403);
      expect((await typename(`http://127.0.0.1:${port}`, `localhost:${port}`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('is no key where GATEWAY_API_KEYS is set', async () => {
    const keyed = await startDemo({ PORT: '0', GATEWAY_API_KEYS: 'a-configured-key-0123=read' });
    try {
      expect(keyed.demoApiKey).toBeUndefined();
      const res = await typename(keyed.url, `localhost:${new URL(keyed.url).port}`);
      expect(JSON.parse(res.body).errors[0]).toEqual({ message: 'Unknown API key', extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      await keyed.close();
    }
  });
});
