import { dxCoreIdentifyingAttributes } from '../../readings.ts';
import type { DxClientGroup } from '../../upstreams/dxcore-wire.ts';
import { builder } from '../builder.ts';
import { arrayConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { dataOf, domainQualifiedKey, loaded, loadKeys, memo, memoStarted, pairKey, pairKeyId, parsePairKey, prime, type Ref } from '../loading.ts';
import { keyField, readScopes } from '../record-scopes.ts';
import { dxAttributes } from '../selection.ts';
import { listThresholds } from '../thresholds.ts';
import { ClientNode, clientRefFromMember } from '../client/client.ts';

/** A client group's parent: key `[domain, name]`, and the record once loaded. */
export type ClientGroupRef = Ref<DxClientGroup>;

const groupKey = (g: Pick<DxClientGroup, 'domain' | 'name'>) => pairKey(g.domain, g.name);

/** Groups are named "domain@name" in client records and ancestor lists. */
export const clientGroupRefFromMember = (qualified: string): ClientGroupRef | null => {
  const key = domainQualifiedKey(qualified);
  return key ? { key } : null;
};

const groupFieldAttributes: Record<string, readonly string[]> = { members: ['clients'], ancestors: ['ancestors'] };
const groupAttributes = (ctx: Context) => dxAttributes(ctx, 'ClientGroup', groupFieldAttributes, dxCoreIdentifyingAttributes.clientGroup);

const allGroupsMemo = 'dxcore:client-groups';

function listClientGroups(ctx: Context): Promise<DxClientGroup[]> {
  return memo(ctx, allGroupsMemo, async () => {
    const groups = await ctx.dxcore.clientGroups(groupAttributes(ctx));
    prime(ClientGroupNode.getDataloader(ctx), groups.map((g) => loaded(groupKey(g), g)));
    return groups;
  });
}

export const ClientGroupNode = builder.loadableNodeRef('ClientGroup', {
  id: { resolve: (ref: ClientGroupRef) => ref.key, parse: pairKeyId('ClientGroup') },
  load: (keys: string[], ctx: Context) =>
    loadKeys<DxClientGroup>(
      keys,
      (key) => {
        const [domain, name] = parsePairKey(key);
        return ctx.dxcore.clientGroup(domain, name, groupAttributes(ctx));
      },
      {
        all: () => listClientGroups(ctx),
        use: (n) => ctx.caller.kind !== 'user' && (n >= listThresholds.clientGroup || memoStarted(ctx, allGroupsMemo)),
        keyOf: groupKey,
        notFound: (key) => notFound('CLIENT_GROUP_NOT_FOUND', `Client group ${key} not found`),
      },
    ),
});

const group = (ref: ClientGroupRef, ctx: Context) => dataOf(ClientGroupNode.getDataloader, ref, ctx);

ClientGroupNode.implement({
  description: 'A dxCore client group (principal group). Needs `read`; `domain` and `name` are readable by whoever got it.',
  authScopes: readScopes,
  fields: (t) => ({
    domain: t.string({ ...keyField, resolve: (ref) => parsePairKey(ref.key)[0] }),
    name: t.string({ ...keyField, resolve: (ref) => parsePairKey(ref.key)[1] }),
    members: t.field({
      type: [ClientNode],
      description: 'Direct members.',
      resolve: async (ref, _, ctx) => ((await group(ref, ctx)).clients ?? []).flatMap((m) => clientRefFromMember(m) ?? []),
    }),
    ancestors: t.field({
      type: [ClientGroupNode],
      description: 'Direct ancestors.',
      resolve: async (ref, _, ctx) => ((await group(ref, ctx)).ancestors ?? []).flatMap((a) => clientGroupRefFromMember(a) ?? []),
    }),
  }),
});

builder.queryFields((t) => ({
  clientGroup: t.field({
    type: ClientGroupNode,
    nullable: true,
    authScopes: { read: true },
    args: { domain: t.arg.string({ required: true }), name: t.arg.string({ required: true }) },
    resolve: (_, args) => pairKey(args.domain, args.name),
  }),
  clientGroups: t.connection({
    type: ClientGroupNode,
    nullable: true,
    authScopes: { read: true },
    resolve: async (_, args, ctx) => arrayConnection(args, (await listClientGroups(ctx)).map((g) => loaded(groupKey(g), g))),
  }, { name: 'ClientGroupConnection' }, { name: 'ClientGroupEdge' }),
}));
