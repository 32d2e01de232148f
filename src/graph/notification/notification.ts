import type { DxNotificationDelivery } from '../../upstreams/dxcore-wire.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { dataOf, loadKeys, memo, type Ref } from '../loading.ts';
import { notificationIdFrom } from '../legacy-ids.ts';
import { keyField, readScopes } from '../record-scopes.ts';
import { ClientNode, clientRefFromRecipient } from '../client/client.ts';

/** A notification's parent: the dxCore notification id, and its delivery information once loaded. */
export type NotificationRef = Ref<DxNotificationDelivery>;

/** Not a Relay node: its `id` is dxCore's notification id itself. */
export const NotificationNode = builder.loadableObjectRef('Notification', {
  load: (ids: string[], ctx: Context) =>
    loadKeys<DxNotificationDelivery>(ids, (id) => ctx.dxcore.notificationDelivery(id)),
});

type Delivery = NonNullable<DxNotificationDelivery['statuses']>[number];

const NotificationDelivery = builder.objectRef<Delivery>('NotificationDelivery').implement({
  description: 'Whether one recipient has read and acknowledged a client notification.',
  fields: (t) => ({
    recipient: t.string({ nullable: true, description: '"login@domain"', resolve: (d) => d.recipient }),
    client: t.field({ type: ClientNode, nullable: true, resolve: (d) => (d.recipient ? clientRefFromRecipient(d.recipient) : null) }),
    readTime: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.readTime }),
    acknowledgmentTime: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.acknowledgmentTime }),
  }),
});

NotificationNode.implement({
  description: 'A dxCore client notification and its delivery status per recipient. Needs `read`; `id` is readable by whoever got it.',
  authScopes: readScopes,
  fields: (t) => ({
    id: t.id({ ...keyField, description: "dxCore's notification id: what the notification inputs take.", resolve: (ref) => ref.key }),
    notificationId: t.string({ ...keyField, description: "dxCore's notification id, as `id`.", deprecationReason: 'Use `id`: the same value.', resolve: (ref) => ref.key }),
    deliveries: t.field({
      type: [NotificationDelivery],
      args: { recipients: t.arg.stringList({ description: 'Only these recipients ("login@domain"), filtered by dxCore.' }) },
      resolve: async (ref, args, ctx) => {
        if (!args.recipients?.length) return (await dataOf(NotificationNode.getDataloader, ref, ctx)).statuses ?? [];
        const recipients = args.recipients;
        const filtered = await memo(ctx, `dxcore:notification:${ref.key}:${recipients.join(',')}`, () => ctx.dxcore.notificationDelivery(ref.key, recipients));
        return filtered.statuses ?? [];
      },
    }),
  }),
});

builder.queryFields((t) => ({
  notification: t.field({
    type: NotificationNode,
    nullable: true,
    authScopes: { read: true },
    args: { id: t.arg.id({ required: true, description: "dxCore's notification id (`Notification.id`); an earlier version's global id is still accepted, until the next release." }) },
    resolve: (_, args) => notificationIdFrom(String(args.id)),
  }),
}));
