import { dxAccount, dxClient, dxIgnored, dxImportResult, dxLoginResult, dxSsoTokenInfo, dxText, dxTransfer } from './dxcore-wire.ts';
import type { UpstreamAnswer, UpstreamRequest } from './http.ts';

type Exchange = <T>(req: UpstreamRequest<T>) => Promise<UpstreamAnswer<T>>;

const seg = encodeURIComponent;
const accountPath = (clearingCode: string, accountCode: string) => `/api/register/account/${seg(clearingCode)}/${seg(accountCode)}`;
const clientPath = (domain: string, login: string) => `/api/register/client/${seg(domain)}/${seg(login)}`;

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
      method: 'PUT',
      route: `PUT /api/register/account/:clearingCode/:accountCode/${kind}/:id`,
      path: `${accountPath(clearingCode, accountCode)}/${kind}/${seg(transferId)}`,
      json: { ...body, transferId },
      schema: dxTransfer,
      idempotent: true,
    });
  }

  updateAccount(clearingCode: string, accountCode: string, update: Record<string, unknown>) {
    return this.exchange({ method: 'PUT', route: 'PUT /api/register/account/:clearingCode/:accountCode', path: accountPath(clearingCode, accountCode), json: update, schema: dxAccount, idempotent: true });
  }

  setAccountCategory(clearingCode: string, accountCode: string, category: string, value: string) {
    return this.exchange({
      method: 'PUT',
      route: 'PUT /api/register/account/:clearingCode/:accountCode/category/:categoryCode',
      path: `${accountPath(clearingCode, accountCode)}/category/${seg(category)}`,
      json: value,
      schema: dxIgnored,
      idempotent: true,
    });
  }

  deleteAccountCategory(clearingCode: string, accountCode: string, category: string) {
    return this.exchange({ method: 'DELETE', route: 'DELETE /api/register/account/:clearingCode/:accountCode/category/:categoryCode', path: `${accountPath(clearingCode, accountCode)}/category/${seg(category)}`, schema: dxIgnored });
  }

  tradePermission(method: 'POST' | 'DELETE', clearingCode: string, accountCode: string, domain: string, login: string) {
    return this.exchange({
      method,
      route: `${method} /api/register/account/:clearingCode/:accountCode/permission/trade/:domain/:name`,
      path: `${accountPath(clearingCode, accountCode)}/permission/trade/${seg(domain)}/${seg(login)}`,
      schema: dxIgnored,
    });
  }

  createBrokerCategory(brokerCode: string, category: string, values: string[]) {
    return this.exchange({ method: 'POST', route: 'POST /api/register/broker/:brokerCode/category', path: `/api/register/broker/${seg(brokerCode)}/category`, json: { category, values: values.map((value) => ({ value })) }, schema: dxIgnored });
  }

  renameBrokerCategoryValue(brokerCode: string, category: string, oldValue: string, newValue: string) {
    return this.exchange({ method: 'PUT', route: 'PUT /api/register/broker/:brokerCode/category', path: `/api/register/broker/${seg(brokerCode)}/category`, json: { category, oldValue, newValue }, schema: dxIgnored });
  }

  deleteBrokerCategory(brokerCode: string, category: string, values: string[]) {
    return this.exchange({ method: 'DELETE', route: 'DELETE /api/register/broker/:brokerCode/category', path: `/api/register/broker/${seg(brokerCode)}/category`, json: { category, values: values.map((value) => ({ value })) }, schema: dxIgnored });
  }

  createClient(client: Record<string, unknown>, accountAccess?: AccountAccess) {
    return this.exchange({ method: 'POST', route: 'POST /api/register/client', path: '/api/register/client', query: { accountAccess }, json: client, schema: dxClient });
  }

  /** `if-match` with the version the caller last saw; without it dxCore applies the update regardless. */
  updateClient(domain: string, login: string, update: Record<string, unknown>, version?: string) {
    return this.exchange({
      method: 'PUT',
      route: 'PUT /api/register/client/:domain/:login',
      path: clientPath(domain, login),
      headers: version === undefined ? {} : { 'if-match': `"${version}"` },
      json: update,
      schema: dxClient,
      idempotent: version !== undefined,
    });
  }

  deleteClient(domain: string, login: string) {
    return this.exchange({ method: 'DELETE', route: 'DELETE /api/register/client/:domain/:login', path: clientPath(domain, login), schema: dxIgnored });
  }

  createAccount(domain: string, login: string, account: Record<string, unknown>, accountAccess?: AccountAccess) {
    return this.exchange({ method: 'POST', route: 'POST /api/register/client/:domain/:login/account', path: `${clientPath(domain, login)}/account`, query: { accountAccess }, json: account, schema: dxAccount });
  }

  disableAndTerminate(domain: string, login: string, cancelDxFeedSubscriptions: boolean) {
    return this.exchange({
      method: 'POST',
      route: 'POST /api/register/client/:domain/:login/disable-user-and-terminate-accounts',
      path: `${clientPath(domain, login)}/disable-user-and-terminate-accounts`,
      json: { cancelDxFeedSubscriptions },
      schema: dxIgnored,
    });
  }

  groupMembership(method: 'POST' | 'DELETE', domain: string, login: string, groupDomain: string, groupName: string, version: string) {
    return this.exchange({
      method,
      route: `${method} /api/register/client/:domain/:login/group/:groupDomain/:groupName`,
      path: `${clientPath(domain, login)}/group/${seg(groupDomain)}/${seg(groupName)}`,
      headers: { 'if-match': `"${version}"` },
      schema: dxIgnored,
    });
  }

  marketData(action: 'market-data-subscription-activation' | 'market-data-subscription-cancelation' | 'market-data-account-suspension', body: unknown) {
    return this.exchange({ method: 'POST', route: `POST /api/register/client/${action}`, path: `/api/register/client/${action}`, json: body, schema: dxIgnored });
  }

  sendNotification(notification: Record<string, unknown>) {
    return this.exchange({ method: 'POST', route: 'POST /api/clientnotifications', path: '/api/clientnotifications', json: notification, schema: dxText });
  }

  updateNotificationExpiration(notificationId: string, expirationDate: string) {
    return this.exchange({
      method: 'PUT',
      route: 'PUT /api/clientnotifications/notification/:notificationId/date/:expirationDate',
      path: `/api/clientnotifications/notification/${seg(notificationId)}/date/${seg(expirationDate)}`,
      schema: dxIgnored,
      idempotent: true,
    });
  }

  importTransactions(transactions: unknown[]) {
    return this.exchange({ method: 'POST', route: 'POST /api/transaction-import', path: '/api/transaction-import', json: transactions, schema: dxImportResult });
  }

  /** `/ping` with this caller's own session. */
  ping() {
    return this.exchange({ method: 'POST', route: 'POST /ping', path: '/ping', schema: dxLoginResult });
  }

  checkLogin(form: { login: string; domain: string; password?: string | undefined; token?: string | undefined }) {
    return this.exchange({ method: 'POST', route: 'POST /checkLogin', path: '/checkLogin', form: definedOnly(form), schema: dxIgnored });
  }

  generateToken(login: string, domain: string) {
    return this.exchange({ method: 'POST', route: 'POST /generateToken', path: '/generateToken', form: { login, domain }, schema: dxText });
  }

  ssoToken(dxCoreSessionToken: string, tokenDuration?: number, tokenOrigin?: string) {
    return this.exchange({ method: 'POST', route: 'POST /getSSOToken', path: '/getSSOToken', json: { dxCoreSessionToken, tokenDuration, tokenOrigin }, schema: dxText });
  }

  ssoTokenInfo(token: string) {
    return this.exchange({ method: 'POST', route: 'POST /getSSOTokenInfo', path: '/getSSOTokenInfo', form: { token }, schema: dxSsoTokenInfo });
  }

  logoutUserById(userId: number) {
    return this.exchange({ method: 'POST', route: 'POST /logoutUserById', path: '/logoutUserById', form: { userId: String(userId) }, schema: dxIgnored });
  }

  logoutUserByLogin(login: string, domain: string) {
    return this.exchange({ method: 'POST', route: 'POST /logoutUserByLogin', path: '/logoutUserByLogin', form: { login, domain }, schema: dxIgnored });
  }

  logoutUserByToken(login: string, domain: string, token: string) {
    return this.exchange({ method: 'POST', route: 'POST /logoutUserByToken', path: '/logoutUserByToken', form: { login, domain, token }, schema: dxIgnored });
  }
}

function definedOnly(form: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
