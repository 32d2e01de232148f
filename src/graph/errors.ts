import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { SystemUserError } from '../auth/system-user.ts';
import { quoteCallerText } from '../caller-text.ts';
import { upstreamTitles, UpstreamError } from '../upstreams/http.ts';
import { ParameterError } from '../upstreams/parameters.ts';
import { refusedParameter } from './refused-parameters.ts';
import {
  AccessDeniedError,
  ConflictError,
  GatewayError,
  InvalidCredentialsError,
  NotFoundError,
  RejectedError,
  UpstreamUnavailableError,
  ValidationError,
  type UpstreamDetail,
} from './typed-errors.ts';

/**
 * The stable codes callers switch on, from each upstream's own code or reason. One table, so that a
 * test can walk every row. Codes the documents leave blank are readings (src/readings.ts). A row by
 * HTTP status is for a catch-all code: statuses it lacks fall back to the status alone, as unknown codes do.
 */
export const upstreamCodeTable = {
  dxcore: {
    // "Unknown error", documented as the 500 of every path, and the 404 of a path that names nothing:
    // there the upstream works and the thing is not there.
    '10001': { 404: 'RESOURCE_NOT_FOUND' },
    '20001': 'VALIDATION',
    '20008': 'VALIDATION',
    '20014': 'CLIENT_NOT_FOUND',
    '20019': 'UNAUTHENTICATED',
    '20020': 'FORBIDDEN',
    '20022': 'VALIDATION',
    '20027': 'RECIPIENT_NOT_FOUND',
    '20028': 'VALIDATION',
    '20029': 'VALIDATION',
    '20030': 'VALIDATION',
    '30001': 'CLIENT_NOT_FOUND',
    '30002': 'BROKER_NOT_FOUND',
    '30003': 'CLIENT_GROUP_NOT_FOUND',
    '30004': 'CATEGORY_NOT_FOUND',
    '30007': 'ACCOUNT_NOT_FOUND',
    '30010': 'CURRENCY_MISMATCH',
    '30011': 'INSUFFICIENT_FUNDS',
    '30012': 'TRANSFER_ID_CONFLICT',
    '30013': 'VALIDATION',
    '30014': 'VALIDATION',
    '30015': 'ACCOUNT_NOT_ACTIVE',
    '30019': 'NOTIFICATION_NOT_FOUND',
    '30020': 'VALIDATION',
    '30021': 'CLIENT_ALREADY_EXISTS',
    '30022': 'ACCOUNT_ALREADY_EXISTS',
    '30023': 'VERSION_CONFLICT',
    '30024': 'CLIENT_ALREADY_DISABLED',
    '30025': 'TRADE_PERMISSION_NOT_FOUND',
    '30026': 'CATEGORY_ALREADY_EXISTS',
  },
  retail: {
    ACCOUNT_NOT_FOUND: 'MARKET_DATA_ACCOUNT_NOT_FOUND',
    BAD_REQUEST: 'VALIDATION',
    // The gateway's own key was refused: an operator's problem, not the caller's.
    AUTHENTICATION_FAILED: 'UPSTREAM_UNAVAILABLE',
    ACCOUNT_ALREADY_EXISTS: 'MARKET_DATA_ACCOUNT_ALREADY_EXISTS',
    ACCOUNT_IS_BLOCKED: 'MARKET_DATA_ACCOUNT_BLOCKED',
    CREDENTIALS_GENERATION_DISABLED: 'CREDENTIALS_GENERATION_DISABLED',
    SUBSCRIPTION_ALREADY_ACTIVE: 'SUBSCRIPTION_ALREADY_ACTIVE',
    SINGLE_USE_FEED_ACTIVATED_BEFORE: 'SINGLE_USE_FEED_ACTIVATED_BEFORE',
    ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
    SUBSCRIPTION_NOT_FOUND: 'SUBSCRIPTION_NOT_FOUND',
    SUBSCRIPTION_IS_EXPIRED: 'SUBSCRIPTION_EXPIRED',
    SUBSCRIPTION_ALREADY_EXTENDED: 'SUBSCRIPTION_ALREADY_EXTENDED',
    SUBSCRIPTION_SETTINGS_ARE_INVALID: 'SUBSCRIPTION_NOT_EXTENDABLE',
    // Token answers: 200 with status ERROR and one of these reasons.
    NO_ACTIVE_SUBSCRIPTIONS: 'NO_ACTIVE_SUBSCRIPTIONS',
    DATA_ACCESS_SUSPENDED: 'DATA_ACCESS_SUSPENDED',
    INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
    // Document 002 (the older API) answers an unknown feed 404 FEED_NOT_FOUND; document 001 answers it
    // 400 BAD_REQUEST "Requested feeds [...] are not found". One code, whichever version is behind.
    FEED_NOT_FOUND: 'VALIDATION',
  },
  platform: {
    ACCOUNT_NOT_FOUND: 'PLATFORM_ACCOUNT_NOT_FOUND',
    BAD_REQUEST: 'VALIDATION',
    UNAUTHORIZED: 'UPSTREAM_UNAVAILABLE',
    USER_NOT_FOUND: 'PLATFORM_USER_NOT_FOUND',
    ACCOUNT_GROUP_NOT_FOUND: 'ACCOUNT_GROUP_NOT_FOUND',
    ACCOUNT_CLOSED: 'PLATFORM_ACCOUNT_CLOSED',
  },
} as const satisfies Record<UpstreamError['upstream'], Record<string, string | Readonly<Record<number, string>>>>;

export function stableCode(error: UpstreamError): string {
  if (error.failure === 'unreachable' || error.failure === 'timeout') return 'UPSTREAM_UNAVAILABLE';
  if (error.failure === 'bad-response') return 'UPSTREAM_BAD_RESPONSE';
  if (error.failure === 'over-budget') return 'UPSTREAM_CALL_BUDGET_EXCEEDED';
  const table: Record<string, string | Readonly<Record<number, string>> | undefined> = upstreamCodeTable[error.upstream];
  const row = error.code === undefined ? undefined : table[error.code];
  const mapped = typeof row === 'string' ? row : row?.[error.status];
  if (mapped) return mapped;
  return error.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR';
}

/**
 * What a caller reads of an upstream failure. An upstream's own error text never leaves the gateway (it
 * may name hosts, tables or other customers; the operator finds it in the log line `upstream refused`,
 * by request id): an answered failure is told by its stable code and the upstream's code and status.
 * A failure with no answer (timeout, unreachable, circuit open, unreadable) is the gateway's own text.
 */
export function upstreamFailureText(error: UpstreamError): string {
  if (error.failure !== 'http') return error.upstreamMessage;
  const code = stableCode(error);
  if (code === 'UPSTREAM_ERROR' || code === 'UPSTREAM_UNAVAILABLE') return `refused with HTTP ${error.status}`;
  return code === 'VALIDATION' ? 'the input was refused as invalid' : code.toLowerCase().replaceAll('_', ' ');
}

/** `dxCore 30011: insufficient funds`: the upstream, its own code, and what the failure means. */
const upstreamFailureMessage = (error: UpstreamError) => `${upstreamTitles[error.upstream]}${error.code ? ` ${error.code}` : ''}: ${upstreamFailureText(error)}`;

/** The caller-facing form of an upstream failure: stable code, the upstream's own code and status. */
export function upstreamGraphQLError(error: UpstreamError, base?: GraphQLError): GraphQLError {
  return new GraphQLError(upstreamFailureMessage(error), {
    nodes: base?.nodes,
    source: base?.source,
    positions: base?.positions,
    path: base?.path,
    extensions: {
      code: stableCode(error),
      upstream: { name: error.upstream, status: error.status, code: error.code ?? null },
    },
  });
}

/**
 * The caller's form of an error the gateway knows, raised anywhere below a field: an upstream failure;
 * a typed error outside a result union (a query field); a request parameter refused where no argument holds
 * it (it came from an upstream's answer); Pothos refusing caller input (a global id, a cursor). Undefined
 * for anything else, which stays masked.
 */
export function knownError(error: unknown, base?: GraphQLError): GraphQLError | undefined {
  if (error instanceof UpstreamError) return upstreamGraphQLError(error, base);
  if (error instanceof ParameterError) return knownError(refusedParameter(error, {}), base);
  const located = { nodes: base?.nodes, source: base?.source, positions: base?.positions, path: base?.path };
  if (error instanceof GatewayError) {
    const field = error instanceof ValidationError ? { field: error.field } : {};
    const upstream = error.upstream ? { upstream: { name: error.upstream.name, status: error.upstream.status, code: error.upstream.code } } : {};
    return new GraphQLError(error.message, { ...located, extensions: { code: error.code, ...field, ...upstream } });
  }
  if (error instanceof PothosValidationError) return new GraphQLError(pothosMessage(error.message), { ...located, extensions: { code: 'VALIDATION', ...error.extensions } });
  return undefined;
}

/** Pothos ends an input error with the caller's text ("Invalid global ID: <id>"): quoted short, as the gateway's own errors quote it. */
function pothosMessage(message: string): string {
  const at = message.indexOf(': ');
  return at < 0 ? message : `${message.slice(0, at)}: ${quoteCallerText(message.slice(at + 2))}`;
}

/** A gateway-side "not found" (e.g. a key missing from a list call), coded like the upstream's own. */
export const notFound = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

export const upstreamDetail = (error: UpstreamError): UpstreamDetail => ({
  name: error.upstream,
  status: error.status,
  code: error.code ?? null,
  message: upstreamFailureText(error),
});

/** The typed error member (a class of typed-errors.ts) for an upstream failure, by its stable code. */
export function typedUpstreamError(error: UpstreamError, field = 'input'): GatewayError {
  const code = stableCode(error);
  const detail = upstreamDetail(error);
  const message = upstreamFailureMessage(error);
  if (code === 'VALIDATION') return new ValidationError(field, message, detail);
  if (code === 'INVALID_CREDENTIALS') return new InvalidCredentialsError(message, detail);
  if (code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_BAD_RESPONSE') return new UpstreamUnavailableError(code, message, detail);
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return new AccessDeniedError(code, message, detail);
  if (code.endsWith('_NOT_FOUND')) return new NotFoundError(code, message, detail);
  if (code.endsWith('_CONFLICT') || code.includes('_ALREADY_')) return new ConflictError(code, message, detail);
  return new RejectedError(code, message, detail);
}

/** Upstream failures become typed errors; the gateway's own typed errors pass; anything else stays a (masked) error. */
export function asTypedError(error: unknown, field?: string): unknown {
  if (error instanceof SystemUserError) return new RejectedError(String(error.extensions.code), error.message);
  return error instanceof UpstreamError ? typedUpstreamError(error, field) : error;
}

/** The code of anything the gateway does not know: masked, its message and stack kept from the caller. */
export const maskedCode = 'INTERNAL_SERVER_ERROR';

/**
 * The code a caller reads for an error as it reaches masking: a known failure's stable code (as
 * `knownError` maps it), a GraphQL error's own code, `maskedCode` for anything masked. `graphqlCode` names
 * errors graphql-js itself raised without a code (a parse or validation failure).
 */
export function callerCode(error: unknown, graphqlCode: string): string {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const known = knownError(original);
  if (known) return String(known.extensions.code);
  if (!(error instanceof GraphQLError)) return maskedCode;
  return String(error.extensions.code ?? (error.originalError ? maskedCode : graphqlCode));
}
