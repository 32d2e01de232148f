import type { LoggedEvent } from '../../events/log.ts';
import { platformEventTypes } from '../../events/webhooks.ts';
import type { PlatformAccount } from '../../upstreams/platform.ts';
import { builder } from '../builder.ts';
import { refuseLegacyId } from '../legacy-ids.ts';
import { deliveredEvent, eventSource, eventTypeEnumValues, typeFilter } from '../events.ts';
import { PlatformAccountNode, PlatformAccountStatus, PlatformAccountType, PlatformAccountUser } from './platform-account.ts';

type AccountEvent = LoggedEvent & { data: PlatformAccount };

export const AccountEventType = builder.enumType('AccountEventType', {
  description: 'Document 004 account event types, with underscores (ACCOUNT.CLOSED is ACCOUNT_CLOSED).',
  values: eventTypeEnumValues(platformEventTypes),
});

const PlatformAccountSnapshot = builder.objectRef<PlatformAccount>('PlatformAccountSnapshot').implement({
  description: 'A Platform account as an event carried it (its `object`): right at that moment, even for an account closed since.',
  fields: (t) => ({
    id: t.id({ description: 'The Platform account uuid.', resolve: (a) => a.id }),
    name: t.string({ nullable: true, resolve: (a) => a.name }),
    status: t.field({ type: PlatformAccountStatus, nullable: true, resolve: (a) => a.status as never }),
    type: t.field({ type: PlatformAccountType, nullable: true, resolve: (a) => a.type as never }),
    accountNumber: t.int({ nullable: true, resolve: (a) => a.account_number }),
    accountGroupId: t.string({ nullable: true, resolve: (a) => a.account_group_id }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.created_at }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.updated_at }),
    users: t.field({ type: [PlatformAccountUser], resolve: (a) => a.users ?? [] }),
    current: t.field({
      type: PlatformAccountNode,
      nullable: true,
      description: 'The account as the Platform API has it now (a fresh read).',
      resolve: (a) => a.id,
    }),
  }),
});

const AccountEventRef = builder.objectRef<AccountEvent>('AccountEvent').implement({
  description: 'A Platform account event (document 004 webhook), delivered once and in order.',
  fields: (t) => ({
    id: t.id({ description: "The upstream event's own id; pass it as `after` to resume after this event.", resolve: (e) => e.id }),
    type: t.field({ type: AccountEventType, resolve: (e) => e.type as never }),
    createdAt: t.field({ type: 'DateTime', description: "The upstream's timestamp.", resolve: (e) => e.createdAt }),
    account: t.field({ type: PlatformAccountSnapshot, resolve: (e) => e.data }),
  }),
});

/** An account event's account id: the hub's index for subscribers of one account. */
const accountOf = (event: LoggedEvent) => (event.stream === 'account' ? (event as AccountEvent).data.id : undefined);

builder.subscriptionField('accountEvents', (t) =>
  t.field({
    type: AccountEventRef,
    description:
      'Platform account events as the Platform API sends them. Needs the `read` scope: end users cannot subscribe, because nothing links a dxCore user to Platform accounts.',
    authScopes: { read: true },
    args: {
      accountId: t.arg.id({ description: 'Only this account (its uuid, `PlatformAccount.id`).' }),
      userId: t.arg.id({ description: 'Only accounts this Platform user (uuid) belongs to.' }),
      types: t.arg({ type: [AccountEventType], description: 'Only these event types.' }),
      after: t.arg.id({ description: 'Replay the events after this event id from the log, then continue live.' }),
    },
    subscribe: (_, args, ctx) => {
      const accountId = args.accountId == null ? undefined : refuseLegacyId('accountId', 'PlatformAccount', String(args.accountId));
      const ofType = typeFilter(args.types);
      return eventSource(
        ctx,
        'account',
        args.after?.toString(),
        (event) => {
          const account = (event as AccountEvent).data;
          if (accountId !== undefined && account.id !== accountId) return false;
          if (args.userId && !account.users?.some((u) => u.id === String(args.userId))) return false;
          return ofType(event);
        },
        undefined,
        accountId === undefined ? undefined : { of: accountOf, key: accountId },
      );
    },
    resolve: (delivery) => deliveredEvent(delivery) as AccountEvent,
  }),
);
