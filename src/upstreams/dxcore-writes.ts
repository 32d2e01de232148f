import { dxAccount, dxClient, dxIgnored, dxImportResult, dxLoginResult, dxSsoTokenInfo, dxText, dxTransfer } from './dxcore-wire.ts';
import type { UpstreamAnswer, UpstreamRequest } from './http.ts';
import { endpoint, entityTag } from './parameters.ts';

type Exchange = <T>(req: UpstreamRequest<T>) => Promise<UpstreamAnswer<T>>;


/** dxCore's market-data paths (document 003, 2.5): what changed for a linked client's dxFeed account. */
export type MarketDataAction = 'market-data-subscription-activation' | 'market-data-subscription-cancelation' | 'market-data-account-suspension';
export type TransferKind = 'deposit' | 'withdrawal' | 'adjustment';
export type AccountAccess = 'VIEW_ONLY' | 'TRADE';

export interface DxTransferBody {
  currency: string;
  amount: number;
  description?: string | undefined;
}

/** dxCore's `ETag: "<version>"` (readings.ts), unquoted; undefined when the answer has none. */
export function versionOf(answer: UpstreamAnswer<unknown>): string | undefined {
  const etag = answer.headers.etag;
  const value = Array.isArray(etag) ? etag[0] : etag;
  return value?.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/**
 * dxCore writes (document 000), bound to one caller's credential like `DxCoreApi`. Each answers the
 * upstream's status and headers too: a transfer's 200 says "already applied", a client's ETag is its version.
 */
export class DxCoreWrites {
  private readonly exchange: Exchange;

  constructor(exchange: Exchange) {
    this.exchange = exchange;
  }

  /** `PUT .../{kind}/{transferId}`: the idempotent form, so the gateway may retry it after a lost answer. */
  transfer(kind: TransferKind, clearingCode: string, accountCode: string, transferId: string, body: DxTransferBody) {
    return this.exchange({
      ...endpoint('PUT', `/api/register/account/:clearingCode/:accountCode/${kind}/:id`, { clearingCode, accountCode, id: transferId }),
      json: { ...body, transferId },
      schema: dxTransfer,
      idempotent: true,
    });
  }

  updateAccount(clearingCode: string, accountCode: string, update: Record<string, unknown>) {
    return this.exchange({ ...endpoint('PUT', '/api/register/account/:clearingCode/:accountCode', { clearingCode, accountCode }), json: update, schema: dxAccount, idempotent: true });
  }

  setAccountCategory(clearingCode: string, accountCode: string, category: string, value: string) {
    return this.exchange({
      ...endpoint('PUT', '/api/register/account/:clearingCode/:accountCode/category/:categoryCode', { clearingCode, accountCode, categoryCode: category }),
      json: value,
      schema: dxIgnored,
      idempotent: true,
    });
  }

  deleteAccountCategory(clearingCode: string, accountCode: string, category: string) {
    return this.exchange({ ...endpoint('DELETE', '/api/register/account/:clearingCode/:accountCode/category/:categoryCode', { clearingCode, accountCode, categoryCode: category }), schema: dxIgnored });
  }

  tradePermission(method: 'POST' | 'DELETE', clearingCode: string, accountCode: string, domain: string, login: string) {
    return this.exchange({ ...endpoint(method, '/api/register/account/:clearingCode/:accountCode/permission/trade/:domain/:name', { clearingCode, accountCode, domain, name: login }), schema: dxIgnored });
  }

  createBrokerCategory(brokerCode: string, category: string, values: string[]) {
    return this.exchange({ ...endpoint('POST', '/api/register/broker/:brokerCode/category', { brokerCode }), json: { category, values: values.map((value) => ({ value })) }, schema: dxIgnored });
  }

  renameBrokerCategoryValue(brokerCode: string, category: string, oldValue: string, newValue: string) {
    return this.exchange({ ...endpoint('PUT', '/api/register/broker/:brokerCode/category', { brokerCode }), json: { category, oldValue, newValue }, schema: dxIgnored });
  }

  deleteBrokerCategory(brokerCode: string, category: string, values: string[]) {
    return this.exchange({ ...endpoint('DELETE', '/api/register/broker/:brokerCode/category', { brokerCode }), json: { category, values: values.map((value) => ({ value })) }, schema: dxIgnored });
  }

  createClient(client: Record<string, unknown>, accountAccess?: AccountAccess) {
    return this.exchange({ ...endpoint('POST', '/api/register/client'), query: { accountAccess }, json: client, schema: dxClient });
  }

  /** `if-match` with the version the caller last saw; without it dxCore applies the update regardless. */
  updateClient(domain: string, login: string, update: Record<string, unknown>, version?: string) {
    return this.exchange({
      ...endpoint('PUT', '/api/register/client/:domain/:login', { domain, login }),
      headers: version === undefined ? {} : { 'if-match': entityTag('version', version) },
      json: update,
      schema: dxClient,
      idempotent: version !== undefined,
    });
  }

  deleteClient(domain: string, login: string) {
    return this.exchange({ ...endpoint('DELETE', '/api/register/client/:domain/:login', { domain, login }), schema: dxIgnored });
  }

  createAccount(domain: string, login: string, account: Record<string, unknown>, accountAccess?: AccountAccess) {
    return this.exchange({ ...endpoint('POST', '/api/register/client/:domain/:login/account', { domain, login }), query: { accountAccess }, json: account, schema: dxAccount });
  }

  disableAndTerminate(domain: string, login: string, cancelDxFeedSubscriptions: boolean) {
    return this.exchange({
      ...endpoint('POST', '/api/register/client/:domain/:login/disable-user-and-terminate-accounts', { domain, login }),
      json: { cancelDxFeedSubscriptions },
      schema: dxIgnored,
    });
  }

  groupMembership(method: 'POST' | 'DELETE', domain: string, login: string, groupDomain: string, groupName: string, version: string) {
    return this.exchange({
      ...endpoint(method, '/api/register/client/:domain/:login/group/:groupDomain/:groupName', { domain, login, groupDomain, groupName }),
      headers: { 'if-match': entityTag('version', version) },
      schema: dxIgnored,
    });
  }

  marketData(action: MarketDataAction, body: unknown) {
    return this.exchange({ ...endpoint('POST', `/api/register/client/${action}`), json: body, schema: dxIgnored });
  }

  sendNotification(notification: Record<string, unknown>) {
    return this.exchange({ ...endpoint('POST', '/api/clientnotifications'), json: notification, schema: dxText });
  }

  updateNotificationExpiration(notificationId: string, expirationDate: string) {
    return this.exchange({
      ...endpoint('PUT', '/api/clientnotifications/notification/:notificationId/date/:expirationDate', { notificationId, expirationDate }),
      schema: dxIgnored,
      idempotent: true,
    });
  }

  importTransactions(transactions: unknown[]) {
    return this.exchange({ ...endpoint('POST', '/api/transaction-import'), json: transactions, schema: dxImportResult });
  }

  /** `/ping` with this caller's own session. */
  ping() {
    return this.exchange({ ...endpoint('POST', '/ping'), schema: dxLoginResult });
  }

  checkLogin(form: { login: string; domain: string; password?: string | undefined; token?: string | undefined }) {
    return this.exchange({ ...endpoint('POST', '/checkLogin'), form: definedOnly(form), schema: dxIgnored });
  }

  generateToken(login: string, domain: string) {
    return this.exchange({ ...endpoint('POST', '/generateToken'), form: { login, domain }, schema: dxText });
  }

  ssoToken(dxCoreSessionToken: string, tokenDuration?: number, tokenOrigin?: string) {
    return this.exchange({ ...endpoint('POST', '/getSSOToken'), json: { dxCoreSessionToken, tokenDuration, tokenOrigin }, schema: dxText });
  }

  ssoTokenInfo(token: string) {
    return this.exchange({ ...endpoint('POST', '/getSSOTokenInfo'), form: { token }, schema: dxSsoTokenInfo });
  }

  logoutUserById(userId: number) {
    return this.exchange({ ...endpoint('POST', '/logoutUserById'), form: { userId: String(userId) }, schema: dxIgnored });
  }

  logoutUserByLogin(login: string, domain: string) {
    return this.exchange({ ...endpoint('POST', '/logoutUserByLogin'), form: { login, domain }, schema: dxIgnored });
  }

  logoutUserByToken(login: string, domain: string, token: string) {
    return this.exchange({ ...endpoint('POST', '/logoutUserByToken'), form: { login, domain, token }, schema: dxIgnored });
  }
}

function definedOnly(form: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
