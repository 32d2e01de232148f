import { randomUUID } from 'node:crypto';
import type { RetailSubscription } from '../records.ts';

/** The dxFeed subscription callback types (a reading: docs/upstreams.md, "Webhooks"). */
export type RetailEventType =
  | 'SUBSCRIPTION.ACTIVATED'
  | 'SUBSCRIPTION.DEACTIVATED'
  | 'SUBSCRIPTION.ADDED'
  | 'SUBSCRIPTION.REMOVED'
  | 'SUBSCRIPTION.EXTENDED';

/**
 * A dxFeed subscription callback, shaped as the seeds README reads it: the subscriptions the change
 * touched, as a read would answer them right after the change.
 */
export interface RetailEvent {
  id: string;
  type: RetailEventType;
  createdAt: string;
  accountId: string;
  subscriptions: RetailSubscription[];
}

export function retailEvent(type: RetailEventType, accountId: string, subscriptions: RetailSubscription[], at: number): RetailEvent {
  return {
    id: randomUUID(),
    type,
    createdAt: new Date(at).toISOString(),
    accountId,
    subscriptions: subscriptions.map(({ name, status, expiresAt }) => ({ name, status, expiresAt })),
  };
}
