import { platformErrorCodes, platformListLimit, platformPaths } from '../../readings.ts';
import { credentialOf, SimHttpError, type Handler, type SimRequest, type SimResponse, type SimServer } from '../http.ts';
import { isUuid, serializePlatformAccount, type PlatformListQuery, type PlatformOrder, type PlatformSort, type PlatformState } from './state.ts';

export { serializePlatformAccount };

export interface PlatformContext {
  readonly state: PlatformState;
  readonly apiKey: string;
}

/** The codes readings.ts names, plus the two the router needs. */
export const platformCodes = {
  ...platformErrorCodes,
  routeNotFound: 'NOT_FOUND',
  internalError: 'INTERNAL_ERROR',
} as const;

/** The Platform failure body of readings.ts: `{ code, message }`. */
export function platformFailure(status: number, code: string, message: string): SimResponse {
  return { status, body: { code, message } };
}

export function fail(status: number, code: string, message: string): never {
  throw new SimHttpError(platformFailure(status, code, message));
}

export function authenticated(ctx: PlatformContext, handler: Handler): Handler {
  return (req: SimRequest) => {
    if (req.headers.authorization === undefined || req.headers.authorization.trim() === '') {
      fail(401, platformCodes.unauthorized, 'Authorization header is missing');
    }
    if (credentialOf(req, 'Bearer') !== ctx.apiKey) fail(401, platformCodes.unauthorized, 'Invalid API key');
    return handler(req);
  };
}

const sorts: readonly PlatformSort[] = ['created_at', 'updated_at'];
const orders: readonly PlatformOrder[] = ['ASC', 'DESC'];
const int32Max = 2_147_483_647;

function badRequest(message: string): never {
  return fail(400, platformCodes.badRequest, message);
}

function intParam(req: SimRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) badRequest(`${name} must be an integer between ${min} and ${max}`);
  const value = Number(raw);
  if (value < min || value > max) badRequest(`${name} must be an integer between ${min} and ${max}`);
  return value;
}

/** Reads `sort`, `order`, `offset`, `limit` (document 004), answering 400 BAD_REQUEST naming a bad one. */
export function parseListQuery(req: SimRequest): Omit<PlatformListQuery, 'userId'> {
  const sort = req.query.get('sort') ?? 'created_at';
  if (!(sorts as readonly string[]).includes(sort)) badRequest(`sort must be one of ${sorts.join(', ')}`);
  const order = req.query.get('order') ?? 'ASC';
  if (!(orders as readonly string[]).includes(order)) badRequest(`order must be one of ${orders.join(', ')}`);
  const offset = intParam(req, 'offset', 0, 0, int32Max);
  const limit = intParam(req, 'limit', platformListLimit.default, 0, platformListLimit.max);
  return { sort: sort as PlatformSort, order: order as PlatformOrder, offset, limit };
}

function listAnswer(ctx: PlatformContext, query: PlatformListQuery): SimResponse {
  const page = ctx.state.list(query);
  return {
    status: 200,
    body: {
      meta: {
        offset: query.offset,
        limit: query.limit,
        count: page.items.length,
        total_count: page.totalCount,
        sort: query.sort,
        order: query.order,
      },
      data: page.items.map(serializePlatformAccount),
    },
  };
}

/** Route patterns built from readings.ts's `platformPaths`, so a corrected path changes both sides. */
export const platformRoutePatterns = {
  accounts: platformPaths.accounts,
  account: platformPaths.account.replace(':accountId', ':account_id'),
  userAccounts: platformPaths.userAccounts.replace(':userId', ':user_id'),
} as const;

export function registerPlatformReadRoutes(server: SimServer, ctx: PlatformContext): void {
  server.route(
    'GET',
    platformRoutePatterns.accounts,
    authenticated(ctx, (req) => listAnswer(ctx, parseListQuery(req))),
  );

  server.route(
    'GET',
    platformRoutePatterns.userAccounts,
    authenticated(ctx, (req) => {
      const userId = req.params.user_id ?? '';
      if (!isUuid(userId)) badRequest('user_id must be a uuid');
      return listAnswer(ctx, { ...parseListQuery(req), userId });
    }),
  );

  server.route(
    'GET',
    platformRoutePatterns.account,
    authenticated(ctx, (req) => {
      const accountId = req.params.account_id ?? '';
      if (!isUuid(accountId)) badRequest('account_id must be a uuid');
      const account =
        ctx.state.getAccount(accountId) ?? fail(404, platformCodes.notFound, `Account ${accountId} is not found`);
      return { status: 200, body: serializePlatformAccount(account) };
    }),
  );
}
