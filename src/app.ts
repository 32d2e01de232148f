import { GraphQLError } from 'graphql';
import { createYoga, maskError as yogaMaskError, type YogaServerInstance } from 'graphql-yoga';
import { addressOf, type Caller, type Callers } from './auth/callers.ts';
import type { SessionRevocations } from './auth/revocation.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { DxTradeXtMode } from './dxtradext-modes.ts';
import type { EventHub } from './events/hub.ts';
import type { Context } from './graph/context.ts';
import type { ConfirmationVersions } from './graph/market-data/confirmations.ts';
import { knownError, maskedCode } from './graph/errors.ts';
import { useEventContexts } from './graph/event-contexts.ts';
import type { SharedLocks } from './locks.ts';
import { schema } from './graph/schema.ts';
import type { Upstreams } from './upstreams/index.ts';
import { logger } from './observability/logger.ts';
import { useObservability, yogaLogging } from './observability/graphql.ts';
import { currentRequestId } from './request-id.ts';
import { graphiqlPage, useGraphiQLPolicy } from './http/graphiql.ts';
import { csrfHeader } from './security/csrf.ts';
import { securityPlugins, type GatewaySecurity } from './security/index.ts';
import { corsFor } from './security/origins.ts';
import { useRequestErrors } from './security/request-errors.ts';
import { useSseEventIds } from './sse.ts';

export interface GatewayAppOptions {
  upstreams: Upstreams;
  /** Identifies each request's caller once (and each graphql-ws connection's, which ws.ts hands over). */
  callers: Callers;
  sessions: SessionStore;
  revocations: SessionRevocations;
  /** Which Retail API version activated each order awaiting confirmation (memory or Redis). */
  confirmations: ConfirmationVersions;
  mode: DxTradeXtMode;
  events: EventHub;
  /** With REDIS_URL: locks every instance sees. */
  locks?: SharedLocks | undefined;
  /** Query limits, rate limit, trusted documents, introspection, CSRF (src/security/). */
  security: GatewaySecurity;
  /** GraphiQL's opening state for a request from the client `address`: tabs and headers (demo mode fills these). */
  graphiql?: (request: Request, address: string | undefined) => { defaultTabs?: { query: string; variables?: string | undefined; headers?: string | undefined }[]; headers?: string | undefined };
  /** CORS_ORIGINS: the only origins whose pages may read answers. */
  corsOrigins: readonly string[];
}

/** Set for operations over graphql-ws: the caller identified at `connection_init`, and the socket's client address. */
export interface ServerContext {
  caller?: Caller | undefined;
  /** The graphql-ws socket's client address (an HTTP request's is read from Node's `req`). */
  address?: string | undefined;
}

/**
 * Errors the gateway knows (upstream failures, typed errors, refused input) get their stable `code`;
 * GraphQL errors the gateway raised pass as they are; anything else is masked (no stack, no URL) and
 * logged with the request id, which the masked error carries so that an operator can find the log line.
 */
export function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const known = knownError(original, error instanceof GraphQLError ? error : undefined);
  if (known) return known;
  // Never Yoga's development form (the original message and stack), whatever NODE_ENV says.
  const masked = yogaMaskError(error, message, false);
  if (!(masked instanceof GraphQLError) || masked.extensions.code !== maskedCode) return masked;
  const requestId = currentRequestId();
  logger.error({ requestId, err: original }, `unexpected failure (masked as ${maskedCode})`);
  return new GraphQLError(masked.message, { nodes: masked.nodes, positions: masked.positions, path: masked.path, extensions: { ...masked.extensions, requestId } });
}

/** The gateway as a Yoga app, not listening: the HTTP server (server.ts) and the graphql-ws adapter (ws.ts) drive it. */
export function createGatewayApp(options: GatewayAppOptions): YogaServerInstance<ServerContext, Context> {
  const { upstreams, callers, sessions } = options;
  const yoga: YogaServerInstance<ServerContext, Context> = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    renderGraphiQL: graphiqlPage,
    graphiql: (request, serverContext) => ({ title: 'Brokerage GraphQL gateway', additionalHeaders: { [csrfHeader]: 'graphiql' }, ...options.graphiql?.(request, addressOf(serverContext)) }),
    cors: corsFor(options.corsOrigins),
    maxRequestBodySize: options.security.limits.bodyBytes,
    maskedErrors: { maskError },
    logging: yogaLogging(),
    // Request errors get their codes before the operation records read them. A shared execution runs
    // through the envelop of its first subscriber's context (its subscribe reads only its arguments).
    plugins: [
      useRequestErrors(),
      useObservability(),
      useEventContexts(options.events.queueLimit, (context) => yoga.getEnveloped(context as never)),
      ...securityPlugins(options.security, callers),
      useSseEventIds(),
      useGraphiQLPolicy(),
    ],
    context: async (initial) => {
      // Over graphql-ws there is no request: the connection's caller goes on while their session lasts.
      const caller = await (initial.request ? callers.ofRequest(initial.request, addressOf(initial)) : callers.stillSignedIn(initial.caller ?? { kind: 'anonymous' }));
      const dxcore = upstreams.dxcore.as(caller.kind === 'user' ? { kind: 'user', token: caller.token } : { kind: 'service' });
      const resumeAfter = initial.request?.headers.get('last-event-id') ?? undefined;
      const address = addressOf(initial) ?? initial.address;
      const operation = { schema, query: initial.params.query ?? '', operationName: initial.params.operationName };
      return {
        caller,
        dxcore,
        upstreams,
        sessions,
        operation,
        mode: options.mode,
        limits: options.security.limits,
        events: options.events,
        locks: options.locks,
        resumeAfter,
        subscriptions: options.security.subscriptions,
        logins: options.security.loginThrottle,
        address,
        revocations: options.revocations,
        confirmations: options.confirmations,
      };
    },
  });
  return yoga;
}
