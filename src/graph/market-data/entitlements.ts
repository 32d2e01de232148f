import type { MarketDataAction } from '../../upstreams/dxcore-writes.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { mutation, naming, recordPayload } from '../mutations.ts';
import { MarketDataAccountInput, MarketDataFeedInput, requireAccountId, requireFeeds } from './inputs.ts';
import { MarketDataAccountNode, refreshedMarketDataAccount } from './market-data.ts';

/**
 * dxCore's market-data paths (document 000; document 003, 2.5): the dxFeed subscriptions and the
 * suspension dxCore keeps for the client linked to a market-data account. dxCore logs that user out.
 */

const MarketDataEntitlementsInput = builder.inputType('MarketDataEntitlementsInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: "The market-data (dxFeed) account id, as a dxCore client's `dxFeedAccountId`." }),
    subscriptions: t.field({ type: [MarketDataFeedInput], required: true }),
  }),
});

const dxCoreAccount =
  "The market-data account as the Retail Services Platform has it (read when selected). dxCore keeps entitlements on its own side and answers only OK, so this is not dxCore's copy.";

/** Records a change of a linked client's dxFeed subscriptions in dxCore (document 003, 2.5). */
async function changeEntitlements(ctx: Context, action: MarketDataAction, input: typeof MarketDataEntitlementsInput.$inferInput) {
  const accountId = requireAccountId(input.accountId);
  const subscriptions = requireFeeds('input.subscriptions', input.subscriptions);
  await naming('input.subscriptions', () => ctx.dxcore.writes.marketData(action, { accountId, subscriptions }));
  return { account: refreshedMarketDataAccount(ctx, accountId, true) };
}

const MarketDataEntitlementsActivated = recordPayload('MarketDataEntitlementsActivated', 'account', MarketDataAccountNode, {
  payload: 'dxCore recorded the change (market-data-subscription-activation) and, as document 003 says, logged the user out.',
  record: dxCoreAccount,
});

mutation('activateMarketDataEntitlements', {
  description: 'Adds dxFeed market-data subscriptions to what dxCore keeps for the client linked to this market-data account (dxCore logs that user out). CLIENT_NOT_FOUND when no client is linked.',
  args: (arg) => ({ input: arg({ type: MarketDataEntitlementsInput, required: true }) }),
  scope: { write: true },
  success: MarketDataEntitlementsActivated,
  resolve: ({ input }, ctx) => changeEntitlements(ctx, 'market-data-subscription-activation', input),
});

const MarketDataEntitlementsCancelled = recordPayload('MarketDataEntitlementsCancelled', 'account', MarketDataAccountNode, {
  payload: 'dxCore recorded the change (market-data-subscription-cancelation) and, as document 003 says, logged the user out.',
  record: dxCoreAccount,
});

mutation('cancelMarketDataEntitlements', {
  description: 'Removes dxFeed market-data subscriptions from what dxCore keeps for the client linked to this market-data account (dxCore logs that user out). CLIENT_NOT_FOUND when no client is linked.',
  args: (arg) => ({ input: arg({ type: MarketDataEntitlementsInput, required: true }) }),
  scope: { write: true },
  success: MarketDataEntitlementsCancelled,
  resolve: ({ input }, ctx) => changeEntitlements(ctx, 'market-data-subscription-cancelation', input),
});

const MarketDataAccountSuspended = recordPayload('MarketDataAccountSuspended', 'account', MarketDataAccountNode, {
  payload: 'dxCore recorded the suspension of the dxFeed account and logged the user out.',
  record: dxCoreAccount,
});

mutation('suspendMarketDataAccount', {
  description: 'Tells dxCore the dxFeed account is suspended (dxCore logs the linked user out). CLIENT_NOT_FOUND when no client is linked.',
  args: (arg) => ({ input: arg({ type: MarketDataAccountInput, required: true }) }),
  scope: { write: true },
  success: MarketDataAccountSuspended,
  resolve: async ({ input }, ctx) => {
    const accountId = requireAccountId(input.accountId);
    await naming('input.accountId', () => ctx.dxcore.writes.marketData('market-data-account-suspension', { accountId }));
    return { account: refreshedMarketDataAccount(ctx, accountId, true) };
  },
});
