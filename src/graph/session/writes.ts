import { UpstreamError } from '../../upstreams/http.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { typedUpstreamError, upstreamDetail } from '../errors.ts';
import { pairKey } from '../loading.ts';
import { requireText } from '../validation.ts';
import { ClientNode, type ClientRef } from '../client/client.ts';
import { AccessDeniedError, InvalidCredentialsError, NotFoundError, RejectedError, ValidationError, type GatewayError } from '../typed-errors.ts';
import { mutation } from '../mutations.ts';
import { LoginThrottledError, passwordTry } from './password-tries.ts';
import { credentialsRefused, Session } from './session.ts';

/**
 * dxCore sessions and SSO tokens (document 000, dxWeb): an end user prolongs or ends their own session;
 * an admin ends a user's sessions, checks credentials, and makes or inspects SSO tokens. End-user
 * operations call dxCore with the user's own token; admin operations with the gateway's service session.
 *
 * Several dxWeb failures are documented by status alone ("No Content"): the gateway names them here,
 * by route, and any documented dxCore code in the answer still goes through the shared code table.
 */

interface UserShape {
  login: string;
  domain: string;
}

const SessionUserInput = builder.inputType('SessionUserInput', {
  description: 'A dxCore user by login and domain.',
  fields: (t) => ({
    domain: t.string({ required: true }),
    login: t.string({ required: true }),
  }),
});

type UserArgs = typeof SessionUserInput.$inferInput;

function validUser(field: string, user: UserArgs): UserShape {
  return { domain: requireText(`${field}.domain`, user.domain), login: requireText(`${field}.login`, user.login) };
}

/** The end user behind a DXAPI caller (the `endUser` scope guarantees one). */
function endUser(ctx: Context): { token: string; login: string; domain: string } {
  if (ctx.caller.kind !== 'user') throw new AccessDeniedError('FORBIDDEN', 'Only an end user (Authorization: DXAPI <token>) may do this');
  return { token: ctx.caller.token, ...ctx.caller.identity };
}

/**
 * An upstream failure as a typed error: a documented dxCore code through the shared table; a bare
 * status through `byStatus` (the route's own documented meaning); anything else as the table says.
 */
function failure(byStatus: Record<number, (error: UpstreamError) => GatewayError>, field = 'input') {
  return (error: unknown): never => {
    if (!(error instanceof UpstreamError)) throw error;
    const named = error.failure === 'http' && error.code === undefined ? byStatus[error.status] : undefined;
    throw named ? named(error) : typedUpstreamError(error, field);
  };
}

const sessionGone = (error: UpstreamError) =>
  new AccessDeniedError('UNAUTHENTICATED', `dxCore: session already expired; log in again`, upstreamDetail(error));

const ended = (error: unknown) => error instanceof UpstreamError && error.failure === 'http' && (error.status === 401 || error.code === '20019');

// --- refreshSession ------------------------------------------------------------------------------

mutation('refreshSession', {
  description: "Prolongs the caller's own dxCore session (dxCore POST /ping). dxCore extends a session only once it is past half its duration, " +
    'by half of it; `expiresAt` is when it now ends. An end user (DXAPI) only.',
  scope: { endUser: true },
  success: Session,
  resolve: async (_args, ctx) => {
    const user = endUser(ctx);
    const started = Date.now();
    const answer = await ctx.dxcore.writes.ping().catch(async (error: unknown) => {
      // dxCore no longer knows the session: the gateway forgets it too.
      if (ended(error) || (error instanceof UpstreamError && error.status === 403)) await ctx.sessions.forget(user.token);
      return failure({ 403: sessionGone })(error);
    });
    const { sessionToken, timeout } = answer.data;
    if (sessionToken !== user.token) await ctx.sessions.remember(sessionToken, { login: user.login, domain: user.domain });
    return { token: sessionToken, expiresAt: new Date(started + timeout), identity: { login: user.login, domain: user.domain } };
  },
});

// --- logout, logoutUser --------------------------------------------------------------------------

interface LoggedOutShape {
  userId?: number | undefined;
  login?: string | undefined;
  domain?: string | undefined;
}

const LoggedOut = builder.objectRef<LoggedOutShape>('LoggedOut').implement({
  description: 'dxCore ended the session(s); the user named as the mutation named them.',
  fields: (t) => ({
    userId: t.int({ nullable: true, resolve: (s) => s.userId }),
    login: t.string({ nullable: true, resolve: (s) => s.login }),
    domain: t.string({ nullable: true, resolve: (s) => s.domain }),
  }),
});

/** Document 000's bare statuses of the three logout paths. */
const logoutStatuses: Record<number, (error: UpstreamError) => GatewayError> = {
  400: (e) => new ValidationError('input', `dxCore: one of the parameters is not set`, upstreamDetail(e)),
  403: (e) => new RejectedError('SYSTEM_USER_NOT_SUPPORTED', `dxCore: logout is not supported for a system user`, upstreamDetail(e)),
  404: (e) => new NotFoundError('USER_NOT_FOUND', `dxCore: the user does not exist`, upstreamDetail(e)),
};

mutation('logout', {
  description: "Ends the caller's own dxCore session (dxCore POST /logoutUserByToken); the token stops working at the gateway at once. " +
    'An end user (DXAPI) only. A session dxCore has already ended counts as logged out.',
  scope: { endUser: true },
  success: LoggedOut,
  resolve: async (_args, ctx) => {
    const user = endUser(ctx);
    await ctx.dxcore.writes.logoutUserByToken(user.login, user.domain, user.token).catch((error: unknown) => {
      if (!ended(error)) failure(logoutStatuses)(error);
    });
    await ctx.sessions.forget(user.token);
    return { login: user.login, domain: user.domain };
  },
});

const LogoutUserInput = builder.inputType('LogoutUserInput', {
  description: 'The user whose sessions end: by dxCore `userId` or by `user`, exactly one.',
  fields: (t) => ({
    userId: t.int({ description: "dxCore's numeric user id (SSOTokenInfo's userId)." }),
    user: t.field({ type: SessionUserInput }),
  }),
});

mutation('logoutUser', {
  description: "Ends every dxCore session of a user (dxCore POST /logoutUserById or /logoutUserByLogin). Needs the `admin` scope.",
  args: (arg) => ({ input: arg({ type: LogoutUserInput, required: true }) }),
  scope: { admin: true },
  success: LoggedOut,
  resolve: async ({ input }, ctx) => {
    const writes = ctx.upstreams.dxcore.service.writes;
    const { userId, user } = input;
    if ((userId === null || userId === undefined) === (user === null || user === undefined)) {
      throw new ValidationError(user ? 'input.userId' : 'input.user', 'Give input.userId or input.user, exactly one');
    }
    if (user) {
      const named = validUser('input.user', user);
      await writes.logoutUserByLogin(named.login, named.domain).catch(failure(logoutStatuses, 'input.user'));
      // The gateway forgets them too, which ends their subscriptions; by userId it cannot tell whose
      // they are, and the subscriptions' recheck ends them.
      await ctx.sessions.forgetUser(named);
      return named;
    }
    if (!Number.isInteger(userId) || (userId as number) < 0) throw new ValidationError('input.userId', 'input.userId must be a dxCore user id (an integer, 0 or more)');
    await writes.logoutUserById(userId as number).catch(failure(logoutStatuses, 'input.userId'));
    return { userId: userId as number };
  },
});

// --- checkLogin ----------------------------------------------------------------------------------

const CheckLoginInput = builder.inputType('CheckLoginInput', {
  description: "Credentials to check, as dxCore's /checkLogin names them: `password` or an SSO `token`, exactly one.",
  fields: (t) => ({
    login: t.string({ required: true }),
    domain: t.string({ required: true }),
    password: t.string(),
    token: t.string({ description: 'An SSO token (from `ssoToken`).' }),
  }),
});

const CredentialsValid = builder.objectRef<UserShape>('CredentialsValid').implement({
  description: 'dxCore accepted the credentials. No session was made.',
  fields: (t) => ({
    login: t.exposeString('login'),
    domain: t.exposeString('domain'),
  }),
});

const refusedCredentials = (e: UpstreamError) => new InvalidCredentialsError(`dxCore refused the credentials`, upstreamDetail(e));

mutation('checkLogin', {
  description: "Checks a user's password or SSO token without logging in (dxCore POST /checkLogin); refused ones are INVALID_CREDENTIALS. Needs the `admin` scope.",
  args: (arg) => ({ input: arg({ type: CheckLoginInput, required: true }) }),
  scope: { admin: true },
  success: CredentialsValid,
  errors: [InvalidCredentialsError, LoginThrottledError],
  resolve: async ({ input }, ctx) => {
    const user = validUser('input', input);
    const password = input.password ?? undefined;
    const token = input.token ?? undefined;
    if ((password === undefined) === (token === undefined)) throw new ValidationError(token ? 'input.password' : 'input.token', 'Give input.password or input.token, exactly one');
    if ((password ?? token) === '') throw new ValidationError(password !== undefined ? 'input.password' : 'input.token', 'must not be empty');
    // A password check is a password try like a login, counted the same way; an SSO token is not guessable.
    const attempt = password === undefined ? undefined : await passwordTry(ctx, user.domain, user.login);
    await ctx.upstreams.dxcore.service.writes.checkLogin({ ...user, password, token }).catch(async (error: unknown) => {
      // A wrong password or token is 403 "Authentication failed" (20020), as on /login (readings.ts).
      if (credentialsRefused(error)) throw refusedCredentials(error);
      await attempt?.undecided();
      return failure({ 400: (e) => new ValidationError('input', `dxCore: form parameters are not valid`, upstreamDetail(e)) })(error);
    });
    await attempt?.succeeded();
    return user;
  },
});

// --- ssoToken, ssoTokenInfo ----------------------------------------------------------------------

const SsoTokenInput = builder.inputType('SsoTokenInput', {
  description:
    "An end user's SSO token for their own session (dxCore /getSSOToken: `durationMs`, `origin` apply), or, for an admin, " +
    "one for `user` (dxCore /generateToken, needs dxCore's LOGIN_ON_BEHALF permission).",
  fields: (t) => ({
    user: t.field({ type: SessionUserInput, description: 'Admin: the user to make a token for. An end user may name only themselves.' }),
    durationMs: t.int({ description: "End user: the token's lifetime in milliseconds, at most 300000 (5 minutes); dxCore's default when omitted." }),
    origin: t.string({ description: "End user: dxCore's tokenOrigin." }),
  }),
});

interface SsoTokenShape extends UserShape {
  token: string;
}

const SsoToken = builder.objectRef<SsoTokenShape>('SsoToken').implement({
  description: 'A single sign-on token: `checkLogin` (and dxCore-based apps) accept it in place of a password until it expires.',
  fields: (t) => ({
    token: t.exposeString('token'),
    login: t.exposeString('login'),
    domain: t.exposeString('domain'),
  }),
});

const ssoStatuses: Record<number, (error: UpstreamError) => GatewayError> = {
  400: (e) => new ValidationError('input', `dxCore: token request is not valid`, upstreamDetail(e)),
  401: sessionGone,
  403: (e) => new AccessDeniedError('FORBIDDEN', `dxCore: access forbidden; making a token for another user needs LOGIN_ON_BEHALF`, upstreamDetail(e)),
};

/**
 * The longest SSO token an end user may ask for: dxCore's own default. A token outlives the session
 * it was made from (dxCore cannot revoke it), so its life after a logout is at most this.
 */
const maxSsoTokenMs = 5 * 60_000;

async function ssoToken(input: typeof SsoTokenInput.$inferInput | null | undefined, ctx: Context): Promise<SsoTokenShape> {
  const named = input?.user ? validUser('input.user', input.user) : undefined;
  const durationMs = input?.durationMs ?? undefined;
  const origin = input?.origin ?? undefined;
  if (ctx.caller.kind === 'user') {
    const me = endUser(ctx);
    if (named && (named.login !== me.login || named.domain !== me.domain)) throw new AccessDeniedError('FORBIDDEN', 'An end user may make an SSO token only for themselves');
    if (durationMs !== undefined && (durationMs <= 0 || durationMs > maxSsoTokenMs)) {
      throw new ValidationError('input.durationMs', `input.durationMs must be from 1 to ${maxSsoTokenMs} (5 minutes)`);
    }
    if (origin !== undefined) requireText('input.origin', origin);
    const answer = await ctx.dxcore.writes.ssoToken(me.token, durationMs, origin).catch(failure(ssoStatuses));
    return { token: answer.data, login: me.login, domain: me.domain };
  }
  if (!named) throw new ValidationError('input.user', 'input.user names the user to make a token for');
  if (durationMs !== undefined) throw new ValidationError('input.durationMs', "input.durationMs applies only to an end user's own token");
  if (origin !== undefined) throw new ValidationError('input.origin', "input.origin applies only to an end user's own token");
  const answer = await ctx.upstreams.dxcore.service.writes.generateToken(named.login, named.domain).catch(failure(ssoStatuses, 'input.user'));
  return { token: answer.data, ...named };
}

mutation('ssoToken', {
  description: 'Makes an SSO token: an end user (DXAPI) for their own session, or an admin key for any user (LOGIN_ON_BEHALF).',
  args: (arg) => ({ input: arg({ type: SsoTokenInput }) }),
  scope: { endUser: true, admin: true },
  success: SsoToken,
  resolve: ({ input }, ctx) => ssoToken(input, ctx),
});

interface SsoTokenInfoShape {
  expirationTime?: number | undefined;
  userName?: string | undefined;
  userDomain?: string | undefined;
  userId?: number | undefined;
  serialNumber?: number | undefined;
}

const SsoTokenInfo = builder.objectRef<SsoTokenInfoShape>('SsoTokenInfo').implement({
  description: "What dxCore knows of a live SSO token (its SSOTokenInfo).",
  fields: (t) => ({
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.expirationTime }),
    login: t.string({ nullable: true, resolve: (i) => i.userName }),
    domain: t.string({ nullable: true, resolve: (i) => i.userDomain }),
    userId: t.int({ nullable: true, description: "dxCore's numeric user id (for logoutUser).", resolve: (i) => i.userId }),
    serialNumber: t.float({ nullable: true, resolve: (i) => i.serialNumber }),
    client: t.field({
      type: ClientNode,
      nullable: true,
      description: 'The client the token logs in as; null for a user that is not a client.',
      resolve: (i): ClientRef | null => (i.userName && i.userDomain ? { key: pairKey(i.userDomain, i.userName) } : null),
    }),
  }),
});

mutation('ssoTokenInfo', {
  description: 'Reads what an SSO token stands for (dxCore POST /getSSOTokenInfo). A mutation only so that the token travels in a POST body, never a URL. ' +
    'A malformed or expired token is INVALID_SSO_TOKEN. Needs the `admin` scope.',
  args: (arg) => ({ token: arg.string({ required: true }) }),
  scope: { admin: true },
  success: SsoTokenInfo,
  resolve: async (args, ctx) => {
    const token = requireText('token', args.token, 4096);
    const answer = await ctx.upstreams.dxcore.service.writes
      .ssoTokenInfo(token)
      .catch(failure({ 400: (e) => new RejectedError('INVALID_SSO_TOKEN', `dxCore: the token is malformed or expired`, upstreamDetail(e)) }, 'token'));
    return answer.data;
  },
});
