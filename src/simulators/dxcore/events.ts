import type { DxTransferAnswer } from '../../readings.ts';
import type { DxAccount, DxClient } from '../records.ts';

/**
 * What the dxCore simulator reports when its state changes (DxCoreSimulator.events). Records are
 * wire-shaped snapshots taken at the change (simulator-only fields removed), so that a listener may
 * keep or send them without seeing later changes.
 */
export type DxCoreEvent =
  | { type: 'transfer.applied'; transfer: DxTransferAnswer; balance: number }
  | { type: 'client.created'; client: ClientSnapshot }
  | { type: 'client.updated'; client: ClientSnapshot }
  | { type: 'client.statusChanged'; domain: string; login: string; from: DxClient['status']; to: DxClient['status'] }
  | { type: 'client.deleted'; domain: string; login: string }
  | { type: 'account.created'; account: AccountSnapshot; owner: { domain: string; login: string } }
  | { type: 'account.updated'; account: AccountSnapshot }
  | { type: 'account.terminated'; account: AccountSnapshot };

export type AccountSnapshot = Omit<DxAccount, 'owner'>;
/** The Client model as `GET /api/register/client/{domain}/{login}` answers it. */
export type ClientSnapshot = Record<string, unknown>;
