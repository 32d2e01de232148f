import type { GraphQLSchema } from 'graphql';
import type { Caller } from '../auth/callers.ts';
import type { SessionRevocations } from '../auth/revocation.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { DxTradeXtMode } from '../dxtradext-modes.ts';
import type { Delivery, EventHub, LiveHandoff } from '../events/hub.ts';
import type { EventSink } from './event-results.ts';
import type { ConfirmationVersions } from './market-data/confirmations.ts';
import type { SharedLocks } from '../locks.ts';
import type { LoginThrottle } from '../security/login-throttle.ts';
import type { SubscriptionCap } from '../security/subscriptions.ts';
import type { QueryLimits } from '../security/settings.ts';
import type { DxCoreApi } from '../upstreams/dxcore.ts';
import type { Upstreams } from '../upstreams/index.ts';

/** What every resolver gets: the caller, the upstreams (dxCore bound to the caller) and the operation. */
export interface Context {
  caller: Caller;
  /** dxCore as this caller: an end user's own session, otherwise the gateway's service session. */
  dxcore: DxCoreApi;
  upstreams: Upstreams;
  sessions: SessionStore;
  /** DxTradeXT mode (document 003): decides onboarding, login and deactivation behaviour. */
  mode: DxTradeXtMode;
  /** The per-request limits resolvers enforce themselves (`nodes(ids:)`'s ids, `_entities`' representations). */
  limits: Pick<QueryLimits, 'nodeIds' | 'representations'>;
  /** The event streams: subscriptions read them, the gateway's own writes publish client events. */
  events: EventHub;
  /** With REDIS_URL: locks every instance sees (a dxFeed link's check and write); absent without. */
  locks?: SharedLocks | undefined;
  /** SUBSCRIPTIONS_PER_CALLER: each subscription holds one of its caller's slots while it runs; absent when off. */
  subscriptions?: SubscriptionCap | undefined;
  /** Which Retail API version activated each order awaiting confirmation. */
  confirmations: ConfirmationVersions;
  /** Ends an end user's subscriptions when their session ends. */
  revocations: SessionRevocations;
  /** Failed password tries per username and client address. */
  logins: LoginThrottle;
  /** The client address of the HTTP request or graphql-ws socket. */
  address: string | undefined;
  /** SSE's `Last-Event-ID`: where a subscription without `after` resumes. */
  resumeAfter?: string | undefined;
  /** A subscription's connection when it takes pushed results (graphql-ws, SSE): set by the transport. */
  live?: EventSink | undefined;
  /** Where the subscription hands its live events once caught up (src/graph/event-results.ts): set with `live`. */
  handoff?: LiveHandoff | undefined;
  /** A shared execution's source: the deliveries its group hands in, in place of a subscribe resolver's. */
  eventFeed?: AsyncIterableIterator<Delivery> | undefined;
  /** The operation as the caller sent it (a trusted document's text for its id): loaders derive dxCore `attributes` from what it selects. */
  operation: { schema: GraphQLSchema; query: string; operationName?: string | null | undefined };
}
