import { platformWriteCodes } from '../../readings.ts';
import { parseJsonBody, type SimRequest, type SimServer } from '../http.ts';
import type { PlatformAccount } from '../records.ts';
import { authenticated, fail, platformCodes, platformRoutePatterns, type PlatformContext } from './routes.ts';
import { isUuid, serializePlatformAccount, type NewPlatformAccount } from './state.ts';

/** Document 004: `name` has at most 100 characters. */
export const platformNameMaxLength = 100;
const accountTypes: readonly PlatformAccount['type'][] = ['TRADING', 'PORTFOLIO'];

function badRequest(message: string): never {
  return fail(400, platformCodes.badRequest, message);
}

function objectBody(req: SimRequest): Record<string, unknown> {
  let body: unknown;
  try {
    body = parseJsonBody(req);
  } catch {
    badRequest('Request body must be a JSON object');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) badRequest('Request body must be a JSON object');
  return body as Record<string, unknown>;
}

function requiredUuid(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) badRequest(`${field} is required`);
  if (typeof value !== 'string' || !isUuid(value)) badRequest(`${field} must be a uuid`);
  return value;
}

function requiredType(value: unknown): PlatformAccount['type'] {
  if (value === undefined || value === null) badRequest('type is required');
  if (!(accountTypes as readonly unknown[]).includes(value)) badRequest(`type must be one of ${accountTypes.join(', ')}`);
  return value as PlatformAccount['type'];
}

function validName(value: unknown): string {
  if (typeof value !== 'string' || value.length > platformNameMaxLength) {
    badRequest(`name must be a string of at most ${platformNameMaxLength} characters`);
  }
  return value;
}

/** Create's body, each field checked in document 004's order; the 400 names the first bad one. */
function newAccount(body: Record<string, unknown>): NewPlatformAccount {
  const userId = requiredUuid(body, 'user_id');
  const accountGroupId = requiredUuid(body, 'account_group_id');
  const type = requiredType(body.type);
  const name = body.name === undefined || body.name === null ? undefined : validName(body.name);
  return { userId, accountGroupId, type, ...(name === undefined ? {} : { name }) };
}

function accountIdParam(req: SimRequest): string {
  const accountId = req.params.account_id ?? '';
  if (!isUuid(accountId)) badRequest('account_id must be a uuid');
  return accountId;
}

function requireAccount(ctx: PlatformContext, accountId: string): PlatformAccount {
  return ctx.state.getAccount(accountId) ?? fail(404, platformCodes.notFound, `Account ${accountId} is not found`);
}

function closedConflict(account: PlatformAccount): never {
  return fail(409, platformWriteCodes.accountClosed, `Account ${account.id} is ${account.status.toLowerCase()}`);
}

/**
 * Document 004's writes (paths from readings.ts): create, rename, close. Checks run on the request
 * first (400), then the records it names (404), then their state (409), as readings.ts sets out.
 */
export function registerPlatformWriteRoutes(server: SimServer, ctx: PlatformContext): void {
  server.route(
    'POST',
    platformRoutePatterns.accounts,
    authenticated(ctx, (req) => {
      const input = newAccount(objectBody(req));
      if (!ctx.state.isKnownUser(input.userId)) fail(404, platformWriteCodes.userNotFound, `User ${input.userId} is not found`);
      if (!ctx.state.isKnownAccountGroup(input.accountGroupId)) {
        fail(404, platformWriteCodes.accountGroupNotFound, `Account group ${input.accountGroupId} is not found`);
      }
      return { status: 201, body: serializePlatformAccount(ctx.state.createAccount(input)) };
    }),
  );

  server.route(
    'PATCH',
    platformRoutePatterns.account,
    authenticated(ctx, (req) => {
      const accountId = accountIdParam(req);
      const body = objectBody(req);
      if (body.name === undefined) badRequest('name is required');
      const name = validName(body.name);
      const account = requireAccount(ctx, accountId);
      if (account.status === 'CLOSING' || account.status === 'CLOSED') closedConflict(account);
      ctx.state.rename(account, name);
      return { status: 200, body: serializePlatformAccount(account) };
    }),
  );

  server.route(
    'DELETE',
    platformRoutePatterns.account,
    authenticated(ctx, (req) => {
      const account = requireAccount(ctx, accountIdParam(req));
      if (account.status === 'CLOSED') closedConflict(account);
      // A repeat while CLOSING is accepted again and changes nothing (readings.ts).
      if (account.status !== 'CLOSING') ctx.state.startClosing(account);
      return { status: 202 };
    }),
  );
}
