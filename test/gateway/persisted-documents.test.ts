import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { addTypenameToDocument, print } from '@apollo/client/utilities';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountEventsDocument, BrokerListDocument } from '../../client/generated/graphql.ts';
import { loadConfig } from '../../src/config.ts';
import { startGateway } from '../../src/server.ts';
import { platformEventBody, postWebhook, until, wsClient } from '../support/events.ts';
import { countByRoute, keys, queryCalls, startTestGateway, webhookSecret, type TestGateway } from '../support/gateway.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const dashboard = { domain: 'default', login: 'alice.martin0' };

/** What a client sent to /graphql, request by request. */
type Sent = { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };

/** The id the client preset puts on each typed document. */
const presetId = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash;

/**
 * A real Apollo Client; its persisted-query link hashes as Apollo does by default (SHA-256 of the
 * printed document), or takes the client preset's id with `generateHash`.
 */
function apollo(url: string, sent: Sent[], ids: 'apollo' | 'preset' = 'apollo') {
  const recording: typeof fetch = (input, init) => {
    sent.push(JSON.parse(String(init?.body)) as Sent);
    return fetch(input, init);
  };
  const http = new HttpLink({ uri: `${url}/graphql`, headers: { authorization: `Bearer ${keys.all}` }, fetch: recording });
  const persisted = ids === 'apollo' ? new PersistedQueryLink({ sha256 }) : new PersistedQueryLink({ generateHash: presetId });
  return new ApolloClient({ link: persisted.concat(http), cache: new InMemoryCache() });
}

/** A POST naming a document only by its id, as a client-preset frontend sends `document.__meta__.hash`. */
async function postId(url: string, id: string, variables: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } }, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
}

describe('persisted documents under TRUSTED_DOCUMENTS=require', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, { TRUSTED_DOCUMENTS: 'require' });
  });
  afterAll(() => t.close());
  beforeEach(() => t.sims.clearCalls());

  it("Apollo Client's persisted-query link with its own hashing: a contract operation runs by the id Apollo computes, sent once without its text", async () => {
    const sent: Sent[] = [];
    const client = apollo(t.gateway.url, sent);
    // The operation as a frontend writes it from schema/operations/, hashed with Apollo's defaults.
    const query = gql(readFileSync(new URL('../../schema/operations/TraderDashboard.graphql', import.meta.url), 'utf8'));
    const result = await client.query({ query, variables: dashboard });
    expect(result.data).toMatchObject({ client: { __typename: 'Client', login: 'alice.martin0', broker: { __typename: 'Broker' } } });
    // One request, by id only: Apollo never had to fall back to sending the text (refused under require).
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).toBeUndefined();
    expect(sent[0]!.extensions?.persistedQuery?.sha256Hash).toBe(sha256(print(addTypenameToDocument(query))));
    expect(countByRoute(queryCalls(t.sims))).toMatchObject({ 'dxcore GET /api/register/client/:domain/:login': 1 });
  });

  it("Apollo Client with the client preset's ids: a frontend operation from client/operations/ runs by its id, __typename included", async () => {
    const sent: Sent[] = [];
    const result = await apollo(t.gateway.url, sent, 'preset').query({ query: BrokerListDocument, variables: { first: 2 } });
    expect(result.data?.brokers).toMatchObject({ __typename: 'BrokerConnection', totalCount: t.sims.dxcore.state.brokers.size });
    expect(result.data?.brokers?.edges.map((e) => e.node)).toEqual([...t.sims.dxcore.state.brokers.values()].slice(0, 2).map((b) => ({ __typename: 'Broker', code: b.brokerCode, name: b.name, type: b.type })));
    expect(sent.map((s) => [s.query, s.extensions?.persistedQuery?.sha256Hash])).toEqual([[undefined, presetId(BrokerListDocument)]]);
    expect(Object.keys(countByRoute(queryCalls(t.sims)))).toEqual(['dxcore GET /api/register/broker']);
  });

  it('a client-preset id (`__meta__.hash`) sent by hand runs its document', async () => {
    const hash = presetId(BrokerListDocument);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const res = await postId(t.gateway.url, hash, { first: 3 });
    expect(res.status).toBe(200);
    const brokers = res.body.data?.brokers as { totalCount: number; edges: { node: { code: string } }[] };
    expect(brokers.totalCount).toBe(t.sims.dxcore.state.brokers.size);
    expect(brokers.edges.map((e) => e.node.code)).toEqual([...t.sims.dxcore.state.brokers.keys()].slice(0, 3));
    expect(Object.keys(countByRoute(queryCalls(t.sims)))).toEqual(['dxcore GET /api/register/broker']);
    // The preset's newer spelling of the same id (and Hive's) is accepted as well.
    expect((await postId(t.gateway.url, `sha256:${hash}`, { first: 3 })).body.data).toEqual(res.body.data);
  });

  it('over graphql-ws, a subscription runs by its client-preset id (an empty query) and delivers events', async () => {
    const ws = wsClient(t.gateway.url, `Bearer ${keys.all}`);
    const results: unknown[] = [];
    const dispose = ws.subscribe({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: presetId(AccountEventsDocument) } } }, { next: (r) => void results.push(r), error: (e) => void results.push({ error: e }), complete: () => {} });
    try {
      await until(() => t.gateway.events.size > 0 || results.length > 0, 'the subscription to be live');
      const event = platformEventBody('ACCOUNT.UPDATED', { id: '00000000-0000-4000-8000-000000000071', name: 'By id' });
      expect((await postWebhook(t.gateway.url, '/webhooks/platform', event, { secret: webhookSecret })).status).toBe(200);
      await until(() => results.length > 0, 'the event');
      expect(results[0]).toEqual({ data: { accountEvents: expect.objectContaining({ __typename: 'AccountEvent', id: event.id, type: 'ACCOUNT_UPDATED', account: expect.objectContaining({ __typename: 'PlatformAccountSnapshot', name: 'By id' }) }) }, extensions: { eventId: event.id } });
    } finally {
      dispose();
      await ws.dispose();
    }
  });

  it('an unknown id is refused, from Apollo (whose retry with the text is refused too) and from a bare POST; nothing reaches an upstream', async () => {
    const sent: Sent[] = [];
    const client = apollo(t.gateway.url, sent);
    const refused = await client.query({ query: gql('query NotTrusted { brokers(first: 1) { totalCount } }') }).catch((error: unknown) => error);
    expect(CombinedGraphQLErrors.is(refused)).toBe(true);
    expect((refused as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(sent.map((s) => s.query === undefined)).toEqual([true, false]);
    const bare = await postId(t.gateway.url, `sha256:${'f'.repeat(64)}`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('TRUSTED_DOCUMENTS_MANIFEST', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  const text = 'query OneBroker { brokers(first: 1) { edges { node { code } } } }';

  it('names another manifest, whose documents run by their ids', async () => {
    const path = join(dir, 'persisted-documents.json');
    writeFileSync(path, JSON.stringify({ [`sha256:${sha256(text)}`]: text }));
    const t = await startTestGateway({}, { TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: path });
    try {
      const res = await postId(t.gateway.url, sha256(text), {});
      expect(res.body.data).toEqual({ brokers: { edges: [{ node: { code: [...t.sims.dxcore.state.brokers.keys()][0] } }] } });
      expect(Object.keys(countByRoute(queryCalls(t.sims)))).toEqual(['dxcore GET /api/register/broker']);
    } finally {
      await t.close();
    }
  });

  it.each([
    ['ids hashed otherwise (the client preset defaults to SHA-1)', JSON.stringify({ [createHash('sha1').update(text).digest('hex')]: text }), 'is not the SHA-256 of its document'],
    ['not JSON', '{', 'not a readable JSON object'],
  ])('refuses the start, naming the variable: %s', async (_, content, message) => {
    const path = join(dir, `bad-${sha256(content).slice(0, 8)}.json`);
    writeFileSync(path, content);
    const upstreams = { DXCORE_URL: 'http://127.0.0.1:1', DXCORE_USERNAME: 'u', DXCORE_DOMAIN: 'd', DXCORE_PASSWORD: 'p', RETAIL_URL: 'http://127.0.0.1:2', RETAIL_API_KEY: 'r', PLATFORM_URL: 'http://127.0.0.1:3', PLATFORM_API_KEY: 'k' };
    const start = startGateway(loadConfig({ ...upstreams, PORT: '0', TRUSTED_DOCUMENTS_MANIFEST: path }));
    await expect(start).rejects.toThrow(/^TRUSTED_DOCUMENTS_MANIFEST: /);
    await expect(start).rejects.toThrow(message);
  });
});
