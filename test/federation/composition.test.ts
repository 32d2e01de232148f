import { composeServices, validateSubgraph } from '@theguild/federation-composition';
import { buildSchema, parse, validate } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contractOperations } from '../../src/contract-operations.ts';
import { printedSubgraphSchema } from '../../src/graph/schema.ts';
import { composeExample, gatewaySubgraphSdl, subgraphNames } from '../../scripts/supergraph.ts';

/** Each entity and the key the issue gives it. */
const entityKeys = {
  Client: 'domain login',
  Account: 'clearingCode accountCode',
  Broker: 'code',
  ClientGroup: 'domain name',
  MarketDataAccount: 'id',
  PlatformAccount: 'id',
  Notification: 'id',
};

/**
 * What the composer says besides its errors (it has no hint list of its own: it writes to the console).
 * Every message accepted on purpose is listed here with why; none is today.
 */
const acceptedHints: readonly string[] = [];

const urls = { gateway: 'http://gateway.test/graphql', crmNotes: 'http://crm-notes.test/graphql' };

/** Runs `compose`, failing on any console message the composer writes that is not accepted. */
function withoutHints<T>(compose: () => T): T {
  const said: string[] = [];
  const record = (...args: unknown[]) => void said.push(args.map(String).join(' '));
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation(record);
  const result = compose();
  expect(said.filter((message) => !acceptedHints.includes(message))).toEqual([]);
  return result;
}

afterEach(() => vi.restoreAllMocks());

describe('the subgraph', () => {
  it('schema/subgraph.graphql is the printed subgraph SDL (run `npm run schema:print`)', () => {
    expect(gatewaySubgraphSdl()).toBe(printedSubgraphSchema());
  });

  it('is a valid Federation v2 subgraph on its own, and composes alone into a supergraph', () => {
    const typeDefs = parse(gatewaySubgraphSdl());
    expect(withoutHints(() => validateSubgraph({ name: subgraphNames.gateway, typeDefs })).map((e) => e.message)).toEqual([]);
    const result = withoutHints(() => composeServices([{ name: subgraphNames.gateway, url: urls.gateway, typeDefs }]));
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
  });

  it('declares each entity with its key', () => {
    const sdl = gatewaySubgraphSdl();
    for (const [type, key] of Object.entries(entityKeys)) expect(sdl, type).toMatch(new RegExp(`^type ${type}( implements [\\w &]+)?\\n  @key\\(fields: "${key}"\\)`, 'm'));
    expect(sdl.match(/@key\(/g)).toHaveLength(Object.keys(entityKeys).length);
  });
});

describe('the example supergraph (this gateway and the CRM notes subgraph of docs/federation/)', () => {
  it('composes with no error and no hint', () => {
    const result = withoutHints(() => composeExample(urls));
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    expect(result.supergraphSdl).toContain(`@join__graph(name: "${subgraphNames.gateway}", url: "${urls.gateway}")`);
    expect(result.supergraphSdl).toContain(`@join__graph(name: "${subgraphNames.crmNotes}", url: "${urls.crmNotes}")`);
  });

  it('keys Client in both subgraphs by domain and login, and every other entity by its key in this one', () => {
    const { supergraphSdl } = withoutHints(() => composeExample(urls));
    expect(supergraphSdl).toMatch(/^type Client .*@join__type\(graph: BROKERAGE, key: "domain login"\) @join__type\(graph: CRM_NOTES, key: "domain login"\)/m);
    for (const [type, key] of Object.entries(entityKeys)) expect(supergraphSdl, type).toMatch(new RegExp(`^type ${type} .*@join__type\\(graph: BROKERAGE, key: "${key}"\\)`, 'm'));
  });

  it('serves every contract operation unchanged through a router (they validate against the public schema)', () => {
    const { publicSdl } = withoutHints(() => composeExample(urls));
    const api = buildSchema(publicSdl!);
    for (const [name, text] of contractOperations()) expect(validate(api, parse(text)).map((e) => e.message), name).toEqual([]);
    expect(api.getType('Note')).toBeDefined();
    expect(api.getQueryType()?.getFields()._entities).toBeUndefined();
  });
});
