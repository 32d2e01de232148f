import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { getNamedType, getNullableType, isListType, type GraphQLField } from 'graphql';
import { defaultPageSize, maxPageSize } from './page-sizes.ts';

/**
 * How many items a list of objects is assumed to hold, where no argument says (a connection's
 * `first`/`last` and `nodes(ids:)` do): the largest the seeded world holds, rounded up, or the
 * documented upper bound. A query's cost multiplies what such a list selects by this, so a bound
 * too low here lets a caller buy more work than the cost says.
 */
export const assumedListSizes: Readonly<Record<string, number>> = {
  'Client.accounts': 10, // seeded: at most 3 per client
  'Client.groups': 5, // seeded: at most 1 per client
  'ClientGroup.members': 50, // seeded: 26 in the largest group
  'ClientGroup.ancestors': 5, // seeded: at most 1
  'Broker.children': 10, // seeded: 7 brokers in all
  'Broker.categories': 10, // seeded: 3 per broker
  'Account.categories': 10, // seeded: 1 per account
  'MarketDataAccount.subscriptions': 10, // the Retail feed catalogue: 9 feeds
  'MarketDataSubscriptionEvent.subscriptions': 10,
  'Session.subscriptions': 10,
  'Notification.deliveries': 1000, // a notification has at most 1,000 recipients (sendNotification)
  // At most the batch (up to 1,000, admin and transfers only): rows the upstream's one answer already holds, bounded by the response size.
  'TransactionsImported.failed': 100,
  'PlatformAccount.users': 10, // seeded: 1 per account
  'PlatformAccountSnapshot.users': 10,
};

/** Any other list of objects (workflow steps and the like). */
export const defaultListSize = 10;

type Field = Pick<GraphQLField<unknown, unknown>, 'name' | 'type' | 'extensions'>;

/** The field's parent type, as Pothos records it on every field it builds. */
const parentOf = (field: Field): string | undefined =>
  (field.extensions as { pothosConfig?: { parentType?: string } }).pothosConfig?.parentType;

/** The page a connection field answers: `first`/`last` (the smaller of the two), else the default, never above the maximum. */
function pageSize(args: Record<string, unknown>): number {
  const asked = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  return Math.min(asked.length ? Math.min(...asked) : defaultPageSize, maxPageSize);
}

/**
 * Each field's complexity (`@pothos/plugin-complexity`): 1 for itself, and what it selects times the
 * items it may return. A connection multiplies by its page (its `pageInfo` and `totalCount` with it:
 * a few fields over), `nodes(ids:)` by its ids, any other list of objects by its assumed size.
 */
export function fieldComplexity(args: Record<string, unknown>, _ctx: unknown, field: Field): FieldComplexityValue {
  const type = getNullableType(field.type);
  const parent = parentOf(field) ?? '';
  if (getNamedType(type).name.endsWith('Connection')) return { field: 1, multiplier: pageSize(args) };
  // Edges are counted by their connection's page already. (A bare number would give lists the plugin's default multiplier.)
  if (!isListType(type) || parent.endsWith('Connection')) return { field: 1, multiplier: 1 };
  if (parent === 'Query' && field.name === 'nodes') return { field: 1, multiplier: (args.ids as unknown[]).length };
  const assumed = assumedListSizes[`${parent}.${field.name}`] ?? defaultListSize;
  // Deliveries filtered to some recipients are at most those.
  const recipients = Array.isArray(args.recipients) && args.recipients.length > 0 ? args.recipients.length : assumed;
  return { field: 1, multiplier: Math.min(assumed, recipients) };
}
