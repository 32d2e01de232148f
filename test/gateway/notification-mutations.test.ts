import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dxCoreWriteReadings } from '../../src/readings.ts';
import type { DxClient } from '../../src/simulators/records.ts';
import { NotificationDeliveryDocument, SendNotificationDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { gql } from '../support/gql.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());
beforeEach(() => t.sims.clearCalls());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const clients = (): DxClient[] => [...t.sims.dxcore.state.clients.values()];
const recipient = (c: DxClient) => ({ domain: c.domain, login: c.login });

const send = gql`
  mutation ($input: SendNotificationInput!) {
    sendNotification(input: $input) {
      __typename
      ... on NotificationSent { notification { id notificationId } recipients sendToAll }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;

const updateExpiration = gql`
  mutation ($input: UpdateNotificationExpirationInput!) {
    updateNotificationExpiration(input: $input) {
      __typename
      ... on NotificationExpirationUpdated { notification { notificationId } expiresAt }
      ... on Error { code message upstream { name status code } }
      ... on ValidationError { field }
    }
  }
`;


type Result = Record<string, unknown> & { __typename: string };
const result = (res: { data?: Record<string, unknown> | null | undefined }, field: string) => res.data?.[field] as Result;

const base = () => ({ priority: 'HIGH' as const, subject: 'Maintenance', message: 'Trading pauses at 22:00 UTC.', mustAcknowledge: true, expiresAt: inAnHour() });

describe('sendNotification', () => {
  it('SendNotification (contract) sends to recipients; NotificationDelivery (contract) reads it back', async () => {
    const [a, b] = clients().filter((c) => c.status !== 'DISABLED');
    const res = await t.run(SendNotificationDocument, { input: { ...base(), recipients: [recipient(a!), recipient(b!)] } });
    expect(res.errors).toBeUndefined();
    const sent = res.data!.sendNotification!;
    expect(sent.__typename).toBe('NotificationSent');
    if (sent.__typename !== 'NotificationSent') throw new Error('not sent');
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/clientnotifications': 1 });

    const stored = t.sims.dxcore.state.notification(sent.notification.id)!;
    expect(stored).toMatchObject({ priority: 'HIGH', subject: 'Maintenance', mustAcknowledge: true, recipients: [`${a!.login}@${a!.domain}`, `${b!.login}@${b!.domain}`] });

    t.sims.clearCalls();
    const read = await t.run(NotificationDeliveryDocument, { id: sent.notification.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.notification).toEqual({
      id: sent.notification.id,
      deliveries: [
        { recipient: `${a!.login}@${a!.domain}`, readTime: null, acknowledgmentTime: null },
        { recipient: `${b!.login}@${b!.domain}`, readTime: null, acknowledgmentTime: null },
      ],
    });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/clientnotifications/notification/:notificationId': 1 });
  });

  it('answers the dxCore id and the recipients; notification { id } costs no read', async () => {
    const [a] = clients();
    const res = await t.run(send, { input: { ...base(), recipients: [recipient(a!), recipient(a!)] } });
    const sent = result(res, 'sendNotification');
    expect(sent).toMatchObject({ __typename: 'NotificationSent', recipients: [`${a!.login}@${a!.domain}`], sendToAll: null });
    const id = (sent.notification as { notificationId: string }).notificationId;
    expect(t.sims.dxcore.state.notification(id)).toBeDefined();
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/clientnotifications': 1 });
  });

  it('sendToAll LIVE reaches every enabled client with a LIVE account', async () => {
    const res = await t.run(send, { input: { ...base(), priority: 'LOW', mustAcknowledge: false, sendToAll: 'LIVE' } });
    const sent = result(res, 'sendNotification');
    expect(sent).toMatchObject({ __typename: 'NotificationSent', recipients: null, sendToAll: 'LIVE' });
    const id = (sent.notification as { notificationId: string }).notificationId;
    const { state } = t.sims.dxcore;
    const live = clients().filter((c) => c.status !== 'DISABLED' && state.accountsOf(c).some((a) => a.accountType === 'LIVE'));
    expect(live.length).toBeGreaterThan(0);
    expect(state.notification(id)!.statuses.map((s) => s.recipient).sort()).toEqual(live.map((c) => `${c.login}@${c.domain}`).sort());
    expect(state.notification(id)).toMatchObject({ sendToAll: 'LIVE', priority: 'LOW', mustAcknowledge: false });
  });

  const someone = { domain: 'default', login: 'someone' };
  it.each([
    ['neither recipients nor sendToAll', {}, 'input.recipients'],
    ['both recipients and sendToAll', { recipients: [someone], sendToAll: 'ALL' }, 'input.sendToAll'],
    ['an empty recipient list', { recipients: [] }, 'input.recipients'],
    ['a recipient domain with an @', { recipients: [someone, { domain: 'a@b', login: 'x' }] }, 'input.recipients[1].domain'],
    ['a blank recipient login', { recipients: [{ domain: 'default', login: ' ' }] }, 'input.recipients[0].login'],
    ['a blank subject', { sendToAll: 'ALL', subject: '   ' }, 'input.subject'],
    ['a subject over the limit', { sendToAll: 'ALL', subject: 'x'.repeat(dxCoreWriteReadings.subjectMaxLength + 1) }, 'input.subject'],
    ['an empty message', { sendToAll: 'ALL', message: '' }, 'input.message'],
    ['a message over the limit', { sendToAll: 'ALL', message: 'x'.repeat(dxCoreWriteReadings.messageMaxLength + 1) }, 'input.message'],
    ['an expiry in the past', { sendToAll: 'ALL', expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'input.expiresAt'],
  ])('refuses %s before any call, naming the field', async (_, change, field) => {
    const before = t.sims.dxcore.state.notifications.size;
    const res = await t.run(send, { input: { ...base(), ...change } });
    expect(res.errors).toBeUndefined();
    expect(result(res, 'sendNotification')).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field, upstream: null });
    expect(queryCalls(t.sims)).toEqual([]);
    expect(t.sims.dxcore.state.notifications.size).toBe(before);
  });

  it('an unknown recipient is RECIPIENT_NOT_FOUND, with dxCore 20027 kept', async () => {
    const res = await t.run(send, { input: { ...base(), recipients: [recipient(clients()[0]!), { domain: 'default', login: 'nobody' }] } });
    expect(result(res, 'sendNotification')).toMatchObject({
      __typename: 'NotFoundError',
      code: 'RECIPIENT_NOT_FOUND',
      upstream: { name: 'dxcore', status: 404, code: '20027' },
    });
    expect(result(res, 'sendNotification').message).toContain('20027');
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/clientnotifications': 1 });
  });

  it('a recipient that is not a client is CLIENT_NOT_FOUND, with dxCore 20014 kept', async () => {
    const other = clients()[5]!;
    const type = other.type;
    other.type = 'OTHER';
    try {
      const res = await t.run(send, { input: { ...base(), recipients: [recipient(other)] } });
      expect(result(res, 'sendNotification')).toMatchObject({ __typename: 'NotFoundError', code: 'CLIENT_NOT_FOUND', upstream: { status: 404, code: '20014' } });
    } finally {
      other.type = type;
    }
  });

  it('a lost answer is UPSTREAM_UNAVAILABLE and not sent again (a POST may have taken effect)', async () => {
    t.sims.dxcore.server.dropResponseOnce('POST /api/clientnotifications');
    const res = await t.run(send, { input: { ...base(), sendToAll: 'DEMO' } });
    expect(result(res, 'sendNotification')).toMatchObject({ __typename: 'UpstreamUnavailableError', code: 'UPSTREAM_UNAVAILABLE', upstream: { name: 'dxcore', status: 0 } });
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore POST /api/clientnotifications': 1 });
  });

  it('needs the write scope: a read key and an end user are FORBIDDEN without a call', async () => {
    const input = { ...base(), sendToAll: 'ALL' };
    const reader = await t.run(send, { input }, `Bearer ${keys.reader}`);
    expect(reader.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const user = await loginAs(t, clients().find((c) => c.status !== 'DISABLED')!);
    t.sims.clearCalls();
    const asUser = await t.run(send, { input }, user);
    expect(asUser.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
    const writer = await t.run(send, { input }, `Bearer ${keys.writer}`);
    expect(result(writer, 'sendNotification').__typename).toBe('NotificationSent');
  });
});

describe('NotificationPriority', () => {
  const graphql = async (body: object) => {
    const res = await fetch(`${t.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.all}` }, body: JSON.stringify(body) });
    return { status: res.status, errors: ((await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors ?? [] };
  };

  it('a refused value (NORMAL, a natural guess) is answered with the allowed values, as a variable and as a literal; nothing is sent', async () => {
    const [a] = clients();
    const input = { ...base(), priority: 'NORMAL', recipients: [recipient(a!)] };
    const variable = await graphql({ query: 'mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { __typename } }', variables: { input } });
    expect(variable.status).toBe(400);
    expect(variable.errors.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'Variable "$input" got an invalid value at "input.priority"; Value "NORMAL" does not exist in "NotificationPriority" enum. Allowed values: CRITICAL, HIGH, LOW.'],
    ]);
    const literal = await graphql({ query: `mutation { sendNotification(input: { priority: NORMAL, subject: "s", message: "m", expiresAt: "${inAnHour()}", sendToAll: LIVE }) { __typename } }` });
    expect(literal.errors.map((e) => e.message)).toEqual(['Value "NORMAL" does not exist in "NotificationPriority" enum. Allowed values: CRITICAL, HIGH, LOW.']);
    const quoted = await graphql({ query: `mutation { sendNotification(input: { priority: "HIGH", subject: "s", message: "m", expiresAt: "${inAnHour()}", sendToAll: LIVE }) { __typename } }` });
    expect(quoted.errors.map((e) => e.message)).toEqual(['Enum "NotificationPriority" cannot represent non-enum value: "HIGH". Allowed values: CRITICAL, HIGH, LOW.']);
    expect(queryCalls(t.sims)).toEqual([]);
  });
});

describe('updateNotificationExpiration', () => {
  it('moves the expiration, by dxCore id or global id', async () => {
    const later = new Date(Date.now() + 7 * 86_400_000);
    const byId = await t.run(updateExpiration, { input: { notificationId: '1001', expiresAt: later.toISOString() } });
    expect(result(byId, 'updateNotificationExpiration')).toEqual({
      __typename: 'NotificationExpirationUpdated',
      notification: { notificationId: '1001' },
      expiresAt: later.toISOString(),
    });
    expect(Date.parse(t.sims.dxcore.state.notification('1001')!.expirationDate)).toBe(later.getTime());
    expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore PUT /api/clientnotifications/notification/:notificationId/date/:expirationDate': 1 });

    const globalId = Buffer.from('Notification:1002').toString('base64');
    const byGlobalId = await t.run(updateExpiration, { input: { notificationId: globalId, expiresAt: later.toISOString() } });
    expect(result(byGlobalId, 'updateNotificationExpiration')).toMatchObject({ notification: { notificationId: '1002' } });
  });

  it('is idempotent: a lost answer is retried and succeeds', async () => {
    const route = 'PUT /api/clientnotifications/notification/:notificationId/date/:expirationDate';
    t.sims.dxcore.server.dropResponseOnce(route);
    const res = await t.run(updateExpiration, { input: { notificationId: '1001', expiresAt: inAnHour() } });
    expect(result(res, 'updateNotificationExpiration').__typename).toBe('NotificationExpirationUpdated');
    expect(countByRoute(queryCalls(t.sims))).toEqual({ [`dxcore ${route}`]: 2 });
  });

  it('an unknown notification is NOTIFICATION_NOT_FOUND, with dxCore 30019 kept', async () => {
    const res = await t.run(updateExpiration, { input: { notificationId: '999999', expiresAt: inAnHour() } });
    expect(result(res, 'updateNotificationExpiration')).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOTIFICATION_NOT_FOUND',
      upstream: { name: 'dxcore', status: 404, code: '30019' },
    });
  });

  it('refuses a past expiry before any call', async () => {
    const res = await t.run(updateExpiration, { input: { notificationId: '1001', expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(result(res, 'updateNotificationExpiration')).toMatchObject({ __typename: 'ValidationError', field: 'input.expiresAt' });
    expect(queryCalls(t.sims)).toEqual([]);
  });

  it('needs the write scope', async () => {
    const res = await t.run(updateExpiration, { input: { notificationId: '1001', expiresAt: inAnHour() } }, `Bearer ${keys.reader}`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryCalls(t.sims)).toEqual([]);
  });
});
