import { createContextCache } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { dxCoreIdentifyingAttributes } from '../../readings.ts';
import type { DxClient } from '../../upstreams/dxcore-wire.ts';
import { builder } from '../builder.ts';
import { arrayConnection } from '../connections.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { dataOf, domainQualifiedKey, forget, loaded, loadKeys, memo, memoStarted, pairKey, pairKeyId, parsePairKey, prime, recordField, type Ref } from '../loading.ts';
import { grantOwnIf, isCallersClient, keyField, readScopes } from '../record-scopes.ts';
import { dxAttributes, selectedBelow, selectedFieldsOf } from '../selection.ts';
import { listThresholds } from '../thresholds.ts';
import { AccountNode, accountRefOf, primeAccounts } from '../account/account.ts';
import { BrokerNode, brokerRef, prefetchBrokersFor } from '../broker/broker.ts';
import { ClientGroupNode, clientGroupRefFromMember } from '../client-group/client-group.ts';
import { MarketDataAccountNode } from '../market-data/market-data.ts';

/** A client's parent: key `[domain, login]`, and the record once loaded. */
export type ClientRef = Ref<DxClient>;

export const clientKey = (c: Pick<DxClient, 'domain' | 'login'>) => pairKey(c.domain, c.login);
export const clientRefOf = (c: DxClient): ClientRef => loaded(clientKey(c), c);

/** dxCore attributes each Client field needs (domain and login are always there). */
const clientFieldAttributes: Record<string, readonly string[]> = {
  fullName: ['fullName'],
  email: ['email'],
  brokerCode: ['brokerCode'],
  broker: ['brokerCode'],
  type: ['type'],
  status: ['status'],
  accounts: ['accounts'],
  groups: ['groups'],
  marketDataAccount: ['dxFeedAccountId'],
  dxFeedAccountId: ['dxFeedAccountId'],
  passwordExpiry: ['passwordExpiry'],
  passwordReset: ['passwordReset'],
  createdAt: ['createdDateTime'],
  lastLogin: ['lastLogin'],
  birthPlace: ['birthPlace'],
  birthDate: ['birthDate'],
  citizenship: ['citizenship'],
  phone: ['phone'],
  insuranceNumber: ['insuranceNumber'],
  company: ['company'],
  contractDate: ['contractDate'],
  location: ['location'],
  document: ['document'],
  comments: ['comments'],
};

/**
 * dxCore client attributes the links to a client (links.ts) look up, by the type and field that
 * follow them: the list read, or an end user's own client, then answers the link and the client's
 * fields at once.
 */
const linkAttributes: Record<string, Record<string, readonly string[]>> = {
  Account: { client: ['accounts'] },
  Broker: { clients: ['brokerCode'], accounts: ['accounts'] },
  ClientEvent: { client: ['accounts'] },
  MarketDataAccount: { client: ['dxFeedAccountId'] },
  MarketDataSubscriptionEvent: { client: ['dxFeedAccountId'] },
};

function clientAttributes(ctx: Context): string {
  const linking = Object.entries(linkAttributes).flatMap(([type, fields]) => [...selectedFieldsOf(ctx, type)].flatMap((f) => fields[f] ?? []));
  return dxAttributes(ctx, 'Client', clientFieldAttributes, [...dxCoreIdentifyingAttributes.client, ...linking]);
}

const allClientsMemo = 'dxcore:clients';

/** Clients from dxCore's list read, once per request; primes the Client loader and, with them, their accounts. */
export function listClients(ctx: Context, type?: string): Promise<DxClient[]> {
  return memo(ctx, type ? `${allClientsMemo}?type=${type}` : allClientsMemo, async () => {
    const clients = await ctx.dxcore.clients({ type, attributes: clientAttributes(ctx) });
    primeClients(ctx, clients);
    return clients;
  });
}

function primeClients(ctx: Context, clients: DxClient[]): void {
  prime(ClientNode.getDataloader(ctx), clients.map(clientRefOf));
  primeAccounts(ctx, clients.flatMap((c) => c.accounts ?? []));
}

export const ClientNode = builder.loadableNodeRef('Client', {
  id: { resolve: (ref: ClientRef) => ref.key, parse: pairKeyId('Client') },
  load: (keys: string[], ctx: Context) =>
    loadKeys<DxClient>(keys, (key) => readClient(ctx, key), {
      all: () => listClients(ctx),
      use: (n) => ctx.caller.kind !== 'user' && (n >= listThresholds.client || memoStarted(ctx, allClientsMemo)),
      keyOf: clientKey,
      notFound: (key) => notFound('CLIENT_NOT_FOUND', `Client ${key} not found`),
    }),
});

/** One client by key; the accounts it carries go into the Account loader, as the list read's do. */
async function readClient(ctx: Context, key: string): Promise<DxClient> {
  const [domain, login] = parsePairKey(key);
  const record = await ctx.dxcore.client(domain, login, clientAttributes(ctx));
  primeAccounts(ctx, record.accounts ?? []);
  return record;
}

const client = (ref: ClientRef, ctx: Context) => dataOf(ClientNode.getDataloader, ref, ctx);

/** Client versions a write answered in this request (its ETag), so `version` after a write costs no call. */
const knownVersions = createContextCache(() => new Map<string, string>());
export const rememberClientVersion = (ctx: Context, key: string, version: string) => knownVersions(ctx).set(key, version);

/** A write changed the client without answering its new version: the next `version` is read from dxCore. */
export function forgetClientVersion(ctx: Context, key: string): void {
  knownVersions(ctx).delete(key);
  forget(ctx, `dxcore:client-version:${key}`);
}

async function clientVersion(ref: ClientRef, ctx: Context): Promise<string | undefined> {
  const known = knownVersions(ctx).get(ref.key);
  if (known !== undefined) return known;
  const [domain, login] = parsePairKey(ref.key);
  return (await memo(ctx, `dxcore:client-version:${ref.key}`, () => ctx.dxcore.clientVersion(domain, login))).version;
}
const field = recordField(ClientNode.getDataloader);

export const ClientStatus = builder.enumType('ClientStatus', { values: ['ONLINE', 'OFFLINE', 'DISABLED'] as const });
export const ClientType = builder.enumType('ClientType', { values: ['CLIENT', 'OTHER'] as const });

const Location = builder.objectRef<NonNullable<DxClient['location']>>('Location').implement({
  fields: (t) => ({
    countryCode: t.string({ nullable: true, resolve: (l) => l.countryCode }),
    zipCode: t.string({ nullable: true, resolve: (l) => l.zipCode }),
    address: t.string({ nullable: true, resolve: (l) => l.address }),
  }),
});

const IdentityDocument = builder.objectRef<NonNullable<DxClient['document']>>('IdentityDocument').implement({
  fields: (t) => ({
    type: t.string({ nullable: true, resolve: (d) => d.type }),
    series: t.string({ nullable: true, resolve: (d) => d.series }),
    number: t.string({ nullable: true, resolve: (d) => d.number }),
    issuedBy: t.string({ nullable: true, resolve: (d) => d.issuedBy }),
    issuedDate: t.string({ nullable: true, description: 'ISO date (YYYY-MM-DD).', resolve: (d) => d.issuedDate }),
  }),
});

ClientNode.implement({
  description: 'A dxCore client (user) with its trading accounts, broker, groups and market-data account. Needs `read`, or the client\'s own session; `domain`, `login` and `version` name it and are readable by whoever got it.',
  // An end user reads only their own client; a partner needs read, also where a mutation returned the client.
  authScopes: (ref, ctx) => isCallersClient(ctx, ref.key) || readScopes,
  fields: (t) => ({
    domain: t.string({ ...keyField, resolve: (ref) => parsePairKey(ref.key)[0] }),
    login: t.string({ ...keyField, resolve: (ref) => parsePairKey(ref.key)[1] }),
    version: t.string({
      ...keyField,
      nullable: true,
      description: "dxCore's version of the client (its ETag): pass it as `expectedVersion` so an update cannot overwrite a change made since.",
      resolve: (ref, _, ctx) => clientVersion(ref, ctx),
    }),
    fullName: t.string({ nullable: true, resolve: field('fullName') }),
    email: t.string({ nullable: true, resolve: field('email') }),
    type: t.field({ type: ClientType, nullable: true, resolve: async (ref, _, ctx) => (await client(ref, ctx)).type as never }),
    status: t.field({ type: ClientStatus, nullable: true, resolve: async (ref, _, ctx) => (await client(ref, ctx)).status as never }),
    brokerCode: t.string({ nullable: true, resolve: field('brokerCode') }),
    broker: t.field({ type: BrokerNode, nullable: true, resolve: async (ref, _, ctx) => brokerRef((await client(ref, ctx)).brokerCode) }),
    accounts: t.field({
      type: [AccountNode],
      description: 'The trading accounts the client owns (carried by the client record: no extra call).',
      grantScopes: (ref, _, ctx) => grantOwnIf(isCallersClient(ctx, ref.key)),
      resolve: async (ref, _, ctx) => ((await client(ref, ctx)).accounts ?? []).map(accountRefOf),
    }),
    groups: t.field({
      type: [ClientGroupNode],
      description: 'The client groups that have the client as a direct member.',
      resolve: async (ref, _, ctx) => ((await client(ref, ctx)).groups ?? []).flatMap((g) => clientGroupRefFromMember(g) ?? []),
    }),
    dxFeedAccountId: t.string({ nullable: true, description: 'The linked Retail Services (dxFeed) account id.', resolve: field('dxFeedAccountId') }),
    marketDataAccount: t.field({
      type: MarketDataAccountNode,
      nullable: true,
      description: 'The linked market-data account; `{ id }` alone needs no Retail call.',
      grantScopes: (ref, _, ctx) => grantOwnIf(isCallersClient(ctx, ref.key)),
      resolve: async (ref, _, ctx) => {
        const id = (await client(ref, ctx)).dxFeedAccountId;
        return id ? { key: id } : null;
      },
    }),
    passwordExpiry: t.int({ nullable: true, description: 'Password expiration period in days.', resolve: field('passwordExpiry') }),
    passwordReset: t.boolean({ nullable: true, resolve: field('passwordReset') }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: field('createdDateTime') }),
    lastLogin: t.field({ type: 'DateTime', nullable: true, resolve: field('lastLogin') }),
    birthPlace: t.string({ nullable: true, resolve: field('birthPlace') }),
    birthDate: t.string({ nullable: true, description: 'ISO date (YYYY-MM-DD).', resolve: field('birthDate') }),
    citizenship: t.string({ nullable: true, resolve: field('citizenship') }),
    phone: t.string({ nullable: true, resolve: field('phone') }),
    insuranceNumber: t.string({ nullable: true, resolve: field('insuranceNumber') }),
    company: t.string({ nullable: true, resolve: field('company') }),
    contractDate: t.string({ nullable: true, description: 'ISO date (YYYY-MM-DD).', resolve: field('contractDate') }),
    location: t.field({ type: Location, nullable: true, resolve: field('location') }),
    document: t.field({ type: IdentityDocument, nullable: true, resolve: field('document') }),
    comments: t.string({ nullable: true, resolve: field('comments') }),
  }),
});

export const ClientConnection = builder.connectionObject({ type: ClientNode, name: 'ClientConnection' }, { name: 'ClientEdge' });

const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

builder.queryFields((t) => ({
  client: t.field({
    type: ClientNode,
    nullable: true,
    description: 'One client by domain and login. An end user may ask only for themselves.',
    authScopes: { read: true, endUser: true },
    args: { domain: t.arg.string({ required: true }), login: t.arg.string({ required: true }) },
    resolve: (_, args, ctx) => {
      const { caller } = ctx;
      if (caller.kind === 'user' && (caller.identity.domain !== args.domain || caller.identity.login !== args.login)) {
        throw forbidden('An end-user session reaches only its own client');
      }
      return pairKey(args.domain, args.login);
    },
  }),
  me: t.field({
    type: ClientNode,
    nullable: true,
    description: 'The client whose dxCore session is calling (Authorization: DXAPI <token>).',
    authScopes: { endUser: true },
    resolve: (_, __, ctx) => (ctx.caller.kind === 'user' ? pairKey(ctx.caller.identity.domain, ctx.caller.identity.login) : null),
  }),
  clients: t.connection({
    type: ClientNode,
    nullable: true,
    authScopes: { read: true },
    args: { type: t.arg({ type: ClientType }) },
    resolve: async (_, args, ctx, info) => {
      prefetchBrokersFor(selectedBelow(info, ['edges', 'node', 'broker']), ctx);
      const clients = await listClients(ctx, args.type ?? undefined);
      return arrayConnection(args, clients.map(clientRefOf));
    },
  }, ClientConnection),
}));

export const clientRefFromRecipient = (recipient: string): ClientRef | null => {
  // Notification recipients are "login@domain"; the login itself may hold an '@'.
  const at = recipient.lastIndexOf('@');
  return at > 0 ? { key: pairKey(recipient.slice(at + 1), recipient.slice(0, at)) } : null;
};
/** Group members are "domain@login". */
export const clientRefFromMember = (member: string): ClientRef | null => {
  const key = domainQualifiedKey(member);
  return key ? { key } : null;
};
