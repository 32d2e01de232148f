import type { RetailFeedRequest } from '../../upstreams/retail.ts';
import { builder } from '../builder.ts';
import { refuseLegacyId } from '../legacy-ids.ts';
import { ValidationError } from '../typed-errors.ts';
import { requireFuture, requireNonEmptyList, requireText } from '../validation.ts';

/** The inputs the market-data writes share (the Retail account, feeds) and their checks, made before any upstream call. */

/** ISO 8601 in UTC, whole seconds unless the caller gave a fraction (document 001: `2021-12-22T23:59:59Z`). */
const isoInstant = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z');

export const requireAccountId = (value: string | number, field = 'input.accountId') => refuseLegacyId(field, 'MarketDataAccount', requireText(field, String(value), 128));

interface FeedArgs {
  feedName: string;
  endDate?: Date | null | undefined;
}

/** Feed names, each filled in and listed once; `at(i)` is the input field of the i-th. */
function distinctFeedNames(field: string, names: readonly string[], at: (i: number) => string): string[] {
  requireNonEmptyList(field, names);
  const seen = new Set<string>();
  return names.map((name, i) => {
    const feedName = requireText(at(i), name, 128);
    if (seen.has(feedName)) throw new ValidationError(at(i), `${at(i)}: ${feedName} is listed twice`);
    seen.add(feedName);
    return feedName;
  });
}

/** A non-empty list of distinct feeds; any end date must lie ahead. Checked before any upstream call. */
export function requireFeeds(field: string, items: readonly FeedArgs[], now = Date.now()): RetailFeedRequest[] {
  const names = distinctFeedNames(field, items.map((item) => item.feedName), (i) => `${field}[${i}].feedName`);
  return items.map((item, i) => {
    const endDate = item.endDate ? isoInstant(requireFuture(`${field}[${i}].endDate`, item.endDate, now)) : undefined;
    return endDate === undefined ? { feedName: names[i]! } : { feedName: names[i]!, endDate };
  });
}

export const requireFeedNames = (field: string, names: readonly string[]) => distinctFeedNames(field, names, (i) => `${field}[${i}]`);

export const MarketDataAccountInput = builder.inputType('MarketDataAccountInput', {
  fields: (t) => ({ accountId: t.id({ required: true, description: 'The Retail account id (`MarketDataAccount.id`).' }) }),
});

export const MarketDataFeedInput = builder.inputType('MarketDataFeedInput', {
  fields: (t) => ({
    feedName: t.string({ required: true, description: 'The feed (subscription) name, e.g. CMEGROUP.' }),
    endDate: t.field({ type: 'DateTime', description: "When the subscription ends; in the future. Without it, the application's default period applies." }),
  }),
});
