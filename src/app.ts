import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createYoga, maskError as yogaMaskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { identifyCaller, RequestCallers, unauthenticated, type ApiKeys } from './auth/callers.ts';
import type { SessionRevocations } from './auth/revocation.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { DxTradeXtMode } from './config.ts';
import type { EventHub } from './events/hub.ts';
import type { Context } from './graph/context.ts';
import type { SharedLocks } from './locks.ts';
import { knownError } from './graph/errors.ts';
import { schema } from './graph/schema.ts';
import type { Upstreams } from './upstreams/index.ts';
import { logger } from './observability/logger.ts';
import { useObservability, yogaLogging } from './observability/graphql.ts';
import { currentRequestId } from './request-id.ts';
import { csrfHeader, securityPlugins, type GatewaySecurity } from './security/index.ts';
import { corsFor } from './security/origins.ts';
import { addressOf } from './security/rate-limit.ts';
import { useRequestErrors } from './security/request-errors.ts';
import { useEventIds } from './sse.ts';

export interface GatewayAppOptions {
  upstreams: Upstreams;
  keys: ApiKeys;
  sessions: SessionStore;
  revocations: SessionRevocations;
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

/** Set for operations over graphql-ws, whose caller authenticates in `connection_init`, not with a header. */
export interface ServerContext {
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
  /** The graphql-ws socket's client address (an HTTP request's is read from Node's `req`). */
  address?: string | undefined;
}

/** The caller's `Authorization`: the HTTP header, or graphql-ws `connectionParams.authorization`. */
export function authorizationOf(initial: ServerContext & { request?: Request }): string | null {
  if (!initial.request) {
    const value = initial.connectionParams?.authorization;
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw unauthenticated('connectionParams.authorization must be a string');
    return value;
  }
  return initial.request.headers.get('authorization');
}

/** Hands the executed operation to the context, where loaders derive dxCore `attributes` from it. */
const operationInContext = ({ args }: { args: { contextValue: unknown; schema: GraphQLSchema; document: DocumentNode; operationName?: string | null | undefined } }) => {
  const ctx = args.contextValue as Context;
  ctx.operation = { schema: args.schema, document: args.document, operationName: args.operationName };
};
const useOperationInContext = (): Plugin<Context> => ({ onExecute: operationInContext, onSubscribe: operationInContext });

/**
 * Errors the gateway knows (upstream failures, typed errors, refused input) get their stable `code`;
 * GraphQL errors the gateway raised pass as they are; anything else is masked (no stack, no URL) and
 * logged with the request id, which the masked error carries so that an operator can find the log line.
 */
function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const known = knownError(original, error instanceof GraphQLError ? error : undefined);
  if (known) return known;
  const masked = yogaMaskError(error, message, isDev);
  if (!(masked instanceof GraphQLError) || masked.extensions.code !== 'INTERNAL_SERVER_ERROR') return masked;
  const requestId = currentRequestId();
  logger.error({ requestId, err: original }, 'unexpected failure (masked as INTERNAL_SERVER_ERROR)');
  return new GraphQLError(masked.message, { nodes: masked.nodes, positions: masked.positions, path: masked.path, extensions: { ...masked.extensions, requestId } });
}

/** The gateway as a Yoga app, not listening: tests and the HTTP server both drive this. */
export function createGatewayApp(options: GatewayAppOptions): YogaServerInstance<ServerContext, Context> {
  const { upstreams, keys, sessions } = options;
  const callers = new RequestCallers(keys, sessions);
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: (request, serverContext) => ({ title: 'Brokerage GraphQL gateway', additionalHeaders: { [csrfHeader]: 'graphiql' }, ...options.graphiql?.(request, addressOf(serverContext)) }),
    cors: corsFor(options.corsOrigins),
    maxRequestBodySize: options.security.limits.bodyBytes,
    maskedErrors: { maskError },
    logging: yogaLogging(),
    // Request errors get their codes before the operation records read them.
    plugins: [useRequestErrors(), useObservability(), ...securityPlugins(options.security, callers), useOperationInContext(), useEventIds()],
    context: async (initial) => {
      const authorization = authorizationOf(initial);
      // Over graphql-ws there is no request: each operation identifies its caller afresh.
      const caller = await (initial.request ? callers.of(initial.request, authorization) : identifyCaller(authorization, keys, sessions));
      const dxcore = upstreams.dxcore.as(caller.kind === 'user' ? { kind: 'user', token: caller.token } : { kind: 'service' });
      const resumeAfter = initial.request?.headers.get('last-event-id') ?? undefined;
      const address = addressOf(initial) ?? initial.address;
      return { caller, dxcore, upstreams, sessions, mode: options.mode, limits: options.security.limits, events: options.events, locks: options.locks, resumeAfter, subscriptions: options.security.subscriptions, logins: options.security.loginThrottle, address, revocations: options.revocations };
    },
  });
}
