import { GraphQLError } from 'graphql';
import type { LoggedEvent } from '../../events/log.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { clientEventTypes, deliveredEvent, eventSource, eventTypeEnumValues, typeFilter, type ClientEventData } from '../events.ts';
import { pairKey } from '../loading.ts';
import { grantOwnIf } from '../record-scopes.ts';
import { AccountNode } from '../account/account.ts';
import { ClientNode } from './client.ts';
import { accountOwners } from './links.ts';
import { TransferKind } from '../transfer/transfer.ts';

type ClientEvent = LoggedEvent & { data: ClientEventData };

export const ClientEventType = builder.enumType('ClientEventType', {
  description: 'Changes the gateway made in dxCore, with underscores (CLIENT.STATUS_CHANGED is CLIENT_STATUS_CHANGED).',
  values: eventTypeEnumValues(clientEventTypes),
});

const ClientEventTransfer = builder.objectRef<NonNullable<ClientEventData['transfer']>>('ClientEventTransfer').implement({
  fields: (t) => ({
    id: t.id({ description: 'The transfer id.', resolve: (x) => x.id }),
    kind: t.field({ type: TransferKind, resolve: (x) => x.kind as never }),
    amount: t.float({ resolve: (x) => x.amount }),
    currency: t.string({ resolve: (x) => x.currency }),
  }),
});

const ClientEventRef = builder.objectRef<ClientEvent>('ClientEvent').implement({
  description: 'A change the gateway itself made in dxCore (a mutation), published once it succeeded.',
  fields: (t) => ({
    id: t.id({ description: 'The event id; pass it as `after` to resume after this event.', resolve: (e) => e.id }),
    type: t.field({ type: ClientEventType, resolve: (e) => e.type as never }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    domain: t.string({ nullable: true, resolve: (e) => e.data.client?.domain }),
    login: t.string({ nullable: true, resolve: (e) => e.data.client?.login }),
    client: t.field({
      type: ClientNode,
      nullable: true,
      description: "The client as dxCore has it now (a fresh read; an error once deleted): the one the event names, or else the owner of its account.",
      resolve: (e, _, ctx) => {
        const { client, account } = e.data;
        if (client) return { key: pairKey(client.domain, client.login) };
        return account ? accountOwners(ctx).load(pairKey(account.clearingCode, account.accountCode)) : null;
      },
    }),
    clearingCode: t.string({ nullable: true, resolve: (e) => e.data.account?.clearingCode }),
    accountCode: t.string({ nullable: true, resolve: (e) => e.data.account?.accountCode }),
    account: t.field({
      type: AccountNode,
      nullable: true,
      description: 'The trading account as dxCore has it now (a fresh read).',
      // An end user's events are only those of their own client and accounts (`ownEvents`).
      grantScopes: (_, __, ctx) => grantOwnIf(ctx.caller.kind === 'user'),
      resolve: (e) => (e.data.account ? { key: pairKey(e.data.account.clearingCode, e.data.account.accountCode) } : null),
    }),
    status: t.string({ nullable: true, description: 'The new status, for status changes.', resolve: (e) => e.data.status }),
    transfer: t.field({ type: ClientEventTransfer, nullable: true, resolve: (e) => e.data.transfer }),
  }),
});

/** What an end user may see: events naming their own client or one of their accounts (as dxCore lists them now). */
async function ownEvents(ctx: Context): Promise<(event: ClientEvent) => boolean> {
  if (ctx.caller.kind !== 'user') throw new Error('only for end users');
  const { domain, login } = ctx.caller.identity;
  const own = await ctx.dxcore.client(domain, login, 'accounts');
  const accounts = new Set((own.accounts ?? []).map((a) => pairKey(a.clearingCode, a.accountCode)));
  return ({ data }) =>
    (data.client !== undefined && data.client.domain === domain && data.client.login === login) ||
    (data.account !== undefined && accounts.has(pairKey(data.account.clearingCode, data.account.accountCode)));
}

builder.subscriptionField('clientEvents', (t) =>
  t.field({
    type: ClientEventRef,
    description:
      'Changes to dxCore clients and trading accounts made through this gateway: transfers, status changes, creations, updates. dxCore sends no webhooks, so changes made elsewhere do not appear. Partners need the `read` scope; an end user sees only their own client and accounts.',
    authScopes: { read: true, endUser: true },
    args: {
      domain: t.arg.string({ description: 'Only events naming a client of this domain.' }),
      login: t.arg.string({ description: 'Only events naming this client login (with `domain`).' }),
      accountCode: t.arg.string({ description: 'Only events naming this trading account.' }),
      types: t.arg({ type: [ClientEventType], description: 'Only these event types.' }),
      after: t.arg.id({ description: 'Replay the events after this event id from the log, then continue live.' }),
    },
    subscribe: async (_, args, ctx) => {
      if (args.login && !args.domain) throw new GraphQLError('`login` needs `domain` too', { extensions: { code: 'VALIDATION' } });
      const own = ctx.caller.kind === 'user' ? await ownEvents(ctx) : undefined;
      const allowed = (event: LoggedEvent) => !own || own(event as ClientEvent);
      const ofType = typeFilter(args.types);
      return eventSource(ctx, 'client', args.after?.toString(), (logged) => {
        const event = logged as ClientEvent;
        const { client, account } = event.data;
        if (args.domain && client?.domain !== args.domain) return false;
        if (args.login && client?.login !== args.login) return false;
        if (args.accountCode && account?.accountCode !== args.accountCode) return false;
        return allowed(event) && ofType(event);
      }, allowed);
    },
    resolve: (delivery) => deliveredEvent(delivery) as ClientEvent,
  }),
);
