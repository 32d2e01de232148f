import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { schema } from '../../src/graph/schema.ts';
import { seededClientPassword } from '../../src/simulators/seed.ts';
import { keys, queryCalls, startTestGateway, type TestGateway, type UpstreamCall } from '../support/gateway.ts';

/**
 * Hostile text in every string and ID argument of every query and mutation field (input object fields
 * and list items included, and the arguments of the fields a root query returns), one at a time, the
 * other required arguments filled with seeded values so that the hostile one is the one tested. The
 * cases come from the schema the gateway serves, so a new field is fuzzed without anyone listing it.
 * Mutations change simulator state, so this file has a gateway and simulators of its own.
 */

const hostile: Record<string, string> = {
  dot: '.',
  'dot-dot': '..',
  empty: '',
  'lone surrogate': '\ud800',
  'control character': 'a\u0000b',
  // Sent as a variable, the request stays under the 100 KiB body limit, so the resolvers see it.
  '100 KB': 'x'.repeat(100_000),
};

let t: TestGateway;
beforeAll(async () => {
  // The fuzz sends about 1,500 requests with one key: the rate limit would refuse most of them.
  t = await startTestGateway({}, { RATE_LIMIT: 'off' });
});
afterAll(() => t.close());

/** Seeded records whose keys make the non-fuzzed arguments valid. */
function seeded(sims: TestGateway['sims']) {
  const client = [...sims.dxcore.state.clients.values()].find((c) => c.domain === 'default' && c.status !== 'DISABLED' && c.dxFeedAccountId && c.brokerCode)!;
  const account = [...sims.dxcore.state.accounts.values()].find((a) => a.owner === `${client.domain}@${client.login}` && a.status === 'FULL_TRADING')!;
  const group = [...sims.dxcore.state.clientGroups.values()][0]!;
  const category = sims.dxcore.state.brokerCategories.get(client.brokerCode!)?.[0];
  const platformAccount = [...sims.platform.state.accounts.values()][0]!;
  return {
    client,
    account,
    group,
    category: category?.category ?? 'Tier',
    categoryValue: category?.values[0]?.value ?? 'Gold',
    notification: sims.dxcore.state.notifications.keys().next().value!,
    platformAccount,
  };
}

let emails = 0;

/** A valid value for an argument or input field by its name; `root` tells a Platform id from a Retail one. */
function validString(name: string, root: string, s: ReturnType<typeof seeded>): string {
  const platform = /platform/i.test(root);
  const values: Record<string, string> = {
    domain: s.client.domain,
    login: s.client.login,
    username: s.client.login,
    password: seededClientPassword,
    groupDomain: s.group.domain,
    groupName: s.group.name,
    clearingCode: s.account.clearingCode,
    accountCode: s.account.accountCode,
    currency: s.account.currency,
    code: s.client.brokerCode!,
    brokerCode: s.client.brokerCode!,
    category: s.category,
    value: s.categoryValue,
    notificationId: s.notification,
    accountId: platform ? s.platformAccount.id : s.client.dxFeedAccountId!,
    userId: s.platformAccount.users[0]!.id,
    accountGroupId: s.platformAccount.account_group_id,
    email: `fuzz-${++emails}@example.com`,
    feedName: 'CME',
    feedNames: 'CME',
    id: platform ? s.platformAccount.users[0]!.id : root === 'notification' ? s.notification : Buffer.from(`Client:${JSON.stringify([s.client.domain, s.client.login])}`).toString('base64'),
    ids: Buffer.from(`Client:${JSON.stringify([s.client.domain, s.client.login])}`).toString('base64'),
    name: root === 'clientGroup' ? s.group.name : 'fuzz',
  };
  return values[name] ?? 'fuzz';
}

type Path = readonly (string | number)[];

/** Every path below an input type that holds a String or ID: `['input', 'accounts', 0, 'accountCode']`. */
function stringPaths(type: GraphQLInputType, path: Path, depth = 0): Path[] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return stringPaths(nullable.ofType, [...path, 0], depth);
  const named = getNamedType(type);
  if (named.name === 'String' || named.name === 'ID') return [path];
  if (isInputObjectType(named) && depth < 4) return Object.values(named.getFields()).flatMap((f) => stringPaths(f.type, [...path, f.name], depth + 1));
  return [];
}

/** A value of `type` with its required parts filled, and `target` (a path below it) set to `text`. */
function build(type: GraphQLInputType, name: string, root: string, target: Path | undefined, text: string, s: ReturnType<typeof seeded>): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [build(nullable.ofType, name, root, target?.[0] === 0 ? target.slice(1) : undefined, text, s)];
  if (target?.length === 0) return text;
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      const inner = target?.[0] === field.name ? target.slice(1) : undefined;
      if (inner || isNonNullType(field.type)) value[field.name] = build(field.type, field.name, root, inner, text, s);
    }
    return value;
  }
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (named.name === 'Int' || named.name === 'Float') return 1;
  if (named.name === 'Boolean') return false;
  if (named.name === 'DateTime') return new Date(Date.now() + 86_400_000).toISOString();
  return validString(name, root, s);
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isUnionType(named)) return '{ __typename ... on Error { code message } ... on ValidationError { field } }';
  return isObjectType(named) || 'getFields' in named ? '{ __typename }' : '';
}

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, root: string, target: { arg: GraphQLArgument; path: Path } | undefined, text: string, s: ReturnType<typeof seeded>, prefix: string) {
  const given = field.args.filter((a) => a === target?.arg || isNonNullType(a.type));
  const variables = Object.fromEntries(given.map((a) => [`${prefix}${a.name}`, build(a.type, a.name, root, a === target?.arg ? target.path : undefined, text, s)]));
  const declared = given.map((a) => `$${prefix}${a.name}: ${String(a.type)}`);
  const passed = given.length ? `(${given.map((a) => `${a.name}: $${prefix}${a.name}`).join(', ')})` : '';
  return { variables, declared, passed };
}

/** The cases: each string position of each root field's arguments, and of the fields its object type has. */
function cases(s: ReturnType<typeof seeded>): Case[] {
  const all: Case[] = [];
  for (const [operation, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      for (const arg of field.args) {
        for (const path of stringPaths(arg.type, [])) {
          for (const [kind, text] of Object.entries(hostile)) {
            const { variables, declared, passed } = argumentsOf(field, field.name, { arg, path }, text, s, '');
            all.push({ name: `${field.name}(${[arg.name, ...path].join('.')}) ${kind}`, query: `${operation}(${declared.join(', ')}) { ${field.name}${passed} ${selection(field)} }`, variables });
          }
        }
      }
      const returned = getNamedType(field.type);
      if (operation !== 'query' || !isObjectType(returned)) continue;
      for (const nested of Object.values(returned.getFields())) {
        for (const arg of nested.args) {
          for (const path of stringPaths(arg.type, [])) {
            for (const [kind, text] of Object.entries(hostile)) {
              const outer = argumentsOf(field, field.name, undefined, text, s, 'root_');
              const inner = argumentsOf(nested, field.name, { arg, path }, text, s, '');
              all.push({
                name: `${field.name}.${nested.name}(${[arg.name, ...path].join('.')}) ${kind}`,
                query: `query(${[...outer.declared, ...inner.declared].join(', ')}) { ${field.name}${outer.passed} { ${nested.name}${inner.passed} ${selection(nested)} } }`,
                variables: { ...outer.variables, ...inner.variables },
              });
            }
          }
        }
      }
    }
  }
  return all;
}

/** A path segment an upstream would resolve away or that names nothing, or a value no upstream should get. */
const unsafeCall = (call: UpstreamCall) => call.path.split('/').slice(1).some((seg) => seg === '' || seg === '.' || seg === '..') || call.path.length + call.query.length > 4096;

it('answers hostile text in every string argument cleanly, and sends no unsafe path upstream', async () => {
  const all = cases(seeded(t.sims));
  expect(all.length).toBeGreaterThan(1000);
  const problems: string[] = [];
  for (const c of all) {
    t.sims.clearCalls();
    const res = await fetch(`${t.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` },
      body: JSON.stringify({ query: c.query, variables: c.variables }),
    });
    const body = (await res.json()) as { data?: Record<string, { code?: string } | null> | null; errors?: { message: string; extensions?: { code?: string } }[] };
    const members = Object.values(body.data ?? {}).flatMap((result) => (result?.code ? [result.code] : []));
    const codes = [...(body.errors ?? []).map((e) => e.extensions?.code ?? `no code: ${e.message.slice(0, 80)}`), ...members];
    // The simulators are healthy: an UPSTREAM_* code means caller text made a call fail (a URL over the
    // upstream's header limit is its 431, which never reaches its call log).
    const bad = codes.filter((code) => code === 'INTERNAL_SERVER_ERROR' || code.startsWith('no code') || code.startsWith('UPSTREAM_'));
    const unsafe = queryCalls(t.sims).filter(unsafeCall);
    if (res.status !== 200 || bad.length > 0 || unsafe.length > 0) {
      problems.push(`${c.name}: HTTP ${res.status} ${bad.join(', ')} ${unsafe.map((u) => `${u.method} ${u.path.slice(0, 80)}${u.query.slice(0, 40)}`).join(', ')}`);
    }
  }
  expect(problems).toEqual([]);
}, 240_000);

it('refuses a value over the body limit with 413 before anything runs', async () => {
  t.sims.clearCalls();
  const s = seeded(t.sims);
  const res = await fetch(`${t.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` },
    body: JSON.stringify({ query: 'query ($domain: String!, $login: String!) { client(domain: $domain, login: $login) { __typename } }', variables: { domain: s.client.domain, login: 'x'.repeat(110_000) } }),
  });
  expect(res.status).toBe(413);
  expect(queryCalls(t.sims)).toEqual([]);
});
