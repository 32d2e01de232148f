import { GraphQLError } from 'graphql';
import { quoteCallerText } from '../../caller-text.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { pairKey } from '../loading.ts';
import { isCallersClient } from '../record-scopes.ts';
import { ValidationError } from '../typed-errors.ts';
import { AccountNode } from '../account/account.ts';
import { BrokerNode } from '../broker/broker.ts';
import { ClientNode } from '../client/client.ts';
import { ClientGroupNode } from '../client-group/client-group.ts';
import { MarketDataAccountNode } from '../market-data/market-data.ts';
import { NotificationNode } from '../notification/notification.ts';
import { PlatformAccountNode } from '../platform-account/platform-account.ts';

/**
 * The graph's entities for Apollo Federation v2: each type's `@key` and how a router's representation
 * of it is resolved. A representation is read as the type's root query reads its arguments, with the
 * same scopes (who may ask, refused before any call), and loaded through the same per-request
 * DataLoader, so N representations of one type are one batch: one round of single reads, or the
 * list read where a list query would use it. The loads go out as the caller (an end user's own dxCore
 * session, never the service session).
 */

/** Who may resolve one entity type's representations, as its root query field allows. */
type Audience = 'read' | 'readOrEndUser';

const mayResolve = (ctx: Context, audience: Audience): boolean =>
  (ctx.caller.kind === 'partner' && ctx.caller.scopes.has('read')) || (audience === 'readOrEndUser' && ctx.caller.kind === 'user');

const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

function requireAudience(ctx: Context, typename: string, audience: Audience): void {
  if (!mayResolve(ctx, audience)) throw forbidden(`Not allowed to resolve ${typename} representations with these credentials`);
}

/** A key field of a representation: the router passes on the caller's text, checked before it becomes a loader key. */
function keyText(representation: object, typename: string, field: string): string {
  const value: unknown = (representation as Record<string, unknown>)[field];
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(`representations.${field}`, `A ${typename} representation needs ${field} as a non-empty string, got ${quoteCallerText(JSON.stringify(value) ?? 'nothing')}`);
  }
  return value;
}

/** The types whose end-user representations lead to the user's own records only (dxCore answers their session for nothing else). */
export const ownRecordEntities: ReadonlySet<string> = new Set(['Account']);

builder.asEntity(ClientNode, {
  key: builder.selection<{ domain: string; login: string }>('domain login'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'Client', 'readOrEndUser');
    const key = pairKey(keyText(rep, 'Client', 'domain'), keyText(rep, 'Client', 'login'));
    // As `client(domain:, login:)`: an end user names only themselves.
    if (ctx.caller.kind === 'user' && !isCallersClient(ctx, key)) throw forbidden('An end-user session reaches only its own client');
    return ClientNode.getDataloader(ctx).load(key);
  },
});

builder.asEntity(AccountNode, {
  key: builder.selection<{ clearingCode: string; accountCode: string }>('clearingCode accountCode'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'Account', 'readOrEndUser');
    const key = pairKey(keyText(rep, 'Account', 'clearingCode'), keyText(rep, 'Account', 'accountCode'));
    return AccountNode.getDataloader(ctx).load(key);
  },
});

builder.asEntity(BrokerNode, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'Broker', 'readOrEndUser');
    return BrokerNode.getDataloader(ctx).load(keyText(rep, 'Broker', 'code'));
  },
});

builder.asEntity(ClientGroupNode, {
  key: builder.selection<{ domain: string; name: string }>('domain name'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'ClientGroup', 'read');
    return ClientGroupNode.getDataloader(ctx).load(pairKey(keyText(rep, 'ClientGroup', 'domain'), keyText(rep, 'ClientGroup', 'name')));
  },
});

// `id` of the next three is the upstream's own id (the Retail account id, the Platform uuid, dxCore's notification id).
builder.asEntity(MarketDataAccountNode, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'MarketDataAccount', 'read');
    return MarketDataAccountNode.getDataloader(ctx).load(keyText(rep, 'MarketDataAccount', 'id'));
  },
});

builder.asEntity(PlatformAccountNode, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'PlatformAccount', 'read');
    return PlatformAccountNode.getDataloader(ctx).load(keyText(rep, 'PlatformAccount', 'id'));
  },
});

builder.asEntity(NotificationNode, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (rep, ctx) => {
    requireAudience(ctx, 'Notification', 'read');
    return NotificationNode.getDataloader(ctx).load(keyText(rep, 'Notification', 'id'));
  },
});
