import { z } from 'zod';
import { SystemUser, SystemUserError } from '../auth/system-user.ts';
import { dxCoreSessionExpiredStatus } from '../readings.ts';
import {
  dxAccount,
  dxAccountGroup,
  dxBroker,
  dxCategory,
  dxClient,
  dxClientGroup,
  dxErrorBody,
  type DxClient,
  dxNotificationDelivery,
  type DxLoginResult,
} from './dxcore-wire.ts';
import { DxCoreServiceSession, dxLogin, type DxCoreCredentials } from './dxcore-session.ts';
import { DxCoreWrites, versionOf } from './dxcore-writes.ts';
import { UpstreamError, UpstreamHttp, type UpstreamAnswer, type UpstreamHttpOptions, type UpstreamRequest } from './http.ts';
import { endpoint } from './parameters.ts';

type Exchange = <T>(req: UpstreamRequest<T>) => Promise<UpstreamAnswer<T>>;

/** Whose dxCore session a call uses: the gateway's service session or an end user's own token. */
export type DxCoreCredential = { kind: 'service' } | { kind: 'user'; token: string };

export function parseDxCoreError(body: unknown): { code?: string; message?: string } {
  const parsed = dxErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const details = parsed.data.errorDetails?.length ? ` (${parsed.data.errorDetails.join('; ')})` : '';
  return { code: parsed.data.errorCode, message: `${parsed.data.errorMessage ?? 'error'}${details}` };
}

/** dxCore reads (document 000) and, under `writes`, its writes, bound to one caller's credential. */
export class DxCoreApi {
  readonly writes: DxCoreWrites;
  private readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    this.exchange = exchange;
    this.writes = new DxCoreWrites(exchange);
  }

  private async send<T>(req: UpstreamRequest<T>): Promise<T> {
    return (await this.exchange(req)).data;
  }

  /** The client and its version (ETag), for an update that must not overwrite someone else's. */
  async clientVersion(domain: string, login: string): Promise<{ client: DxClient; version: string | undefined }> {
    const answer = await this.exchange({ ...endpoint('GET', '/api/register/client/:domain/:login', { domain, login }), schema: dxClient });
    return { client: answer.data, version: versionOf(answer) };
  }

  client(domain: string, login: string, attributes?: string) {
    return this.send({ ...endpoint('GET', '/api/register/client/:domain/:login', { domain, login }), query: { attributes }, schema: dxClient });
  }

  clients(filter: { type?: string | undefined; attributes?: string | undefined } = {}) {
    return this.send({ ...endpoint('GET', '/api/register/client'), query: filter, schema: z.array(dxClient) });
  }

  account(clearingCode: string, accountCode: string, attributes?: string) {
    return this.send({ ...endpoint('GET', '/api/register/account/:clearingCode/:accountCode', { clearingCode, accountCode }), query: { attributes }, schema: dxAccount });
  }

  accounts(filter: { type?: string | undefined; status?: string | undefined; attributes?: string | undefined } = {}) {
    return this.send({ ...endpoint('GET', '/api/register/account'), query: filter, schema: z.array(dxAccount) });
  }

  accountCategory(clearingCode: string, accountCode: string, categoryCode: string) {
    return this.send({ ...endpoint('GET', '/api/register/account/:clearingCode/:accountCode/category/:categoryCode', { clearingCode, accountCode, categoryCode }), schema: dxAccountGroup });
  }

  broker(brokerCode: string, attributes?: string) {
    return this.send({ ...endpoint('GET', '/api/register/broker/:brokerCode', { brokerCode }), query: { attributes }, schema: dxBroker });
  }

  brokers(filter: { type?: string | undefined; attributes?: string | undefined } = {}) {
    return this.send({ ...endpoint('GET', '/api/register/broker'), query: filter, schema: z.array(dxBroker) });
  }

  brokerCategories(brokerCode: string) {
    return this.send({ ...endpoint('GET', '/api/register/broker/:brokerCode/category', { brokerCode }), schema: z.array(dxCategory) });
  }

  brokerCategory(brokerCode: string, categoryCode: string) {
    return this.send({ ...endpoint('GET', '/api/register/broker/:brokerCode/category/:categoryCode', { brokerCode, categoryCode }), schema: dxCategory });
  }

  categories() {
    return this.send({ ...endpoint('GET', '/api/register/category'), schema: z.array(dxCategory) });
  }

  clientGroup(domain: string, name: string, attributes?: string) {
    return this.send({ ...endpoint('GET', '/api/register/client/group/:domain/:name', { domain, name }), query: { attributes }, schema: dxClientGroup });
  }

  clientGroups(attributes?: string) {
    return this.send({ ...endpoint('GET', '/api/register/client/group'), query: { attributes }, schema: z.array(dxClientGroup) });
  }

  notificationDelivery(notificationId: string, recipients?: string[]) {
    return this.send({ ...endpoint('GET', '/api/clientnotifications/notification/:notificationId', { notificationId }), query: { recipients }, schema: dxNotificationDelivery });
  }
}

/**
 * The dxCore upstream: one keep-alive pool, the gateway's service session, and `DxCoreApi` views
 * bound to a caller. The service view logs in again and retries once when dxCore refuses a session
 * (the caller never notices an expired session); an end user's view passes their token through and
 * reports a refused token as it is. No view, and no end user's login, may name the system user.
 */
export class DxCoreUpstream {
  readonly http: UpstreamHttp;
  readonly session: DxCoreServiceSession;
  readonly service: DxCoreApi;
  /** The service login's domain: where dxCore creates a client given without one (readings.ts). */
  readonly serviceDomain: string;
  private readonly systemUser: SystemUser;

  constructor(url: URL, credentials: DxCoreCredentials, options: Omit<UpstreamHttpOptions, 'parseError'> = {}) {
    this.serviceDomain = credentials.domain;
    this.http = new UpstreamHttp('dxcore', url, { ...options, parseError: parseDxCoreError });
    this.session = new DxCoreServiceSession(this.http, credentials);
    this.systemUser = new SystemUser(credentials);
    this.service = new DxCoreApi(async (req) => this.sendAsService(this.systemUser.refuse(req)));
  }

  as(credential: DxCoreCredential): DxCoreApi {
    if (credential.kind === 'service') return this.service;
    return new DxCoreApi(async (req) => this.http.exchange({ ...this.systemUser.refuse(req), authorization: `DXAPI ${credential.token}` }));
  }

  /** An end user's `/login` (the `login` mutation); no session of the gateway's is involved. */
  async login(credentials: DxCoreCredentials): Promise<DxLoginResult> {
    if (this.systemUser.is({ login: credentials.username, domain: credentials.domain })) throw new SystemUserError();
    return dxLogin(this.http, credentials);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async sendAsService<T>(req: UpstreamRequest<T>): Promise<UpstreamAnswer<T>> {
    const authorization = await this.session.authorization();
    try {
      return await this.http.exchange({ ...req, authorization });
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.status !== dxCoreSessionExpiredStatus) throw error;
      // dxCore refused the session before doing anything, so one retry is safe for any method.
      this.session.invalidate(authorization);
      return this.http.exchange({ ...req, authorization: await this.session.authorization() });
    }
  }
}
