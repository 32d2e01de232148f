import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { retailAccountValues } from '../../readings.ts';
import { retailSubscriptionStatuses, type RetailAccount, type RetailSubscription } from '../../upstreams/retail.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { dataOf, loaded, loadKeys, memo, prime, type Ref } from '../loading.ts';
import { refuseLegacyId } from '../legacy-ids.ts';
import { clientRecordScopes, keyField } from '../record-scopes.ts';

/** A market-data account's parent: the Retail account id (a client's `dxFeedAccountId`), and the record once loaded. */
export type MarketDataAccountRef = Ref<RetailAccount>;

/** Not a Relay node: its `id` is the Retail account id itself, the value every input, filter and event takes. */
export const MarketDataAccountNode = builder.loadableObjectRef('MarketDataAccount', {
  load: (ids: string[], ctx: Context) =>
    // The Retail API has no list read: one call per account, all in the same round.
    loadKeys<RetailAccount>(ids, (id) => ctx.upstreams.retail.account(id)),
});

/**
 * The account after a write. The record is read again on the next use; when subscriptions changed, so
 * is every subscription list: `MarketDataAccount.subscriptions` has its own per-request loader that only
 * clearing all of this request's loaders reaches (a mutation's later reads are few, so that is cheap).
 */
export function refreshedMarketDataAccount(ctx: Context, accountId: string, subscriptionsChanged: boolean): MarketDataAccountRef {
  if (subscriptionsChanged) clearAllDataLoaders(ctx);
  else MarketDataAccountNode.getDataloader(ctx).clear(accountId);
  return { key: accountId };
}

const account = (ref: MarketDataAccountRef, ctx: Context) => dataOf(MarketDataAccountNode.getDataloader, ref, ctx);

export const MarketDataSubscriptionStatus = builder.enumType('MarketDataSubscriptionStatus', { values: retailSubscriptionStatuses });

export const MarketDataSubscription = builder.objectRef<RetailSubscription>('MarketDataSubscription').implement({
  description: 'A market-data feed subscription of a Retail Services (dxFeed) account.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The feed name, e.g. CMEGROUP.' }),
    status: t.field({ type: MarketDataSubscriptionStatus, resolve: (s) => s.status as never }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'Null for a subscription without an end date.', resolve: (s) => s.expiresAt }),
  }),
});

const valuesNote = (name: keyof typeof retailAccountValues) => `One of ${retailAccountValues[name].join(', ')} on the simulators; passed through as the upstream spells it.`;

MarketDataAccountNode.implement({
  description: 'A Retail Services Platform (dxFeed) market-data account. Needs `read`, or the session of the client it is linked to; `id` is readable by whoever got it.',
  authScopes: clientRecordScopes,
  fields: (t) => ({
    id: t.id({ ...keyField, description: 'The Retail account id: what dxCore stores as `dxFeedAccountId`, and what market-data inputs and events take.', resolve: (ref) => ref.key }),
    accountId: t.string({ ...keyField, description: 'The Retail account id, as `id`.', deprecationReason: 'Use `id`: the same value.', resolve: (ref) => ref.key }),
    email: t.string({ nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).email }),
    status: t.string({ nullable: true, description: valuesNote('status'), resolve: async (ref, _, ctx) => (await account(ref, ctx)).status }),
    subscriberStatus: t.string({ nullable: true, description: valuesNote('subscriberStatus'), resolve: async (ref, _, ctx) => (await account(ref, ctx)).subscriberStatus }),
    dataAccessStatus: t.string({ nullable: true, description: valuesNote('dataAccessStatus'), resolve: async (ref, _, ctx) => (await account(ref, ctx)).dataAccessStatus }),
    subscriptions: t.loadableList({
      type: MarketDataSubscription,
      nullable: true,
      description: 'Every subscription, active and expired. Needs only the account id, so it is fetched beside the account, not after it.',
      load: (ids: string[], ctx: Context) => Promise.all(ids.map((id) => ctx.upstreams.retail.subscriptions(id).catch((e: unknown) => e as Error))),
      resolve: (ref) => ref.key,
    }),
  }),
});

builder.queryFields((t) => ({
  marketDataAccount: t.field({
    type: MarketDataAccountNode,
    nullable: true,
    authScopes: { read: true },
    args: { accountId: t.arg.id({ required: true, description: 'The Retail account id (`MarketDataAccount.id`).' }) },
    resolve: (_, args) => refuseLegacyId('accountId', 'MarketDataAccount', String(args.accountId)),
  }),
  marketDataAccountByEmail: t.field({
    type: MarketDataAccountNode,
    nullable: true,
    authScopes: { read: true },
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_, args, ctx) => {
      const found = await memo(ctx, `retail:by-email:${args.email.toLowerCase()}`, () => ctx.upstreams.retail.accountByEmail(args.email));
      const ref = loaded(found.id, found);
      prime(MarketDataAccountNode.getDataloader(ctx), [ref]);
      return ref;
    },
  }),
}));
