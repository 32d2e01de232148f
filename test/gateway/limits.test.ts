import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { contractOperations } from '../../src/contract-operations.ts';
import { startGateway, type RunningGateway } from '../../src/server.ts';
import { startSimulators, type Simulators } from '../../src/simulators/index.ts';
import { defaultQueryLimits } from '../../src/security/settings.ts';
import { documentId, manifestJson } from '../../src/security/trusted-documents.ts';
import { platformEventBody, postWebhook, until, wsClient } from '../support/events.ts';
import { keys, loginAs, queryCalls, startDemo, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

interface Answer {
  status: number;
  headers: Headers;
  body: ExecutionResult & { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
}

/** A raw POST to /graphql: `body` is sent as given (JSON-encoded unless a string). */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${keys.all}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text.startsWith('{') ? JSON.parse(text) : {} };
}

async function get(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}/graphql?${new URLSearchParams(params)}`, { headers: { accept: 'application/graphql-response+json', authorization: `Bearer ${keys.all}`, ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text.startsWith('{') ? JSON.parse(text) : {} };
}

const codeOf = (a: { body: Answer['body'] } | ExecutionResult) => ('body' in a ? a.body : a).errors?.[0]?.extensions?.code;

/** `{ broker(code: "B") { parent { parent ... { code } } } }`: `depth` levels of selection. */
const brokerChain = (depth: number, scalars = 'code') => {
  let selection = `{ ${scalars} }`;
  for (let level = 2; level < depth; level++) selection = `{ ${scalars} parent ${selection} }`;
  return `broker(code: "B") ${selection}`;
};

const brokerScalars = 'id code name description namespace countryCode parentCode clientPrincipalGroup dealerPrincipalGroup';

/** A subscription over graphql-ws with a raw payload (a query string, or a trusted document id in `extensions`). */
function subscribeRaw(url: string, payload: { query: string; extensions?: Record<string, unknown>; variables?: Record<string, unknown> }, authorization = `Bearer ${keys.all}`) {
  const client = wsClient(url, authorization);
  const got: { results: FormattedExecutionResult<Record<string, unknown>, unknown>[]; errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined; completed: boolean } = { results: [], errors: undefined, completed: false };
  const dispose = client.subscribe(payload, {
    next: (r) => void got.results.push(r),
    error: (e) => {
      got.errors = Array.isArray(e) ? e : [{ message: String((e as { reason?: string }).reason ?? e) }];
    },
    complete: () => {
      got.completed = true;
    },
  });
  return {
    got,
    ended: () => until(() => got.errors !== undefined || got.completed, 'the subscription to end'),
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

describe('query limits (defaults)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('every contract operation is well within each limit and runs', async () => {
    for (const [name, text] of contractOperations()) {
      if (name === 'AccountEvents' || name === 'MarketDataEvents') continue; // subscriptions: below
      const res = await post(t.gateway.url, { query: text, variables: name === 'TraderDashboard' ? { domain: 'default', login: 'alice.martin0' } : {} });
      const limitCodes = ['MAX_DEPTH_EXCEEDED', 'MAX_ALIASES_EXCEEDED', 'MAX_TOKENS_EXCEEDED', 'MAX_DIRECTIVES_EXCEEDED', 'COST_LIMIT_EXCEEDED'];
      expect(res.body.errors?.map((e) => e.extensions?.code).filter((c) => limitCodes.includes(c as string)) ?? [], name).toEqual([]);
    }
  });

  it('a query as deep as the limit runs; one level deeper is refused with MAX_DEPTH_EXCEEDED', async () => {
    const atLimit = await post(t.gateway.url, { query: `{ ${brokerChain(defaultQueryLimits.depth)} }` });
    expect(atLimit.status).toBe(200);
    expect(codeOf(atLimit)).not.toBe('MAX_DEPTH_EXCEEDED');
    const deeper = await post(t.gateway.url, { query: `{ ${brokerChain(defaultQueryLimits.depth + 1)} }` });
    expect(deeper.status).toBe(400);
    expect(deeper.body.errors).toEqual([{ message: 'Query depth limit of 12 exceeded, found 13.', extensions: { code: 'MAX_DEPTH_EXCEEDED' } }]);
  });

  it('variables nested deeper than 32 levels are refused 400 MAX_VARIABLE_DEPTH_EXCEEDED before anything reads them, used or not, anonymous or not, _Any included', async () => {
    // Built as text: the test's own JSON.stringify would overflow on such a value.
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const refused = { message: 'Variables nest deeper than 32 levels', extensions: { code: 'MAX_VARIABLE_DEPTH_EXCEEDED' } };
    for (const headers of [{}, { authorization: '' }] as Record<string, string>[]) {
      const deep = await post(t.gateway.url, `{"query":"{ __typename }","variables":{"unused":${nested(5_000)}}}`, headers);
      expect({ status: deep.status, errors: deep.body.errors }).toEqual({ status: 400, errors: [refused] });
    }
    const entities = await post(
      t.gateway.url,
      `{"query":"query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }","variables":{"r":[{"__typename":"Broker","code":${nested(5_000)}}]}}`,
    );
    expect({ status: entities.status, errors: entities.body.errors }).toEqual({ status: 400, errors: [refused] });
    const atLimit = await post(t.gateway.url, `{"query":"{ __typename }","variables":{"unused":${nested(32)}}}`);
    expect(atLimit.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('over graphql-ws the same refusal is that operation\'s error; the socket and its other operations go on', async () => {
    const socket = new WebSocket(`${t.gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    const closed: { code?: number } = {};
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    socket.on('close', (code) => (closed.code = code));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${keys.all}` } }));
    await until(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
    socket.send(`{"type":"subscribe","id":"deep","payload":{"query":"{ __typename }","variables":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}}`);
    socket.send(JSON.stringify({ type: 'subscribe', id: 'next', payload: { query: '{ __typename }' } }));
    await until(() => messages.some((m) => m.id === 'next' && m.type === 'complete') || closed.code !== undefined, 'the second operation, or a close');
    expect(closed.code).toBeUndefined();
    expect(messages.find((m) => m.id === 'deep')).toEqual({ id: 'deep', type: 'error', payload: [{ message: 'Variables nest deeper than 32 levels', extensions: { code: 'MAX_VARIABLE_DEPTH_EXCEEDED' } }] });
    expect(messages.find((m) => m.id === 'next' && m.type === 'next')?.payload).toEqual({ data: { __typename: 'Query' } });
    socket.close();
  });

  it('fragments do not hide depth', async () => {
    const query = `{ ...Q } fragment Q on Query { broker(code: "B") { ...P } } fragment P on Broker { ${brokerChain(13).replace(/^broker\(code: "B"\) \{/, '').replace(/\}$/, '')} }`;
    expect(codeOf(await post(t.gateway.url, { query }))).toBe('MAX_DEPTH_EXCEEDED');
  });

  it('16 aliases are refused with MAX_ALIASES_EXCEEDED; 15 pass (aliases of __typename are not counted)', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: broker(code: "B") { code }`).join(' ')} t1: __typename t2: __typename }`;
    const fifteen = await post(t.gateway.url, { query: aliases(15) });
    expect(fifteen.status).toBe(200);
    expect(Object.keys(fifteen.body.data ?? {})).toHaveLength(17);
    const sixteen = await post(t.gateway.url, { query: aliases(16) });
    expect(sixteen.status).toBe(400);
    expect(sixteen.body.errors?.[0]).toEqual({ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'MAX_ALIASES_EXCEEDED' } });
  });

  it('a document of more than 1000 tokens is refused with MAX_TOKENS_EXCEEDED before it is parsed whole', async () => {
    const res = await post(t.gateway.url, { query: `{ ${'__typename '.repeat(1000)}}` });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toEqual({ message: 'Token limit of 1000 exceeded.', extensions: { code: 'MAX_TOKENS_EXCEEDED' } });
  });

  it('more than 50 directives are refused with MAX_DIRECTIVES_EXCEEDED', async () => {
    const res = await post(t.gateway.url, { query: `{ __typename ${'@include(if: true) '.repeat(51)}}` });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('MAX_DIRECTIVES_EXCEEDED');
  });

  it('a costly query within the depth, alias and token limits is refused with COST_LIMIT_EXCEEDED', async () => {
    const one = await post(t.gateway.url, { query: `{ ${brokerChain(12, brokerScalars)} }` });
    expect(codeOf(one)).not.toBe('COST_LIMIT_EXCEEDED');
    // Lists multiply: 20 groups (the default page) × 50 members × 5 groups × 50 members.
    const lists = await post(t.gateway.url, { query: '{ clientGroups { edges { node { members { groups { members { email } } } } } } }' });
    expect(lists.status).toBe(400);
    expect(lists.body.errors?.[0]?.message).toMatch(/^Query cost \d+ exceeds the limit of 3500/);
    expect(codeOf(lists)).toBe('COST_LIMIT_EXCEEDED');
  });

  it('a body over 100 KB is refused with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(defaultQueryLimits.bodyBytes) } });
    const sized = await post(t.gateway.url, big);
    expect(sized.status).toBe(413);
    expect(codeOf(sized)).toBe('REQUEST_ENTITY_TOO_LARGE');
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 16_384) controller.enqueue(new TextEncoder().encode(big.slice(i, i + 16_384)));
        controller.close();
      },
    });
    const chunked = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` }, body: chunks, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    const small = await post(t.gateway.url, { query: '{ __typename }', variables: { padding: 'x'.repeat(90 * 1024) } });
    expect(small.status).toBe(200);
  });

  it('the same limits refuse subscriptions over graphql-ws, as errors of that operation (the socket stays up)', async () => {
    const deep = subscribeRaw(t.gateway.url, { query: `subscription { accountEvents { id account { id } } } query Deep { ${brokerChain(13)} }` });
    await deep.ended();
    expect(deep.got.errors?.[0]).toEqual({ message: 'Query depth limit of 12 exceeded, found 13.', extensions: { code: 'MAX_DEPTH_EXCEEDED' } });
    await deep.close();
    const tokens = subscribeRaw(t.gateway.url, { query: `subscription { accountEvents { ${'id '.repeat(1000)}} }` });
    await tokens.ended();
    expect(tokens.got.errors?.[0]?.extensions?.code).toBe('MAX_TOKENS_EXCEEDED');
    await tokens.close();
    const aliases = subscribeRaw(t.gateway.url, { query: `subscription { accountEvents { ${Array.from({ length: 16 }, (_, i) => `i${i}: id`).join(' ')} } }` });
    await aliases.ended();
    expect(aliases.got.errors?.[0]?.extensions?.code).toBe('MAX_ALIASES_EXCEEDED');
    await aliases.close();
  });

  it('over SSE the limits answer before a stream starts', async () => {
    const res = await post(t.gateway.url, { query: `subscription { accountEvents { ${Array.from({ length: 16 }, (_, i) => `i${i}: id`).join(' ')} } }` }, { accept: 'text/event-stream' });
    expect(res.text).toContain('MAX_ALIASES_EXCEEDED');
  });

  it('GRAPHQL_LIMITS overrides a default', async () => {
    const tight = await startTestGateway({}, { GRAPHQL_LIMITS: '{"depth": 3}' });
    try {
      expect(codeOf(await post(tight.gateway.url, { query: `{ ${brokerChain(4)} }` }))).toBe('MAX_DEPTH_EXCEEDED');
      expect(codeOf(await post(tight.gateway.url, { query: `{ ${brokerChain(3)} }` }))).not.toBe('MAX_DEPTH_EXCEEDED');
    } finally {
      await tight.close();
    }
  });
});

describe('CSRF prevention', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('a JSON POST passes', async () => {
    const res = await post(t.gateway.url, { query: '{ __typename }' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('a %s POST (what a cross-site form can send) is refused with 403', async (type) => {
    const res = await post(t.gateway.url, JSON.stringify({ query: 'mutation { logout { __typename } }' }), { 'content-type': type });
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.message).toBe('Required CSRF header(s) not present');
  });

  it('a GET without the x-graphql-yoga-csrf header is refused, mutation or query; with it a query runs and a mutation is still refused', async () => {
    const mutation = await get(t.gateway.url, { query: 'mutation { logout { __typename } }' });
    expect(mutation.status).toBe(403);
    expect((await get(t.gateway.url, { query: '{ __typename }' })).status).toBe(403);
    const query = await get(t.gateway.url, { query: '{ __typename }' }, { 'x-graphql-yoga-csrf': '1' });
    expect(query.status).toBe(200);
    expect(query.body.data).toEqual({ __typename: 'Query' });
    const mutationWithHeader = await get(t.gateway.url, { query: 'mutation { logout { __typename } }' }, { 'x-graphql-yoga-csrf': '1' });
    expect(mutationWithHeader.status).toBe(405);
  });

  it('GraphiQL still opens and sends the header with every request; its JSON POSTs and SSE subscriptions pass', async () => {
    const page = await (await fetch(`${t.gateway.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('"additionalHeaders":{"x-graphql-yoga-csrf":"graphiql"}');
    const sse = await fetch(`${t.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${keys.all}` },
      body: JSON.stringify({ query: 'subscription { accountEvents { id } }' }),
    });
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    await sse.body?.cancel();
  });
});

describe('introspection', () => {
  const introspect = (url: string) => post(url, { query: '{ __schema { queryType { name } } }' });

  it('is off outside demo mode unless GRAPHQL_INTROSPECTION=on, with a clear error, no field suggestions, and also over graphql-ws', async () => {
    const t = await startTestGateway({}, { GRAPHQL_INTROSPECTION: '' });
    try {
      const res = await introspect(t.gateway.url);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.message).toBe('GraphQL introspection has been disabled, but the requested query contained the field "__schema".');
      const typo = await post(t.gateway.url, { query: '{ brokr(code: "B") { code } }' });
      expect(typo.body.errors?.[0]?.message).not.toContain('Did you mean');
      const ws = subscribeRaw(t.gateway.url, { query: '{ __type(name: "Query") { name } }' });
      await ws.ended();
      expect(ws.got.errors?.[0]?.message).toContain('introspection has been disabled');
      await ws.close();
    } finally {
      await t.close();
    }
  });

  it('while off, no error suggests a name, whichever phase raised it and over every transport, to anonymous callers too', async () => {
    const t = await startTestGateway({}, { GRAPHQL_INTROSPECTION: '' });
    try {
      t.sims.clearCalls();
      const transfer = { accountCode: 'A', amount: 1, clearingCode: 'C', currency: 'USD', transferID: 't-1' };
      const cases = [
        // Variable coercion: an enum value, an input field (the red team's two).
        { query: 'query ($t: ClientType) { clients(type: $t) { totalCount } }', variables: { t: 'CLIENTS' }, says: 'Value "CLIENTS" does not exist in "ClientType" enum.' },
        { query: 'mutation ($i: TransferInput!) { depositFunds(input: $i) { __typename } }', variables: { i: transfer }, says: 'Field "transferID" is not defined by type "TransferInput".' },
        { query: 'subscription ($t: [AccountEventType!]) { accountEvents(types: $t) { id } }', variables: { t: ['ACCOUNT_UPDATE'] }, says: 'Value "ACCOUNT_UPDATE" does not exist in "AccountEventType" enum.' },
        // Validation: an enum literal, a field, an argument.
        { query: '{ clients(type: CLIENTS) { totalCount } }', says: 'Value "CLIENTS" does not exist in "ClientType" enum.' },
        { query: '{ brokr(code: "B") { code } }', says: 'Cannot query field "brokr" on type "Query".' },
        { query: '{ broker(code: "B", cod: "B") { code } }', says: 'Unknown argument "cod" on field "Query.broker".' },
      ];
      for (const { says, ...payload } of cases) {
        const http = await post(t.gateway.url, payload, { authorization: '' });
        expect(http.body.errors?.map((e) => e.message)).toEqual([expect.stringContaining(says)]);
        expect(http.text).not.toContain('Did you mean');
        const ws = subscribeRaw(t.gateway.url, payload, '');
        await ws.ended();
        const wsMessages = [...(ws.got.errors ?? []), ...ws.got.results.flatMap((r) => r.errors ?? [])].map((e) => e.message);
        expect(wsMessages).toEqual([expect.stringContaining(says)]);
        expect(wsMessages.join(' ')).not.toContain('Did you mean');
        await ws.close();
      }
      const { says: _, ...subscription } = cases[2]!;
      const sse = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify(subscription) });
      const stream = await sse.text();
      expect(stream).toContain('does not exist in \\"AccountEventType\\" enum.');
      expect(stream).not.toContain('Did you mean');
      expect(queryCalls(t.sims)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('GRAPHQL_INTROSPECTION=on turns it on outside demo mode', async () => {
    const t = await startTestGateway({}, { GRAPHQL_INTROSPECTION: 'on' });
    try {
      expect((await introspect(t.gateway.url)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await t.close();
    }
  });

  it('is on in demo mode, and GRAPHQL_INTROSPECTION=off turns it off there', async () => {
    for (const [value, on] of [['', true], ['off', false]] as const) {
      const gateway = await startDemo({ PORT: '0', GRAPHQL_INTROSPECTION: value });
      try {
        const res = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.demoApiKey}` },
          body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
        });
        const body = (await res.json()) as ExecutionResult;
        expect(body.data === undefined || body.data === null, `GRAPHQL_INTROSPECTION=${value}`).toBe(!on);
      } finally {
        await gateway.close();
      }
    }
  });
});

describe('per-caller rate limit (RATE_LIMIT=4/60)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { RATE_LIMIT: '4/60' });
  });
  afterAll(() => t.close());

  it('the 5th request of a key in the window gets 429 RATE_LIMITED with Retry-After; another key still passes', async () => {
    for (let i = 0; i < 4; i++) expect((await post(t.gateway.url, { query: '{ __typename }' })).status).toBe(200);
    const refused = await post(t.gateway.url, { query: '{ __typename }' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors).toEqual([{ message: `Too many requests: retry after ${retryAfter} s`, extensions: { code: 'RATE_LIMITED', retryAfter } }]);
    expect(refused.text).not.toContain(keys.all);
    const other = await post(t.gateway.url, { query: '{ __typename }' }, { authorization: `Bearer ${keys.reader}` });
    expect(other.status).toBe(200);
  });

  it('subscriptions over graphql-ws draw on the same allowance', async () => {
    // The reader key made 1 request above.
    for (let i = 0; i < 2; i++) expect((await post(t.gateway.url, { query: '{ __typename }' }, { authorization: `Bearer ${keys.reader}` })).status).toBe(200);
    const fourth = subscribeRaw(t.gateway.url, { query: 'subscription { accountEvents { id } }' }, `Bearer ${keys.reader}`);
    await until(() => t.gateway.events.size > 0, 'the 4th request, a subscription, to be live');
    const fifth = subscribeRaw(t.gateway.url, { query: 'subscription { accountEvents { id } }' }, `Bearer ${keys.reader}`);
    await fifth.ended();
    expect(fifth.got.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    await Promise.all([fourth.close(), fifth.close()]);
  });

  it('an end user is counted by user, and wrong credentials by client address, so guessing keys is limited too', async () => {
    const user = await loginAs(t, { login: 'alice.martin0', domain: 'default' }); // anonymous request 1 of this address
    for (let i = 0; i < 4; i++) expect((await post(t.gateway.url, { query: '{ __typename }' }, { authorization: user })).status).toBe(200);
    expect((await post(t.gateway.url, { query: '{ __typename }' }, { authorization: user })).status).toBe(429);
    const guesses = await Promise.all([1, 2, 3, 4].map((i) => post(t.gateway.url, { query: '{ __typename }' }, { authorization: `Bearer guess-${i}` })));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 429]);
    expect((await post(t.gateway.url, { query: '{ __typename }' }, { authorization: '' })).status).toBe(429);
  });

  it('RATE_LIMIT=off turns it off', async () => {
    const off = await startTestGateway({}, { RATE_LIMIT: 'off' });
    try {
      const statuses = await Promise.all(Array.from({ length: 20 }, () => post(off.gateway.url, { query: '{ __typename }' }).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await off.close();
    }
  });
});

/** A raw graphql-ws `connection_init` with `authorization`: `ack`, or the close code and reason the gateway answered. */
function connectionInit(url: string, authorization: string): Promise<'ack' | { code: number; reason: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type !== 'connection_ack') return;
      resolve('ack');
      socket.close();
    });
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
}

describe('credential guessing over graphql-ws (RATE_LIMIT=3/60)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { RATE_LIMIT: '3/60' });
  });
  afterAll(() => t.close());

  it("a wrong connection_init draws on its address's allowance, as an HTTP request does: past it the socket closes with 4429 and HTTP guesses get 429", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await connectionInit(t.gateway.url, i % 2 ? `Bearer guess-${i}-0123456789abcdef` : `DXAPI guess-${i}`));
    expect(answers.slice(0, 3)).toEqual(Array(3).fill({ code: 4403, reason: 'Forbidden' }));
    expect(answers.slice(3)).toEqual(Array(2).fill({ code: 4429, reason: expect.stringMatching(/^Too many requests: retry after \d+ s$/) }));
    expect((await post(t.gateway.url, { query: '{ __typename }' }, { authorization: 'Bearer another-guess-0123456789' })).status).toBe(429);
    // A known key is a caller of its own, with its own allowance.
    expect(await connectionInit(t.gateway.url, `Bearer ${keys.all}`)).toBe('ack');
  });
});

describe('per-caller rate limit with REDIS_URL (RATE_LIMIT=3/60)', () => {
  let redis: TestRedis;
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([startTestGateway({}, { REDIS_URL: redis.url, RATE_LIMIT: '3/60' }), startTestGateway({}, { REDIS_URL: redis.url, RATE_LIMIT: '3/60' })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  it('two instances draw on one allowance per key', async () => {
    expect((await post(a.gateway.url, { query: '{ __typename }' })).status).toBe(200);
    expect((await post(b.gateway.url, { query: '{ __typename }' })).status).toBe(200);
    expect((await post(a.gateway.url, { query: '{ __typename }' })).status).toBe(200);
    const refused = await post(b.gateway.url, { query: '{ __typename }' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(b.gateway.url, { query: '{ __typename }' }, { authorization: `Bearer ${keys.reader}` })).status).toBe(200);
  });
});

describe('trusted documents', () => {
  const byId = (name: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: documentId(contractOperations().get(name)!) } } });
  const dashboard = { domain: 'default', login: 'alice.martin0' };

  it('schema/trusted-documents.json is fresh (run `npm run trusted-documents`): every contract operation under the SHA-256 of its file', () => {
    const manifest = readFileSync(new URL('../../schema/trusted-documents.json', import.meta.url), 'utf8');
    expect(manifest).toBe(manifestJson());
    const ids = Object.keys(JSON.parse(manifest) as Record<string, string>);
    const files = [...contractOperations().keys()].map((name) => readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url)));
    expect(ids.sort()).toEqual(files.map((bytes) => documentId(bytes.toString('utf8'))).sort());
  });

  describe('TRUSTED_DOCUMENTS=allow (the default)', () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway();
    });
    afterAll(() => t.close());

    it('a contract operation runs by its id, over POST and over GET', async () => {
      const res = await post(t.gateway.url, { ...byId('TraderDashboard'), variables: dashboard });
      expect(res.status).toBe(200);
      expect((res.body.data as { client: { login: string } }).client.login).toBe('alice.martin0');
      const viaGet = await get(t.gateway.url, { extensions: JSON.stringify(byId('TraderDashboard').extensions), variables: JSON.stringify(dashboard) }, { 'x-graphql-yoga-csrf': '1' });
      expect((viaGet.body.data as { client: { login: string } }).client.login).toBe('alice.martin0');
    });

    it('an unknown id is refused with PERSISTED_QUERY_NOT_FOUND; ad-hoc documents still run', async () => {
      const res = await post(t.gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await post(t.gateway.url, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
    });
  });

  describe('TRUSTED_DOCUMENTS=require', () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway({}, { TRUSTED_DOCUMENTS: 'require' });
    });
    afterAll(() => t.close());

    it('refuses any ad-hoc document with PERSISTED_QUERY_ONLY, even one with an id beside it', async () => {
      const adHoc = await post(t.gateway.url, { query: '{ __typename }' });
      expect(adHoc.status).toBe(400);
      expect(codeOf(adHoc)).toBe('PERSISTED_QUERY_ONLY');
      const both = await post(t.gateway.url, { query: '{ brokers { totalCount } }', ...byId('TraderDashboard'), variables: dashboard });
      expect(codeOf(both)).toBe('PERSISTED_QUERY_ONLY');
    });

    it('runs contract operations by id, queries and mutations alike', async () => {
      const res = await post(t.gateway.url, { ...byId('TraderDashboard'), variables: dashboard });
      expect((res.body.data as { client: { login: string } }).client.login).toBe('alice.martin0');
      const login = await post(t.gateway.url, { ...byId('Login'), variables: { input: { username: 'alice.martin0', domain: 'default', password: 'wrong' } } }, { authorization: '' });
      expect((login.body.data as { login: { __typename: string } }).login.__typename).not.toBeUndefined();
      expect(codeOf(await post(t.gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('over graphql-ws: an ad-hoc subscription is refused; the contract AccountEvents by id (empty query) delivers events', async () => {
      const adHoc = subscribeRaw(t.gateway.url, { query: 'subscription { accountEvents { id } }' });
      await adHoc.ended();
      expect(adHoc.got.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_ONLY' });
      await adHoc.close();
      const unknown = subscribeRaw(t.gateway.url, { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
      await unknown.ended();
      expect(unknown.got.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
      await unknown.close();
      const trusted = subscribeRaw(t.gateway.url, { query: '', ...byId('AccountEvents') });
      await until(() => t.gateway.events.size > 0 || trusted.got.errors !== undefined, 'the trusted subscription to be live');
      expect(trusted.got.errors).toBeUndefined();
      const event = platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-000000000051' });
      expect((await postWebhook(t.gateway.url, '/webhooks/platform', event, { secret: webhookSecret })).status).toBe(200);
      await until(() => trusted.got.results.length > 0, 'the event');
      expect(trusted.got.results[0]?.data).toMatchObject({ accountEvents: { id: event.id, type: 'ACCOUNT_UPDATED' } });
      await trusted.close();
    });
  });
});

describe('configuration', () => {
  const sims = { DXCORE_URL: 'http://127.0.0.1:1', DXCORE_USERNAME: 'u', DXCORE_DOMAIN: 'd', DXCORE_PASSWORD: 'p', RETAIL_URL: 'http://127.0.0.1:2', RETAIL_API_KEY: 'r', PLATFORM_URL: 'http://127.0.0.1:3', PLATFORM_API_KEY: 'k' };

  it('defaults: introspection by mode, trusted documents allowed, 600 requests per 60 s, the default limits', () => {
    const login = { userFailures: 10, userFailuresTotal: 100, addressFailures: 100, windowSeconds: 900, blockSeconds: 900 };
    const sessions = { perUser: 10, capacity: 100_000, idleSeconds: 86_400, recheckSeconds: 60 };
    expect(loadConfig(sims).security).toEqual({ introspection: undefined, trustedDocuments: 'allow', rateLimit: { requests: 600, perSeconds: 60 }, limits: defaultQueryLimits, login, sessions });
    const changed = { GRAPHQL_LIMITS: '{"cost": 900, "bodyBytes": 4096}', LOGIN_LIMITS: '{"userFailures": 5}', SESSION_LIMITS: '{"perUser": 3, "recheckSeconds": 30}' };
    expect(loadConfig({ ...sims, GRAPHQL_INTROSPECTION: 'on', TRUSTED_DOCUMENTS: 'require', RATE_LIMIT: 'off', ...changed }).security).toEqual({
      introspection: true,
      trustedDocuments: 'require',
      rateLimit: undefined,
      limits: { ...defaultQueryLimits, cost: 900, bodyBytes: 4096 },
      login: { ...login, userFailures: 5 },
      sessions: { ...sessions, perUser: 3, recheckSeconds: 30 },
    });
  });

  it.each([
    ['GRAPHQL_INTROSPECTION', 'yes', 'GRAPHQL_INTROSPECTION must be on or off'],
    ['TRUSTED_DOCUMENTS', 'always', 'TRUSTED_DOCUMENTS must be one of off, allow, require'],
    ['RATE_LIMIT', '100', 'RATE_LIMIT must be <requests>/<seconds> (e.g. 600/60) or off'],
    ['RATE_LIMIT', '0/60', 'RATE_LIMIT must be <requests>/<seconds> (e.g. 600/60) or off'],
    ['GRAPHQL_LIMITS', '{"depht": 3}', 'GRAPHQL_LIMITS: Unrecognized key: "depht"'],
    ['GRAPHQL_LIMITS', '{"depth": 0}', 'GRAPHQL_LIMITS depth: Too small: expected number to be >0'],
    ['GRAPHQL_LIMITS', 'depth=3', 'GRAPHQL_LIMITS must be JSON'],
    ['LOGIN_LIMITS', '{"userFailures": 0}', 'LOGIN_LIMITS userFailures: Too small: expected number to be >0'],
    ['LOGIN_LIMITS', '{"failures": 3}', 'LOGIN_LIMITS: Unrecognized key: "failures"'],
    ['SESSION_LIMITS', '{"perUser": 1.5}', 'SESSION_LIMITS perUser: Invalid input: expected int, received number'],
    ['SESSION_LIMITS', 'perUser=2', 'SESSION_LIMITS must be JSON'],
  ])('%s=%s is a ConfigError naming the variable', (name, value, message) => {
    expect(() => loadConfig({ ...sims, [name]: value })).toThrow(new ConfigError(message));
  });

  it('GATEWAY_API_KEYS refuses a key that is short or could never be sent, naming its entry and never the key', () => {
    const good = 'k-read-0123456789';
    const refused = new ConfigError('GATEWAY_API_KEYS entry 2: a key must be at least 16 characters of visible ASCII, without blanks or control characters');
    for (const bad of ['k-write', 'k'.repeat(15), 'a key with blanks-0123', 'key-ends-with-blank-01 ', 'tab\tinside-the-key-01', 'bell\u0007inside-the-key', 'clé-hors-ascii-012345']) {
      expect(() => loadConfig({ ...sims, GATEWAY_API_KEYS: `${good}=read,${bad}=write` }), JSON.stringify(bad)).toThrow(refused);
    }
    expect(loadConfig({ ...sims, GATEWAY_API_KEYS: `${good}=read, ${'k'.repeat(16)}=write|admin` }).apiKeys).toEqual(
      new Map([
        [good, new Set(['read'])],
        ['k'.repeat(16), new Set(['write', 'admin'])],
      ]),
    );
  });
});

describe('secrets never appear in answers, errors or logs', () => {
  const urlSecret = 'url-password-Zq81';
  let sims: Simulators;
  let gateway: RunningGateway;
  const logged: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    // What reaches console.* and process.stdout/stderr.write in this process (a logger writing to fd 1
    // directly is out of sight here, and checks its own redaction).
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
      restore.push(() => spy.mockRestore());
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => {
        stream.write = write;
      });
    }
    sims = await startSimulators();
    // Credentials in the upstream URLs, as an operator might write them, must not leak either.
    const withCredentials = (url: string) => url.replace('http://', `http://svc:${urlSecret}@`);
    const env = { ...sims.env, DXCORE_URL: withCredentials(sims.env.DXCORE_URL), RETAIL_URL: withCredentials(sims.env.RETAIL_URL), PLATFORM_URL: withCredentials(sims.env.PLATFORM_URL) };
    const config = loadConfig({ ...env, PORT: '0', GATEWAY_API_KEYS: `${keys.all}=*`, WEBHOOK_SECRET: webhookSecret, RATE_LIMIT: '30/60' });
    expect(config.dxcore?.url.password).toBe(urlSecret);
    gateway = await startGateway(config);
  });
  afterAll(async () => {
    await gateway.close();
    await sims.close();
    restore.forEach((r) => r());
  });

  it('with valid, wrong and rate-limited callers, failing upstreams and refused documents; /readyz and /metrics too', async () => {
    const seen: string[] = [];
    const record = (a: Answer) => void seen.push(a.text, JSON.stringify([...a.headers]));
    const login = (password: string) =>
      post(gateway.url, { query: 'mutation ($p: String!) { login(input: { username: "alice.martin0", domain: "default", password: $p }) { __typename ... on Session { token } ... on Error { code message } } }', variables: { p: password } }, { authorization: '' });
    const session = await login('Demo-1234'); // its answer carries the token: not recorded
    const token = (session.body.data as { login: { token: string } }).login.token;
    const user = `DXAPI ${token}`;
    record(await login('Wrong-1234'));
    record(await post(gateway.url, { query: '{ me { login } client(domain: "default", login: "bob.smith1") { login } }' }, { authorization: user }));
    record(await post(gateway.url, { query: '{ brokers { totalCount } }' }));
    record(await post(gateway.url, { query: '{ brokers { totalCount } }' }, { authorization: `Bearer ${keys.all}x` }));
    record(await post(gateway.url, { query: '{ brokers { totalCount } }' }, { authorization: `DXAPI ${token}x` }));
    sims.platform.server.setFaults({ '*': { errorRate: 1 } });
    sims.retail.server.setFaults({ '*': { garbageRate: 1 } });
    record(await post(gateway.url, { query: '{ platformAccounts(first: 5) { totalCount } marketDataAccount(accountId: "x") { email } }' }));
    sims.platform.server.setFaults({});
    sims.retail.server.setFaults({});
    record(await post(gateway.url, { query: `{ ${brokerChain(20)} }` }));
    record(await post(gateway.url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' }));
    record(await post(gateway.url, { query: '{ __typename }', variables: { p: 'x'.repeat(200_000) } }));
    record(await post(gateway.url, { query: '{ ' }));
    for (let i = 0; i < 30; i++) record(await post(gateway.url, { query: '{ __typename }' }, { authorization: user }));
    seen.push(await (await fetch(`${gateway.url}/readyz`)).text());
    seen.push(await (await fetch(`${gateway.url}/metrics`)).text());
    const ws = subscribeRaw(gateway.url, { query: 'subscription { accountEvents { id } }' }, `Bearer ${keys.all}x`);
    await ws.ended();
    seen.push(JSON.stringify(ws.got));
    await ws.close();

    const secrets = {
      'API key': keys.all,
      'DXAPI token': token,
      'dxCore password': sims.env.DXCORE_PASSWORD,
      'Retail API key': sims.env.RETAIL_API_KEY,
      'Platform API key': sims.env.PLATFORM_API_KEY,
      'URL credentials': urlSecret,
      'webhook secret': webhookSecret.slice('whsec_'.length),
    };
    expect(seen.join('\n')).toContain('RATE_LIMITED');
    expect(seen.join('\n')).toContain('UPSTREAM_UNAVAILABLE');
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThan(6);
      expect(seen.filter((s) => s.includes(secret)), `${what} in an answer`).toEqual([]);
      expect(logged.filter((s) => s.includes(secret)), `${what} in a log line`).toEqual([]);
    }
  });
});
