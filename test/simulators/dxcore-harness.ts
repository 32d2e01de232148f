import { expect } from 'vitest';
import { DxCoreSimulator, type DxCoreEvent } from '../../src/simulators/dxcore/index.ts';
import type { DxAccount, DxClient } from '../../src/simulators/records.ts';
import { seedWorld, seededClientPassword } from '../../src/simulators/seed.ts';

/** Shared by the dxCore write tests: one fresh simulator per test, real HTTP through fetch. */

export const service = { username: 'gateway', domain: 'system', password: 'service-secret' };
export const world = seedWorld().dxcore;
export { seededClientPassword };

export const basic = (user: string, domain: string, password: string) =>
  `Basic ${Buffer.from(`${user}@${domain}:${password}`).toString('base64')}`;
export const serviceBasic = basic(service.username, service.domain, service.password);

export const keyOf = (c: DxClient) => `${c.domain}@${c.login}`;
export const accountPath = (a: Pick<DxAccount, 'clearingCode' | 'accountCode'>) => `/api/register/account/${a.clearingCode}/${a.accountCode}`;
export const clientPath = (c: Pick<DxClient, 'domain' | 'login'>) => `/api/register/client/${c.domain}/${c.login}`;

export const enabledClients = world.clients.filter((c) => c.status !== 'DISABLED');
export const alice = enabledClients[0] as DxClient;
export const bob = enabledClients[1] as DxClient;
export const disabledClient = world.clients.find((c) => c.status === 'DISABLED') as DxClient;
export const accountsOf = (c: DxClient) => world.accounts.filter((a) => a.owner === keyOf(c));

/** An account that takes transfers: FULL_TRADING with some money on it. */
export const liveAccount = (skip = 0): DxAccount =>
  world.accounts.filter((a) => a.status === 'FULL_TRADING' && a.balance > 1000)[skip] as DxAccount;
export const terminatedAccount = world.accounts.find((a) => a.status === 'TERMINATED') as DxAccount;

export interface Answer {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text ('' for none). */
  body: any;
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  /** Service Basic auth by default; `null` sends no Authorization header. */
  auth?: string | null;
  json?: unknown;
  /** A raw body sent as application/json (malformed JSON tests). */
  raw?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export class Harness {
  readonly sim: DxCoreSimulator;
  readonly events: DxCoreEvent[] = [];
  /** dxFeed account ids the injected link was asked to cancel. */
  readonly dxFeedCancels: string[] = [];
  base = '';

  constructor() {
    this.sim = new DxCoreSimulator({
      seed: world,
      service,
      dxFeed: { cancelAllSubscriptions: (accountId) => this.dxFeedCancels.push(accountId) },
    });
    this.sim.events.on((event) => this.events.push(event));
  }

  static async start(): Promise<Harness> {
    const harness = new Harness();
    harness.base = await harness.sim.listen(0);
    return harness;
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth === undefined ? serviceBasic : options.auth;
    if (auth !== null) headers.authorization = auth;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.raw !== undefined || options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.raw ?? JSON.stringify(options.json);
    }
    const res = await fetch(this.base + path, { method, headers, body });
    const text = await res.text();
    const isJson = res.headers.get('content-type')?.startsWith('application/json') ?? false;
    return { status: res.status, body: isJson ? JSON.parse(text) : text, text, headers: res.headers };
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options);
  }
  post(path: string, json?: unknown, options?: RequestOptions) {
    return this.request('POST', path, { ...options, ...(json === undefined ? {} : { json }) });
  }
  put(path: string, json?: unknown, options?: RequestOptions) {
    return this.request('PUT', path, { ...options, ...(json === undefined ? {} : { json }) });
  }
  del(path: string, json?: unknown, options?: RequestOptions) {
    return this.request('DELETE', path, { ...options, ...(json === undefined ? {} : { json }) });
  }
  form(path: string, form: Record<string, string>, options?: RequestOptions) {
    return this.request('POST', path, { ...options, form });
  }

  async session(username: string, domain: string, password: string): Promise<string> {
    const answer = await this.post('/login', { username, domain, password }, { auth: null });
    expect(answer.status).toBe(200);
    return answer.body.sessionToken as string;
  }

  /** A session of a seeded client, as `Authorization: DXAPI <token>`. */
  async clientAuth(client: DxClient): Promise<string> {
    return `DXAPI ${await this.session(client.login, client.domain, seededClientPassword)}`;
  }

  /** The account as the simulator reads it now. */
  async account(a: Pick<DxAccount, 'clearingCode' | 'accountCode'>): Promise<any> {
    const answer = await this.get(accountPath(a));
    expect(answer.status).toBe(200);
    return answer.body;
  }
}

export const expectError = (answer: Answer, status: number, errorCode: number) => {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ errorCode });
  expect(typeof answer.body.errorMessage).toBe('string');
};

/** A dxWeb failure that document 000 lists as "No Content". */
export const expectBare = (answer: Answer, status: number) => {
  expect(answer.status).toBe(status);
  expect(answer.text).toBe('');
};
