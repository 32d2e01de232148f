import { randomUUID } from 'node:crypto';
import type { PlatformAccount } from '../records.ts';

/** Document 004's webhook event types. */
export type PlatformEventType =
  | 'ACCOUNT.CREATED'
  | 'ACCOUNT.ACTIVATED'
  | 'ACCOUNT.CLOSING_INITIATED'
  | 'ACCOUNT.CLOSED'
  | 'ACCOUNT.LOCKED'
  | 'ACCOUNT.UPDATED';

/** Document 004's "Account events" webhook body, field by field and in its order. */
export interface PlatformEvent {
  id: string;
  created_at: string;
  type: PlatformEventType;
  /** The account as it was when the event happened. */
  object: PlatformAccount;
  webhook_id: string;
}

export function platformEvent(type: PlatformEventType, object: PlatformAccount, webhookId: string, at: number): PlatformEvent {
  return { id: randomUUID(), created_at: new Date(at).toISOString(), type, object, webhook_id: webhookId };
}
