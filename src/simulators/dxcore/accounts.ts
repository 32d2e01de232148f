import type { SimRequest, SimServer } from '../http.ts';
import type { DxAccount } from '../records.ts';
import { jsonBody, objectBody, type FieldReader } from './bodies.ts';
import { dxErrors, dxWriteErrors } from './errors.ts';
import { assignDefined, noContent, ok, serviceOnly, type RouteContext } from './kit.ts';
import { accountKey, clientKey, type DxCoreState } from './state.ts';
import { accountSnapshot, accountWire } from './wire.ts';

/** Account writes (document 000): update, category membership and trade permissions. */

export const accountStatuses = ['FULL_TRADING', 'CLOSE_ONLY', 'NO_TRADING', 'TERMINATED', 'EXPIRED'] as const;

const accountPath = '/api/register/account/:clearingCode/:accountCode';

export function registerAccountWriteRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'PUT',
    accountPath,
    serviceOnly(access, (req) => {
      const account = accountOf(state, req);
      updateAccount(state, account, objectBody(req));
      return ok(accountWire(account));
    }),
  );

  server.route(
    'PUT',
    `${accountPath}/category/:categoryCode`,
    serviceOnly(access, (req) => {
      const account = accountOf(state, req);
      setCategory(state, account, req.params.categoryCode ?? '', groupName(req));
      return noContent();
    }),
  );

  server.route(
    'DELETE',
    `${accountPath}/category/:categoryCode`,
    serviceOnly(access, (req) => {
      const account = accountOf(state, req);
      const category = req.params.categoryCode ?? '';
      if (!account.categories.some((group) => group.category === category)) throw dxErrors.categoryNotFound();
      account.categories = account.categories.filter((group) => group.category !== category);
      state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
      return noContent();
    }),
  );

  server.route(
    'POST',
    `${accountPath}/permission/trade/:domain/:name`,
    serviceOnly(access, (req) => {
      const { account, user } = permissionTarget(state, req);
      const key = accountKey(account.clearingCode, account.accountCode);
      const users = state.tradePermissions.get(key) ?? new Set<string>();
      users.add(user); // "if it wasn't added before": adding it again changes nothing
      state.tradePermissions.set(key, users);
      return noContent(200);
    }),
  );

  server.route(
    'DELETE',
    `${accountPath}/permission/trade/:domain/:name`,
    serviceOnly(access, (req) => {
      const { account, user } = permissionTarget(state, req);
      const users = state.tradePermissions.get(accountKey(account.clearingCode, account.accountCode));
      if (!users?.delete(user)) throw dxWriteErrors.tradePermissionNotFound(user);
      return noContent(200);
    }),
  );
}

function accountOf(state: DxCoreState, req: SimRequest): DxAccount {
  const account = state.account(req.params.clearingCode ?? '', req.params.accountCode ?? '');
  if (!account) throw dxErrors.accountNotFound();
  return account;
}

/** "User and account must exist" (document 000); the user is kept as "domain@login". */
function permissionTarget(state: DxCoreState, req: SimRequest): { account: DxAccount; user: string } {
  const account = accountOf(state, req);
  const { domain = '', name = '' } = req.params;
  if (!state.client(domain, name)) throw dxErrors.clientNotFound();
  return { account, user: clientKey(domain, name) };
}

// --- update -----------------------------------------------------------------------------------

/** The Account update model's fields; any other field "cannot be updated" (30014). */
const updatableFields = new Set([
  'expirationDate',
  'status',
  'credit',
  'equityOptionsLevel',
  'isPdtAccount',
  'futuresOptionsLevel',
  'allowedInstruments',
  'alpacaOmnibusSubAccountId',
  'selfDepositBalanceAllowed',
]);

/** Reads the whole update before changing anything, so a refused update leaves the account as it was. */
function updateAccount(state: DxCoreState, account: DxAccount, body: FieldReader): void {
  const fixed = body.unknownFields(updatableFields);
  if (fixed.length > 0) throw dxWriteErrors.fieldCannotBeUpdated(fixed);
  const expirationDate = body.dateTime('expirationDate');
  if (expirationDate !== undefined && account.accountType !== 'DEMO') {
    throw dxWriteErrors.wrongAccountType('expirationDate applies to DEMO accounts only');
  }
  const update: Partial<DxAccount> = {
    expirationDate,
    status: body.oneOf('status', accountStatuses),
    credit: body.number('credit'),
    equityOptionsLevel: body.integer('equityOptionsLevel'),
    pdtAccount: body.boolean('isPdtAccount'),
    futuresOptionsLevel: body.integer('futuresOptionsLevel'),
    allowedInstruments: body.stringArray('allowedInstruments'),
    alpacaOmnibusSubAccountId: body.string('alpacaOmnibusSubAccountId'),
    // "Value of the flag is skipped for non DEMO accounts."
    selfDepositBalanceAllowed: account.accountType === 'DEMO' ? body.boolean('selfDepositBalanceAllowed') : undefined,
  };
  const wasTerminated = account.status === 'TERMINATED';
  assignDefined(account, update);
  state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
  if (!wasTerminated && account.status === 'TERMINATED') state.events.emit({ type: 'account.terminated', account: accountSnapshot(account) });
}

// --- categories -------------------------------------------------------------------------------

/** The body of "set category": the group name as a JSON string (readings.ts). */
function groupName(req: SimRequest): string {
  const body = jsonBody(req);
  if (typeof body !== 'string') throw dxErrors.invalidJson('body must be the group name as a JSON string');
  if (body.trim() === '') throw dxErrors.requiredFieldEmpty('body');
  return body;
}

/** The group must be one of the values of that category of the account's broker. */
function setCategory(state: DxCoreState, account: DxAccount, category: string, value: string): void {
  const known = state.categoriesOf(account.brokerCode ?? '')?.find((c) => c.category === category);
  if (!known) throw dxErrors.categoryNotFound();
  // An account group is a category and one of its values: an unknown value is an unknown group.
  if (!known.values.some((v) => v.value === value)) throw dxErrors.categoryNotFound(value);
  account.categories = [...account.categories.filter((group) => group.category !== category), { category, value }];
  state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
}
