import type { DxTradeXtMode } from '../dxtradext-modes.ts';
import { readMarketDataLinks } from '../upstreams/dxcore-links.ts';
import { UpstreamError } from '../upstreams/http.ts';
import type { Upstreams } from '../upstreams/index.ts';
import type { GatewayEvent } from './log.ts';
import type { DxFeedEventData } from './webhooks.ts';

/**
 * What a newly logged event changes in the gateway (document 003). A dxFeed callback means the
 * user's subscriptions changed: in DxTradeXT and CRM modes DxTradeXT logs that user out, so that the
 * next login re-syncs the subscriptions under the login rule; the gateway does the same. (Cached
 * market-data state lives only in request and subscription contexts, and each subscription event is
 * resolved against fresh caches, so nothing else holds the old subscriptions.)
 */
export function eventEffects(upstreams: Upstreams, mode: DxTradeXtMode): (event: GatewayEvent) => Promise<void> {
  return async (event) => {
    if (event.stream !== 'market-data' || mode === 'single-feed') return;
    const { accountId } = event.data as DxFeedEventData;
    const dxcore = upstreams.dxcore.service;
    const linked = (await readMarketDataLinks(dxcore)).get(accountId) ?? [];
    await Promise.all(linked.map((c) => persistently(() => dxcore.writes.logoutUserByLogin(c.login, c.domain))));
  };
}

/** Logging out twice is harmless and the webhook is already acknowledged: a transient failure is tried again a few times. */
async function persistently(call: () => Promise<unknown>, delays = [200, 1_000, 5_000]): Promise<void> {
  for (const delay of delays) {
    try {
      await call();
      return;
    } catch (error) {
      const transient = error instanceof UpstreamError && (error.failure !== 'http' || error.status >= 500);
      if (!transient) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  await call();
}
