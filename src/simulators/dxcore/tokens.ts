import { dxCoreErrorCodes, dxCoreWriteReadings } from '../../readings.ts';
import { credentialOf, type SimRequest, type SimServer } from '../http.ts';
import { serviceUserId } from './auth.ts';
import { formParams, objectBody, paramValue } from './bodies.ts';
import { dxError, dxErrors, dxWriteErrors } from './errors.ts';
import { authed, noContent, ok, serviceOnly, text, type RouteContext } from './kit.ts';
import type { Principal } from './sessions.ts';
import { clientKey } from './state.ts';

/**
 * dxWeb's credential and session paths (document 000) besides `/login` and `/ping`: checking
 * credentials, SSO tokens, and logging users out. Failures that the document lists as "No Content"
 * answer the bare status (readings.ts).
 */

const bare = dxWriteErrors.bare;

export function registerTokenRoutes(server: SimServer, ctx: RouteContext): void {
  for (const method of ['GET', 'POST'] as const) {
    server.route(method, '/checkLogin', authed(ctx.access, (req) => checkLogin(ctx, req)));
    server.route(method, '/generateToken', authed(ctx.access, (req, principal) => generateToken(ctx, req, principal)));
  }
  server.route('POST', '/getSSOToken', authed(ctx.access, (req, principal) => ssoToken(ctx, req, principal)));
  server.route(
    'POST',
    '/getSSOTokenInfo',
    serviceOnly(ctx.access, (req) => {
      const token = paramValue(formParams(req), 'token');
      const info = token === undefined ? undefined : ctx.sso.info(token);
      if (!info) throw bare(400); // "Token is malformed or expired"
      const { expirationTime, userName, userDomain, userId, serialNumber } = info;
      return ok({ expirationTime, userName, userDomain, userId, serialNumber });
    }),
  );
  registerLogoutRoutes(server, ctx);
}

/** The required parameters of a dxWeb call: 400 20001 naming the first one missing. */
function requiredParams<N extends string>(req: SimRequest, names: readonly N[]): Record<N, string> {
  const params = formParams(req);
  const values = {} as Record<N, string>;
  for (const name of names) {
    const value = paramValue(params, name);
    const kind = req.method === 'GET' ? 'Query' : 'Form';
    if (value === undefined) throw dxError(400, dxCoreErrorCodes.requiredFieldEmpty, `${kind} parameters are not valid`, [name]);
    values[name] = value;
  }
  return values;
}

// --- /checkLogin, /generateToken, /getSSOToken ---------------------------------------------------

/** A password, or an SSO token issued for that user; wrong either way is 403 20020 as on `/login`. */
function checkLogin({ access, sso }: RouteContext, req: SimRequest) {
  const { login, domain } = requiredParams(req, ['login', 'domain']);
  const params = formParams(req);
  const password = params.get('password') || undefined;
  const token = paramValue(params, 'token');
  if (password === undefined && token === undefined) {
    throw dxError(400, dxCoreErrorCodes.requiredFieldEmpty, 'Parameters are not valid', ['password or token']);
  }
  const info = password === undefined && token !== undefined ? sso.info(token) : undefined;
  const valid =
    password !== undefined
      ? access.verify(login, domain, password) !== undefined
      : info !== undefined && info.userName === login && info.userDomain === domain && access.mayLogIn(info);
  if (!valid) throw dxErrors.authenticationFailed();
  return noContent(200);
}

/** Logging in on behalf of another user needs LOGIN_ON_BEHALF: only the service user has it. */
function generateToken({ access, sso }: RouteContext, req: SimRequest, principal: Principal) {
  if (principal.kind !== 'service') throw bare(403);
  const { login, domain } = requiredParams(req, ['login', 'domain']);
  const user = access.userNamed(login, domain);
  if (!user) throw dxErrors.clientNotFound(`${domain}@${login}`);
  return text(sso.issue(user, dxCoreWriteReadings.ssoTokenDurationMs));
}

/**
 * The Token request model: an SSO token for the user of `dxCoreSessionToken` (the caller's own
 * session when absent). An end user may ask only for their own sessions.
 */
function ssoToken({ access, sessions, sso }: RouteContext, req: SimRequest, principal: Principal) {
  const body = objectBody(req);
  const sessionToken = body.string('dxCoreSessionToken') || credentialOf(req, 'DXAPI');
  const duration = body.number('tokenDuration');
  body.string('tokenOrigin'); // checked for its type; the simulator does not use it
  if (sessionToken === undefined) throw dxErrors.requiredFieldEmpty('dxCoreSessionToken');
  if (duration !== undefined && (!Number.isSafeInteger(duration) || duration <= 0)) {
    throw dxWriteErrors.invalidField('tokenDuration', 'must be a positive number of milliseconds');
  }
  const target = sessions.principalOf(sessionToken);
  const user = target && access.userOf(target);
  if (!target || !user) throw dxErrors.invalidSession(400);
  if (principal.kind === 'client' && !(target.kind === 'client' && target.clientKey === principal.clientKey)) throw dxErrors.accessDenied();
  return text(sso.issue(user, duration ?? dxCoreWriteReadings.ssoTokenDurationMs));
}

// --- logouts ----------------------------------------------------------------------------------

function registerLogoutRoutes(server: SimServer, ctx: RouteContext): void {
  const { access, state, sessions } = ctx;

  server.route(
    'POST',
    '/logoutUserById',
    serviceOnly(access, (req) => {
      const { userId } = logoutParams(req, ['userId']);
      if (!/^\d{1,10}$/.test(userId)) throw bare(400);
      if (Number(userId) === serviceUserId) throw bare(403);
      const client = state.clientByUserId(Number(userId));
      if (!client) throw bare(404);
      sessions.endClientSessions(clientKey(client.domain, client.login));
      return noContent(200);
    }),
  );

  server.route(
    'POST',
    '/logoutUserByLogin',
    serviceOnly(access, (req) => {
      const { login, domain } = logoutParams(req, ['login', 'domain']);
      sessions.endClientSessions(clientKey(...clientToLogOut(ctx, login, domain)));
      return noContent(200);
    }),
  );

  // Ends one session; the end user may end their own. A token that is not a live session of that
  // user has nothing to end: 200 as well, so that a repeated logout succeeds.
  server.route(
    'POST',
    '/logoutUserByToken',
    authed(access, (req, principal) => {
      const { login, domain, token } = logoutParams(req, ['login', 'domain', 'token']);
      if (principal.kind === 'client' && principal.clientKey !== clientKey(domain, login)) throw dxErrors.accessDenied();
      const key = clientKey(...clientToLogOut(ctx, login, domain));
      const owner = sessions.principalOf(token);
      if (owner?.kind === 'client' && owner.clientKey === key) sessions.end(token);
      return noContent(200);
    }),
  );
}

/** "One of the parameters is not set": 400 with no body. */
function logoutParams<N extends string>(req: SimRequest, names: readonly N[]): Record<N, string> {
  const params = formParams(req);
  const values = {} as Record<N, string>;
  for (const name of names) {
    const value = paramValue(params, name);
    if (value === undefined) throw bare(400);
    values[name] = value;
  }
  return values;
}

/** The client a logout names, as [domain, login]: 403 for the system user ("Method is not supported for system user"), 404 for nobody. */
function clientToLogOut({ access, state }: RouteContext, login: string, domain: string): [string, string] {
  if (access.isServiceUser(login, domain)) throw bare(403);
  if (!state.client(domain, login)) throw bare(404);
  return [domain, login];
}
