import { dxCoreErrorCodes, dxCoreWriteReadings } from '../../readings.ts';
import type { SimServer } from '../http.ts';
import type { DxClient, DxNotification } from '../records.ts';
import { FieldReader, isJsonObject, objectBody, parseDateTime } from './bodies.ts';
import { dxError, dxErrors, dxWriteErrors } from './errors.ts';
import { authed, serviceOnly, text, type RouteContext } from './kit.ts';
import type { DxCoreState } from './state.ts';

/**
 * Sending client notifications and moving their expiration (document 000). A recipient is spelled
 * "<login>@<domain>", as the delivery-information read and the seeded notifications spell it.
 */

const priorities = ['LOW', 'HIGH', 'CRITICAL'] as const;
const audiences = ['ALL', 'LIVE', 'DEMO'] as const;
type Audience = (typeof audiences)[number];

export const recipientOf = (client: DxClient): string => `${client.login}@${client.domain}`;

export function registerNotificationWriteRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'POST',
    '/api/clientnotifications',
    authed(access, (req, principal) => {
      // Document 000 lists this path's "20020: Access denied" among its 400 failures.
      if (principal.kind !== 'service') throw dxError(400, dxCoreErrorCodes.accessDenied, 'Access denied');
      const notification = readNotification(state, objectBody(req));
      state.notifications.set(notification.id, notification);
      return text(notification.id);
    }),
  );

  server.route(
    'PUT',
    '/api/clientnotifications/notification/:notificationId/date/:expirationDate',
    serviceOnly(access, (req) => {
      const notification = state.notification(req.params.notificationId ?? '');
      if (!notification) throw dxErrors.notificationNotFound();
      const given = req.params.expirationDate ?? '';
      const expirationDate = parseDateTime(given);
      if (expirationDate === undefined) throw dxErrors.invalidParameter('expirationDate', given);
      if (Date.parse(expirationDate) <= Date.now()) throw dxWriteErrors.expirationInPast(given);
      notification.expirationDate = expirationDate;
      return text('OK');
    }),
  );
}

/** The Client notification model, checked in the order document 000 lists its failures. */
function readNotification(state: DxCoreState, body: FieldReader): DxNotification {
  const priority = body.requiredOneOf('priority', priorities);
  const subject = body.requiredString('subject');
  const message = body.requiredString('message');
  const expirationDate = body.requiredDateTime('expirationDate');
  const mustAcknowledge = body.requiredBoolean('mustAcknowledge');
  const sendToAll = body.oneOf('sendToAll', audiences);
  const named = [...new Set(readRecipients(body))];
  if (named.length === 0 && sendToAll === undefined) throw dxErrors.requiredFieldEmpty('recipients');
  if (subject.length > dxCoreWriteReadings.subjectMaxLength) throw dxWriteErrors.subjectTooLong(dxCoreWriteReadings.subjectMaxLength);
  if (message.length > dxCoreWriteReadings.messageMaxLength) throw dxWriteErrors.messageTooLong(dxCoreWriteReadings.messageMaxLength);
  if (Date.parse(expirationDate) <= Date.now()) throw dxWriteErrors.expirationInPast(expirationDate);
  const clients = named.map((recipient) => recipientClient(state, recipient));
  const recipients = [...new Set([...clients, ...audience(state, sendToAll)].map(recipientOf))];
  return {
    id: nextId(state),
    ...(named.length > 0 ? { recipients: clients.map(recipientOf) } : {}),
    ...(sendToAll === undefined ? {} : { sendToAll }),
    priority,
    subject,
    message,
    expirationDate,
    mustAcknowledge,
    // Sent, not yet read or acknowledged.
    statuses: recipients.map((recipient) => ({ recipient })),
  };
}

/**
 * `recipients`: "<login>@<domain>" strings; document 000's "Broker notification recipient" model
 * ({domain, login}) is accepted too, since the extracted document lost which of the two it is.
 */
function readRecipients(body: FieldReader): string[] {
  const items = body.array('recipients') ?? [];
  return items.map((item, i) => {
    const path = `recipients[${i}]`;
    if (typeof item === 'string') {
      if (!/^[^@\s]+@[^@\s]+$/.test(item)) throw dxErrors.invalidJson(`${path} must be "<login>@<domain>"`);
      return item;
    }
    if (!isJsonObject(item)) throw dxErrors.invalidJson(`${path} must be "<login>@<domain>" or {domain, login}`);
    const model = new FieldReader(item, path);
    return `${model.requiredString('login')}@${model.requiredString('domain')}`;
  });
}

/** 404 20027 for nobody, 20014 for a user that is not a client (type OTHER). */
function recipientClient(state: DxCoreState, recipient: string): DxClient {
  const at = recipient.lastIndexOf('@');
  const client = state.client(recipient.slice(at + 1), recipient.slice(0, at));
  if (!client) throw dxWriteErrors.recipientNotFound(recipient);
  if (client.type !== 'CLIENT') throw dxWriteErrors.ownerNotFound(recipient);
  return client;
}

/** `sendToAll`: every enabled client (ALL), or those with a LIVE or a DEMO account. */
function audience(state: DxCoreState, sendToAll: Audience | undefined): DxClient[] {
  if (sendToAll === undefined) return [];
  return [...state.clients.values()].filter(
    (client) =>
      client.type === 'CLIENT' &&
      client.status !== 'DISABLED' &&
      (sendToAll === 'ALL' || state.accountsOf(client).some((account) => account.accountType === sendToAll)),
  );
}

/** Notification ids are numeric strings (the seeded ones are 1001, 1002): the next one up. */
function nextId(state: DxCoreState): string {
  const ids = [...state.notifications.keys()].map(Number).filter(Number.isInteger);
  return String(Math.max(1000, ...ids) + 1);
}
