import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../graph/context.ts';
import { CallAllowance, withAllowance } from '../upstreams/allowance.ts';
import { callerKeyOf } from './rate-limit.ts';

/**
 * Runs each `next()` of a subscription's results with an allowance of its own: the event is resolved
 * inside that call. (graphql-yoga's `mapAsyncIterator` maps the values, not the calls that make them.)
 */
function eachWithOwnAllowance<T>(results: AsyncIterable<T>, allowance: () => CallAllowance): AsyncIterableIterator<T> {
  const iterator = results[Symbol.asyncIterator]();
  return {
    next: () => withAllowance(allowance(), () => iterator.next()),
    return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Gives every operation its allowance of `calls` upstream calls (GRAPHQL_LIMITS.upstreamCalls), in its
 * caller's name: a query or a mutation one for all it resolves, a subscription one to start and one
 * per event. The upstream clients refuse, unsent, each call past it (src/upstreams/http.ts).
 */
export function useUpstreamAllowance(calls: number): Plugin {
  const allowanceOf = (context: unknown) => {
    const { caller, address } = context as Context;
    return new CallAllowance(callerKeyOf(caller, address), calls);
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const allowance = allowanceOf(args.contextValue);
      setExecuteFn((execution) => withAllowance(allowance, () => executeFn(execution)));
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const allowance = allowanceOf(args.contextValue);
      setSubscribeFn((subscription) => withAllowance(allowance, () => subscribeFn(subscription)));
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(eachWithOwnAllowance(result, () => allowanceOf(args.contextValue)));
        },
      };
    },
  };
}
