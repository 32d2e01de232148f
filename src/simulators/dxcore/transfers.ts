import { randomUUID } from 'node:crypto';
import type { DxTransferAnswer } from '../../readings.ts';
import type { SimRequest, SimResponse, SimServer } from '../http.ts';
import type { DxAccount } from '../records.ts';
import { objectBody } from './bodies.ts';
import { dxErrors, dxWriteErrors } from './errors.ts';
import { serviceOnly, type RouteContext } from './kit.ts';
import { accountKey, type DxCoreState } from './state.ts';

/**
 * Deposits, withdrawals and adjustments (document 000), with the readings.ts rules for what the
 * document leaves blank: an id makes a transfer idempotent (same body: 200 and the first answer, the
 * balance moved once; another body: 409), and failures carry the readings' codes.
 */

export type TransferKind = DxTransferAnswer['kind'];

/** The path segment of each kind. */
const kindSegments = { deposit: 'DEPOSIT', withdrawal: 'WITHDRAWAL', adjustment: 'ADJUSTMENT' } as const satisfies Record<string, TransferKind>;

/** A transfer as the state keeps it: the answer holds everything a replay is compared on. */
export interface AppliedTransfer {
  answer: DxTransferAnswer;
}

interface TransferRequest {
  kind: TransferKind;
  transferId: string | undefined;
  currency: string;
  amount: number;
  description: string | undefined;
}

export function registerTransferRoutes(server: SimServer, { state, access }: RouteContext): void {
  for (const [segment, kind] of Object.entries(kindSegments)) {
    const base = `/api/register/account/:clearingCode/:accountCode/${segment}`;
    server.route('POST', base, serviceOnly(access, (req) => transferRoute(state, req, kind, undefined)));
    server.route('PUT', `${base}/:id`, serviceOnly(access, (req) => transferRoute(state, req, kind, req.params.id ?? '')));
  }
}

function transferRoute(state: DxCoreState, req: SimRequest, kind: TransferKind, pathId: string | undefined): SimResponse {
  const account = state.account(req.params.clearingCode ?? '', req.params.accountCode ?? '');
  if (!account) throw dxErrors.accountNotFound();
  const { status, answer } = applyTransfer(state, account, readTransfer(req, kind, pathId));
  return { status, body: answer };
}

/** The Deposit / Withdrawal / Adjustment model; on `PUT .../{id}` a body `transferId` must be that id. */
function readTransfer(req: SimRequest, kind: TransferKind, pathId: string | undefined): TransferRequest {
  const body = objectBody(req);
  const currency = body.requiredString('currency');
  const amount = body.requiredNumber('amount');
  const description = body.string('description');
  const bodyId = body.string('transferId')?.trim() || undefined;
  if (pathId !== undefined && bodyId !== undefined && bodyId !== pathId) {
    throw dxErrors.invalidJson('transferId must be the id of the path');
  }
  return { kind, transferId: pathId ?? bodyId, currency, amount, description };
}

/**
 * Applies a transfer once: a known id answers its first answer (200) when the request is the same, a
 * conflict (409) otherwise, before any other check, so a replay succeeds even if the account has
 * changed since. A new transfer is checked, applied and answered with 201.
 */
export function applyTransfer(state: DxCoreState, account: DxAccount, request: TransferRequest): { status: 200 | 201; answer: DxTransferAnswer } {
  const ledger = ledgerOf(state, account);
  const known = request.transferId === undefined ? undefined : ledger.get(request.transferId);
  if (known) {
    if (!sameTransfer(known.answer, request)) throw dxWriteErrors.transferIdConflict(known.answer.transferId);
    return { status: 200, answer: { ...known.answer } };
  }
  checkTransfer(account, request);
  const answer: DxTransferAnswer = {
    transferId: request.transferId ?? randomUUID(),
    kind: request.kind,
    clearingCode: account.clearingCode,
    accountCode: account.accountCode,
    currency: request.currency,
    amount: request.amount,
    ...(request.description === undefined ? {} : { description: request.description }),
    createdDateTime: new Date().toISOString(),
  };
  const balance = state.adjustBalance(account, balanceChange(request));
  ledger.set(answer.transferId, { answer });
  state.events.emit({ type: 'transfer.applied', transfer: { ...answer }, balance });
  return { status: 201, answer: { ...answer } };
}

function ledgerOf(state: DxCoreState, account: DxAccount): Map<string, AppliedTransfer> {
  const key = accountKey(account.clearingCode, account.accountCode);
  let ledger = state.transfers.get(key);
  if (!ledger) {
    ledger = new Map();
    state.transfers.set(key, ledger);
  }
  return ledger;
}

/** Same kind, currency, amount and description: what the readings compare a repeated id on. */
function sameTransfer(applied: DxTransferAnswer, request: TransferRequest): boolean {
  return (
    applied.kind === request.kind &&
    applied.currency === request.currency &&
    applied.amount === request.amount &&
    applied.description === request.description
  );
}

/** Request errors (400) first, then what the account's state refuses (422). */
function checkTransfer(account: DxAccount, { kind, currency, amount }: TransferRequest): void {
  if (currency !== account.currency) throw dxWriteErrors.transferCurrencyMismatch(account.currency);
  if (!Number.isFinite(amount)) throw dxWriteErrors.invalidTransferAmount('amount must be finite');
  if (kind === 'ADJUSTMENT' ? amount === 0 : amount <= 0) {
    throw dxWriteErrors.invalidTransferAmount(kind === 'ADJUSTMENT' ? 'amount must not be zero' : 'amount must be positive');
  }
  if (account.status === 'TERMINATED' || account.status === 'EXPIRED') throw dxWriteErrors.accountNotActive(account.status);
  const withdrawn = kind === 'WITHDRAWAL' ? amount : kind === 'ADJUSTMENT' && amount < 0 ? -amount : 0;
  // The withdrawable amount is the balance: credit is lent by the broker and cannot be taken out.
  if (withdrawn > account.balance) throw dxWriteErrors.withdrawableAmountExceeded(account.balance);
}

function balanceChange({ kind, amount }: TransferRequest): number {
  return kind === 'WITHDRAWAL' ? -amount : amount;
}
