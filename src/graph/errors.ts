import { GraphQLError } from 'graphql';
import { upstreamTitles, UpstreamError } from '../upstreams/http.ts';

/**
 * The stable codes callers switch on, from each upstream's own code or reason. One table, so that a
 * test can walk every row.
 */
export const upstreamCodeTable = {
  dxcore: {
    '20001': 'VALIDATION',
    '20019': 'UNAUTHENTICATED',
    '20020': 'FORBIDDEN',
    '20022': 'VALIDATION',
    '30001': 'CLIENT_NOT_FOUND',
    '30002': 'BROKER_NOT_FOUND',
    '30003': 'CLIENT_GROUP_NOT_FOUND',
    '30004': 'CATEGORY_NOT_FOUND',
    '30007': 'ACCOUNT_NOT_FOUND',
    '30019': 'NOTIFICATION_NOT_FOUND',
    '30020': 'VALIDATION',
  },
  retail: {
    ACCOUNT_NOT_FOUND: 'MARKET_DATA_ACCOUNT_NOT_FOUND',
    BAD_REQUEST: 'VALIDATION',
    // The gateway's own key was refused: an operator's problem, not the caller's.
    AUTHENTICATION_FAILED: 'UPSTREAM_UNAVAILABLE',
  },
  platform: {
    ACCOUNT_NOT_FOUND: 'PLATFORM_ACCOUNT_NOT_FOUND',
    BAD_REQUEST: 'VALIDATION',
    UNAUTHORIZED: 'UPSTREAM_UNAVAILABLE',
  },
} as const satisfies Record<UpstreamError['upstream'], Record<string, string>>;

export function stableCode(error: UpstreamError): string {
  if (error.failure === 'unreachable' || error.failure === 'timeout') return 'UPSTREAM_UNAVAILABLE';
  if (error.failure === 'bad-response') return 'UPSTREAM_BAD_RESPONSE';
  const table: Record<string, string> = upstreamCodeTable[error.upstream];
  const mapped = error.code === undefined ? undefined : table[error.code];
  if (mapped) return mapped;
  return error.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR';
}

/** The caller-facing form of an upstream failure: stable code, the upstream's own code and message. */
export function upstreamGraphQLError(error: UpstreamError, base?: GraphQLError): GraphQLError {
  const upstreamCode = error.code ? ` ${error.code}` : '';
  return new GraphQLError(`${upstreamTitles[error.upstream]}${upstreamCode}: ${error.upstreamMessage}`, {
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

/** A gateway-side "not found" (e.g. a key missing from a list call), coded like the upstream's own. */
export const notFound = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });
