import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { print } from 'graphql';
import { afterAll, expect, it } from 'vitest';
import { AccountEventsDocument, TraderDashboardDocument } from './generated/operations.ts';

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
