import type { SimServer } from '../http.ts';
import type { DxAccount } from '../records.ts';
import { isJsonObject, jsonBody, type JsonObject } from './bodies.ts';
import { dxErrors } from './errors.ts';
import { ok, serviceOnly, type RouteContext } from './kit.ts';
import { accountKey, type DxCoreState } from './state.ts';
import { accountSnapshot } from './wire.ts';

/**
 * `POST /api/transaction-import` (document 000): each Transaction model is created, updated or deleted
 * on its own; one that cannot be is listed in `failedTransactions` with the documented enum code, and
 * the others still apply. A transaction's `cashEffect` moves its account's balance: added on CREATE,
 * replaced on UPDATE, taken back on DELETE. Positions are not modelled (dxCore reads show none).
 */

export interface ImportedTransaction {
  transactionId: string;
  accountKey: string;
  symbol: string;
  quantity: number;
  activityType?: string;
  cashEffect: number;
  timestamp: string;
  fields: JsonObject;
}

interface FailedTransaction {
  transactionId: string;
  errorCode: string;
  errorText: string;
}

interface ImportResult {
  createdTransactions: string[];
  updatedTransactions: string[];
  deletedTransactions: string[];
  failedTransactions: FailedTransaction[];
}

/** A per-transaction refusal: the documented enum code and a text. */
class TransactionFailure extends Error {
  readonly code: string;
  constructor(code: string, text: string) {
    super(text);
    this.code = code;
  }
}

function fail(code: string, text: string): never {
  throw new TransactionFailure(code, text);
}

const actions = ['CREATE', 'UPDATE', 'DELETE'] as const;
type Action = (typeof actions)[number];
/** "Unique id of transaction in format sessionCode:actionCode". */
const transactionIdFormat = /^[^:\s]+:[^:\s]+$/;
/** Cash movements: their symbol is the currency they move. */
const cashActivities = new Set(['DEPOSIT', 'WITHDRAWAL']);

export function registerTransactionRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'POST',
    '/api/transaction-import',
    serviceOnly(access, (req) => {
      const body = jsonBody(req);
      if (!Array.isArray(body)) throw dxErrors.invalidJson('body must be an array of Transaction models');
      return ok(importTransactions(state, body));
    }),
  );
}

export function importTransactions(state: DxCoreState, items: unknown[]): ImportResult {
  const result: ImportResult = { createdTransactions: [], updatedTransactions: [], deletedTransactions: [], failedTransactions: [] };
  const lists: Record<Action, string[]> = { CREATE: result.createdTransactions, UPDATE: result.updatedTransactions, DELETE: result.deletedTransactions };
  for (const item of items) {
    const fields = isJsonObject(item) ? item : {};
    const transactionId = typeof fields.transactionId === 'string' ? fields.transactionId : '';
    try {
      const action = importOne(state, fields);
      lists[action].push(transactionId);
    } catch (error) {
      if (!(error instanceof TransactionFailure)) throw error;
      result.failedTransactions.push({ transactionId, errorCode: error.code, errorText: error.message });
    }
  }
  return result;
}

function importOne(state: DxCoreState, fields: JsonObject): Action {
  const transactionId = readTransactionId(fields);
  const action = actions.find((a) => a === fields.action) ?? fail('ACTION_TYPE_IS_MISSED', 'action must be CREATE, UPDATE or DELETE');
  const stored = state.transactions.get(transactionId);
  if (action === 'CREATE' && stored) fail('DUPLICATE_TRANSACTION_ID', `transaction ${transactionId} already exists`);
  if (action !== 'CREATE' && !stored) fail('TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE', `transaction ${transactionId} is not found`);
  if (action === 'DELETE') {
    deleteTransaction(state, stored as ImportedTransaction);
    return action;
  }
  const account = findAccount(state, fields);
  if (stored && stored.accountKey !== accountKey(account.clearingCode, account.accountCode)) {
    fail('ACCOUNT_NUMBER_CANNOT_BE_UPDATED', 'a transaction stays on its account');
  }
  const transaction = readTransaction(transactionId, fields, account, stored);
  const delta = transaction.cashEffect - (stored?.cashEffect ?? 0);
  state.transactions.set(transactionId, transaction);
  moveBalance(state, account, delta);
  return action;
}

function readTransactionId(fields: JsonObject): string {
  const id = fields.transactionId;
  if (typeof id !== 'string' || id.trim() === '') return fail('EMPTY_TRANSACTION_ID', 'transactionId is empty');
  if (!transactionIdFormat.test(id)) fail('INCORRECT_TRANSACTION_ID', 'transactionId must be sessionCode:actionCode');
  return id;
}

/** `clearingCode` "If omitted default one will be used": then the account code alone must name one account. */
function findAccount(state: DxCoreState, fields: JsonObject): DxAccount {
  const accountCode = typeof fields.accountCode === 'string' ? fields.accountCode : '';
  const clearingCode = typeof fields.clearingCode === 'string' && fields.clearingCode !== '' ? fields.clearingCode : undefined;
  const account =
    clearingCode === undefined
      ? [...state.accounts.values()].find((a) => a.accountCode === accountCode)
      : state.account(clearingCode, accountCode);
  return account ?? fail('ACCOUNT_NOT_FOUND', `account ${accountCode} is not found`);
}

/** CREATE and UPDATE: quantity and symbol are required; an UPDATE keeps the activity type it had. */
function readTransaction(transactionId: string, fields: JsonObject, account: DxAccount, stored: ImportedTransaction | undefined): ImportedTransaction {
  const quantity = fields.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity === 0) fail('INCORRECT_QUANTITY', 'quantity must be a finite non-zero number');
  const symbol = typeof fields.symbol === 'string' ? fields.symbol.trim() : '';
  if (symbol === '') fail('SYMBOL_NOT_FOUND', 'symbol is empty');
  const activityType = typeof fields.activityType === 'string' ? fields.activityType : undefined;
  if (stored && activityType !== undefined && activityType !== stored.activityType) fail('MISMATCH_TRANSACTION_TYPE', 'activityType cannot change');
  if (activityType !== undefined && cashActivities.has(activityType) && symbol !== account.currency) {
    fail('CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY', `account currency is ${account.currency}`);
  }
  checkCharges(fields);
  const timestamp = readTimestamp(fields);
  return {
    transactionId,
    accountKey: accountKey(account.clearingCode, account.accountCode),
    symbol,
    quantity: quantity as number,
    activityType: activityType ?? stored?.activityType,
    cashEffect: readCashEffect(fields, quantity as number),
    timestamp,
    fields: { ...fields },
  };
}

/** `cashEffect`, or the cost basis when `calculateCashEffect` asks for it; absent means no cash moves. */
function readCashEffect(fields: JsonObject, quantity: number): number {
  const costBasis = fields.costBasis;
  if (costBasis !== undefined && (typeof costBasis !== 'number' || !Number.isFinite(costBasis))) fail('INCORRECT_COST_BASIS', 'costBasis must be a finite number');
  // "Should be Negative, if Qty is positive, and vice versa."
  if (typeof costBasis === 'number' && costBasis !== 0 && Math.sign(costBasis) === Math.sign(quantity)) {
    fail('COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN', 'costBasis must have the opposite sign of quantity');
  }
  if (fields.calculateCashEffect === true) {
    return typeof costBasis === 'number' ? costBasis : fail('INCORRECT_COST_BASIS', 'calculateCashEffect needs costBasis');
  }
  const cashEffect = fields.cashEffect;
  if (cashEffect === undefined || cashEffect === null) return 0;
  if (typeof cashEffect !== 'number' || !Number.isFinite(cashEffect)) return fail('INCORRECT_CASH_EFFECT', 'cashEffect must be a finite number');
  return cashEffect;
}

/** `commissions`, `fees`, `taxes`: Commission models with a finite `quantity`. */
function checkCharges(fields: JsonObject): void {
  for (const name of ['commissions', 'fees', 'taxes']) {
    const list = fields[name];
    if (list === undefined || list === null) continue;
    const valid = Array.isArray(list) && list.every((c) => isJsonObject(c) && typeof c.quantity === 'number' && Number.isFinite(c.quantity));
    if (!valid) fail('INCORRECT_COMMISSION_VALUE', `${name} must be Commission models with a finite quantity`);
  }
}

/** "If not set, timestamp is set to datetime of the API call." */
function readTimestamp(fields: JsonObject): string {
  const timestamp = fields.timestamp;
  if (timestamp === undefined || timestamp === null) return new Date().toISOString();
  const ms = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(ms) ? fail('UNEXPECTED_ERROR', 'timestamp must be an ISO date-time') : new Date(ms).toISOString();
}

function deleteTransaction(state: DxCoreState, stored: ImportedTransaction): void {
  state.transactions.delete(stored.transactionId);
  const account = state.accounts.get(stored.accountKey);
  if (account) moveBalance(state, account, -stored.cashEffect);
}

function moveBalance(state: DxCoreState, account: DxAccount, delta: number): void {
  if (delta === 0) return;
  state.adjustBalance(account, delta);
  state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
}
