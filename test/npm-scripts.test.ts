import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type RunningGateway } from '../src/server.ts';
import { seedWorld } from '../src/simulators/seed.ts';
import { subscribeWs, until, wsClient } from './support/events.ts';
import { gql } from './support/gql.ts';

// The npm scripts as a user runs them: npm itself, its child, and what ending npm does to that child.
const root = new URL('..', import.meta.url).pathname;
const started: ChildProcess[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM, which npm passes on: a SIGKILL would leave npm's child running.
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
});

/** `npm run <script>` with `env`; resolves once its output matches `ready`. */
async function npmRun(script: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (out += String(chunk)));
  child.stdout?.on('data', (chunk: Buffer) => (out += String(chunk)));
  await until(() => ready.test(out) || child.exitCode !== null, `npm run ${script} to be ready`, 30_000);
  if (!ready.test(out)) throw new Error(`npm run ${script} exited (${child.exitCode}):\n${out}`);
  return { child, output: () => out };
}

/** Whether anything still accepts connections at `url`. */
const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );

/** Whether `url` stopped accepting connections within 15 s (closing lets what is in progress finish). */
async function stopsAnswering(url: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (!(await answers(url))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** The `export NAME=value` lines a command printed. */
const exportsIn = (out: string): Record<string, string> => Object.fromEntries([...out.matchAll(/^ {2}export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));

const anyPorts = { SIM_DXCORE_PORT: '0', SIM_RETAIL_PORT: '0', SIM_PLATFORM_PORT: '0' };

describe('npm run simulators', () => {
  let gateway: RunningGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('prints what a gateway needs and, given --webhook-target, sends that gateway its signed webhooks', async () => {
    const port = await freePort();
    const sims = await npmRun('simulators', ['--webhook-target', `http://127.0.0.1:${port}`], anyPorts, /Webhooks go to/);
    const env = exportsIn(sims.output());
    expect(Object.keys(env).sort()).toEqual(
      ['DXCORE_DOMAIN', 'DXCORE_PASSWORD', 'DXCORE_URL', 'DXCORE_USERNAME', 'GATEWAY_API_KEYS', 'PLATFORM_API_KEY', 'PLATFORM_URL', 'RETAIL_API_KEY', 'RETAIL_URL', 'WEBHOOK_SECRET'].sort(),
    );
    expect(sims.output()).toContain(`Webhooks go to http://127.0.0.1:${port}/webhooks/platform and /webhooks/dxfeed`);
    // A gateway started from nothing but the printed lines.
    gateway = await startGateway(loadConfig({ ...env, PORT: String(port), HOST: '127.0.0.1' }));
    const authorization = `Bearer ${env.GATEWAY_API_KEYS!.split('=')[0]}`;
    const { platform } = seedWorld();
    const owner = platform.userIds[0]!;
    const ws = wsClient(gateway.url, authorization);
    const events = subscribeWs(ws, gql`subscription ($userId: ID) { accountEvents(userId: $userId) { type account { id name } } }`, { userId: owner });
    await until(() => gateway!.events.size > 0, 'the subscription to be live');
    const created = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        query: 'mutation ($input: CreatePlatformAccountInput!) { createPlatformAccount(input: $input) { __typename ... on PlatformAccountCreated { account { accountId } } } }',
        variables: { input: { userId: owner, accountGroupId: platform.accountGroupIds[0], type: 'TRADING', name: 'From npm run simulators' } },
      }),
    });
    const accountId = ((await created.json()) as { data: { createPlatformAccount: { account: { accountId: string } } } }).data.createPlatformAccount.account.accountId;
    const [first] = await events.waitFor(1);
    expect(first?.data).toEqual({ accountEvents: { type: 'ACCOUNT_CREATED', account: { id: accountId, name: 'From npm run simulators' } } });
    await events.close();
    await ws.dispose();
  });

  it('without a target, says that no webhooks are sent and how to send them', async () => {
    const sims = await npmRun('simulators', [], anyPorts, /No webhooks are sent/);
    expect(sims.output()).toContain('SIM_WEBHOOK_URL=<gateway base URL>');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('ends its node child when npm gets %s', async (signal) => {
    const sims = await npmRun('simulators', [], { ...anyPorts, SIM_LATENCY_MS: '5' }, /No webhooks are sent/);
    const dxcore = exportsIn(sims.output()).DXCORE_URL!;
    expect(await answers(dxcore)).toBe(true);
    const exited = once(sims.child, 'exit');
    sims.child.kill(signal);
    await exited;
    expect(await stopsAnswering(dxcore)).toBe(true);
  });

  it('refuses a bad setting, naming it', async () => {
    const child = spawn('npm', ['run', 'simulators'], { cwd: root, env: { ...process.env, ...anyPorts, SIM_LATENCY_MS: 'slow' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += String(chunk)));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).not.toBe(0);
    expect(err).toContain('Configuration error: SIM_LATENCY_MS must be a whole number of milliseconds, 0 to 60000');
  });
});

describe('npm start', () => {
  it('ends the gateway and its simulators when npm gets SIGTERM', async () => {
    const start = await npmRun('start', [], { PORT: '0', GATEWAY_API_KEYS: '' }, /on http:\/\/\S+\/graphql/);
    const url = /on (http:\/\/\S+)\/graphql/.exec(start.output())![1]!;
    expect(await answers(`${url}/healthz`)).toBe(true);
    const exited = once(start.child, 'exit');
    start.child.kill('SIGTERM');
    await exited;
    expect(await stopsAnswering(`${url}/healthz`)).toBe(true);
  });
});
