import type { LoggedEvent } from '../../events/log.ts';
import { dxFeedEventTypes, type DxFeedEventData } from '../../events/webhooks.ts';
import { builder } from '../builder.ts';
import { deliveredEvent, eventSource, eventTypeEnumValues, typeFilter } from '../events.ts';
import { refuseLegacyId } from '../legacy-ids.ts';
import { grantOwnIf } from '../record-scopes.ts';
import { ClientNode } from '../client/client.ts';
import { marketDataAccountClients } from '../client/links.ts';
import { MarketDataAccountNode, MarketDataSubscription } from './market-data.ts';
import { ownMarketDataAccount } from './own.ts';

type MarketDataEvent = LoggedEvent & { data: DxFeedEventData };

export const MarketDataEventType = builder.enumType('MarketDataEventType', {
  description: 'dxFeed subscription callback types, with underscores (SUBSCRIPTION.ACTIVATED is SUBSCRIPTION_ACTIVATED).',
  values: eventTypeEnumValues(dxFeedEventTypes),
});

const MarketDataSubscriptionEvent = builder.objectRef<MarketDataEvent>('MarketDataSubscriptionEvent').implement({
  description: 'A dxFeed subscription callback (document 003): the subscriptions a change touched, as the callback carried them.',
  fields: (t) => {
    // `account` is the deprecated name of `marketDataAccount`: one definition serves both. An end user
    // follows only the account their own client links (`ownMarketDataAccount`).
    const eventAccount = (options: { description: string } | { deprecationReason: string }) =>
      t.field({
        type: MarketDataAccountNode,
        nullable: true,
        ...options,
        grantScopes: (_, __, ctx) => grantOwnIf(ctx.caller.kind === 'user'),
        resolve: (e) => e.data.accountId,
      });
    return {
      id: t.id({ description: "The callback's own id; pass it as `after` to resume after this event.", resolve: (e) => e.id }),
      type: t.field({ type: MarketDataEventType, resolve: (e) => e.type as never }),
      createdAt: t.field({ type: 'DateTime', description: "The upstream's timestamp.", resolve: (e) => e.createdAt }),
      accountId: t.id({ description: 'The market-data (dxFeed) account id.', resolve: (e) => e.data.accountId }),
      subscriptions: t.field({ type: [MarketDataSubscription], resolve: (e) => e.data.subscriptions }),
      marketDataAccount: eventAccount({ description: 'The market-data account as the Retail API has it now (a fresh read after the change).' }),
      account: eventAccount({ deprecationReason: 'Use `marketDataAccount`: the same account.' }),
      client: t.field({
        type: ClientNode,
        nullable: true,
        description: 'The client whose `dxFeedAccountId` links the account (for an end user: their own client).',
        resolve: (e, _, ctx) => marketDataAccountClients(ctx).load(e.data.accountId),
      }),
    };
  },
});

/** A dxFeed callback's account id: the hub's index for subscribers of one account. */
const marketDataAccountOf = (event: LoggedEvent) => (event.stream === 'market-data' ? (event as MarketDataEvent).data.accountId : undefined);

builder.subscriptionField('marketDataSubscriptionEvents', (t) =>
  t.field({
    type: MarketDataSubscriptionEvent,
    description: 'dxFeed subscription changes. Partners need the `read` scope; an end user sees only their own market-data account.',
    authScopes: { read: true, endUser: true },
    args: {
      accountId: t.arg.id({ description: 'Only this market-data account (for an end user: their own, the default).' }),
      types: t.arg({ type: [MarketDataEventType], description: 'Only these event types.' }),
      after: t.arg.id({ description: 'Replay the events after this event id from the log, then continue live.' }),
    },
    subscribe: async (_, args, ctx) => {
      const requested = args.accountId == null ? undefined : refuseLegacyId('accountId', 'MarketDataAccount', String(args.accountId));
      const accountId = ctx.caller.kind === 'user' ? await ownMarketDataAccount(ctx, requested) : requested;
      const ofType = typeFilter(args.types);
      const ofAccount = (event: LoggedEvent) => !accountId || (event as MarketDataEvent).data.accountId === accountId;
      // An end user may see their own account's events only; a partner's accountId is a filter.
      return eventSource(
        ctx,
        'market-data',
        args.after?.toString(),
        (event) => ofAccount(event) && ofType(event),
        ctx.caller.kind === 'user' ? ofAccount : undefined,
        accountId ? { of: marketDataAccountOf, key: accountId } : undefined,
      );
    },
    resolve: (delivery) => deliveredEvent(delivery) as MarketDataEvent,
  }),
);
