import { quoteCallerText } from '../../caller-text.ts';
import type { Context } from '../context.ts';
import { memo } from '../loading.ts';
import { AccessDeniedError, RejectedError } from '../typed-errors.ts';

/**
 * The market-data account an end user may act on: the one their own dxCore client links, read with
 * their own session once per request. `requested` (a caller's account id) must be that one.
 */
export async function ownMarketDataAccount(ctx: Context, requested: string | undefined): Promise<string> {
  if (ctx.caller.kind !== 'user') throw new Error('only for end users');
  const { domain, login } = ctx.caller.identity;
  const client = ctx.dxcore;
  const linked = (await memo(ctx, 'dxcore:own-dxfeed-account', () => client.client(domain, login, 'dxFeedAccountId'))).dxFeedAccountId;
  if (!linked) throw new RejectedError('MARKET_DATA_ACCOUNT_NOT_LINKED', 'Your client has no linked market-data account');
  if (requested !== undefined && requested !== linked) {
    throw new AccessDeniedError('FORBIDDEN', `An end user reaches only their own market-data account, not ${quoteCallerText(requested)}`);
  }
  return linked;
}
