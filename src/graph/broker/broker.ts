import { dxCoreIdentifyingAttributes } from '../../readings.ts';
import type { DxBroker, DxCategory } from '../../upstreams/dxcore-wire.ts';
import { builder } from '../builder.ts';
import { arrayConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { dataOf, whenLoaded, loaded, loadKeys, memo, memoStarted, prime, recordField, type Ref } from '../loading.ts';
import { keyField, referenceScopes } from '../record-scopes.ts';
import { dxAttributes } from '../selection.ts';
import { listThresholds } from '../thresholds.ts';

/** dxCore attributes each Broker field needs (the key, `brokerCode`, is always there). */
const brokerFieldAttributes: Record<string, readonly string[]> = {
  name: ['name'],
  namespace: ['namespace'],
  parentCode: ['parentBrokerCode'],
  parent: ['parentBrokerCode'],
  children: ['parentBrokerCode'],
  countryCode: ['countryCode'],
  type: ['type'],
  description: ['description'],
  clientPrincipalGroup: ['clientPrincipalGroup'],
  dealerPrincipalGroup: ['dealerPrincipalGroup'],
};

const brokerAttributes = (ctx: Context) => dxAttributes(ctx, 'Broker', brokerFieldAttributes, dxCoreIdentifyingAttributes.broker);

const allBrokersMemo = 'dxcore:brokers';

/** Every broker, one dxCore call per request; the answer primes the Broker loader. */
export function listBrokers(ctx: Context, type?: string): Promise<DxBroker[]> {
  return memo(ctx, type ? `${allBrokersMemo}?type=${type}` : allBrokersMemo, async () => {
    const brokers = await ctx.dxcore.brokers({ type, attributes: brokerAttributes(ctx) });
    prime(BrokerNode.getDataloader(ctx), brokers.map((b) => loaded(b.brokerCode, b)));
    return brokers;
  });
}

/** A Broker field's parent: the broker code, and the record once loaded. */
export type BrokerRef = Ref<DxBroker>;

export const brokerRef = (code: string | undefined): BrokerRef | null => (code ? { key: code } : null);

export const BrokerNode = builder.loadableNodeRef('Broker', {
  id: { resolve: (ref: BrokerRef) => ref.key },
  load: (codes: string[], ctx: Context) =>
    loadKeys<DxBroker>(codes, (code) => ctx.dxcore.broker(code, brokerAttributes(ctx)), {
      all: () => listBrokers(ctx),
      use: (n) => n >= listThresholds.broker || memoStarted(ctx, allBrokersMemo),
      keyOf: (b) => b.brokerCode,
      notFound: (code) => notFound('BROKER_NOT_FOUND', `Broker ${code} not found`),
    }),
});

const broker = (ref: BrokerRef, ctx: Context) => dataOf(BrokerNode.getDataloader, ref, ctx);
const field = recordField(BrokerNode.getDataloader);

/**
 * The look-ahead of list resolvers: when the selection below a list reads broker data beyond the
 * code, the broker list is fetched now, in the same round as the list itself.
 */
export function prefetchBrokersFor(selected: ReadonlySet<string>, ctx: Context): void {
  const needsData = [...selected].some((field) => field in brokerFieldAttributes);
  if (needsData && ctx.caller.kind !== 'user') void listBrokers(ctx).catch(() => undefined);
}

export const BrokerType = builder.enumType('BrokerType', {
  values: ['TRADING_FIRM', 'EXEC_BROKER', 'SUP_BROKER', 'OMNIBUS'] as const,
});

export const Category = builder.objectRef<DxCategory>('Category').implement({
  description: 'A dxCore account category (account group category) and the values an account may take in it.',
  fields: (t) => ({
    name: t.exposeString('category', { description: 'The category key, e.g. Commissions or TRADE_TYPE.' }),
    values: t.stringList({ resolve: (c) => (c.values ?? []).map((v) => v.value) }),
  }),
});

const categoriesOf = (ctx: Context, code: string) => memo(ctx, `dxcore:broker-categories:${code}`, () => ctx.dxcore.brokerCategories(code));

BrokerNode.implement({
  description: 'A dxCore broker: the firm clients and accounts belong to. Needs `read` or an end-user session; `code` is readable by whoever got it.',
  authScopes: referenceScopes,
  fields: (t) => ({
    code: t.string({ ...keyField, resolve: (ref) => ref.key }),
    name: t.string({ nullable: true, resolve: field('name') }),
    namespace: t.string({ nullable: true, resolve: field('namespace') }),
    type: t.field({ type: BrokerType, nullable: true, resolve: (ref, _, ctx) => whenLoaded(broker(ref, ctx), (r) => r.type as never) }),
    countryCode: t.string({ nullable: true, resolve: field('countryCode') }),
    description: t.string({ nullable: true, resolve: field('description') }),
    clientPrincipalGroup: t.string({ nullable: true, resolve: field('clientPrincipalGroup') }),
    dealerPrincipalGroup: t.string({ nullable: true, resolve: field('dealerPrincipalGroup') }),
    parentCode: t.string({ nullable: true, resolve: field('parentBrokerCode') }),
    parent: t.field({ type: BrokerNode, nullable: true, resolve: (ref, _, ctx) => whenLoaded(broker(ref, ctx), (r) => brokerRef(r.parentBrokerCode)) }),
    children: t.field({
      type: [BrokerNode],
      nullable: true,
      description: 'Brokers whose parent this broker is.',
      resolve: async (ref, _, ctx) => (await listBrokers(ctx)).filter((b) => b.parentBrokerCode === ref.key).map((b) => loaded(b.brokerCode, b)),
    }),
    categories: t.field({ type: [Category], nullable: true, resolve: (ref, _, ctx) => categoriesOf(ctx, ref.key) }),
    category: t.field({
      type: Category,
      nullable: true,
      args: { name: t.arg.string({ required: true }) },
      resolve: (ref, args, ctx) => memo(ctx, `dxcore:broker-category:${ref.key}:${args.name}`, () => ctx.dxcore.brokerCategory(ref.key, args.name)),
    }),
  }),
});

builder.queryFields((t) => ({
  broker: t.field({
    type: BrokerNode,
    nullable: true,
    authScopes: { read: true, endUser: true },
    args: { code: t.arg.string({ required: true }) },
    resolve: (_, args) => args.code,
  }),
  brokers: t.connection({
    type: BrokerNode,
    nullable: true,
    authScopes: { read: true },
    args: { type: t.arg({ type: BrokerType }) },
    resolve: async (_, args, ctx) => {
      const brokers = await listBrokers(ctx, args.type ?? undefined);
      return arrayConnection(args, brokers.map((b) => loaded(b.brokerCode, b)));
    },
  }, { name: 'BrokerConnection' }, { name: 'BrokerEdge' }),
  categories: t.connection({
    type: Category,
    nullable: true,
    description: 'Every settings category dxCore knows (GET /api/register/category).',
    authScopes: { read: true },
    resolve: async (_, args, ctx) => arrayConnection(args, await memo(ctx, 'dxcore:categories', () => ctx.dxcore.categories())),
  }, { name: 'CategoryConnection' }, { name: 'CategoryEdge' }),
}));
