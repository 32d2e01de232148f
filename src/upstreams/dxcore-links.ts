import type { DxClient } from './dxcore-wire.ts';
import type { DxCoreApi } from './dxcore.ts';

/** A dxCore client by its composite key. */
export type ClientName = Pick<DxClient, 'domain' | 'login'>;

/**
 * The reverse of a client's `dxFeedAccountId`: the clients linking each market-data account.
 * dxCore keeps the link as a plain attribute, with no lookup by it and no uniqueness (the gateway's
 * writes keep it unique, market-data/links.ts), so the index comes from the client list read.
 */
export function clientsByMarketDataAccount(clients: readonly Pick<DxClient, 'domain' | 'login' | 'dxFeedAccountId'>[]): Map<string, ClientName[]> {
  const index = new Map<string, ClientName[]>();
  for (const { domain, login, dxFeedAccountId } of clients) {
    if (dxFeedAccountId) index.set(dxFeedAccountId, [...(index.get(dxFeedAccountId) ?? []), { domain, login }]);
  }
  return index;
}

/** The one lookup by `dxFeedAccountId` outside a GraphQL request: one list read of just that attribute. */
export async function readMarketDataLinks(dxcore: DxCoreApi): Promise<Map<string, ClientName[]>> {
  return clientsByMarketDataAccount(await dxcore.clients({ attributes: 'dxFeedAccountId' }));
}
