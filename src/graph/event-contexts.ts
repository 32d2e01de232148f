import { initContextCache } from '@pothos/core';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, makeSubscribe, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Revoked } from '../auth/revocation.ts';
import { sessionId } from '../auth/sessions.ts';
import type { Delivery } from '../events/hub.ts';
import { eventExecutions } from '../observability/metrics.ts';
import { callerKeyOf } from '../security/rate-limit.ts';
import type { Context } from './context.ts';
import { SharedEventResults, type OpenExecution } from './event-results.ts';

/** The event a subscription delivers (its root value), when it is one. */
const eventOf = (payload: unknown) => {
  const delivery = payload as Delivery | Revoked;
  return delivery.kind === 'event' ? delivery.event : undefined;
};

/**
 * graphql-js's subscribe, with each event resolved on a context of its own: the subscription's, with
 * fresh request caches (Pothos keeps loaders and memos per context, `initContextCache`), so that no event
 * is answered from data loaded for an earlier one. Its result carries the event's id in
 * `extensions.eventId`, which SSE sends as the message's `id:`. By hand: graphql-js runs every event on
 * the subscription's one context, and envelop's execute-subscription-event plugin is not a dependency.
 * A shared execution (src/graph/event-results.ts) reads its group's feed: its members' subscribe resolvers
 * have already run, with their own checks.
 */
const subscribeWithEventContexts = makeSubscribe(async (args: ExecutionArgs) => {
  const events = (args.contextValue as Context).eventFeed ?? (await createSourceEventStream(args));
  if (!isAsyncIterable(events)) return events;
  return mapAsyncIterator(events, async (payload: unknown): Promise<ExecutionResult> => {
    const result = await execute({ ...args, rootValue: payload, contextValue: { ...(args.contextValue as object), ...initContextCache() } });
    const event = eventOf(payload);
    if (event === undefined) return result;
    eventExecutions.inc({ stream: event.stream });
    return { ...result, extensions: { ...result.extensions, eventId: event.id } };
  });
});

/**
 * What a subscription's results can depend on: its caller (key or user, and so its scopes), its document,
 * operation name and variables. An end user's session too: the shared execution reads dxCore with one
 * session's token, which must not outlive that session's own subscriptions.
 */
const shareKey = (args: ExecutionArgs): string => {
  const { caller, address, operation } = args.contextValue as Context;
  const session = caller.kind === 'user' ? sessionId(caller.token) : null;
  return JSON.stringify([callerKeyOf(caller, address), session, operation.query, args.operationName ?? null, args.variableValues ?? null]);
};

/** A Yoga app's envelop for a context: runs a group's shared execution through every plugin, as the subscriber's own would run. */
export type Enveloped = (context: Context) => { subscribe: (args: ExecutionArgs) => Promise<unknown> };

/**
 * Subscriptions resolve each event on a fresh context (above); one whose transport writes pushed
 * results (`live`, graphql-ws and SSE) gets the handoff to the shared fan-out. Before the plugins that
 * wrap the subscribe function (the upstream-call allowance).
 */
export function useEventContexts(queueLimit: number, enveloped: Enveloped): Plugin<Context> {
  const shared = new SharedEventResults(queueLimit);
  return {
    onSubscribe({ args, setSubscribeFn, extendContext }) {
      setSubscribeFn(subscribeWithEventContexts);
      const context = args.contextValue;
      if (!context.live || context.eventFeed) return;
      const open: OpenExecution = (feed) =>
        enveloped(context).subscribe({ ...args, contextValue: { ...context, live: undefined, handoff: undefined, eventFeed: feed } }) as ReturnType<OpenExecution>;
      extendContext({ handoff: shared.handoff(shareKey(args), context.live, open) });
    },
  };
}
