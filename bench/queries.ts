/**
 * The contract queries the bench runs (schema/operations, as the contract has them), each with: its
 * variables, the same upstream reads made directly with undici in the best order (the limit a gateway
 * could reach), the README's minimum, and the calls a naive resolver would make for the same answer.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { platformPaths } from '../src/readings.ts';
import { root } from './processes.ts';

export type Upstream = 'dxcore' | 'retail' | 'platform';

/** A GraphQL request to the gateway that must answer 200 with data and no errors. */
export interface GatewayRequest {
  body: string;
  /** The `Authorization` header; none for the Login mutation. */
  authorization: string | undefined;
}

/** What the bench knows of the seeded world and the credentials. */
export interface Fixtures {
  env: Record<string, string>;
  trader: { domain: string; login: string; password: string };
  notificationId: string;
  /** The caller key (`Bearer`) with every scope. */
  apiKey: string;
  /** The trader's gateway session (`DXAPI <token>`), from the contract's Login mutation. */
  userAuthorization: string;
}

export interface NaiveCount {
  calls: number;
  formula: string;
}

export interface ContractQuery {
  name: string;
  /** README: the fewest calls and rounds that can answer it. */
  minimum: { rounds: number };
  request(f: Fixtures): GatewayRequest;
  /** The same upstream reads made directly, in the best order (independent calls in parallel). */
  direct(d: DirectClient, f: Fixtures): Promise<unknown>;
  /** Calls a resolver without loaders, caching or look-ahead would make: one call per field per parent. */
  naive(data: Record<string, unknown>): NaiveCount;
}

export const operationText = (name: string): string => readFileSync(`${root}schema/operations/${name}.graphql`, 'utf8');

const gatewayRequest = (name: string, variables: Record<string, unknown>, authorization: string): GatewayRequest => ({
  body: JSON.stringify({ query: operationText(name), variables, operationName: name }),
  authorization,
});

const seg = encodeURIComponent;
type Json = Record<string, unknown>;
type Row = Record<string, unknown> & { brokerCode?: string; dxFeedAccountId?: string };
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const edges = (connection: unknown): Json[] => list((connection as { edges?: unknown } | null)?.edges).map((e) => e.node as Json);

/** One keep-alive pool per upstream, as the gateway has, with the same credentials. */
export class DirectClient {
  private readonly pools: Record<Upstream, { pool: Pool; base: string; authorization: string }>;
  /** The trader's own dxCore session, for `Me`. */
  userAuthorization = '';

  private constructor(env: Record<string, string>) {
    const pool = (url: string, authorization: string) => {
      const u = new URL(url);
      return { pool: new Pool(u.origin, { connections: 32, keepAliveTimeout: 10_000 }), base: u.pathname.replace(/\/+$/, ''), authorization };
    };
    this.pools = {
      dxcore: pool(env.DXCORE_URL!, ''),
      retail: pool(env.RETAIL_URL!, `Bearer ${env.RETAIL_API_KEY}`),
      platform: pool(env.PLATFORM_URL!, `Bearer ${env.PLATFORM_API_KEY}`),
    };
  }

  /** Logs in to dxCore twice, as the gateway's service user and as the trader (POST /login). */
  static async connect(f: Fixtures): Promise<DirectClient> {
    const d = new DirectClient(f.env);
    const login = async (username: string, domain: string, password: string) => {
      const answer = (await d.send('dxcore', 'POST', '/login', JSON.stringify({ username, domain, password }))) as { sessionToken: string };
      return `DXAPI ${answer.sessionToken}`;
    };
    d.pools.dxcore.authorization = await login(f.env.DXCORE_USERNAME!, f.env.DXCORE_DOMAIN!, f.env.DXCORE_PASSWORD!);
    d.userAuthorization = await login(f.trader.login, f.trader.domain, f.trader.password);
    return d;
  }

  get(upstream: Upstream, path: string, authorization?: string): Promise<unknown> {
    return this.send(upstream, 'GET', path, undefined, authorization);
  }

  close(): Promise<void> {
    return Promise.all(Object.values(this.pools).map((p) => p.pool.close())).then(() => undefined);
  }

  private async send(upstream: Upstream, method: 'GET' | 'POST', path: string, body?: string, authorization?: string): Promise<unknown> {
    const p = this.pools[upstream];
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = authorization ?? p.authorization;
    if (auth) headers.authorization = auth;
    if (body) headers['content-type'] = 'application/json';
    const res = await p.pool.request({ method, path: p.base + path, headers, body });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`direct ${upstream} ${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }
}

const clientPath = (domain: string, login: string, attributes: string) => `/api/register/client/${seg(domain)}/${seg(login)}?attributes=${seg(attributes)}`;

export const contractQueries: ContractQuery[] = [
  {
    name: 'TraderDashboard',
    minimum: { rounds: 2 },
    request: (f) => gatewayRequest('TraderDashboard', { domain: f.trader.domain, login: f.trader.login }, `Bearer ${f.apiKey}`),
    direct: async (d, f) => {
      const client = (await d.get('dxcore', clientPath(f.trader.domain, f.trader.login, 'accounts,brokerCode,domain,dxFeedAccountId,email,fullName,login,status'))) as Row;
      const brokerCodes = new Set([client.brokerCode, ...list(client.accounts).map((a) => (a as Row).brokerCode)].filter((c): c is string => !!c));
      const md = client.dxFeedAccountId;
      return Promise.all([
        ...[...brokerCodes].map((code) => d.get('dxcore', `/api/register/broker/${seg(code)}?attributes=brokerCode%2Cname`)),
        ...(md ? [d.get('retail', `/api/v1/accounts/${seg(md)}`), d.get('retail', `/api/v1/accounts/${seg(md)}/subscriptions`)] : []),
      ]);
    },
    naive: (data) => {
      const client = data.client as Json;
      const accounts = list(client.accounts).length;
      const md = client.marketDataAccount ? 1 : 0;
      return { calls: 2 + accounts + 2 * md, formula: `1 client + 1 broker + 1 broker per account (${accounts}) + 1 market-data account + 1 subscriptions` };
    },
  },
  {
    name: 'Me',
    minimum: { rounds: 1 },
    request: (f) => gatewayRequest('Me', {}, f.userAuthorization),
    direct: (d, f) => d.get('dxcore', clientPath(f.trader.domain, f.trader.login, 'accounts,domain,fullName,login'), d.userAuthorization),
    naive: () => ({ calls: 1, formula: '1 client (its accounts come in the answer)' }),
  },
  {
    name: 'BackOfficeClients',
    minimum: { rounds: 2 },
    request: (f) => gatewayRequest('BackOfficeClients', { first: 20 }, `Bearer ${f.apiKey}`),
    direct: async (d) => {
      const [clients] = await Promise.all([
        d.get('dxcore', `/api/register/client?attributes=${seg('accounts,brokerCode,domain,dxFeedAccountId,login,status')}`),
        d.get('dxcore', '/api/register/broker?attributes=brokerCode%2Cname'),
      ]);
      const shown = list(clients).slice(0, 20) as Row[];
      return Promise.all(shown.filter((c) => c.dxFeedAccountId).map((c) => d.get('retail', `/api/v1/accounts/${seg(c.dxFeedAccountId!)}/subscriptions`)));
    },
    naive: (data) => {
      const nodes = edges(data.clients);
      const md = nodes.filter((n) => n.marketDataAccount).length;
      return { calls: 1 + nodes.length + 2 * md, formula: `1 list + 1 broker per client (${nodes.length}) + 1 market-data account and 1 subscriptions per client with one (${md})` };
    },
  },
  {
    name: 'AccountsOverview',
    minimum: { rounds: 1 },
    request: (f) => gatewayRequest('AccountsOverview', { first: 100 }, `Bearer ${f.apiKey}`),
    direct: (d) =>
      Promise.all([
        d.get('dxcore', `/api/register/account?attributes=${seg('accountCode,balance,brokerCode,clearingCode,currency,status')}`),
        d.get('dxcore', `/api/register/broker?attributes=${seg('brokerCode,name,type')}`),
      ]),
    naive: (data) => {
      const nodes = edges(data.accounts);
      return { calls: 1 + nodes.length, formula: `1 list + 1 broker per account (${nodes.length})` };
    },
  },
  {
    name: 'PlatformAccounts',
    minimum: { rounds: 1 },
    request: (f) => gatewayRequest('PlatformAccounts', { first: 20 }, `Bearer ${f.apiKey}`),
    direct: (d) => d.get('platform', `${platformPaths.accounts}?offset=0&limit=20`),
    naive: () => ({ calls: 1, formula: '1 page' }),
  },
  {
    name: 'NotificationDelivery',
    minimum: { rounds: 1 },
    request: (f) => gatewayRequest('NotificationDelivery', { id: f.notificationId }, `Bearer ${f.apiKey}`),
    direct: (d, f) => d.get('dxcore', `/api/clientnotifications/notification/${seg(f.notificationId)}`),
    naive: () => ({ calls: 1, formula: '1 notification' }),
  },
];
