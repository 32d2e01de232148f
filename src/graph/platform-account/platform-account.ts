import { platformAccountStatuses } from '../../readings.ts';
import { platformAccountTypes, type PlatformAccount, type PlatformListQuery } from '../../upstreams/platform.ts';
import { builder } from '../builder.ts';
import { offsetConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import { dataOf, loaded, loadKeys, memo, prime, recordField, type Ref } from '../loading.ts';
import { refuseLegacyId } from '../legacy-ids.ts';
import { keyField, readScopes } from '../record-scopes.ts';

/** A Platform account's parent: its uuid, and the record once loaded. */
export type PlatformAccountRef = Ref<PlatformAccount>;

/** Not a Relay node: its `id` is the Platform uuid itself, as account events and the Platform writes carry it. */
export const PlatformAccountNode = builder.loadableObjectRef('PlatformAccount', {
  load: (ids: string[], ctx: Context) =>
    // The list read pages and cannot be asked for given ids: one call per account.
    loadKeys<PlatformAccount>(ids, (id) => ctx.upstreams.platform.account(id)),
});

const account = (ref: PlatformAccountRef, ctx: Context) => dataOf(PlatformAccountNode.getDataloader, ref, ctx);
const field = recordField(PlatformAccountNode.getDataloader);

export const PlatformAccountType = builder.enumType('PlatformAccountType', { values: platformAccountTypes });
export const PlatformAccountStatus = builder.enumType('PlatformAccountStatus', { values: platformAccountStatuses });
export const PlatformAccountSort = builder.enumType('PlatformAccountSort', {
  values: { CREATED_AT: { value: 'created_at' }, UPDATED_AT: { value: 'updated_at' } } as const,
});
export const SortOrder = builder.enumType('SortOrder', { values: ['ASC', 'DESC'] as const });

/** A Platform user: known only by id (document 004 has no user read); its accounts are listed by id. */
export const PlatformUser = builder.objectRef<{ id: string }>('PlatformUser');

export const PlatformAccountUser = builder.objectRef<{ id: string; type?: string | undefined }>('PlatformAccountUser').implement({
  fields: (t) => ({
    role: t.string({ nullable: true, description: 'e.g. OWNER', resolve: (u) => u.type }),
    user: t.field({ type: PlatformUser, resolve: (u) => ({ id: u.id }) }),
  }),
});

PlatformAccountNode.implement({
  description: 'An account of the Platform accounts API (document 004). Needs `read`; `id` is readable by whoever got it.',
  authScopes: readScopes,
  fields: (t) => ({
    id: t.id({ ...keyField, description: 'The Platform account uuid: what account events carry as `account.id` and the Platform writes take.', resolve: (ref) => ref.key }),
    accountId: t.string({ ...keyField, description: 'The Platform account uuid, as `id`.', deprecationReason: 'Use `id`: the same value.', resolve: (ref) => ref.key }),
    name: t.string({ nullable: true, resolve: field('name') }),
    type: t.field({ type: PlatformAccountType, nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).type as never }),
    status: t.field({ type: PlatformAccountStatus, nullable: true, resolve: async (ref, _, ctx) => (await account(ref, ctx)).status as never }),
    accountNumber: t.int({ nullable: true, resolve: field('account_number') }),
    accountGroupId: t.string({ nullable: true, resolve: field('account_group_id') }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: field('created_at') }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: field('updated_at') }),
    users: t.field({ type: [PlatformAccountUser], resolve: async (ref, _, ctx) => (await account(ref, ctx)).users ?? [] }),
  }),
});

type ListArgs = { sort?: 'created_at' | 'updated_at' | null | undefined; order?: 'ASC' | 'DESC' | null | undefined };

/** A page of accounts from the upstream's own paging; the page primes the PlatformAccount loader. */
function accountPage(ctx: Context, args: ListArgs, read: (q: PlatformListQuery) => ReturnType<Context['upstreams']['platform']['accounts']>, name: string) {
  return async ({ offset, limit }: { offset: number; limit: number }) => {
    const query = { sort: args.sort ?? undefined, order: args.order ?? undefined, offset, limit };
    const page = await memo(ctx, `${name}:${JSON.stringify(query)}`, () => read(query));
    const items = page.data.map((a) => loaded(a.id, a));
    prime(PlatformAccountNode.getDataloader(ctx), items);
    return { items, totalCount: page.meta.total_count };
  };
}

const PlatformAccountConnection = builder.connectionObject({ type: PlatformAccountNode, name: 'PlatformAccountConnection' }, { name: 'PlatformAccountEdge' });

builder.objectType(PlatformUser, {
  description: 'A Platform user. Needs `read`; `id` is readable by whoever got it.',
  authScopes: readScopes,
  fields: (t) => ({
    id: t.exposeID('id', { ...keyField, description: 'The Platform user uuid.' }),
    accounts: t.connection(
      {
        type: PlatformAccountNode,
        nullable: true,
        args: { sort: t.arg({ type: PlatformAccountSort }), order: t.arg({ type: SortOrder }) },
        resolve: (user, args, ctx) =>
          offsetConnection(args, accountPage(ctx, args, (q) => ctx.upstreams.platform.userAccounts(user.id, q), `platform:user-accounts:${user.id}`)),
      },
      PlatformAccountConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  platformAccount: t.field({
    type: PlatformAccountNode,
    nullable: true,
    authScopes: { read: true },
    args: { accountId: t.arg.id({ required: true, description: 'The Platform account uuid (`PlatformAccount.id`).' }) },
    resolve: (_, args) => refuseLegacyId('accountId', 'PlatformAccount', String(args.accountId)),
  }),
  platformAccounts: t.connection(
    {
      type: PlatformAccountNode,
      nullable: true,
      description: 'All Platform accounts, paged by the upstream (offset and limit).',
      authScopes: { read: true },
      args: { sort: t.arg({ type: PlatformAccountSort }), order: t.arg({ type: SortOrder }) },
      resolve: (_, args, ctx) => offsetConnection(args, accountPage(ctx, args, (q) => ctx.upstreams.platform.accounts(q), 'platform:accounts')),
    },
    PlatformAccountConnection,
  ),
  platformUser: t.field({
    type: PlatformUser,
    nullable: true,
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true, description: 'The Platform user uuid.' }) },
    resolve: (_, args) => ({ id: String(args.id) }),
  }),
}));
