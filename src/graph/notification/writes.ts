import { dxCoreWriteReadings } from '../../readings.ts';
import { UpstreamError } from '../../upstreams/http.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { typedUpstreamError } from '../errors.ts';
import { requireFuture, requireNonEmptyList, requireText } from '../validation.ts';
import { ValidationError } from '../typed-errors.ts';
import { mutation } from '../mutations.ts';
import { notificationIdFrom } from '../legacy-ids.ts';
import { NotificationNode, type NotificationRef } from './notification.ts';

/**
 * Client notifications (document 000, ClientNotifications): send one to chosen clients or to every
 * client of a kind, and move its expiration. Sent with the caller's dxCore credential (for a partner
 * key, the gateway's service session).
 */

export const NotificationPriority = builder.enumType('NotificationPriority', { values: ['LOW', 'HIGH', 'CRITICAL'] as const });

export const NotificationAudience = builder.enumType('NotificationAudience', {
  description: "dxCore's `sendToAll`: every client, or the clients with LIVE or DEMO accounts.",
  values: ['ALL', 'LIVE', 'DEMO'] as const,
});

const NotificationRecipientInput = builder.inputType('NotificationRecipientInput', {
  description: 'One client to notify.',
  fields: (t) => ({
    domain: t.string({ required: true }),
    login: t.string({ required: true }),
  }),
});

const SendNotificationInput = builder.inputType('SendNotificationInput', {
  description: 'A client notification: to `recipients` or to everyone of `sendToAll`, exactly one of the two.',
  fields: (t) => ({
    recipients: t.field({ type: [NotificationRecipientInput], description: 'The clients to notify (at most 1000).' }),
    sendToAll: t.field({ type: NotificationAudience, description: 'Notify every client of this kind instead of a list.' }),
    priority: t.field({ type: NotificationPriority, required: true }),
    subject: t.string({ required: true, description: `At most ${dxCoreWriteReadings.subjectMaxLength} characters.` }),
    message: t.string({ required: true, description: `At most ${dxCoreWriteReadings.messageMaxLength} characters.` }),
    mustAcknowledge: t.boolean({ required: true, defaultValue: false, description: 'Recipients must acknowledge it, not only read it.' }),
    expiresAt: t.field({ type: 'DateTime', required: true, description: 'When dxCore stops showing it; in the future.' }),
  }),
});

type SendArgs = typeof SendNotificationInput.$inferInput;

const maxRecipients = 1000;
/** dxCore spells a recipient "login@domain" (the delivery read answers it so): no '@' in the domain, no blanks. */
const domainPattern = /^[^@\s]+$/;
const loginPattern = /^\S+$/;

function recipientsOf(input: SendArgs): string[] | undefined {
  if (input.recipients === null || input.recipients === undefined) return undefined;
  requireNonEmptyList('input.recipients', input.recipients, maxRecipients);
  const recipients = input.recipients.map((r, i) => {
    if (!domainPattern.test(r.domain)) throw new ValidationError(`input.recipients[${i}].domain`, `input.recipients[${i}].domain must be a dxCore domain (no '@', no blanks)`);
    if (!loginPattern.test(r.login)) throw new ValidationError(`input.recipients[${i}].login`, `input.recipients[${i}].login must not be empty or hold blanks`);
    return `${r.login}@${r.domain}`;
  });
  return [...new Set(recipients)];
}

/** Every check dxCore would make on the body, before any call, naming the field. */
function validated(input: SendArgs, now = Date.now()) {
  const recipients = recipientsOf(input);
  const sendToAll = input.sendToAll ?? undefined;
  if (recipients === undefined && sendToAll === undefined) throw new ValidationError('input.recipients', 'Give input.recipients or input.sendToAll');
  if (recipients !== undefined && sendToAll !== undefined) throw new ValidationError('input.sendToAll', 'Give input.recipients or input.sendToAll, not both');
  return {
    recipients,
    sendToAll,
    priority: input.priority,
    subject: requireText('input.subject', input.subject, dxCoreWriteReadings.subjectMaxLength),
    message: requireText('input.message', input.message, dxCoreWriteReadings.messageMaxLength),
    expirationDate: requireFuture('input.expiresAt', input.expiresAt, now).toISOString(),
    mustAcknowledge: input.mustAcknowledge,
  };
}

/** dxCore's refusals of a field, by its documented code, named as the input field. */
const fieldOfCode: Record<string, string> = {
  '20028': 'input.subject',
  '20029': 'input.message',
  '20030': 'input.expiresAt',
  '20027': 'input.recipients',
  '20014': 'input.recipients',
};

function sendFailure(error: unknown): never {
  if (error instanceof UpstreamError) throw typedUpstreamError(error, (error.code && fieldOfCode[error.code]) || 'input');
  throw error;
}

interface SentShape {
  notification: NotificationRef;
  recipients: string[] | undefined;
  sendToAll: 'ALL' | 'LIVE' | 'DEMO' | undefined;
}

const NotificationSent = builder.objectRef<SentShape>('NotificationSent').implement({
  description: 'dxCore accepted the notification; `notification` reads its delivery status.',
  fields: (t) => ({
    notification: t.field({ type: NotificationNode, resolve: (s) => s.notification }),
    recipients: t.stringList({ nullable: true, description: 'The recipients as dxCore names them ("login@domain"); null when sent to all.', resolve: (s) => s.recipients }),
    sendToAll: t.field({ type: NotificationAudience, nullable: true, resolve: (s) => s.sendToAll }),
  }),
});

mutation('sendNotification', {
  description: 'Sends a client notification (dxCore POST /api/clientnotifications). Needs the `write` scope.',
  args: (arg) => ({ input: arg({ type: SendNotificationInput, required: true }) }),
  scope: { write: true },
  success: NotificationSent,
  resolve: async ({ input }, ctx) => {
    const body = validated(input);
    const answer = await ctx.dxcore.writes.sendNotification(body).catch(sendFailure);
    const id = answer.data.trim();
    if (id === '') throw typedUpstreamError(new UpstreamError({ upstream: 'dxcore', route: 'POST /api/clientnotifications', failure: 'bad-response', status: answer.status, message: 'no notification id in the answer' }));
    return { notification: { key: id }, recipients: body.recipients, sendToAll: body.sendToAll };
  },
});

const UpdateNotificationExpirationInput = builder.inputType('UpdateNotificationExpirationInput', {
  fields: (t) => ({
    notificationId: t.id({ required: true, description: "dxCore's notification id (`Notification.id`); an earlier version's global id is still accepted, until the next release." }),
    expiresAt: t.field({ type: 'DateTime', required: true, description: 'The new expiration; in the future.' }),
  }),
});

interface ExpirationShape {
  notification: NotificationRef;
  expiresAt: Date;
}

const NotificationExpirationUpdated = builder.objectRef<ExpirationShape>('NotificationExpirationUpdated').implement({
  fields: (t) => ({
    notification: t.field({ type: NotificationNode, resolve: (s) => s.notification }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
  }),
});

async function updateExpiration(input: typeof UpdateNotificationExpirationInput.$inferInput, ctx: Context): Promise<ExpirationShape> {
  const id = requireText('input.notificationId', notificationIdFrom(String(input.notificationId)));
  requireFuture('input.expiresAt', input.expiresAt);
  await ctx.dxcore.writes.updateNotificationExpiration(id, input.expiresAt.toISOString()).catch((error: unknown) => {
    throw error instanceof UpstreamError ? typedUpstreamError(error, error.code === '20030' ? 'input.expiresAt' : 'input') : error;
  });
  return { notification: { key: id }, expiresAt: input.expiresAt };
}

mutation('updateNotificationExpiration', {
  description: "Moves a notification's expiration (dxCore PUT .../notification/{id}/date/{date}). Needs the `write` scope.",
  args: (arg) => ({ input: arg({ type: UpdateNotificationExpirationInput, required: true }) }),
  scope: { write: true },
  success: NotificationExpirationUpdated,
  resolve: ({ input }, ctx) => updateExpiration(input, ctx),
});
