import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../graph/context.ts';
import { CallAllowance, withAllowance } from '../upstreams/allowance.ts';
import { callerKeyOf } from './rate-limit.ts';
import type { SubscriptionCallPace, SubscriptionPace } from './subscription-calls.ts';

/**
 * Runs each `next()` of a subscription's results with an allowance of its own: the event is resolved
 * inside that call. Its calls are paced (`pace`), which ends with the subscription. (graphql-yoga's
 * `mapAsyncIterator` maps the values, not the calls that make them.)
 */
function eachWithOwnAllowance<T>(results: AsyncIterable<T>, allowance: () => CallAllowance, pace: SubscriptionPace): AsyncIterableIterator<T> {
  const iterator = results[Symbol.asyncIterator]();
  return {
    next: () => withAllowance(allowance(), () => iterator.next()),
    return: (value?: unknown) => {
      pace.end();
      return iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Gives every operation its allowance of `calls` upstream calls (GRAPHQL_LIMITS.upstreamCalls), in its
 * caller's name: a query or a mutation one for all it resolves, a subscription one to start and one
 * per event, whose calls also wait for the caller's subscription pace (`pace`, GRAPHQL_LIMITS
 * subscriptionCallsPerSecond). The upstream clients refuse, unsent, each call past it (src/upstreams/http.ts).
 */
export function useUpstreamAllowance(calls: number, pace: SubscriptionCallPace): Plugin {
  const callerOf = (context: unknown) => {
    const { caller, address } = context as Context;
    return callerKeyOf(caller, address);
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const allowance = new CallAllowance(callerOf(args.contextValue), calls);
      setExecuteFn((execution) => withAllowance(allowance, () => executeFn(execution)));
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const caller = callerOf(args.contextValue);
      const allowance = new CallAllowance(caller, calls);
      setSubscribeFn((subscription) => withAllowance(allowance, () => subscribeFn(subscription)));
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result)) return;
          const paced = pace.of(caller);
          setResult(eachWithOwnAllowance(result, () => new CallAllowance(caller, calls, { pace: paced.take }), paced));
        },
      };
    },
  };
}
