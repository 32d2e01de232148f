/**
 * WebSocket subscribers in a process of their own (started by `fanout.ts`): N graphql-ws
 * (`graphql-transport-ws`) connections, each subscribed to `accountEvents` (all to the same operation, or,
 * with `accounts`, each to one of that many accounts by its `accountId`), plus the webhook sender.
 * Sending and receiving in one process gives one clock for the webhook-to-client latency: each event
 * carries its send time in the account name, and each subscriber reads it back on arrival.
 */
import { Pool } from 'undici';
import { Webhook } from 'standardwebhooks';
import WebSocket from 'ws';
import { platformEventBody } from '../test/support/events.ts';
import { operationText } from './queries.ts';
import { summarize, type LatencySummary } from './stats.ts';

export type SubscribersRequest =
  | { type: 'connect'; url: string; authorization: string; secret: string; count: number; accounts: number }
  | { type: 'paced'; events: number }
  | { type: 'burst'; events: number }
  | { type: 'close' };

export type SubscribersAnswer =
  | { type: 'connected'; requested: number; connected: number; failed: number; firstError: string | undefined; ms: number }
  | { type: 'delivered'; events: number; expected: number; delivered: number; elapsedMs: number; latency: LatencySummary; ended: number; firstEnd: string | undefined }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

/** The contract's own operation; the account name carries each event's number and send time. */
const subscription = operationText('AccountEvents');
/** The same selection for one account: the mixed case's subscribers, over `accounts` distinct ones. */
const ofAccount = 'subscription AccountEventsOfOne($accountId: ID) { accountEvents(accountId: $accountId) { id type createdAt account { id name status type } } }';
const stamp = /"name":"bench (\d+) ([\d.]+)"/;

/** The i-th bench account's Platform uuid. */
const accountId = (i: number) => `0b0e7a4e-5b59-4a8e-9d55-${i.toString(16).padStart(12, '0')}`;
/** Subscribers per account (one account unless the mixed case) and each event's account. */
let perAccount: number[] = [];
const accountOf = new Map<number, number>();

const sockets: WebSocket[] = [];
/** Sockets that received the warm-up event: the subscribers every later event must reach. */
let subscribed = 0;
let seq = 0;
const counts = new Map<number, number>();
const waiters = new Map<number, () => void>();
let latencies: number[] = [];
let lastArrival = 0;
let ended = 0;
let firstEnd: string | undefined;
let post: (name: string, account: number) => Promise<void> = async () => {
  throw new Error('not connected');
};

function arrived(text: string): boolean {
  const m = stamp.exec(text);
  if (!m) return false;
  const now = performance.now();
  const id = Number(m[1]);
  latencies.push(now - Number(m[2]));
  lastArrival = now;
  const n = (counts.get(id) ?? 0) + 1;
  counts.set(id, n);
  if (n >= expectedOf(id)) waiters.get(id)?.();
  return true;
}

/** How many subscribers an event must reach: those of its account. */
const expectedOf = (id: number) => perAccount[accountOf.get(id) ?? 0] ?? subscribed;

function open(url: string, authorization: string, account: number | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    let acked = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (arrived(text)) return;
      const message = JSON.parse(text) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        acked = true;
        const payload = account === undefined ? { query: subscription } : { query: ofAccount, variables: { accountId: accountId(account) } };
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload }));
        resolve(ws);
      } else if (message.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'error' || message.type === 'complete' || message.type === 'next') {
        ended++;
        firstEnd ??= text.slice(0, 300);
      }
    });
    ws.on('error', (error) => {
      if (!acked) reject(error);
    });
    ws.on('close', (code, reason) => {
      if (!acked) reject(new Error(`closed ${code} ${String(reason)}`));
      else if (code !== 1000 && code !== 1005) {
        ended++;
        firstEnd ??= `closed ${code} ${String(reason)}`;
      }
    });
  });
}

/** Posts one signed Platform webhook whose account name carries its number and send time. */
function sender(url: string, secret: string): (name: string, account: number) => Promise<void> {
  const pool = new Pool(url, { connections: 1 });
  const webhook = new Webhook(secret);
  return async (name, account) => {
    const body = platformEventBody('ACCOUNT.UPDATED', { id: accountId(account), name });
    const payload = JSON.stringify(body);
    const now = new Date();
    const res = await pool.request({
      method: 'POST',
      path: '/webhooks/platform',
      headers: {
        'content-type': 'application/json',
        'webhook-id': body.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': webhook.sign(body.id, now, payload),
      },
      body: payload,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${text}`);
  };
}

/** Sends one event and resolves once every subscriber has it (or after `timeoutMs`). */
async function sendEvent(wait: boolean, timeoutMs: number, account = 0): Promise<number> {
  const id = ++seq;
  accountOf.set(id, account);
  const all = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    waiters.set(id, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await post(`bench ${id} ${performance.now().toFixed(3)}`, account);
  if (wait) await all;
  return id;
}

async function connect(request: Extract<SubscribersRequest, { type: 'connect' }>): Promise<SubscribersAnswer> {
  const started = performance.now();
  const wsUrl = `${request.url.replace(/^http/, 'ws')}/graphql`;
  post = sender(request.url, request.secret);
  let failed = 0;
  let firstError: string | undefined;
  const mixed = request.accounts > 1;
  const accountsOf: number[] = [];
  // A bounded number of handshakes at once, so that the listen backlog never overflows.
  const batch = 250;
  for (let i = 0; i < request.count; i += batch) {
    const accounts = Array.from({ length: Math.min(batch, request.count - i) }, (_, j) => (i + j) % request.accounts);
    const opened = await Promise.allSettled(accounts.map((a) => open(wsUrl, request.authorization, mixed ? a : undefined)));
    for (const [j, o] of opened.entries()) {
      if (o.status === 'fulfilled') {
        sockets.push(o.value);
        accountsOf.push(accounts[j]!);
      } else {
        failed++;
        firstError ??= o.reason instanceof Error ? o.reason.message : String(o.reason);
      }
    }
  }
  // graphql-ws does not acknowledge a subscribe: a warm-up event per account shows which subscriptions are live.
  subscribed = sockets.length;
  perAccount = Array.from({ length: request.accounts }, (_, a) => accountsOf.filter((x) => x === a).length);
  for (let a = 0; a < request.accounts; a++) {
    const id = await sendEvent(true, 60_000, a);
    const reached = counts.get(id) ?? 0;
    if (reached < perAccount[a]!) {
      failed += perAccount[a]! - reached;
      firstError ??= `${perAccount[a]! - reached} subscriptions did not receive the warm-up event within 60 s`;
      subscribed -= perAccount[a]! - reached;
      perAccount[a] = reached;
    }
  }
  return { type: 'connected', requested: request.count, connected: subscribed, failed, firstError, ms: performance.now() - started };
}

async function deliver(events: number, paced: boolean): Promise<SubscribersAnswer> {
  latencies = [];
  ended = 0;
  firstEnd = undefined;
  const ids: number[] = [];
  const started = performance.now();
  lastArrival = started;
  for (let i = 0; i < events; i++) ids.push(await sendEvent(paced, 30_000, i % perAccount.length));
  if (!paced) {
    // Every event to every subscriber of its account, unless a subscription ended; at most two minutes.
    const deadline = performance.now() + 120_000;
    const done = () => ids.every((id) => (counts.get(id) ?? 0) >= expectedOf(id));
    while (!done() && performance.now() < deadline && ended === 0) await new Promise((r) => setTimeout(r, 20));
    if (ended > 0) await new Promise((r) => setTimeout(r, 500));
  }
  const delivered = ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);
  for (const id of ids) waiters.delete(id);
  const expected = ids.reduce((sum, id) => sum + expectedOf(id), 0);
  return { type: 'delivered', events, expected, delivered, elapsedMs: lastArrival - started, latency: summarize(latencies), ended, firstEnd };
}

async function close(): Promise<SubscribersAnswer> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close(1000);
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 5_000).unref();
        }),
    ),
  );
  return { type: 'closed' };
}

process.on('message', (request: SubscribersRequest) => {
  const work =
    request.type === 'connect' ? connect(request) : request.type === 'paced' ? deliver(request.events, true) : request.type === 'burst' ? deliver(request.events, false) : close();
  void work
    .catch((error: unknown): SubscribersAnswer => ({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((answer) => {
      process.send?.(answer);
      if (request.type === 'close') process.disconnect();
    });
});
process.on('disconnect', () => process.exit(0));
