import { createContextCache } from '@pothos/core';
import type { Context } from './context.ts';
import { pairKey } from './loading.ts';

/**
 * Who reads the fields of each entity type. A type's scopes hold for every object of it, however it was
 * reached (a query, a link from another record, a mutation's result, an event), so a `write` or
 * `transfers` key reads no more through what a mutation returns than it could through a query, and an
 * end user no more through links than their own records. Key fields stay readable by whoever got the
 * object back: they name it and nothing more.
 */

/** Granted by a field that leads an end user to a record of their own: their client's accounts and market data. */
export const ownRecord = 'ownRecord';

/** The records of a client (accounts, market data): `read`, or an end user led there from their own client. */
export const clientRecordScopes = { read: true, $granted: ownRecord } as const;

/** Reference data (brokers): `read`, or any end user. */
export const referenceScopes = { read: true, endUser: true } as const;

/** Back-office records (client groups, notifications, Platform accounts and users), and clients other than the caller: `read`. */
export const readScopes = { read: true } as const;

/** A key field: readable without the type's scopes by whoever got the object back. */
export const keyField = { skipTypeScopes: true } as const;

/** Whether the caller is the end user whose client `key` names. */
export const isCallersClient = (ctx: Context, key: string): boolean =>
  ctx.caller.kind === 'user' && pairKey(ctx.caller.identity.domain, ctx.caller.identity.login) === key;

/** `grantScopes` of a field: `ownRecord` for what it returns when `own` holds. */
export const grantOwnIf = (own: boolean): string[] => (own ? [ownRecord] : []);

const verifiedOwn = createContextCache(() => new Set<string>());

/**
 * Marks a record the end user's own, as a link verified it (an account their own client holds): its
 * type's scopes then pass for them, also below a connection, where a field's `grantScopes` do not reach.
 */
export const markOwn = (ctx: Context, type: string, key: string): void => void verifiedOwn(ctx).add(pairKey(type, key));

/** Whether a link of this request verified the record as the end user's own. */
export const isVerifiedOwn = (ctx: Context, type: string, key: string): boolean => ctx.caller.kind === 'user' && verifiedOwn(ctx).has(pairKey(type, key));
