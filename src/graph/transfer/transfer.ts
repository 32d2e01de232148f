import { randomUUID } from 'node:crypto';
import type { DxTransfer } from '../../upstreams/dxcore-wire.ts';
import type { TransferKind as WireKind } from '../../upstreams/dxcore-writes.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { publishClientEvent } from '../events.ts';
import { pairKey } from '../loading.ts';
import { mutation, type ArgBuilder } from '../mutations.ts';
import { optionalText, requireAmount, requireCurrency, requireId, requireText } from '../validation.ts';
import { AccountNode, type AccountRef } from '../account/account.ts';
import { RejectedError } from '../typed-errors.ts';

const kinds = { DEPOSIT: 'deposit', WITHDRAWAL: 'withdrawal', ADJUSTMENT: 'adjustment' } as const satisfies Record<string, WireKind>;
type Kind = keyof typeof kinds;
const eventTypes = { DEPOSIT: 'FUNDS.DEPOSITED', WITHDRAWAL: 'FUNDS.WITHDRAWN', ADJUSTMENT: 'BALANCE.ADJUSTED' } as const;

interface TransferShape {
  kind: Kind;
  record: DxTransfer;
  /** dxCore answered 200, not 201: this id had been applied before, and was not applied again. */
  replayed: boolean;
  account: AccountRef;
}

export const TransferKind = builder.enumType('TransferKind', { values: Object.keys(kinds) as Kind[] });

const Transfer = builder.objectRef<TransferShape>('Transfer').implement({
  description: 'A deposit, withdrawal or balance adjustment, applied once per id.',
  fields: (t) => ({
    id: t.id({ description: 'The transfer id: the caller\'s `transferId`, or the one the gateway generated.', resolve: (s) => s.record.transferId }),
    kind: t.field({ type: TransferKind, resolve: (s) => s.kind }),
    amount: t.float({ resolve: (s) => s.record.amount }),
    currency: t.string({ resolve: (s) => s.record.currency }),
    description: t.string({ nullable: true, resolve: (s) => s.record.description }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.record.createdDateTime }),
    replayed: t.boolean({ description: 'True when this id had already been applied: the answer describes that transfer and no money moved now.', resolve: (s) => s.replayed }),
  }),
});

const TransferSuccess = builder.objectRef<TransferShape>('TransferSuccess').implement({
  fields: (t) => ({
    transfer: t.field({ type: Transfer, resolve: (s) => s }),
    account: t.field({ type: AccountNode, description: 'The account as dxCore has it after the transfer (read afresh).', resolve: (s) => s.account }),
  }),
});

const TransferInput = builder.inputType('TransferInput', {
  fields: (t) => ({
    clearingCode: t.string({ required: true }),
    accountCode: t.string({ required: true }),
    amount: t.float({ required: true, description: 'Positive; for adjustments, non-zero (negative takes money out).' }),
    currency: t.string({ required: true, description: "The account's currency, e.g. USD." }),
    description: t.string(),
    transferId: t.string({ description: 'Makes the call safe to repeat: the same id moves money once. Generated (and returned) when omitted.' }),
  }),
});

type TransferArgs = typeof TransferInput.$inferInput;

function validated(kind: Kind, input: TransferArgs) {
  const currency = requireCurrency('input.currency', input.currency);
  return {
    clearingCode: requireText('input.clearingCode', input.clearingCode),
    accountCode: requireText('input.accountCode', input.accountCode),
    amount: requireAmount('input.amount', input.amount, currency, kind === 'ADJUSTMENT' ? 'nonZero' : 'positive'),
    currency,
    description: optionalText('input.description', input.description),
    transferId: input.transferId === null || input.transferId === undefined ? randomUUID() : requireId('input.transferId', input.transferId),
  };
}

/**
 * Checks the input against the account before moving money (currency, existence), then sends the
 * idempotent `PUT .../{kind}/{transferId}`: a retry by the gateway or by the caller applies it once.
 */
async function transfer(kind: Kind, input: TransferArgs, ctx: Context): Promise<TransferShape> {
  const args = validated(kind, input);
  const account = await ctx.dxcore.account(args.clearingCode, args.accountCode, 'currency');
  if (account.currency !== undefined && account.currency !== args.currency) {
    // The account's own currency is not named: a `transfers` key without `read` may not learn it.
    throw new RejectedError('CURRENCY_MISMATCH', `input.currency ${args.currency} is not the account's currency`);
  }
  const { clearingCode, accountCode, transferId, ...body } = args;
  const answer = await ctx.dxcore.writes.transfer(kinds[kind], clearingCode, accountCode, transferId, body);
  const key = pairKey(clearingCode, accountCode);
  // The balance changed: a later read in this request must not see the old record.
  AccountNode.getDataloader(ctx).clear(key);
  const { transferId: id, amount, currency } = answer.data;
  // dxCore scopes transfer ids per account, so the event id names the account too; a replay reuses it and is logged once.
  const eventId = `${kinds[kind]}:${encodeURIComponent(clearingCode)}/${encodeURIComponent(accountCode)}/${id}`;
  await publishClientEvent(ctx, eventTypes[kind], { account: { clearingCode, accountCode }, transfer: { id, kind, amount, currency } }, eventId);
  return { kind, record: answer.data, replayed: answer.status === 200, account: { key } };
}

const transferInput = (arg: ArgBuilder) => ({ input: arg({ type: TransferInput, required: true }) });

mutation('depositFunds', {
  description: 'Deposits into a trading account.',
  args: transferInput,
  scope: { transfers: true },
  success: TransferSuccess,
  resolve: ({ input }, ctx) => transfer('DEPOSIT', input, ctx),
});

mutation('withdrawFunds', {
  description: 'Withdraws from a trading account; refused (INSUFFICIENT_FUNDS) beyond the withdrawable amount.',
  args: transferInput,
  scope: { transfers: true },
  success: TransferSuccess,
  resolve: ({ input }, ctx) => transfer('WITHDRAWAL', input, ctx),
});

mutation('adjustBalance', {
  description: 'Adjusts a balance up (positive amount) or down (negative).',
  args: transferInput,
  scope: { transfers: true },
  success: TransferSuccess,
  resolve: ({ input }, ctx) => transfer('ADJUSTMENT', input, ctx),
});
