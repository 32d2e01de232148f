import type { DxAccount } from '../../upstreams/dxcore-wire.ts';
import type { AccountAccess as WireAccess } from '../../upstreams/dxcore-writes.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { publishClientEvent } from '../events.ts';
import { forget, loaded, pairKey } from '../loading.ts';
import { optionalAmount, optionalText, requireAmount, requireCurrency, requireText } from '../validation.ts';
import { AccountCashType, AccountNode, AccountRole, AccountStatus, AccountType, accountKey, type AccountRef } from './account.ts';
import { ClientNode, type ClientRef } from '../client/client.ts';
import { ValidationError } from '../typed-errors.ts';
import { mutation, recordPayload } from '../mutations.ts';

export const AccountAccess = builder.enumType('AccountAccess', {
  description: "The owner's permission on a new account (dxCore `accountAccess`); TRADE when omitted.",
  values: ['VIEW_ONLY', 'TRADE'] as const satisfies readonly WireAccess[],
});

export const AccountCategoryInput = builder.inputType('AccountCategoryInput', {
  fields: (t) => ({ category: t.string({ required: true }), value: t.string({ required: true }) }),
});

type MoneyFields = { balance?: number | null | undefined; credit?: number | null | undefined };

/**
 * The scopes of a write that may open or change accounts: a balance or credit puts money in an account,
 * so it needs `transfers` as a deposit does, besides `write`.
 */
export const accountWriteScopes = (accounts: readonly MoneyFields[]) =>
  accounts.some((a) => (a.balance ?? null) !== null || (a.credit ?? null) !== null) ? { $all: { write: true, transfers: true } } : { write: true };

export const moneyScopeNote = 'A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise).';

export const NewAccountInput = builder.inputType('NewAccountInput', {
  description: `dxCore's Account model; omitted fields take dxCore's defaults (CLIENT, FULL_TRADING, MARGIN, DEMO, balance 0). ${moneyScopeNote}`,
  fields: (t) => ({
    clearingCode: t.string({ description: "The broker's clearing code when omitted." }),
    accountCode: t.string({ required: true }),
    brokerCode: t.string(),
    type: t.field({ type: AccountRole }),
    status: t.field({ type: AccountStatus }),
    accountCashType: t.field({ type: AccountCashType }),
    accountType: t.field({ type: AccountType }),
    currency: t.string({ required: true }),
    balance: t.float(),
    credit: t.float(),
    expirationDate: t.field({ type: 'DateTime', description: 'DEMO accounts only.' }),
    categories: t.field({ type: [AccountCategoryInput] }),
    equityOptionsLevel: t.int(),
    futuresOptionsLevel: t.int(),
    allowedInstruments: t.stringList(),
    selfDepositBalanceAllowed: t.boolean(),
  }),
});

type NewAccount = typeof NewAccountInput.$inferInput;

/** Drops null and undefined, so that dxCore applies its own defaults to what the caller left out. */
export function present<T extends Record<string, unknown>>(fields: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as never;
}

/** dxCore's Account model from the input, checked field by field; `field` is where it sits in the input. */
export function accountBody(field: string, input: NewAccount): Record<string, unknown> {
  const currency = requireCurrency(`${field}.currency`, input.currency);
  return present({
    ...input,
    clearingCode: optionalText(`${field}.clearingCode`, input.clearingCode),
    accountCode: requireText(`${field}.accountCode`, input.accountCode),
    currency,
    balance: optionalAmount(`${field}.balance`, input.balance, currency, 'nonNegative'),
    credit: optionalAmount(`${field}.credit`, input.credit, currency, 'nonNegative'),
    expirationDate: input.expirationDate?.toISOString(),
  });
}

/** After a write, the next read of this account in the request goes to dxCore again. */
export function refreshedAccount(ctx: Context, record: DxAccount | undefined, key: string): AccountRef {
  const loader = AccountNode.getDataloader(ctx);
  loader.clear(key);
  forget(ctx, 'dxcore:account');
  return record ? loaded(key, record) : { key };
}

const accountArgs = (input: { clearingCode: string; accountCode: string }) =>
  [requireText('input.clearingCode', input.clearingCode), requireText('input.accountCode', input.accountCode)] as const;

const CreateAccountInput = builder.inputType('CreateAccountInput', {
  fields: (t) => ({
    domain: t.string({ required: true, description: "The owner's domain." }),
    login: t.string({ required: true, description: "The owner's login." }),
    account: t.field({ type: NewAccountInput, required: true }),
    accountAccess: t.field({ type: AccountAccess }),
  }),
});

const UpdateAccountInput = builder.inputType('UpdateAccountInput', {
  description: "dxCore's Account update model: only the fields given change.",
  fields: (t) => ({
    clearingCode: t.string({ required: true }),
    accountCode: t.string({ required: true }),
    status: t.field({ type: AccountStatus }),
    expirationDate: t.field({ type: 'DateTime', description: 'DEMO accounts only (dxCore 20008 otherwise).' }),
    credit: t.float(),
    equityOptionsLevel: t.int(),
    futuresOptionsLevel: t.int(),
    pdtAccount: t.boolean(),
    allowedInstruments: t.stringList(),
    alpacaOmnibusSubAccountId: t.string(),
    selfDepositBalanceAllowed: t.boolean(),
  }),
});

const TradePermissionInput = builder.inputType('TradePermissionInput', {
  fields: (t) => ({
    clearingCode: t.string({ required: true }),
    accountCode: t.string({ required: true }),
    domain: t.string({ required: true, description: 'Domain of the user who may trade.' }),
    login: t.string({ required: true, description: 'Login of the user who may trade.' }),
  }),
});

const AccountCategoryChangeInput = builder.inputType('AccountCategoryChangeInput', {
  fields: (t) => ({
    clearingCode: t.string({ required: true }),
    accountCode: t.string({ required: true }),
    category: t.string({ required: true }),
    value: t.string({ description: 'The group (value) to put the account in; omit when removing.' }),
  }),
});

interface TradePermissionShape {
  account: AccountRef;
  user: ClientRef;
  granted: boolean;
}

const TradePermissionChange = builder.objectRef<TradePermissionShape>('TradePermissionChange').implement({
  fields: (t) => ({
    account: t.field({ type: AccountNode, resolve: (s) => s.account }),
    user: t.field({ type: ClientNode, resolve: (s) => s.user }),
    granted: t.boolean({ description: 'True after a grant, false after a revocation.', resolve: (s) => s.granted }),
  }),
});

const AccountCreated = recordPayload('AccountCreated', 'account', AccountNode, {
  payload: 'A new trading account of the client.',
  record: 'The account as dxCore answered the create.',
});

mutation('createAccount', {
  description: `Opens a trading account for an existing client. ${moneyScopeNote}`,
  args: (arg) => ({ input: arg({ type: CreateAccountInput, required: true }) }),
  scope: ({ input }) => accountWriteScopes([input.account]),
  success: AccountCreated,
  resolve: async ({ input }, ctx) => {
    const owner = [requireText('input.domain', input.domain), requireText('input.login', input.login)] as const;
    const answer = await ctx.dxcore.writes.createAccount(...owner, accountBody('input.account', input.account), input.accountAccess ?? undefined);
    const { clearingCode, accountCode } = answer.data;
    await publishClientEvent(ctx, 'ACCOUNT.CREATED', { client: { domain: owner[0], login: owner[1] }, account: { clearingCode, accountCode } });
    return { account: refreshedAccount(ctx, answer.data, accountKey(answer.data)) };
  },
});

const AccountUpdated = recordPayload('AccountUpdated', 'account', AccountNode, {
  payload: 'The account was updated.',
  record: 'The account as dxCore answered the update.',
});

mutation('updateAccount', {
  description: moneyScopeNote,
  args: (arg) => ({ input: arg({ type: UpdateAccountInput, required: true }) }),
  scope: ({ input }) => accountWriteScopes([input]),
  success: AccountUpdated,
  resolve: async ({ input }, ctx) => {
    const [clearingCode, accountCode] = accountArgs(input);
    const { pdtAccount, expirationDate, ...rest } = input;
    const update = present({ ...rest, clearingCode: undefined, accountCode: undefined, isPdtAccount: pdtAccount, expirationDate: expirationDate?.toISOString() });
    if (Object.keys(update).length === 0) throw new ValidationError('input', 'Nothing to update: give at least one field besides the account');
    if (update.credit !== undefined) update.credit = await creditIn(ctx, clearingCode, accountCode, update.credit);
    const answer = await ctx.dxcore.writes.updateAccount(clearingCode, accountCode, update);
    await publishClientEvent(ctx, 'ACCOUNT.UPDATED', { account: { clearingCode, accountCode }, status: input.status ?? undefined });
    return { account: refreshedAccount(ctx, answer.data, pairKey(clearingCode, accountCode)) };
  },
});

mutation('grantTradePermission', {
  description: 'Lets a user trade on the account (kept as it is when already granted).',
  args: (arg) => ({ input: arg({ type: TradePermissionInput, required: true }) }),
  scope: { write: true },
  success: TradePermissionChange,
  resolve: ({ input }, ctx) => changeTradePermission(ctx, input, true),
});

mutation('revokeTradePermission', {
  args: (arg) => ({ input: arg({ type: TradePermissionInput, required: true }) }),
  scope: { write: true },
  success: TradePermissionChange,
  resolve: ({ input }, ctx) => changeTradePermission(ctx, input, false),
});

const AccountCategorySet = recordPayload('AccountCategorySet', 'account', AccountNode, {
  payload: 'The account is in the category value (account group).',
  record: 'The account as dxCore has it now (read afresh when selected).',
});

mutation('setAccountCategory', {
  description: "Puts the account in one of its broker's category values (account group).",
  args: (arg) => ({ input: arg({ type: AccountCategoryChangeInput, required: true }) }),
  scope: { write: true },
  success: AccountCategorySet,
  resolve: async ({ input }, ctx) => {
    const [clearingCode, accountCode] = accountArgs(input);
    const category = requireText('input.category', input.category);
    const value = requireText('input.value', input.value ?? '');
    await ctx.dxcore.writes.setAccountCategory(clearingCode, accountCode, category, value);
    return { account: refreshedAccount(ctx, undefined, pairKey(clearingCode, accountCode)) };
  },
});

const AccountCategoryRemoved = recordPayload('AccountCategoryRemoved', 'account', AccountNode, {
  payload: 'The account is in no value of the category any more.',
  record: 'The account as dxCore has it now (read afresh when selected).',
});

mutation('removeAccountCategory', {
  args: (arg) => ({ input: arg({ type: AccountCategoryChangeInput, required: true }) }),
  scope: { write: true },
  success: AccountCategoryRemoved,
  resolve: async ({ input }, ctx) => {
    const [clearingCode, accountCode] = accountArgs(input);
    if (input.value !== null && input.value !== undefined) throw new ValidationError('input.value', 'input.value is not used when removing a category: omit it');
    await ctx.dxcore.writes.deleteAccountCategory(clearingCode, accountCode, requireText('input.category', input.category));
    return { account: refreshedAccount(ctx, undefined, pairKey(clearingCode, accountCode)) };
  },
});

/** The update model carries no currency: the account is read for it, so that a credit is checked in its own minor units. */
async function creditIn(ctx: Context, clearingCode: string, accountCode: string, credit: number): Promise<number> {
  const { currency } = await ctx.dxcore.account(clearingCode, accountCode, 'currency');
  if (currency === undefined) throw new ValidationError('input.credit', 'dxCore gave no currency for the account, so the credit cannot be checked');
  try {
    return requireAmount('input.credit', credit, currency, 'nonNegative');
  } catch (error) {
    // Checked against the account's own currency, which a key without `read` may not learn: not named.
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError('input.credit', "input.credit must be 0 or more, in whole minor units of the account's currency, within its exact range");
  }
}

async function changeTradePermission(ctx: Context, input: typeof TradePermissionInput.$inferInput, granted: boolean): Promise<TradePermissionShape> {
  const [clearingCode, accountCode] = accountArgs(input);
  const [domain, login] = [requireText('input.domain', input.domain), requireText('input.login', input.login)];
  await ctx.dxcore.writes.tradePermission(granted ? 'POST' : 'DELETE', clearingCode, accountCode, domain, login);
  return { account: { key: pairKey(clearingCode, accountCode) }, user: { key: pairKey(domain, login) }, granted };
}
