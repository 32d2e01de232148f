import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { DxClient } from '../../upstreams/dxcore-wire.ts';
import { clientsByMarketDataAccount } from '../../upstreams/dxcore-links.ts';
import { builder } from '../builder.ts';
import { arrayConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import { dataOf, pairKey } from '../loading.ts';
import { markOwn } from '../record-scopes.ts';
import { AccountConnection, AccountNode, accountKey, accountRefOf, listAccounts, type AccountRef } from '../account/account.ts';
import { BrokerNode } from '../broker/broker.ts';
import { MarketDataAccountNode } from '../market-data/market-data.ts';
import { ClientConnection, ClientNode, clientKey, clientRefOf, listClients, type ClientRef } from './client.ts';

/**
 * The links that lead to a client, or to a broker's records, from records that only name them the
 * other way round: dxCore has no lookup of an account's owner, of a dxFeed account's client or of a
 * broker's clients. For a partner they come from the client list read, once per request, which also
 * primes the Client loader (so the client's fields cost nothing more); client.ts adds the attributes
 * they need to it. An end user reaches only their own client: the links read it, and lead nowhere else.
 */

/** The clients a link may lead to in this request: every client for a partner, only their own for an end user. */
async function reachableClients(ctx: Context): Promise<DxClient[]> {
  if (ctx.caller.kind !== 'user') return listClients(ctx);
  const own = { key: pairKey(ctx.caller.identity.domain, ctx.caller.identity.login) };
  return [await dataOf(ClientNode.getDataloader, own, ctx)];
}

/** Per request: the owner of each trading account (by account key), loaded for all the accounts of a round at once. */
export const accountOwners = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, ClientRef | null>(async (keys) => {
      const owners = new Map((await reachableClients(ctx)).flatMap((c) => (c.accounts ?? []).map((a) => [accountKey(a), clientRefOf(c)] as const)));
      return keys.map((key) => owners.get(key) ?? null);
    }),
);

/** Per request: the client linking each market-data account (by Retail account id); several holders, which writes through the gateway prevent, answer the first. */
export const marketDataAccountClients = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, ClientRef | null>(async (ids) => {
      const holders = clientsByMarketDataAccount(await reachableClients(ctx));
      return ids.map((id) => {
        const first = holders.get(id)?.[0];
        return first ? { key: clientKey(first) } : null;
      });
    }),
);

builder.objectField(AccountNode, 'client', (t) =>
  t.field({
    type: ClientNode,
    nullable: true,
    description: 'The client that owns the account (for an end user: their own client, or null).',
    resolve: (ref: AccountRef, _, ctx) => accountOwners(ctx).load(ref.key),
  }),
);

builder.objectField(MarketDataAccountNode, 'client', (t) =>
  t.field({
    type: ClientNode,
    nullable: true,
    description: 'The client whose `dxFeedAccountId` links this account (for an end user: their own client, or null).',
    resolve: (ref, _, ctx) => marketDataAccountClients(ctx).load(ref.key),
  }),
);

builder.objectFields(BrokerNode, (t) => ({
  clients: t.connection(
    {
      type: ClientNode,
      nullable: true,
      description: "The broker's clients, paged by the gateway (for an end user: their own client, if it is the broker's).",
      resolve: async (ref, args, ctx) => arrayConnection(args, (await reachableClients(ctx)).filter((c) => c.brokerCode === ref.key).map(clientRefOf)),
    },
    ClientConnection,
  ),
  accounts: t.connection(
    {
      type: AccountNode,
      nullable: true,
      description: "The broker's trading accounts, paged by the gateway (for an end user: their own accounts at the broker).",
      resolve: async (ref, args, ctx) => {
        if (ctx.caller.kind !== 'user') return arrayConnection(args, (await listAccounts(ctx)).filter((a) => a.brokerCode === ref.key).map(accountRefOf));
        const [own] = await reachableClients(ctx);
        const accounts = (own?.accounts ?? []).filter((a) => a.brokerCode === ref.key);
        for (const account of accounts) markOwn(ctx, 'Account', accountKey(account));
        return arrayConnection(args, accounts.map(accountRefOf));
      },
    },
    AccountConnection,
  ),
}));
