import { z } from 'zod';

/** How the gateway treats trusted documents (persisted operations) — see `trusted-documents.ts`. */
export const trustedDocumentModes = ['off', 'allow', 'require'] as const;
export type TrustedDocumentsMode = (typeof trustedDocumentModes)[number];

/** Limits on one GraphQL request, checked before anything is resolved. */
export interface QueryLimits {
  /** Nesting of selections, fragments flattened. @default 12 */
  depth: number;
  /** Aliased fields in one operation. @default 15 */
  aliases: number;
  /** Lexical tokens in the document. @default 1000 */
  tokens: number;
  /** Directives in one operation. @default 50 */
  directives: number;
  /**
   * The operation's cost with its variables' values: every selected field counts 1 per object it is
   * resolved on, and a list multiplies what it selects by its size (src/graph/complexity.ts). @default 3500
   */
  cost: number;
  /** HTTP request body on /graphql, in bytes. @default 102400 */
  bodyBytes: number;
  /** Upstream calls one operation (one event of a subscription) may make; the rest are not sent. @default 40 */
  upstreamCalls: number;
  /**
   * Upstream calls per second a caller's subscriptions make together on one instance, on average; at
   * once at most `upstreamCalls`. A call past it waits (subscription-calls.ts). @default 20
   */
  subscriptionCallsPerSecond: number;
  /** Ids one `nodes(ids:)` may take. @default 100 */
  nodeIds: number;
  /** One result (one event of a subscription), serialized, in bytes. @default 1048576 */
  responseBytes: number;
}

export const defaultQueryLimits: QueryLimits = {
  depth: 12,
  aliases: 15,
  tokens: 1000,
  directives: 50,
  cost: 3500,
  bodyBytes: 100 * 1024,
  upstreamCalls: 40,
  subscriptionCallsPerSecond: 20,
  nodeIds: 100,
  responseBytes: 1024 * 1024,
};

/** Requests per window per caller (API key, end user, or client address). */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

export const defaultRateLimit: RateLimit = { requests: 600, perSeconds: 60 };

/**
 * Failed password tries (`login`, `checkLogin`, `marketDataToken` by credentials) counted per username
 * from one address, per username from all addresses, and per client address, before that is refused
 * for a while. A username's count from an address restarts on a success; a block ends on its own.
 */
export interface LoginLimits {
  /** Failed tries in a row for one username (domain and login) from one client address: that pair is blocked. @default 10 */
  userFailures: number;
  /** Failed tries for one username from all addresses together: the username is blocked for every address. @default 100 */
  userFailuresTotal: number;
  /** Failed tries from one client address, for any usernames. @default 100 */
  addressFailures: number;
  /** The window both counts run in, in seconds. @default 900 */
  windowSeconds: number;
  /** How long a username or an address that went over is refused, in seconds. @default 900 */
  blockSeconds: number;
}

export const defaultLoginLimits: LoginLimits = { userFailures: 10, userFailuresTotal: 100, addressFailures: 100, windowSeconds: 900, blockSeconds: 900 };

/** End-user sessions the gateway keeps. */
export interface SessionLimits {
  /** Sessions one user may hold; a login past it forgets that user's oldest. @default 10 */
  perUser: number;
  /** Sessions one instance keeps in memory (without REDIS_URL); past it a login is refused. @default 100000 */
  capacity: number;
  /** A session unused this long is forgotten, in seconds. @default 86400 */
  idleSeconds: number;
  /** How often a session with open subscriptions is checked against dxCore, in seconds. @default 60 */
  recheckSeconds: number;
}

export const defaultSessionLimits: SessionLimits = { perUser: 10, capacity: 100_000, idleSeconds: 24 * 60 * 60, recheckSeconds: 60 };

export interface SecuritySettings {
  /** GRAPHQL_INTROSPECTION; unset: on in demo mode, off otherwise. */
  introspection?: boolean;
  /** TRUSTED_DOCUMENTS. @default 'allow' */
  trustedDocuments: TrustedDocumentsMode;
  /** TRUSTED_DOCUMENTS_MANIFEST: a persisted-documents manifest's path. @default client/generated/persisted-documents.json */
  trustedDocumentsManifest?: string | undefined;
  /** RATE_LIMIT; undefined when `off`. @default 600 per 60 s */
  rateLimit?: RateLimit;
  /** GRAPHQL_LIMITS over `defaultQueryLimits`. */
  limits: QueryLimits;
  /** LOGIN_LIMITS over `defaultLoginLimits`. */
  login: LoginLimits;
  /** SESSION_LIMITS over `defaultSessionLimits`. */
  sessions: SessionLimits;
}

const blankAsUnset = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value);

/** GRAPHQL_INTROSPECTION: `on` or `off`. */
export const introspectionSetting = z.preprocess(
  blankAsUnset,
  z
    .enum(['on', 'off'], { error: 'GRAPHQL_INTROSPECTION must be on or off' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'on')),
);

/** TRUSTED_DOCUMENTS: `off`, `allow` or `require`. */
export const trustedDocumentsSetting = z.preprocess(
  blankAsUnset,
  z.enum(trustedDocumentModes, { error: `TRUSTED_DOCUMENTS must be one of ${trustedDocumentModes.join(', ')}` }).default('allow'),
);

/** RATE_LIMIT: `<requests>/<seconds>` (`600/60`), or `off`. */
export const rateLimitSetting = z.preprocess(
  blankAsUnset,
  z
    .string()
    .regex(/^(off|[1-9]\d{0,8}\/[1-9]\d{0,6})$/, 'RATE_LIMIT must be <requests>/<seconds> (e.g. 600/60) or off')
    .optional()
    .transform((v): RateLimit | undefined => {
      if (v === undefined) return defaultRateLimit;
      if (v === 'off') return undefined;
      const [requests, perSeconds] = v.split('/').map(Number) as [number, number];
      return { requests, perSeconds };
    }),
);

const positive = z.number().int().positive();

/** GRAPHQL_LIMITS: JSON overriding some of `defaultQueryLimits`; unknown keys are refused. */
export const queryLimitsSetting = z.strictObject({
  depth: positive.optional(),
  aliases: z.number().int().nonnegative().optional(),
  tokens: positive.optional(),
  directives: z.number().int().nonnegative().optional(),
  cost: positive.optional(),
  bodyBytes: z.number().int().min(1024).optional(),
  upstreamCalls: positive.optional(),
  subscriptionCallsPerSecond: z.number().positive().optional(),
  nodeIds: positive.optional(),
  responseBytes: z.number().int().min(1024).optional(),
});

/** LOGIN_LIMITS: JSON overriding some of `defaultLoginLimits`; unknown keys are refused. */
export const loginLimitsSetting = z.strictObject({
  userFailures: positive.optional(),
  userFailuresTotal: positive.optional(),
  addressFailures: positive.optional(),
  windowSeconds: positive.optional(),
  blockSeconds: positive.optional(),
});

/** SESSION_LIMITS: JSON overriding some of `defaultSessionLimits`; unknown keys are refused. */
export const sessionLimitsSetting = z.strictObject({
  perUser: positive.optional(),
  capacity: positive.optional(),
  idleSeconds: positive.optional(),
  recheckSeconds: positive.optional(),
});
