import type { DxImportResult } from '../../upstreams/dxcore-wire.ts';
import { logger } from '../../observability/logger.ts';
import { currentRequestId } from '../../request-id.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { optionalText, requireNonEmptyList } from '../validation.ts';
import { ValidationError } from '../typed-errors.ts';
import { mutation } from '../mutations.ts';

/**
 * Transaction import (document 000, TransactionImport): creates, updates and deletes account
 * transactions in one call. dxCore judges each transaction on its own and reports the ones it refused
 * in the answer, so the gateway checks only what a single transaction cannot say (an empty batch, its
 * size, field lengths) and leaves the per-transaction rules (ids, symbols, cost basis, ...) to dxCore.
 */

const maxTransactions = 1000;

const activityTypes = [
  'DIVIDEND', 'DEPOSIT', 'WITHDRAWAL', 'COMMISSION', 'EXPIRATION', 'DELISTING', 'SPIN_OFF', 'RENAME', 'M_AND_A', 'SPLIT', 'REBATE',
  'EXERCISE', 'POSITION_UPDATE', 'ADJUSTMENT', 'TRADE', 'SERVICE_CHARGE', 'FINANCING', 'ASSIGNMENT', 'OVERNIGHT_SHORT_FEE',
  'MARGIN_INTEREST', 'BOOK_TRADE', 'CORPORATE_ACTION',
] as const;

/** Document 000's "Failed transaction" `errorCode` values, every one. */
const transactionFailureCodes = [
  'INCORRECT_QUANTITY', 'ACCOUNT_NOT_FOUND', 'SYMBOL_NOT_FOUND', 'CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY',
  'NON_CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY', 'ACTION_TYPE_IS_MISSED', 'ACTION_TYPE_IS_NOT_SUPPORTED_FOR_INSTRUMENT_TYPE',
  'ONLY_DELETE_AND_UPDATE_FOR_TRADE', 'COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION', 'INCORRECT_COST_BASIS',
  'COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN', 'TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE', 'MULTILEG_TRANSACTION_CAN_NOT_BE_UPDATED',
  'EMPTY_TRANSACTION_ID', 'DUPLICATE_TRANSACTION_ID', 'INCORRECT_TRANSACTION_ID', 'COLUMN_CANNOT_BE_UPDATED_FOR_TRADE',
  'MISMATCH_TRANSACTION_TYPE', 'ACCOUNT_NUMBER_CANNOT_BE_UPDATED', 'UNEXPECTED_ERROR', 'INCORRECT_CASH_EFFECT', 'INCORRECT_PRICE',
  'INCORRECT_COMMISSION_VALUE', 'MISMATCH_TRADE_TYPE',
] as const;
type FailureCode = (typeof transactionFailureCodes)[number] | 'UNKNOWN';

export const TransactionAction = builder.enumType('TransactionAction', { values: ['CREATE', 'UPDATE', 'DELETE'] as const });

export const TransactionActivityType = builder.enumType('TransactionActivityType', {
  description: 'What a transaction is; dxCore takes ADJUSTMENT with the product leg when it is omitted.',
  values: activityTypes,
});

export const TransactionFailureCode = builder.enumType('TransactionFailureCode', {
  description: "Why dxCore refused one transaction: document 000's values, and UNKNOWN for a value it does not list (the raw value is in `upstreamCode`).",
  values: [...transactionFailureCodes, 'UNKNOWN'] as const,
});

const TransactionChargeInput = builder.inputType('TransactionChargeInput', {
  description: 'A commission, fee or tax of a transaction.',
  fields: (t) => ({
    quantity: t.float({ required: true }),
    type: t.string({ description: 'Its type; may be omitted.' }),
  }),
});

const TransactionInput = builder.inputType('TransactionInput', {
  description: "One transaction, as document 000's Transaction model.",
  fields: (t) => ({
    transactionId: t.string({ required: true, description: 'Unique id, "sessionCode:actionCode".' }),
    action: t.field({ type: TransactionAction, required: true }),
    accountCode: t.string({ required: true }),
    clearingCode: t.string({ description: "dxCore's default clearing code when omitted." }),
    symbol: t.string({ required: true, description: 'Instrument symbol, e.g. IBM, AAPL.' }),
    quantity: t.float({ required: true }),
    timestamp: t.field({ type: 'DateTime', description: 'When it happened; the time of the call when omitted.' }),
    costBasis: t.float({ description: 'Total cost: for stocks, ETFs and mutual funds negative when quantity is positive, and vice versa.' }),
    cashEffect: t.float({ description: 'Effect on the account balance; none (only the position changes) when omitted.' }),
    calculateCashEffect: t.boolean({ description: 'dxCore computes cashEffect from costBasis.' }),
    activityType: t.field({ type: TransactionActivityType }),
    description: t.string({ description: "dxCore's transactionDescription." }),
    commissions: t.field({ type: [TransactionChargeInput] }),
    fees: t.field({ type: [TransactionChargeInput] }),
    taxes: t.field({ type: [TransactionChargeInput] }),
  }),
});

const ImportTransactionsInput = builder.inputType('ImportTransactionsInput', {
  fields: (t) => ({
    transactions: t.field({ type: [TransactionInput], required: true, description: `At most ${maxTransactions} per call.` }),
  }),
});

type TransactionArgs = typeof TransactionInput.$inferInput;
type ChargeArgs = typeof TransactionChargeInput.$inferInput;

const given = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

const charges = (list: readonly ChargeArgs[] | null | undefined) =>
  list?.map((c) => ({ quantity: c.quantity, ...(c.type ? { type: c.type } : {}) }));

/** The wire Transaction model; fields the caller left out stay out, so dxCore's defaults apply. */
function wireTransaction(tx: TransactionArgs, i: number): Record<string, unknown> {
  const at = `input.transactions[${i}]`;
  if (tx.transactionId.length > 256) throw new ValidationError(`${at}.transactionId`, `${at}.transactionId must be at most 256 characters`);
  const wire = {
    transactionId: tx.transactionId,
    action: tx.action,
    accountCode: tx.accountCode,
    clearingCode: given(tx.clearingCode),
    symbol: tx.symbol,
    quantity: tx.quantity,
    timestamp: tx.timestamp?.toISOString(),
    costBasis: given(tx.costBasis),
    cashEffect: given(tx.cashEffect),
    calculateCashEffect: given(tx.calculateCashEffect),
    activityType: given(tx.activityType),
    transactionDescription: optionalText(`${at}.description`, tx.description, 1024),
    commissions: charges(tx.commissions),
    fees: charges(tx.fees),
    taxes: charges(tx.taxes),
  };
  return Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined));
}

interface FailedShape {
  transactionId: string;
  code: FailureCode;
  upstreamCode: string;
  message: string;
}

const known = new Set<string>(transactionFailureCodes);

const FailedTransaction = builder.objectRef<FailedShape>('FailedTransaction').implement({
  description: 'A transaction dxCore refused; the others of the call were imported.',
  fields: (t) => ({
    transactionId: t.exposeString('transactionId'),
    code: t.field({ type: TransactionFailureCode, resolve: (f) => f.code }),
    upstreamCode: t.exposeString('upstreamCode', { description: "dxCore's errorCode (UNKNOWN when it is not a plain code)." }),
    message: t.exposeString('message', { description: 'What the code means; dxCore\'s own errorText goes to the operator\'s log, never to the caller.' }),
  }),
});

/** dxCore's code shown only when it is a plain code (upstream text is not passed on); the row's errorText is logged for the operator. */
function failedTransaction(f: DxImportResult['failedTransactions'][number]): FailedShape {
  const upstreamCode = /^[A-Z0-9_]{1,64}$/.test(f.errorCode) ? f.errorCode : 'UNKNOWN';
  logger.info({ requestId: currentRequestId(), upstream: 'dxcore', transactionId: f.transactionId, code: f.errorCode, upstreamMessage: f.errorText }, 'upstream refused a transaction');
  return {
    transactionId: f.transactionId,
    code: known.has(upstreamCode) ? (upstreamCode as FailureCode) : 'UNKNOWN',
    upstreamCode,
    message: `dxCore refused the transaction: ${upstreamCode.toLowerCase().replaceAll('_', ' ')}`,
  };
}

const TransactionsImported = builder.objectRef<DxImportResult>('TransactionsImported').implement({
  description: 'What dxCore did with each transaction of the call; ids are "sessionCode:actionCode".',
  fields: (t) => ({
    created: t.idList({ resolve: (r) => r.createdTransactions }),
    updated: t.idList({ resolve: (r) => r.updatedTransactions }),
    deleted: t.idList({ resolve: (r) => r.deletedTransactions }),
    failed: t.field({
      type: [FailedTransaction],
      resolve: (r) => r.failedTransactions.map(failedTransaction),
    }),
    complete: t.boolean({ description: 'True when no transaction failed.', resolve: (r) => r.failedTransactions.length === 0 }),
  }),
});

/**
 * Activities whose instrument is a product, not cash: document 000 has them change "only the
 * corresponding instrument/position" unless a cashEffect is given. Every other activity (DEPOSIT,
 * WITHDRAWAL, DIVIDEND, COMMISSION, ADJUSTMENT, MARGIN_INTEREST, ...) is a movement of cash itself.
 */
const productActivities = new Set<string>([
  'TRADE', 'BOOK_TRADE', 'EXERCISE', 'ASSIGNMENT', 'EXPIRATION', 'DELISTING', 'SPIN_OFF', 'RENAME', 'M_AND_A', 'SPLIT',
  'POSITION_UPDATE', 'CORPORATE_ACTION',
]);

/** ISO 4217 codes, from the runtime: a transaction in one of them is a cash position (CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY). */
const currencies = new Set(Intl.supportedValuesOf('currency'));

const charged = (tx: TransactionArgs) => [tx.commissions, tx.fees, tx.taxes].some((list) => (list?.length ?? 0) > 0);

/**
 * Whether a transaction may move cash: an update or delete (it can change or reverse the cash effect
 * dxCore holds), a cash effect given or calculated, a commission, fee or tax, a cash activity, or a
 * currency as its symbol. Omitted, the activity is ADJUSTMENT of the product leg (document 000). Moving
 * cash needs `transfers`, as a deposit does.
 */
const movesCash = (tx: TransactionArgs) =>
  tx.action !== 'CREATE' ||
  (tx.cashEffect ?? null) !== null ||
  tx.calculateCashEffect === true ||
  charged(tx) ||
  (tx.activityType !== null && tx.activityType !== undefined && !productActivities.has(tx.activityType)) ||
  currencies.has(tx.symbol.trim().toUpperCase());

async function importTransactions(input: typeof ImportTransactionsInput.$inferInput, ctx: Context): Promise<DxImportResult> {
  const transactions = requireNonEmptyList('input.transactions', input.transactions, maxTransactions).map(wireTransaction);
  return (await ctx.upstreams.dxcore.service.writes.importTransactions(transactions)).data;
}

mutation('importTransactions', {
  description:
    'Imports account transactions (dxCore POST /api/transaction-import): each is created, updated, deleted or reported in `failed`. ' +
    'Needs the `admin` scope: it rewrites trade history; a batch that can move cash (an UPDATE or a DELETE, a cashEffect or calculateCashEffect, commissions, fees or taxes, ' +
    'a cash activity such as DEPOSIT, WITHDRAWAL, DIVIDEND or ADJUSTMENT, or a currency as the symbol) needs `transfers` too.',
  args: (arg) => ({ input: arg({ type: ImportTransactionsInput, required: true }) }),
  scope: ({ input }) => (input.transactions.some(movesCash) ? { $all: { admin: true, transfers: true } } : { admin: true }),
  success: TransactionsImported,
  resolve: ({ input }, ctx) => importTransactions(input, ctx),
});
