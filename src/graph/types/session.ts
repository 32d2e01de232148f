import { UpstreamError } from '../../upstreams/http.ts';
import { builder } from '../builder.ts';
import { guarded, resultUnion, typedUpstreamError, upstreamDetail } from '../errors.ts';
import type { RetailSubscription } from '../../upstreams/retail.ts';
import { loginRule } from './dxtradext.ts';
import { InvalidCredentialsError, ValidationError } from './errors.ts';
import { MarketDataSubscription } from './market-data.ts';

export interface SessionShape {
  token: string;
  expiresAt: Date;
  /** XT and CRM modes: the linked feeds as synced at login (document 003). */
  subscriptions?: RetailSubscription[] | undefined;
}

export const Session = builder.objectRef<SessionShape>('Session').implement({
  description: 'An end user\'s dxCore session: send `Authorization: DXAPI <token>` to act as that user.',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.field({ type: 'DateTime', description: 'When dxCore ends the session unless it is extended.', resolve: (s) => s.expiresAt }),
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

function validate(input: LoginArgs): void {
  for (const field of ['username', 'domain', 'password'] as const) {
    if (input[field].trim() === '') throw new ValidationError(`input.${field}`, `${field} must not be empty`);
  }
}

/** dxCore's refusals of a login, as the typed errors of the result union. */
function loginFailure(error: unknown): never {
  if (!(error instanceof UpstreamError)) throw error;
  // dxCore answers a wrong password with 403 (document 000: "Authentication failed").
  if (error.status === 403 || error.status === 401) throw new InvalidCredentialsError(`Login refused (dxCore: ${error.upstreamMessage})`, upstreamDetail(error));
  throw typedUpstreamError(error);
}

builder.mutationField('login', (t) =>
  t.field({
    type: Session,
    nullable: true,
    description: 'Logs an end user in to dxCore. Needs no credentials; the session token it returns is the caller credential for that user.',
    args: { input: t.arg({ type: LoginInput, required: true }) },
    errors: resultUnion('LoginResult', [InvalidCredentialsError]),
    resolve: guarded(async (_, { input }, ctx) => {
      validate(input);
      const started = Date.now();
      const result = await ctx.upstreams.dxcore.login(input).catch(loginFailure);
      const identity = { login: input.username, domain: input.domain };
      const subscriptions = await loginRule(ctx, result.sessionToken, identity);
      await ctx.sessions.remember(result.sessionToken, identity);
      return { token: result.sessionToken, expiresAt: new Date(started + result.timeout), subscriptions };
    }),
  }),
);
