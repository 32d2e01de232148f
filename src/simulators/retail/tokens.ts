import { credentialOf, type SimRequest, type SimResponse, type SimServer } from '../http.ts';
import type { RetailAccount } from '../records.ts';
import { isFilled, jsonObjectBody, retailApiVersions, retailAuthReason, type RetailContext } from './routes.ts';

/** The token answer of document 001: `status`, `reason`, `token`, and `details` when they were asked for. */
interface TokenAnswer {
  status: 'OK' | 'ERROR';
  reason: string | null;
  token: string | null;
  details?: string[];
}

function answer(status: number, body: TokenAnswer): SimResponse {
  return { status, body };
}

/** A failure in the token shape; `details: []` only where document 001 shows it (200 answers with details asked). */
function failure(status: number, reason: string, withDetails = false): SimResponse {
  return answer(status, { status: 'ERROR', reason, token: null, ...(withDetails ? { details: [] } : {}) });
}

const badRequest = () => failure(400, 'BAD_REQUEST');

type Lookup = { account: RetailAccount } | { response: SimResponse };

/** The account a request names: by `accountId` when the body has one, else by `login` and `password`. */
function lookup(ctx: RetailContext, body: Record<string, unknown>, withDetails: boolean): Lookup {
  if ('accountId' in body) {
    if (!isFilled(body.accountId)) return { response: badRequest() };
    const account = ctx.state.getAccount(body.accountId);
    return account ? { account } : { response: failure(200, 'ACCOUNT_NOT_FOUND', withDetails) };
  }
  if (!isFilled(body.login) || !isFilled(body.password)) return { response: badRequest() };
  const account = ctx.state.findByCredentials(body.login, body.password);
  return account ? { account } : { response: failure(200, 'INVALID_CREDENTIALS', withDetails) };
}

function tokenFor(ctx: RetailContext, account: RetailAccount, withDetails: boolean): SimResponse {
  if (account.dataAccessStatus === 'SUSPENDED') return failure(200, 'DATA_ACCESS_SUSPENDED', withDetails);
  const feeds = ctx.state.activeFeeds(account);
  if (feeds.length === 0) return failure(200, 'NO_ACTIVE_SUBSCRIPTIONS', withDetails);
  const token = ctx.state.issueToken(account);
  return answer(200, { status: 'OK', reason: null, token, ...(withDetails ? { details: feeds } : {}) });
}

/**
 * Request token (document 001), by account id or by credentials. Every failure, 401 and 400 included,
 * answers the token shape, not the `{dateTime, errorCode, ...}` body of the other paths.
 */
function handleToken(ctx: RetailContext, req: SimRequest): SimResponse {
  if (credentialOf(req, 'Bearer') !== ctx.apiKey) return failure(401, retailAuthReason.tokens);
  const body = jsonObjectBody(req);
  if (!body) return badRequest();
  const withDetails = body.withDetails ?? false;
  if (typeof withDetails !== 'boolean') return badRequest();
  const found = lookup(ctx, body, withDetails);
  return 'response' in found ? found.response : tokenFor(ctx, found.account, withDetails);
}

export function registerRetailTokenRoutes(server: SimServer, ctx: RetailContext): void {
  for (const version of retailApiVersions) {
    server.route('POST', `/api/${version}/token`, (req) => handleToken(ctx, req));
  }
}
