import { initContextCache } from '@pothos/core';
import { createSourceEventStream, execute, type ExecutionArgs } from 'graphql';
import { isAsyncIterable, makeSubscribe, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Revoked } from '../auth/revocation.ts';
import type { Delivery } from '../events/hub.ts';

/** The id of the event a subscription delivers (its root value), when it is one. */
const eventIdOf = (payload: unknown): string | undefined => {
  const delivery = payload as Delivery | Revoked;
  return delivery.kind === 'event' ? delivery.event.id : undefined;
};

/**
 * graphql-js's subscribe, with each event resolved on a context of its own: the subscription's, with
 * fresh request caches (Pothos keeps loaders and memos per context, `initContextCache`), so that no event
 * is answered from data loaded for an earlier one. Its result carries the event's id in
 * `extensions.eventId`, which SSE sends as the message's `id:`. By hand: graphql-js runs every event on
 * the subscription's one context, and envelop's execute-subscription-event plugin is not a dependency.
 */
const subscribeWithEventContexts = makeSubscribe(async (args: ExecutionArgs) => {
  const events = await createSourceEventStream(args);
  if (!isAsyncIterable(events)) return events;
  return mapAsyncIterator(events, async (payload: unknown) => {
    const result = await execute({ ...args, rootValue: payload, contextValue: { ...(args.contextValue as object), ...initContextCache() } });
    const eventId = eventIdOf(payload);
    return eventId === undefined ? result : { ...result, extensions: { ...result.extensions, eventId } };
  });
});

/** Subscriptions resolve each event on a fresh context (above). Before the plugins that wrap the subscribe function (the upstream-call allowance). */
export function useEventContexts(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribeWithEventContexts);
    },
  };
}
