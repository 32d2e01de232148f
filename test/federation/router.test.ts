import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { gatewayConfig } from '../../docs/federation/gateway.config.ts';
import { composeExample, crmNotesSdl } from '../../scripts/supergraph.ts';
import { subscribeWs, until, wsClient } from '../support/events.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

/**
 * Hive Gateway, as its runtime package runs it, in front of two subgraphs composed into a supergraph:
 * this gateway (against the simulators) and the example CRM notes subgraph (docs/federation/), served
 * here by @apollo/subgraph, with the transport settings of docs/federation/gateway.config.ts: the caller's
 * Authorization goes to both (a header over HTTP, connectionParams over graphql-ws).
 */

type ClientKey = { domain: string; login: string };
const notesOn = new Map<string, { id: string; text: string }[]>();
const keyOf = (c: ClientKey) => `${c.domain}/${c.login}`;
/** The Authorization each CRM request carried. */
const crmAuthorizations: (string | null)[] = [];

function startCrmNotes(): Server {
  const schema = buildSubgraphSchema({
    typeDefs: parse(crmNotesSdl()),
    resolvers: {
      Query: {
        recentNotes: () => [...notesOn.entries()].flatMap(([key, notes]) => notes.map((n) => ({ ...n, client: { domain: key.split('/')[0], login: key.split('/')[1] } }))),
      },
      Client: {
        __resolveReference: (client: ClientKey) => client,
        notes: (client: ClientKey) => notesOn.get(keyOf(client)) ?? [],
      },
    },
  });
  const yoga = createYoga({ schema, logging: false, context: ({ request }) => void crmAuthorizations.push(request.headers.get('authorization')) });
  return createServer(yoga);
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let t: TestGateway;
let crm: Server;
let router: GatewayRuntime;
let routerServer: Server;
let routerUrl: string;
let sockets: WebSocketServer;

beforeAll(async () => {
  t = await startTestGateway();
  crm = startCrmNotes();
  const { supergraphSdl, errors } = composeExample({ gateway: `${t.gateway.url}/graphql`, crmNotes: `${await listen(crm)}/graphql` });
  if (errors) throw new Error(errors.map((e) => e.message).join('\n'));
  router = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    transportEntries: gatewayConfig.transportEntries,
  });
  // The router loads its supergraph on the first HTTP request; graphql-ws alone would find no schema (the CLI loads it at start).
  await router.getSchema();
  routerServer = createServer(router);
  routerUrl = await listen(routerServer);
  sockets = new WebSocketServer({ server: routerServer, path: '/graphql' });
  useServer(
    getGraphQLWSOptions(router, (ctx) => {
      const { request, socket } = ctx.extra as { request: IncomingMessage; socket: WebSocket };
      return { req: request, socket };
    }),
    sockets,
  );

  const [alice, bob, carol] = ['alice.martin0', ...[...t.sims.dxcore.state.clients.values()].filter((c) => c.domain === 'default' && c.login !== 'alice.martin0').slice(0, 2).map((c) => c.login)];
  notesOn.set(`default/${alice}`, [{ id: 'n1', text: 'Prefers calls in the morning' }]);
  notesOn.set(`default/${bob}`, [{ id: 'n2', text: 'Asked about options levels' }]);
  notesOn.set(`default/${carol}`, [{ id: 'n3', text: 'Sent KYC documents' }]);
});

afterAll(async () => {
  for (const socket of sockets.clients) socket.terminate();
  await new Promise((done) => sockets.close(done));
  routerServer.closeAllConnections();
  await new Promise((done) => routerServer.close(done));
  await router.dispose();
  crm.closeAllConnections();
  await new Promise((done) => crm.close(done));
  await t.close();
});

async function throughRouter(query: string, authorization: string) {
  const res = await fetch(`${routerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** The upstream calls one run made, per route. */
async function callsOf(run: () => Promise<unknown>) {
  t.sims.clearCalls();
  await run();
  return countByRoute(queryCalls(t.sims));
}

describe('a query crossing both subgraphs through the router', () => {
  it("an end user's client from the gateway and its notes from the CRM, with their Authorization at both, and no more upstream calls than the direct query", async () => {
    const auth = await loginAs(t, { domain: 'default', login: 'alice.martin0' });
    const alice = t.sims.dxcore.state.client('default', 'alice.martin0')!;
    crmAuthorizations.length = 0;
    let res: Awaited<ReturnType<typeof throughRouter>> | undefined;
    const viaRouter = await callsOf(async () => {
      res = await throughRouter('{ me { login fullName accounts { accountCode } notes { text } } }', auth);
    });
    expect(res?.errors).toBeUndefined();
    expect(res?.data).toEqual({
      me: { login: 'alice.martin0', fullName: alice.fullName ?? null, accounts: expect.any(Array), notes: [{ text: 'Prefers calls in the morning' }] },
    });
    expect(crmAuthorizations).toEqual([auth]);
    const direct = await callsOf(() => t.run(gql`{ me { login fullName accounts { accountCode } } }`, undefined, auth));
    expect(viaRouter).toEqual(direct);
    expect(Object.keys(direct).length).toBeGreaterThan(0);
  });

  it("notes from the CRM with their clients from the gateway's _entities: one batch, no more calls than reading those clients directly", async () => {
    const res = await throughRouter('{ recentNotes { text client { login fullName } } }', `Bearer ${keys.reader}`);
    expect(res.errors).toBeUndefined();
    const clients = [...notesOn.keys()].map((key) => t.sims.dxcore.state.client('default', key.split('/')[1]!)!);
    expect(res.data?.recentNotes).toEqual(clients.map((c, i) => ({ text: [...notesOn.values()][i]![0]!.text, client: { login: c.login, fullName: c.fullName ?? null } })));

    const viaRouter = await callsOf(() => throughRouter('{ recentNotes { text client { login fullName } } }', `Bearer ${keys.reader}`));
    const aliases = clients.map((c, i) => `c${i}: client(domain: "default", login: "${c.login}") { login fullName }`).join(' ');
    const direct = await callsOf(() => t.run(gql([`{ ${aliases} }`] as unknown as TemplateStringsArray), undefined, `Bearer ${keys.reader}`));
    expect(viaRouter).toEqual(direct);
  });

  it("an end user asking through the router for another client is refused by the gateway, as directly", async () => {
    const auth = await loginAs(t, { domain: 'default', login: 'alice.martin0' });
    const other = [...notesOn.keys()].map((k) => k.split('/')[1]!).find((login) => login !== 'alice.martin0')!;
    const res = await throughRouter(`{ client(domain: "default", login: "${other}") { fullName notes { text } } }`, auth);
    expect(res.data?.client ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  });
});

describe('subscriptions through the router over graphql-ws', () => {
  it("an event from the gateway's clientEvents, with the client's notes from the CRM, the caller's credential forwarded", async () => {
    const partner = `Bearer ${keys.all}`;
    const client = wsClient(routerUrl, partner);
    try {
      const before = t.gateway.events.size;
      const sub = subscribeWs(client, gql`subscription { clientEvents(domain: "default", login: "alice.martin0") { type client { login notes { text } } } }`);
      await until(() => t.gateway.events.size > before || sub.error !== undefined, 'the subscriber to reach the gateway');
      crmAuthorizations.length = 0;
      const update = await throughRouter('mutation { updateClient(input: { domain: "default", login: "alice.martin0", comments: "through the router" }) { __typename } }', partner);
      expect(update.data).toEqual({ updateClient: { __typename: 'ClientUpdated' } });
      const [event] = await sub.waitFor(1);
      expect(event).toEqual({ data: { clientEvents: { type: 'CLIENT_UPDATED', client: { login: 'alice.martin0', notes: [{ text: 'Prefers calls in the morning' }] } } } });
      // The mutation went to the gateway alone; the event's notes were fetched from the CRM with the subscriber's credential.
      expect(crmAuthorizations).toEqual([partner]);
      await sub.close();
    } finally {
      await client.dispose();
    }
  });
});
