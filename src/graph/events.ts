import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Revoked } from '../auth/revocation.ts';
import { ResumeError, type Delivery, type SubscribeOptions } from '../events/hub.ts';
import type { EventStream, LoggedEvent } from '../events/log.ts';
import { logger } from '../observability/logger.ts';
import { eventsDelivered, eventsReceived } from '../observability/metrics.ts';
import type { Context } from './context.ts';

/** Upstream event types (`ACCOUNT.UPDATED`) as GraphQL enum values (`ACCOUNT_UPDATED`), per the contract. */
export function eventTypeEnumValues<T extends string>(types: readonly T[]): Record<string, { value: T }> {
  return Object.fromEntries(types.map((type) => [type.replace('.', '_'), { value: type }]));
}

/**
 * A subscription's source: the hub's events of one stream after `after` (or, over SSE, the
 * `Last-Event-ID` header), then live. A resume point the log no longer holds, or that names an event
 * outside `visible` (what the caller may see at all; every event by default), is refused up front, and
 * so is a caller already holding SUBSCRIPTIONS_PER_CALLER subscriptions; its slot is freed when the
 * subscription ends. An end user's ends when their session does (src/auth/revocation.ts). Once caught up,
 * its live events go to `ctx.handoff` (the shared fan-out) when its transport set one. `route` lets the hub
 * offer it only the events of the one account `accept` can take.
 */
export async function eventSource(
  ctx: Context,
  stream: EventStream,
  after: string | null | undefined,
  accept: (event: LoggedEvent) => boolean,
  visible?: (event: LoggedEvent) => boolean,
  route?: SubscribeOptions['route'],
) {
  const slot = await ctx.subscriptions?.take(ctx.caller);
  try {
    const subscribed = await ctx.events.subscribe({ stream, after: after ?? ctx.resumeAfter, accept, visible, handoff: ctx.handoff, route });
    const source = ctx.revocations.guard(ctx.caller, subscribed);
    return slot ? slot.hold(source) : source;
  } catch (error) {
    slot?.release();
    if (!(error instanceof ResumeError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: 'EVENT_NOT_IN_LOG' } });
  }
}

/**
 * Resolves one delivery of a subscription: the event, or the error that ends the subscription. Each
 * event has a context of its own, with fresh request caches (src/graph/event-contexts.ts).
 */
export function deliveredEvent(delivery: Delivery | Revoked): LoggedEvent {
  if (delivery.kind === 'revoked') {
    throw new GraphQLError('Your session has ended: log in again, then subscribe again with after: the last event id you received', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (delivery.kind === 'overflow') {
    const resume = delivery.lastDeliveredId ? `subscribe again with after: "${delivery.lastDeliveredId}"` : 'subscribe again with the same arguments';
    throw new GraphQLError(`This subscriber fell more than ${delivery.limit} events behind and was closed; ${resume} to resume without loss`, {
      extensions: { code: 'SUBSCRIBER_TOO_SLOW', resumeAfter: delivery.lastDeliveredId ?? null },
    });
  }
  if (delivery.kind === 'resume-too-far') {
    throw new GraphQLError(`Cannot resume: more than ${delivery.limit} events came after that event; read the current state, then subscribe without after`, {
      extensions: { code: 'EVENT_NOT_IN_LOG' },
    });
  }
  // A shared execution's deliveries are counted as they are written, one per subscriber.
  if (!delivery.shared) eventsDelivered.inc({ stream: delivery.event.stream });
  return delivery.event;
}

/** A `types` filter argument: no list (or an empty one) lets every type through. */
export const typeFilter = (types: readonly string[] | null | undefined) => (event: LoggedEvent) => !types?.length || types.includes(event.type);

/** The dxCore changes the gateway itself makes, published on the `client` stream. */
export const clientEventTypes = [
  'CLIENT.CREATED',
  'CLIENT.UPDATED',
  'CLIENT.STATUS_CHANGED',
  'CLIENT.DELETED',
  'ACCOUNT.CREATED',
  'ACCOUNT.UPDATED',
  'FUNDS.DEPOSITED',
  'FUNDS.WITHDRAWN',
  'BALANCE.ADJUSTED',
] as const;
export type ClientEventType = (typeof clientEventTypes)[number];

/** What a client event names: the client, the account, the new status, the transfer. */
export interface ClientEventData {
  client?: { domain: string; login: string } | undefined;
  account?: { clearingCode: string; accountCode: string } | undefined;
  status?: string | undefined;
  transfer?: { id: string; kind: string; amount: number; currency: string } | undefined;
}

/**
 * Publishes a change the gateway made in dxCore (dxCore sends no webhooks). `id` makes a repeated
 * write publish once (a transfer's id); otherwise each call is a new event. A log failure is reported,
 * not thrown: the write itself succeeded and its answer must say so.
 */
export async function publishClientEvent(ctx: Context, type: ClientEventType, data: ClientEventData, id: string = randomUUID()): Promise<void> {
  try {
    const { duplicate } = await ctx.events.publish({ id, stream: 'client', type, createdAt: new Date().toISOString(), data });
    eventsReceived.inc({ source: 'gateway', outcome: duplicate ? 'duplicate' : 'accepted' });
  } catch (error) {
    eventsReceived.inc({ source: 'gateway', outcome: 'refused' });
    logger.error({ err: error, eventId: id, eventType: type }, 'client event was not logged');
  }
}
