import type { DxAccount, DxClient } from '../records.ts';
import type { FieldReader } from './bodies.ts';
import { dxErrors, dxWriteErrors } from './errors.ts';
import { accountStatuses } from './accounts.ts';
import { accountKey, clientKey, type AccountAccess, type DxCoreState } from './state.ts';

/**
 * Reading document 000's Account model into a new account of an owner, with the model's defaults:
 * type CLIENT, status FULL_TRADING, MARGIN, DEMO, balance 0; the clearing code defaults to the
 * broker's (readings.ts).
 */

export const accountAccessValues = ['VIEW_ONLY', 'TRADE'] as const;

/**
 * The broker's clearing code: the seeded world clears each broker's accounts under its code in lower
 * case; an owner without a broker clears under "default", as document 003's example does.
 */
export const defaultClearingCode = (brokerCode: string | undefined): string => brokerCode?.toLowerCase() ?? 'default';

export function readAccount(state: DxCoreState, body: FieldReader, owner: DxClient): DxAccount {
  const brokerCode = body.string('brokerCode') || undefined;
  // "It should be empty or equal to broker code of account owner."
  if (brokerCode !== undefined && brokerCode !== owner.brokerCode) {
    throw dxWriteErrors.invalidField(body.path('brokerCode'), `the owner's broker is ${owner.brokerCode ?? 'none'}`);
  }
  const accountType = body.oneOf('accountType', ['DEMO', 'CHALLENGE', 'LIVE'] as const) ?? 'DEMO';
  const expirationDate = body.dateTime('expirationDate');
  if (expirationDate !== undefined && accountType !== 'DEMO') throw dxWriteErrors.wrongAccountType('expirationDate applies to DEMO accounts only');
  const account: DxAccount = {
    clearingCode: body.string('clearingCode') || defaultClearingCode(owner.brokerCode),
    accountCode: body.requiredString('accountCode'),
    brokerCode: owner.brokerCode,
    type: body.oneOf('type', ['CLIENT', 'OFFSET', 'REFERENCE'] as const) ?? 'CLIENT',
    status: body.oneOf('status', accountStatuses) ?? 'FULL_TRADING',
    accountCashType: body.oneOf('accountCashType', ['MARGIN', 'CASH'] as const) ?? 'MARGIN',
    expirationDate,
    accountType,
    currency: body.requiredString('currency'),
    balance: finite(body, 'balance') ?? 0,
    credit: finite(body, 'credit') ?? 0,
    equityOptionsLevel: body.integer('equityOptionsLevel'),
    futuresOptionsLevel: body.integer('futuresOptionsLevel'),
    categories: readGroups(state, body, owner.brokerCode),
    allowedInstruments: body.stringArray('allowedInstruments'),
    alpacaOmnibusSubAccountId: body.string('alpacaOmnibusSubAccountId'),
    // "Value of the flag is skipped for non DEMO accounts."
    selfDepositBalanceAllowed: accountType === 'DEMO' ? body.boolean('selfDepositBalanceAllowed') : undefined,
    pdtAccount: body.boolean('pdtAccount'),
    owner: clientKey(owner.domain, owner.login),
  };
  return account;
}

function finite(body: FieldReader, name: string): number | undefined {
  const value = body.number(name);
  if (value !== undefined && !Number.isFinite(value)) throw dxWriteErrors.invalidField(body.path(name), 'must be finite');
  return value;
}

/** `categories`: Account groups of the broker's categories, at most one per category. */
function readGroups(state: DxCoreState, body: FieldReader, brokerCode: string | undefined): DxAccount['categories'] {
  const known = state.categoriesOf(brokerCode ?? '') ?? [];
  const groups = new Map<string, string>();
  for (const item of body.objects('categories') ?? []) {
    const category = item.requiredString('category');
    const value = item.requiredString('value');
    const exists = known.find((c) => c.category === category)?.values.some((v) => v.value === value);
    if (!exists) throw dxErrors.categoryNotFound(`${category}: ${value}`);
    groups.set(category, value);
  }
  return [...groups].map(([category, value]) => ({ category, value }));
}

/** Accounts to add, refused as a whole when any clearing code + account code pair is taken. */
export function checkNewAccounts(state: DxCoreState, accounts: DxAccount[]): void {
  const seen = new Set<string>();
  for (const account of accounts) {
    const key = accountKey(account.clearingCode, account.accountCode);
    if (seen.has(key) || state.accounts.has(key)) throw dxWriteErrors.accountAlreadyExists(`${account.clearingCode}/${account.accountCode}`);
    seen.add(key);
  }
}

/** The `accountAccess` query parameter: the owner's permission on new accounts, TRADE by default. */
export function readAccountAccess(query: URLSearchParams): AccountAccess {
  const value = query.get('accountAccess')?.trim();
  if (!value) return 'TRADE';
  if (!(accountAccessValues as readonly string[]).includes(value)) throw dxErrors.invalidParameter('accountAccess', value);
  return value as AccountAccess;
}
