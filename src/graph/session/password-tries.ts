import type { LoginAttempt } from '../../security/login-throttle.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { ErrorInterface } from '../error-types.ts';
import { GatewayError } from '../typed-errors.ts';

/**
 * Password tries, wherever a field checks one (`login`, `checkLogin`, `marketDataToken` by
 * credentials): each takes a try from the username's and the caller address's allowance first.
 */

/** Too many failed password tries for this username or from this address: nothing was tried. */
export class LoginThrottledError extends GatewayError {
  override readonly name = 'LoginThrottledError';
  readonly retryAfter: number;
  constructor(retryAfter: number) {
    super('LOGIN_THROTTLED', `Too many failed logins: try again in ${retryAfter} s`);
    this.retryAfter = retryAfter;
  }
}

builder.objectType(LoginThrottledError, {
  name: 'LoginThrottledError',
  description: 'Too many failed password tries for this username or from this address; the same answer whether or not the user exists.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfter: t.exposeInt('retryAfter', { description: 'Seconds until a try is allowed again.' }) }),
});

/** Takes a try from the username's and the caller address's allowance (src/security/login-throttle.ts); `domain` names the user base. */
export async function passwordTry(ctx: Context, domain: string, username: string): Promise<LoginAttempt> {
  const attempt = await ctx.logins.attempt(domain, username, ctx.address);
  if ('retryAfter' in attempt) throw new LoginThrottledError(attempt.retryAfter);
  return attempt;
}
