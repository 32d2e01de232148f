import { encodeGlobalID } from '@pothos/plugin-relay';
import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logTo } from '../../src/observability/logger.ts';
import { keys, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';

// Ids and cursors are the caller's text: a malformed one is the caller's mistake (VALIDATION), never
// an internal error with a stack in the log, and it reaches no upstream as a bad parameter.

let t: TestGateway;
const logLines: string[] = [];
let restoreLogs: () => void = () => {};
beforeAll(async () => {
  t = await startTestGateway();
  restoreLogs = logTo({ write: (line: string) => void logLines.push(line) });
});
afterAll(async () => {
  restoreLogs();
  await t.close();
});
beforeEach(() => {
  t.sims.clearCalls();
  logLines.length = 0;
});

type Answer = FormattedExecutionResult<Record<string, unknown>> & { status: number };

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(`${t.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${keys.all}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as FormattedExecutionResult<Record<string, unknown>>) };
}

const codes = (a: Answer) => (a.errors ?? []).map((e) => e.extensions?.code);
const errorLines = () => logLines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((l) => l.level >= 50);

describe('malformed global ids', () => {
  it('100 ids of a Client that is no [domain, login] pair: one VALIDATION, no error logged, no upstream call', async () => {
    const ids = Array.from({ length: 100 }, () => encodeGlobalID('Client', '[1,2]'));
    const res = await post('query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Client { email } } }', { ids });
    expect(codes(res)).toEqual(['VALIDATION']);
    expect(res.errors?.[0]?.message).toMatch(/Client/);
    expect(JSON.stringify(res)).not.toMatch(/stack|INTERNAL_SERVER_ERROR/);
    expect(errorLines()).toEqual([]);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it.each([
    ['Client', 'garbage'],
    ['Client', '["default"]'],
    ['Client', '["default","alice.martin0","x"]'],
    ['Client', '{"domain":"default"}'],
    ['Account', '[1,2]'],
    ['Account', 'not json'],
    ['ClientGroup', '[null,"x"]'],
    ['ClientGroup', '"default@vip"'],
  ])('node(id:) of a %s with inner id %s is VALIDATION, before any call', async (type, inner) => {
    const res = await post('query ($id: ID!) { node(id: $id) { id } }', { id: encodeGlobalID(type, inner) });
    expect(codes(res)).toEqual(['VALIDATION']);
    expect(res.data).toEqual({ node: null });
    expect(errorLines()).toEqual([]);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('node(id:) of a Broker named ".." is VALIDATION, before any call', async () => {
    const type = 'Broker';
    const res = await post('query ($id: ID!) { node(id: $id) { id } }', { id: encodeGlobalID(type, '..') });
    expect(codes(res)).toEqual(['VALIDATION']);
    expect(errorLines()).toEqual([]);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it.each([
    ['a type that does not exist', encodeGlobalID('NoSuchType', 'x')],
    ['a type that is no node', encodeGlobalID('WorkflowStep', 'x')],
    // These took their upstream ids for `id` and are no Relay nodes now.
    ['a market-data account', encodeGlobalID('MarketDataAccount', 'x')],
    ['a Platform account', encodeGlobalID('PlatformAccount', 'x')],
    ['a notification', encodeGlobalID('Notification', '1001')],
    ['no type', Buffer.from(':x').toString('base64')],
    ['not base64', '%%%'],
  ])('an id naming %s is VALIDATION', async (_, id) => {
    const res = await post('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [id] });
    expect(codes(res)).toEqual(['VALIDATION']);
    expect(errorLines()).toEqual([]);
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('a well-formed id still loads its node', async () => {
    const res = await post('query ($id: ID!) { node(id: $id) { ... on Client { login } } }', { id: encodeGlobalID('Client', '["default","alice.martin0"]') });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ node: { login: 'alice.martin0' } });
  });
});

describe('malformed cursors', () => {
  const offsetCursor = (text: string) => Buffer.from(`OffsetConnection:${text}`).toString('base64');

  it.each([
    ['not base64', '%%%'],
    ['another prefix', Buffer.from('Cursor:3').toString('base64')],
    ['no number', offsetCursor('abc')],
    ['a negative offset', offsetCursor('-5')],
    ['a fraction', offsetCursor('1.5')],
    ['an offset past 2^53', offsetCursor('99999999999999999999')],
  ])('after: a cursor with %s is VALIDATION on a list the gateway pages', async (_, cursor) => {
    const res = await post('query ($after: String) { clients(first: 2, after: $after) { edges { node { login } } } }', { after: cursor });
    expect(codes(res)).toEqual(['VALIDATION']);
    expect(res.errors?.[0]?.extensions?.field).toBe('after');
    expect(errorLines()).toEqual([]);
  });

  it.each([
    ['no number', offsetCursor('abc')],
    ['a negative offset', offsetCursor('-5')],
    ['an offset past 2^53', offsetCursor('99999999999999999999')],
  ])('before: or after: with %s is VALIDATION before the Platform is asked for a page', async (_, cursor) => {
    for (const arg of ['after', 'before'] as const) {
      t.sims.clearCalls();
      const res = await post(`query ($c: String) { platformAccounts(first: 2, ${arg}: $c) { edges { node { accountId } } } }`, { c: cursor });
      expect(codes(res)).toEqual(['VALIDATION']);
      expect(res.errors?.[0]?.extensions?.field).toBe(arg);
      expect(queryCalls(t.sims)).toEqual([]);
    }
    expect(errorLines()).toEqual([]);
  });

  it('a cursor the gateway gave pages on', async () => {
    const first = await post('{ platformAccounts(first: 2) { pageInfo { endCursor } edges { node { accountId } } } }');
    const { endCursor } = (first.data?.platformAccounts as { pageInfo: { endCursor: string } }).pageInfo;
    const next = await post('query ($after: String) { platformAccounts(first: 2, after: $after) { edges { node { accountId } } } }', { after: endCursor });
    expect(next.errors).toBeUndefined();
    expect(queryCalls(t.sims).at(-1)?.query).toContain('offset=2');
  });
});
