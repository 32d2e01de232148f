import { useDisableIntrospection } from '@envelop/disable-introspection';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Caller, Callers } from '../auth/callers.ts';
import { useCostLimit } from './cost.ts';
import { csrfHeader } from './csrf.ts';
import { queryLimitPlugins, useVariableDepthLimit } from './limits.ts';
import { callerKeyOf, rateLimited, useCallerRateLimit, type CallerRateLimiter } from './rate-limit.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { useResponseLimit } from './response-size.ts';
import type { QueryLimits, TrustedDocumentsMode } from './settings.ts';
import { useSingleCredentialCheck } from './credential-checks.ts';
import { useEnumValuesListed, useNoSuggestions } from './suggestions.ts';
import { useNoSubgraphSdl } from './subgraph-sdl.ts';
import type { SubscriptionCap } from './subscriptions.ts';
import { documentToRun, useTrustedDocuments } from './trusted-documents.ts';
export { readManifest, trustedDocuments } from './trusted-documents.ts';
import { SubscriptionCallPace } from './subscription-calls.ts';
import { useUpstreamAllowance } from './upstream-allowance.ts';

export { CallerRateLimiter } from './rate-limit.ts';
export { LoginThrottle } from './login-throttle.ts';

/** What the gateway enforces, resolved from `SecuritySettings` at start. */
export interface GatewaySecurity {
  introspection: boolean;
  trustedDocuments: TrustedDocumentsMode;
  /** Id → text of every trusted document (`trustedDocuments`). */
  documents: Map<string, string>;
  limits: QueryLimits;
  /** Absent when RATE_LIMIT is off. */
  rateLimiter?: CallerRateLimiter | undefined;
  /** Absent when SUBSCRIPTIONS_PER_CALLER is off. */
  subscriptions?: SubscriptionCap | undefined;
  /** Failed logins per username and address (LOGIN_LIMITS). */
  loginThrottle: LoginThrottle;
}

/**
 * The Yoga plugins of issue 5, in the order their hooks must run: CSRF prevention (request parse), the
 * caller's rate limit and trusted documents (params), then the query limits, the cost, one credential
 * check per request, introspection and schema suggestions (parse and validation, which graphql-ws runs
 * through the same envelop);
 * then each operation's allowance of upstream calls (execution) and the size of each result.
 */
export function securityPlugins(security: GatewaySecurity, callers: Callers): Plugin[] {
  return [
    useCSRFPrevention({ requestHeaders: [csrfHeader] }) as Plugin,
    ...(security.rateLimiter ? [useCallerRateLimit(security.rateLimiter, callers)] : []),
    ...useTrustedDocuments(security.trustedDocuments, security.documents),
    ...queryLimitPlugins(security.limits),
    useVariableDepthLimit(),
    useCostLimit(security.limits.cost),
    useSingleCredentialCheck(),
    ...(security.introspection ? [useEnumValuesListed()] : [useDisableIntrospection() as Plugin, useNoSubgraphSdl(), useNoSuggestions()]),
    useUpstreamAllowance(security.limits.upstreamCalls, new SubscriptionCallPace(security.limits.upstreamCalls, security.limits.subscriptionCallsPerSecond)),
    useResponseLimit(security.limits.responseBytes),
  ];
}

/** A graphql-ws `subscribe` message: who sent it (the connection's caller) and what it asks. */
export interface WebSocketSubscribe {
  caller: Caller;
  address: string | undefined;
  payload: { query: string; extensions?: unknown };
}

/**
 * The HTTP checks graphql-ws has no request for: each `subscribe` message draws on the caller's rate
 * limit and passes the trusted-documents rule. Answers the document text to parse, or throws the
 * GraphQL error to send back (without the HTTP status and headers, which a socket has no use for).
 */
export function webSocketAdmission(security: GatewaySecurity) {
  return async ({ caller, address, payload }: WebSocketSubscribe): Promise<string> => {
    if (security.rateLimiter) {
      const retryAfter = await security.rateLimiter.take(callerKeyOf(caller, address));
      if (retryAfter !== undefined) throw rateLimited(retryAfter, false);
    }
    return documentToRun(security.trustedDocuments, payload, security.documents);
  };
}

/**
 * A graphql-ws connection's caller from `connection_init`, or undefined to refuse it: a wrong credential
 * draws on its address's allowance, as a wrong credential over HTTP does, so that guessing is rate
 * limited on both; past the allowance this throws RATE_LIMITED, for the socket to be closed with.
 */
export function webSocketAuthorization(security: GatewaySecurity) {
  return async (identify: () => Promise<Caller>, address: string | undefined): Promise<Caller | undefined> => {
    try {
      return await identify();
    } catch {
      const retryAfter = await security.rateLimiter?.take(callerKeyOf({ kind: 'anonymous' }, address));
      if (retryAfter !== undefined) throw rateLimited(retryAfter, false);
      return undefined;
    }
  };
}

/** A GraphQL error as graphql-ws sends it: the `http` extension (status, headers) dropped. */
export function withoutHttp(error: GraphQLError): GraphQLError {
  if (!error.extensions.http) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
}
