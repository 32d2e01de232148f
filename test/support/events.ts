import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { webhookSecret } from './gateway.ts';

/** Resolves when `check` holds, polling; rejects with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What a subscription received, as it arrived; `completed` once the server ended it. */
export interface Received<R> {
  results: ExecutionResult<R>[];
  /** The transport's error, if the subscription failed rather than completed (graphql-ws `error`, socket close). */
  error: unknown;
  completed: boolean;
  /** Waits until `count` results arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ExecutionResult<R>[]>;
  /** Waits until the server completed the subscription or it failed. */
  ended(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function received<R>(close: () => Promise<void>): Received<R> {
  const r: Received<R> = {
    results: [],
    error: undefined,
    completed: false,
    waitFor: async (count, timeoutMs) => {
      await until(() => r.results.length >= count || r.completed || r.error !== undefined, `${count} results`, timeoutMs);
      if (r.results.length < count) throw new Error(`ended after ${r.results.length} of ${count} results: ${JSON.stringify(r.error ?? 'completed')}`);
      return r.results.slice(0, count);
    },
    ended: (timeoutMs) => until(() => r.completed || r.error !== undefined, 'the subscription to end', timeoutMs),
    close,
  };
  return r;
}

/** A graphql-ws client for the gateway; `authorization` goes in `connectionParams` as the contract says. */
export function wsClient(gatewayUrl: string, authorization?: string): Client {
  return createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: authorization === undefined ? undefined : { authorization },
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over graphql-ws and records every result. */
export function subscribeWs<R, V>(client: Client, doc: TypedDocumentNode<R, V>, variables?: V): Received<R> {
  let dispose = () => {};
  const r = received<R>(async () => dispose());
  dispose = client.subscribe<R>(
    { query: print(doc), variables: variables as Record<string, unknown> | undefined },
    {
      next: (result) => void r.results.push(result as ExecutionResult<R>),
      error: (error) => {
        r.error = error;
      },
      complete: () => {
        r.completed = true;
      },
    },
  );
  return r;
}

/** One SSE message: its `id:` (when sent) and the GraphQL result of an `event: next`. */
export interface SseMessage<R> {
  id: string | undefined;
  result: ExecutionResult<R>;
}

/** Subscribes over GraphQL-over-SSE (distinct connections), with `Authorization` and optionally `Last-Event-ID`. */
export async function subscribeSse<R, V>(
  gatewayUrl: string,
  doc: TypedDocumentNode<R, V>,
  options: { variables?: V; authorization?: string; lastEventId?: string } = {},
): Promise<Received<R> & { status: number; messages: SseMessage<R>[] }> {
  const controller = new AbortController();
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    signal: controller.signal,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
    body: JSON.stringify({ query: print(doc), variables: options.variables }),
  });
  const messages: SseMessage<R>[] = [];
  const r = Object.assign(
    received<R>(async () => controller.abort()),
    { status: response.status, messages },
  );
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    // Refused before the stream started: a plain GraphQL response.
    r.results.push((await response.json()) as ExecutionResult<R>);
    r.completed = true;
    return r;
  }
  void readSse(response, (event, id, data) => {
    if (event === 'next') {
      const result = JSON.parse(data) as ExecutionResult<R>;
      messages.push({ id, result });
      r.results.push(result);
    } else if (event === 'complete') r.completed = true;
  }).catch((error: unknown) => {
    if (!controller.signal.aborted) r.error = error;
  });
  return r;
}

async function readSse(response: Response, onMessage: (event: string, id: string | undefined, data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const colon = line.indexOf(':');
        fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      if (fields.has('event')) onMessage(fields.get('event') as string, fields.get('id'), fields.get('data') ?? '');
    }
  }
}

export interface SignedPost {
  secret: string;
  /** @default a fresh UUID */
  webhookId?: string;
  /** @default now */
  timestamp?: Date;
  /** Replaces the computed signature. */
  signature?: string;
  /** Send this text as the body instead of the JSON of `body`. */
  rawBody?: string;
}

/** POSTs a webhook signed the Standard Webhooks way; answers the status and the JSON body. */
export async function postWebhook(gatewayUrl: string, path: '/webhooks/platform' | '/webhooks/dxfeed', body: unknown, options: SignedPost) {
  const payload = options.rawBody ?? JSON.stringify(body);
  const id = options.webhookId ?? crypto.randomUUID();
  const timestamp = options.timestamp ?? new Date();
  const signature = options.signature ?? new Webhook(options.secret).sign(id, timestamp, payload);
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as { accepted: boolean; duplicate?: boolean; error?: string }, webhookId: id };
}

/** POSTs each body in turn, signed with the test gateways' secret, and expects each accepted (200); answers the bodies. */
export async function postAll<B extends { id: string }>(t: { gateway: { url: string } }, path: '/webhooks/platform' | '/webhooks/dxfeed', bodies: B[]): Promise<B[]> {
  for (const body of bodies) expect((await postWebhook(t.gateway.url, path, body, { secret: webhookSecret })).status).toBe(200);
  return bodies;
}

let counter = 0;

/** A document-004 account event body for `accountId`. */
export function platformEventBody(type: string, account: { id: string; name?: string; status?: string; users?: { id: string; type: string }[] }) {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    created_at: new Date(Date.UTC(2026, 10, 21, 10, 0, counter)).toISOString(),
    type,
    object: {
      id: account.id,
      created_at: '2026-11-01T09:00:00Z',
      updated_at: '2026-11-21T10:00:00Z',
      account_group_id: 'fa2414ed-8d62-46fd-85ed-565a340c81d6',
      type: 'TRADING',
      users: account.users ?? [{ id: '9c36af78-91a0-4174-a515-fc81214e3dab', type: 'OWNER' }],
      account_number: counter,
      name: account.name ?? `Account ${counter}`,
      status: account.status ?? 'ACTIVE',
    },
    webhook_id: crypto.randomUUID(),
  };
}

/** A dxFeed subscription callback body for `accountId`. */
export function dxFeedEventBody(type: string, accountId: string, subscriptions = [{ name: 'CMEGROUP', status: 'ACTIVE', expiresAt: null as string | null }]) {
  counter += 1;
  return { id: crypto.randomUUID(), type, createdAt: new Date(Date.UTC(2026, 10, 21, 11, 0, counter)).toISOString(), accountId, subscriptions };
}

/** A gateway whose subscribers can be counted: `RunningGateway` has `url` and the hub as `events`. */
interface CountingGateway {
  gateway: { url: string; events: { size: number } };
}

/**
 * The subscriptions and clients a test opens, released after it: `release()` closes them and waits
 * until the gateway let go of every subscriber (which is itself checked behaviour: a client that goes
 * away must not leave one behind). `live`/`liveSse` resolve once the hub registered the subscriber.
 */
export function subscriptionScope(current: () => CountingGateway | undefined) {
  const open: { close(): Promise<void> }[] = [];
  const track = <S extends { close(): Promise<void> }>(s: S): S => (open.push(s), s);
  const gateway = () => {
    const t = current();
    if (!t) throw new Error('no gateway is running');
    return t.gateway;
  };
  const client = (authorization?: string) => {
    const c = wsClient(gateway().url, authorization);
    open.push({ close: async () => void (await c.dispose()) });
    return c;
  };
  const registered = async (before: number, sub: Received<unknown>, what: string) =>
    until(() => gateway().events.size > before || sub.error !== undefined || sub.completed, what);
  return {
    track,
    client,
    async live<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, authorization?: string): Promise<Received<R>> {
      const before = gateway().events.size;
      const sub = track(subscribeWs(client(authorization), doc, variables));
      await registered(before, sub as Received<unknown>, 'the subscriber to register');
      return sub;
    },
    async liveSse<R, V>(doc: TypedDocumentNode<R, V>, variables?: V, authorization?: string) {
      const before = gateway().events.size;
      const sub = track(await subscribeSse(gateway().url, doc, { variables: variables as V, authorization }));
      await registered(before, sub as Received<unknown>, 'the SSE subscriber to register');
      return sub;
    },
    async release(): Promise<void> {
      await Promise.all(open.splice(0).map((s) => s.close()));
      if (current()) await until(() => gateway().events.size === 0, 'the gateway to release every subscriber');
    },
  };
}
