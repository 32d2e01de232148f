import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { print } from 'graphql';
import { afterAll, expect, it } from 'vitest';
import { TraderDashboardDocument } from './generated/operations.ts';

// `npm start` on a fresh machine: the gateway and its simulators, a printed demo key, GraphiQL.
const child = spawn(process.execPath, ['src/main.ts'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, PORT: '0', GATEWAY_API_KEYS: '' } });
afterAll(async () => {
  child.kill('SIGTERM');
  await once(child, 'exit');
});

async function started(): Promise<{ url: string; key: string }> {
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    const url = /on (http:\/\/\S+)\/graphql/.exec(out)?.[1];
    const key = /Bearer (\S+)/.exec(out)?.[1];
    if (url && key) return { url, key };
  }
  throw new Error(`gateway exited: ${out}`);
}

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
