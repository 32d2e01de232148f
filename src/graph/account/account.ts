import { dxCoreIdentifyingAttributes } from '../../readings.ts';
import type { DxAccount } from '../../upstreams/dxcore-wire.ts';
import { builder } from '../builder.ts';
import { arrayConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { dataOf, loaded, loadKeys, memo, memoStarted, pairKey, pairKeyId, parsePairKey, prime, recordField, type Ref } from '../loading.ts';
import { clientRecordScopes, grantOwnIf, isVerifiedOwn, keyField } from '../record-scopes.ts';
import { dxAttributes, selectedBelow, selectedFieldsOf } from '../selection.ts';
import { listThresholds } from '../thresholds.ts';
import { BrokerNode, brokerRef, prefetchBrokersFor } from '../broker/broker.ts';

/** A trading account's parent: key `[clearingCode, accountCode]`, and the record once loaded. */
export type AccountRef = Ref<DxAccount>;

export const accountKey = (a: Pick<DxAccount, 'clearingCode' | 'accountCode'>) => pairKey(a.clearingCode, a.accountCode);
export const accountRefOf = (a: DxAccount): AccountRef => loaded(accountKey(a), a);

/** dxCore attributes each Account field needs (clearingCode and accountCode are always there). */
const accountFieldAttributes: Record<string, readonly string[]> = {
  brokerCode: ['brokerCode'],
  broker: ['brokerCode'],
  type: ['type'],
  status: ['status'],
  accountCashType: ['accountCashType'],
  expirationDate: ['expirationDate'],
  accountType: ['accountType'],
  currency: ['currency'],
  balance: ['balance'],
  credit: ['credit'],
  equityOptionsLevel: ['equityOptionsLevel'],
  futuresOptionsLevel: ['futuresOptionsLevel'],
  categories: ['categories'],
  allowedInstruments: ['allowedInstruments'],
  alpacaOmnibusSubAccountId: ['alpacaOmnibusSubAccountId'],
  selfDepositBalanceAllowed: ['selfDepositBalanceAllowed'],
  pdtAccount: ['pdtAccount'],
};

/** `Broker.accounts` picks a broker's accounts from the list read by their broker code. */
const accountAttributes = (ctx: Context) =>
  dxAttributes(ctx, 'Account', accountFieldAttributes, [...dxCoreIdentifyingAttributes.account, ...(selectedFieldsOf(ctx, 'Broker').has('accounts') ? ['brokerCode'] : [])]);

const allAccountsMemo = 'dxcore:accounts';

/** Accounts from dxCore's list read, one call per filter per request; the answer primes the Account loader. */
export function listAccounts(ctx: Context, filter: { status?: string | undefined; type?: string | undefined } = {}): Promise<DxAccount[]> {
  const name = filter.status || filter.type ? `${allAccountsMemo}?status=${filter.status ?? ''}&type=${filter.type ?? ''}` : allAccountsMemo;
  return memo(ctx, name, async () => {
    const accounts = await ctx.dxcore.accounts({ ...filter, attributes: accountAttributes(ctx) });
    primeAccounts(ctx, accounts);
    return accounts;
  });
}

export function primeAccounts(ctx: Context, accounts: DxAccount[]): void {
  prime(AccountNode.getDataloader(ctx), accounts.map(accountRefOf));
}

export const AccountNode = builder.loadableNodeRef('Account', {
  id: { resolve: (ref: AccountRef) => ref.key, parse: pairKeyId('Account') },
  load: (keys: string[], ctx: Context) =>
    loadKeys<DxAccount>(
      keys,
      (key) => {
        const [clearingCode, accountCode] = parsePairKey(key);
        return ctx.dxcore.account(clearingCode, accountCode, accountAttributes(ctx));
      },
      {
        all: () => listAccounts(ctx),
        use: (n) => ctx.caller.kind !== 'user' && (n >= listThresholds.account || memoStarted(ctx, allAccountsMemo)),
        keyOf: accountKey,
        notFound: (key) => notFound('ACCOUNT_NOT_FOUND', `Account ${key} not found`),
      },
    ),
});

const account = (ref: AccountRef, ctx: Context) => dataOf(AccountNode.getDataloader, ref, ctx);

export const AccountStatus = builder.enumType('AccountStatus', {
  values: ['FULL_TRADING', 'CLOSE_ONLY', 'NO_TRADING', 'TERMINATED', 'EXPIRED'] as const,
});
export const AccountType = builder.enumType('AccountType', {
  description: 'DEMO, CHALLENGE or LIVE (dxCore `accountType`).',
  values: ['DEMO', 'CHALLENGE', 'LIVE'] as const,
});
export const AccountRole = builder.enumType('AccountRole', {
  description: 'What the account is for (dxCore account `type`): a client account, an offset or a reference account.',
  values: ['CLIENT', 'OFFSET', 'REFERENCE'] as const,
});
export const AccountCashType = builder.enumType('AccountCashType', { values: ['MARGIN', 'CASH'] as const });

export const AccountCategoryValue = builder.objectRef<{ category: string; value: string }>('AccountCategoryValue').implement({
  description: 'The value an account has in one account category (dxCore "Account group").',
  fields: (t) => ({ category: t.exposeString('category'), value: t.exposeString('value') }),
});

const field = recordField(AccountNode.getDataloader);

AccountNode.implement({
  description: 'A dxCore trading account. Needs `read`, or the owner\'s session; `clearingCode` and `accountCode` name it and are readable by whoever got it.',
  // An account a link found in the end user's own client reads in full, also through a connection, where grants do not reach.
  authScopes: (ref, ctx) => isVerifiedOwn(ctx, 'Account', ref.key) || clientRecordScopes,
  fields: (t) => ({
    clearingCode: t.string({ ...keyField, resolve: (ref) => parsePairKey(ref.key)[0] }),
    accountCode: t.string({ ...keyField, resolve: (ref) => parsePairKey(ref.key)[1] }),
    brokerCode: t.string({ nullable: true, resolve: field('brokerCode') }),
    broker: t.field({ type: BrokerNode, nullable: true, resolve: async (ref, _, ctx) => brokerRef((await account(ref, ctx)).brokerCode) }),
    type: t.field({ type: AccountRole, nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).type as never }),
    status: t.field({ type: AccountStatus, nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).status as never }),
    accountType: t.field({ type: AccountType, nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).accountType as never }),
    accountCashType: t.field({ type: AccountCashType, nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).accountCashType as never }),
    currency: t.string({ nullable: true, resolve: field('currency') }),
    balance: t.float({ nullable: true, resolve: field('balance') }),
    credit: t.float({ nullable: true, resolve: field('credit') }),
    expirationDate: t.field({ type: 'DateTime', nullable: true, description: 'When a DEMO account expires.', resolve: field('expirationDate') }),
    equityOptionsLevel: t.int({ nullable: true, resolve: field('equityOptionsLevel') }),
    futuresOptionsLevel: t.int({ nullable: true, resolve: field('futuresOptionsLevel') }),
    allowedInstruments: t.stringList({ nullable: true, resolve: field('allowedInstruments') }),
    alpacaOmnibusSubAccountId: t.string({ nullable: true, resolve: field('alpacaOmnibusSubAccountId') }),
    selfDepositBalanceAllowed: t.boolean({ nullable: true, resolve: field('selfDepositBalanceAllowed') }),
    pdtAccount: t.boolean({ nullable: true, resolve: field('pdtAccount') }),
    categories: t.field({ type: [AccountCategoryValue], resolve: async (ref, _, ctx) => (await account(ref, ctx)).categories ?? [] }),
    category: t.field({
      type: AccountCategoryValue,
      nullable: true,
      description: "The account's value in one category (GET .../account/{clearingCode}/{accountCode}/category/{categoryCode}).",
      args: { name: t.arg.string({ required: true }) },
      resolve: (ref, args, ctx) => {
        const [clearingCode, accountCode] = parsePairKey(ref.key);
        return memo(ctx, `dxcore:account-category:${ref.key}:${args.name}`, () => ctx.dxcore.accountCategory(clearingCode, accountCode, args.name));
      },
    }),
  }),
});

export const AccountConnection = builder.connectionObject({ type: AccountNode, name: 'AccountConnection' }, { name: 'AccountEdge' });

builder.queryFields((t) => ({
  account: t.field({
    type: AccountNode,
    nullable: true,
    description: 'One trading account. End users reach only their own (dxCore refuses others).',
    authScopes: { read: true, endUser: true },
    // dxCore answers an end user's token for their own accounts only, and the account is read with it.
    grantScopes: (_, __, ctx) => grantOwnIf(ctx.caller.kind === 'user'),
    args: { clearingCode: t.arg.string({ required: true }), accountCode: t.arg.string({ required: true }) },
    resolve: (_, args) => pairKey(args.clearingCode, args.accountCode),
  }),
  accounts: t.connection({
    type: AccountNode,
    nullable: true,
    authScopes: { read: true },
    args: { status: t.arg({ type: AccountStatus }), type: t.arg({ type: AccountRole }) },
    resolve: async (_, args, ctx, info) => {
      prefetchBrokersFor(selectedBelow(info, ['edges', 'node', 'broker']), ctx);
      const accounts = await listAccounts(ctx, { status: args.status ?? undefined, type: args.type ?? undefined });
      return arrayConnection(args, accounts.map(accountRefOf));
    },
  }, AccountConnection),
}));
