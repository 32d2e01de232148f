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
   * resolved on, and a list multiplies what it selects by its size (src/graph/complexity.ts). @default 5000
   */
  cost: number;
  /** HTTP request body on /graphql, in bytes. @default 102400 */
  bodyBytes: number;
  /** Upstream calls one operation (one event of a subscription) may make; the rest are not sent. @default 100 */
  upstreamCalls: number;
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
  cost: 5000,
  bodyBytes: 100 * 1024,
  upstreamCalls: 100,
  nodeIds: 100,
  responseBytes: 1024 * 1024,
};

/** Requests per window per caller (API key, end user, or client address). */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

export const defaultRateLimit: RateLimit = { requests: 600, perSeconds: 60 };

export interface SecuritySettings {
  /** GRAPHQL_INTROSPECTION; unset: on in demo mode, off otherwise. */
  introspection?: boolean;
  /** TRUSTED_DOCUMENTS. @default 'allow' */
  trustedDocuments: TrustedDocumentsMode;
  /** RATE_LIMIT; undefined when `off`. @default 600 per 60 s */
  rateLimit?: RateLimit;
  /** GRAPHQL_LIMITS over `defaultQueryLimits`. */
  limits: QueryLimits;
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
  nodeIds: positive.optional(),
  responseBytes: z.number().int().min(1024).optional(),
});
