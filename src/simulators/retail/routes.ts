import { credentialOf, parseJsonBody, SimHttpError, type Handler, type SimRequest, type SimResponse, type SimServer } from '../http.ts';
import type { RetailAccount } from '../records.ts';
import { isValidEmail, type RetailState } from './state.ts';

/** What the routes need from the simulator; `legacy` is read on every request so tests can flip it. */
export interface RetailContext {
  readonly state: RetailState;
  readonly apiKey: string;
  isLegacy(): boolean;
  /** Where the simulator listens, for the signup and profile links it answers; known after listen(). */
  baseUrl(): string;
}

/**
 * The two spellings of the authentication reason, as the tables of document 001 spell them:
 * with a space on account and subscription paths, with an underscore on token and profile-link paths.
 */
export const retailAuthReason = {
  accounts: 'AUTHENTICATION FAILED',
  tokens: 'AUTHENTICATION_FAILED',
} as const;
export type RetailAuthSpelling = keyof typeof retailAuthReason;

export const retailMessages = {
  noAuthorizationHeader: 'No Authorization header.',
  wrongApiKey: 'Authentication has failed due to wrong API key',
  validEmail: 'Valid email should be specified',
  accountNotFound: (accountId: string) => `Account ${accountId} is not found`,
  accountByEmailNotFound: (email: string) => `Account with email ${email} is not found`,
  accountBlocked: (accountId: string) => `Account ${accountId} is blocked`,
  bodyNotObject: 'Request body should be a JSON object',
} as const;

/** Document 001's failure body; `errorCode` carries the HTTP status (readings.ts). */
export function retailFailureBody(status: number, reason: string, message: string) {
  return { dateTime: new Date().toISOString(), errorCode: status, reason, message };
}

export function retailFailure(status: number, reason: string, message: string): SimResponse {
  return { status, body: retailFailureBody(status, reason, message) };
}

/** Throws a document-001 failure out of a handler. */
export function fail(status: number, reason: string, message: string): never {
  throw new SimHttpError(retailFailure(status, reason, message));
}

/** Checks `Authorization: Bearer <API_KEY>` before the handler runs. */
export function authenticated(ctx: RetailContext, spelling: RetailAuthSpelling, handler: Handler): Handler {
  return (req: SimRequest) => {
    if (req.headers.authorization === undefined || req.headers.authorization.trim() === '') {
      fail(401, retailAuthReason[spelling], retailMessages.noAuthorizationHeader);
    }
    if (credentialOf(req, 'Bearer') !== ctx.apiKey) {
      fail(401, retailAuthReason[spelling], retailMessages.wrongApiKey);
    }
    return handler(req);
  };
}

/** The account as document 001 answers it, or document 002's `{id, email}` in legacy mode; no `email` when none. */
export interface RetailAccountBody {
  id: string;
  email?: string;
  status?: string;
  subscriberStatus?: string;
  dataAccessStatus?: string;
}

export function serializeRetailAccount(account: RetailAccount, legacy: boolean): RetailAccountBody {
  const email: { email?: string } = account.email === undefined ? {} : { email: account.email };
  if (legacy) return { id: account.id, ...email };
  return {
    id: account.id,
    ...email,
    status: account.status,
    subscriberStatus: account.subscriberStatus,
    dataAccessStatus: account.dataAccessStatus,
  };
}

export function requireAccount(ctx: RetailContext, accountId: string): RetailAccount {
  return ctx.state.getAccount(accountId) ?? fail(404, 'ACCOUNT_NOT_FOUND', retailMessages.accountNotFound(accountId));
}

/** Document 001: a BLOCKED account's orders and subscriptions are refused with 422 ACCOUNT_IS_BLOCKED. */
export function requireUnblocked(account: RetailAccount): RetailAccount {
  if (account.status === 'BLOCKED') fail(422, 'ACCOUNT_IS_BLOCKED', retailMessages.accountBlocked(account.id));
  return account;
}

/** The request body when it is a JSON object; undefined when empty, malformed, an array or a scalar. */
export function jsonObjectBody(req: SimRequest): Record<string, unknown> | undefined {
  try {
    const body = parseJsonBody(req);
    return isJsonObject(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string with something in it besides blanks. */
export function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Documents 001/002 say API v1 and v2 are functionally identical except Activate subscription, so
 * the shared paths answer under both prefixes.
 */
export const retailApiVersions = ['v1', 'v2'] as const;

export function registerRetailReadRoutes(server: SimServer, ctx: RetailContext): void {
  for (const version of retailApiVersions) {
    const base = `/api/${version}/accounts`;

    server.route(
      'GET',
      `${base}/by-email/:email`,
      authenticated(ctx, 'accounts', (req) => {
        const email = req.params.email ?? '';
        if (!isValidEmail(email)) fail(400, 'BAD_REQUEST', retailMessages.validEmail);
        const account = ctx.state.findByEmail(email) ?? fail(404, 'ACCOUNT_NOT_FOUND', retailMessages.accountByEmailNotFound(email));
        return { status: 200, body: serializeRetailAccount(account, ctx.isLegacy()) };
      }),
    );

    server.route(
      'GET',
      `${base}/:accountId`,
      authenticated(ctx, 'accounts', (req) => {
        const account = requireAccount(ctx, req.params.accountId ?? '');
        return { status: 200, body: serializeRetailAccount(account, ctx.isLegacy()) };
      }),
    );

    server.route(
      'GET',
      `${base}/:accountId/subscriptions`,
      authenticated(ctx, 'accounts', (req) => {
        const account = requireAccount(ctx, req.params.accountId ?? '');
        return { status: 200, body: { subscriptions: ctx.state.subscriptionsOf(account) } };
      }),
    );
  }
}
