import type { UserIdentity } from '../../auth/sessions.ts';
import { SessionCapacityError } from '../../auth/sessions.ts';
import { SystemUserError } from '../../auth/system-user.ts';
import { logger } from '../../observability/logger.ts';
import type { LoginAttempt } from '../../security/login-throttle.ts';
import type { DxLoginResult } from '../../upstreams/dxcore-wire.ts';
import { UpstreamError } from '../../upstreams/http.ts';
import type { RetailSubscription } from '../../upstreams/retail.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { typedUpstreamError } from '../errors.ts';
import { loginRule } from '../dxtradext/dxtradext.ts';
import { InvalidCredentialsError, RejectedError, ValidationError } from '../typed-errors.ts';
import { mutation } from '../mutations.ts';
import { ClientNode } from '../client/client.ts';
import { pairKey } from '../loading.ts';
import { MarketDataSubscription } from '../market-data/market-data.ts';
import { LoginThrottledError, passwordTry } from './password-tries.ts';

export interface SessionShape {
  token: string;
  expiresAt: Date;
  /** XT and CRM modes: the linked feeds as synced at login (document 003). */
  subscriptions?: RetailSubscription[] | undefined;
  /** Whose session it is. */
  identity: UserIdentity;
}

export const Session = builder.objectRef<SessionShape>('Session').implement({
  description: 'An end user\'s dxCore session: send `Authorization: DXAPI <token>` to act as that user.',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.field({ type: 'DateTime', description: 'When dxCore ends the session unless it is extended.', resolve: (s) => s.expiresAt }),
    // Nullable: a refused field below must null the client, never the Session, whose token the caller would lose.
    client: t.field({
      type: ClientNode,
      nullable: true,
      description: "The session's client. Its `id`, `domain` and `login` read at once; its other fields with the session's own token (`me`), or `read`; null when one of those is refused.",
      resolve: (s) => ({ key: pairKey(s.identity.domain, s.identity.login) }),
    }),
    subscriptions: t.field({
      type: [MarketDataSubscription],
      nullable: true,
      description: 'XT and CRM modes: the market-data subscriptions synced at login (at least one is active). Null in single-feed mode or without a linked account.',
      resolve: (s) => s.subscriptions,
    }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  description: "dxCore's /login credentials.",
  fields: (t) => ({
    username: t.string({ required: true }),
    domain: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

type LoginArgs = { username: string; domain: string; password: string };

/** Longest accepted: a name or password past these is no one's, and is not sent on. */
const maxLength = { username: 256, domain: 256, password: 1024 } as const;

function validate(input: LoginArgs): void {
  for (const field of ['username', 'domain', 'password'] as const) {
    if (input[field].trim() === '') throw new ValidationError(`input.${field}`, `${field} must not be empty`);
    if (input[field].length > maxLength[field]) throw new ValidationError(`input.${field}`, `${field} must be at most ${maxLength[field]} characters`);
  }
}

/** dxCore refused the credentials themselves (document 000: 403 "Authentication failed"). */
export const credentialsRefused = (error: unknown): error is UpstreamError =>
  error instanceof UpstreamError && error.failure === 'http' && (error.status === 403 || error.status === 401) && error.code !== '20019';

/** Asks dxCore; a failure counts against the try, any other outcome gives it back or settles it. */
async function dxCoreLogin(ctx: Context, input: LoginArgs, attempt: LoginAttempt): Promise<DxLoginResult> {
  try {
    const result = await ctx.upstreams.dxcore.login(input);
    await attempt.succeeded();
    return result;
  } catch (error) {
    // The system user's name counts as a failed try and is answered as one: no one learns it is special.
    if (!credentialsRefused(error) && !(error instanceof SystemUserError)) {
      await attempt.undecided();
      throw error instanceof UpstreamError ? typedUpstreamError(error) : error;
    }
    throw new InvalidCredentialsError('Login refused: wrong username, domain or password');
  }
}

/**
 * The new dxCore session passes the login rule and is remembered; if anything fails on the way
 * (the rule, a full store, Redis down), dxCore ends it again, so that no session outlives its refusal.
 */
async function keptSession(ctx: Context, token: string, identity: UserIdentity): Promise<RetailSubscription[] | undefined> {
  try {
    const subscriptions = await loginRule(ctx, token, identity);
    await ctx.sessions.remember(token, identity);
    return subscriptions;
  } catch (error) {
    await ctx.upstreams.dxcore.service.writes.logoutUserByToken(identity.login, identity.domain, token).catch((failure: unknown) => {
      logger.error({ err: failure }, 'login: the refused dxCore session could not be ended; dxCore ends it at its timeout');
    });
    // A store that failed half way may hold it: it is no one's now (and may fail again, as Redis down does).
    await ctx.sessions.forget(token).catch(() => {});
    if (error instanceof SessionCapacityError) throw new RejectedError('SESSION_CAPACITY_REACHED', error.message);
    throw error;
  }
}

mutation('login', {
  description: 'Logs an end user in to dxCore. Needs no credentials; the session token it returns is the caller credential for that user.',
  args: (arg) => ({ input: arg({ type: LoginInput, required: true }) }),
  scope: 'public',
  success: Session,
  errors: [InvalidCredentialsError, LoginThrottledError],
  resolve: async ({ input }, ctx) => {
    validate(input);
    const attempt = await passwordTry(ctx, input.domain, input.username);
    const started = Date.now();
    const result = await dxCoreLogin(ctx, input, attempt);
    const identity = { login: input.username, domain: input.domain };
    const subscriptions = await keptSession(ctx, result.sessionToken, identity);
    return { token: result.sessionToken, expiresAt: new Date(started + result.timeout), subscriptions, identity };
  },
});
