import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retailDefaultPeriodDays } from '../../src/readings.ts';
import type { RetailAccount, RetailSeed } from '../../src/simulators/records.ts';
import { RetailSimulator, retailProfileLinkTtlMs, type RetailEvent } from '../../src/simulators/retail/index.ts';
import { seedWorld } from '../../src/simulators/seed.ts';

const apiKey = 'retail-test-key';
const auth = { authorization: `Bearer ${apiKey}` };
const day = 86_400_000;
const period = retailDefaultPeriodDays * day;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let seed: RetailSeed;
let sim: RetailSimulator;
let base: string;
let events: RetailEvent[];

beforeAll(() => {
  seed = seedWorld().retail;
});

// Writes change the world: every test gets a fresh simulator on its own port.
beforeEach(async () => {
  sim = new RetailSimulator({ seed, apiKey });
  base = await sim.listen(0);
  events = [];
  sim.events.on((event) => events.push(event));
});

afterEach(async () => {
  await sim.close();
});

interface Answer {
  status: number;
  body: any;
  text: string;
  contentType: string | null;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, init);
  const text = await res.text();
  const contentType = res.headers.get('content-type');
  const json = contentType?.startsWith('application/json') ? JSON.parse(text) : undefined;
  return { status: res.status, body: json, text, contentType };
}

const post = (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers);
const get = (path: string) => call('GET', path);

/** The end user submits the signup form behind a link (redirects are not followed: they leave the simulator). */
async function submitForm(link: string, fields = 'agree=on&subscriberStatus=NON_PROFESSIONAL'): Promise<Answer & { location: string | null }> {
  const res = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields, redirect: 'manual' });
  return { status: res.status, body: undefined, text: await res.text(), contentType: res.headers.get('content-type'), location: res.headers.get('location') };
}

function seeded(index: number): RetailAccount {
  const account = seed.accounts[index];
  if (!account) throw new Error(`no seeded retail account ${index}`);
  return account;
}

function expectFailure(answer: Answer, status: number, reason: string, message?: string | RegExp): void {
  expect(answer.status).toBe(status);
  expect(Object.keys(answer.body)).toEqual(['dateTime', 'errorCode', 'reason', 'message']);
  expect(answer.body.errorCode).toBe(status);
  expect(answer.body.reason).toBe(reason);
  if (typeof message === 'string') expect(answer.body.message).toBe(message);
  if (message instanceof RegExp) expect(answer.body.message).toMatch(message);
}

async function subscriptions(accountId: string): Promise<any[]> {
  return (await get(`/api/v1/accounts/${accountId}/subscriptions`)).body.subscriptions;
}

async function newAccount(body: Record<string, unknown> = { metadata: {} }): Promise<string> {
  const { status, body: answer } = await post('/api/v1/accounts', body);
  expect(status).toBe(200);
  return answer.accountId;
}

const activateV1 = (accountId: string, feeds: string[], extra: Record<string, unknown> = {}) =>
  post(`/api/v1/accounts/${accountId}/subscriptions`, { subscriptions: feeds, ...extra });
const activateV2 = (accountId: string, subscriptions: unknown[], extra: Record<string, unknown> = {}) =>
  post(`/api/v2/accounts/${accountId}/subscriptions`, { subscriptions, ...extra });
const confirm = (accountId: string, confirmationId: unknown, version = 'v1') =>
  post(`/api/${version}/accounts/${accountId}/subscriptions/confirm`, { confirmationId });

function expectNear(iso: string, expected: number, toleranceMs = 10_000): void {
  expect(new Date(iso).toISOString()).toBe(iso);
  expect(Math.abs(Date.parse(iso) - expected)).toBeLessThan(toleranceMs);
}

describe('Retail writes: create account', () => {
  it('creates an account, saving the email in lower case', async () => {
    const { status, body } = await post('/api/v1/accounts', {
      email: 'Bob.Smith@Example.com',
      metadata: { firstName: 'Bob', lastName: 'Smith', country: null },
      allowedStatuses: 'ALL',
    });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['accountId']);
    expect(body.accountId).toMatch(uuidPattern);
    const read = await get(`/api/v1/accounts/${body.accountId}`);
    expect(read.body).toEqual({ id: body.accountId, email: 'bob.smith@example.com', status: 'ACTIVE', subscriberStatus: 'NON_PROFESSIONAL', dataAccessStatus: 'ENABLED' });
    expect(sim.state.getAccount(body.accountId)!.metadata).toEqual({ firstName: 'Bob', lastName: 'Smith', country: null });
    expect(await subscriptions(body.accountId)).toEqual([]);
    expect((await get('/api/v1/accounts/by-email/bob.smith@example.com')).body.id).toBe(body.accountId);
  });

  it('accepts the empty body of document 001, { metadata: {} }: no email', async () => {
    const accountId = await newAccount();
    expect(Object.keys((await get(`/api/v1/accounts/${accountId}`)).body)).toEqual(['id', 'status', 'subscriberStatus', 'dataAccessStatus']);
  });

  it('answers under /api/v2 as well, and restricts the subscriber status to allowedStatuses', async () => {
    const { status, body } = await post('/api/v2/accounts', { metadata: {}, allowedStatuses: 'PROFESSIONAL' });
    expect(status).toBe(200);
    expect((await get(`/api/v1/accounts/${body.accountId}`)).body.subscriberStatus).toBe('PROFESSIONAL');
  });

  it.each([['not-an-email'], ['two@@example.com'], [''], [42]])('answers 400 "Valid email should be specified" for %j', async (email) => {
    expectFailure(await post('/api/v1/accounts', { email, metadata: {} }), 400, 'BAD_REQUEST', 'Valid email should be specified');
  });

  it('answers 400 BAD_REQUEST without metadata, with malformed metadata or allowedStatuses, or without a JSON object', async () => {
    expectFailure(await post('/api/v1/accounts', { email: 'new@example.com' }), 400, 'BAD_REQUEST', 'Metadata should be specified');
    expectFailure(await post('/api/v1/accounts', { metadata: null }), 400, 'BAD_REQUEST', 'Metadata should be specified');
    expectFailure(await post('/api/v1/accounts', { metadata: ['Bob'] }), 400, 'BAD_REQUEST', 'Invalid value for metadata provided');
    expectFailure(await post('/api/v1/accounts', { metadata: { firstName: 7 } }), 400, 'BAD_REQUEST', 'Invalid value for metadata.firstName provided');
    expectFailure(await post('/api/v1/accounts', { metadata: {}, allowedStatuses: 'SOME' }), 400, 'BAD_REQUEST', 'Invalid value for allowedStatuses provided');
    expectFailure(await post('/api/v1/accounts', '{not json'), 400, 'BAD_REQUEST', 'Request body should be a JSON object');
    expectFailure(await post('/api/v1/accounts'), 400, 'BAD_REQUEST', 'Request body should be a JSON object');
    expect(sim.state.accounts.size).toBe(seed.accounts.length);
  });

  it('answers 422 ACCOUNT_ALREADY_EXISTS for an email in use, in any case', async () => {
    const email = seeded(0).email!.toUpperCase();
    expectFailure(await post('/api/v1/accounts', { email, metadata: {} }), 422, 'ACCOUNT_ALREADY_EXISTS', /already exists/);
  });
});

describe('Retail writes: reset password', () => {
  it('makes a new password when credentials exist: the old one stops working', async () => {
    const account = seeded(1);
    const before = sim.state.credentialsOf(account.id)!;
    expect(before.login).toBe(account.id);
    const { status, text } = await post(`/api/v1/accounts/${account.id}/reset-password`);
    expect(status).toBe(200);
    expect(text).toBe('');
    const after = sim.state.credentialsOf(account.id)!;
    expect(after.login).toBe(before.login);
    expect(after.password).not.toBe(before.password);
    expect((await post('/api/v1/token', before)).body.reason).toBe('INVALID_CREDENTIALS');
    expect((await post('/api/v1/token', after)).body.status).toBe('OK');
  });

  it('answers 200 and makes nothing for an account that has no credentials yet', async () => {
    const accountId = await newAccount();
    expect((await post(`/api/v2/accounts/${accountId}/reset-password`)).status).toBe(200);
    expect(sim.state.credentialsOf(accountId)).toBeUndefined();
  });

  it('answers 404 ACCOUNT_NOT_FOUND, 422 CREDENTIALS_GENERATION_DISABLED and 422 ACCOUNT_IS_BLOCKED', async () => {
    expectFailure(await post('/api/v1/accounts/nope/reset-password'), 404, 'ACCOUNT_NOT_FOUND', 'Account nope is not found');
    expectFailure(await post(`/api/v1/accounts/${seeded(7).id}/reset-password`), 422, 'ACCOUNT_IS_BLOCKED', `Account ${seeded(7).id} is blocked`);
    sim.state.credentialsGeneration = false;
    expectFailure(await post(`/api/v1/accounts/${seeded(1).id}/reset-password`), 422, 'CREDENTIALS_GENERATION_DISABLED', 'Credentials generation disabled');
  });

  it('takes credentialsGeneration as a simulator option: no credentials are made at all', async () => {
    const off = new RetailSimulator({ seed, apiKey, credentialsGeneration: false });
    const url = await off.listen(0);
    try {
      expect(off.state.credentialsOf(seeded(1).id)).toBeUndefined();
      const res = await fetch(`${url}/api/v1/accounts/${seeded(1).id}/reset-password`, { method: 'POST', headers: auth });
      expect(res.status).toBe(422);
      expect((await res.json()).reason).toBe('CREDENTIALS_GENERATION_DISABLED');
    } finally {
      await off.close();
    }
  });
});

describe('Retail writes: change email', () => {
  it('changes the email, saved in lower case', async () => {
    const account = seeded(2);
    const answer = await post(`/api/v1/accounts/${account.id}/change-email`, { email: 'New.Address@Example.com' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect((await get(`/api/v1/accounts/${account.id}`)).body.email).toBe('new.address@example.com');
    expect((await get('/api/v1/accounts/by-email/new.address@example.com')).body.id).toBe(account.id);
    expect((await get(`/api/v1/accounts/by-email/${account.email}`)).status).toBe(404);
  });

  it('answers 400 "Email should be specified" / "Valid email should be specified"', async () => {
    const path = `/api/v1/accounts/${seeded(2).id}/change-email`;
    for (const body of [{}, { email: null }, { email: '  ' }, undefined]) {
      expectFailure(await post(path, body), 400, 'BAD_REQUEST', 'Email should be specified');
    }
    for (const email of ['not-an-email', 'a@b@c', 17]) {
      expectFailure(await post(path, { email }), 400, 'BAD_REQUEST', 'Valid email should be specified');
    }
  });

  it('answers 404 ACCOUNT_NOT_FOUND, and 422 for the same email or one another account has', async () => {
    expectFailure(await post('/api/v1/accounts/nope/change-email', { email: 'x@example.com' }), 404, 'ACCOUNT_NOT_FOUND');
    const account = seeded(2);
    expectFailure(await post(`/api/v1/accounts/${account.id}/change-email`, { email: account.email!.toUpperCase() }), 422, 'CREDENTIALS_GENERATION_DISABLED', 'Credentials generation disabled');
    expectFailure(await post(`/api/v1/accounts/${account.id}/change-email`, { email: seeded(0).email }), 422, 'ACCOUNT_ALREADY_EXISTS');
  });
});

describe('Retail writes: activate v1, the signup form and confirmation', () => {
  it('new user, no confirmation needed: signup links only; the form activates the order', async () => {
    const accountId = await newAccount({ email: 'nc@example.com', metadata: {} });
    const { status, body } = await activateV1(accountId, ['CME', 'NYSE']);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['signupPageByTheme', 'confirmationId']);
    expect(body.confirmationId).toBeNull();
    expect(Object.keys(body.signupPageByTheme)).toEqual(['LIGHT', 'DARK']);
    expect(body.signupPageByTheme.LIGHT).toMatch(new RegExp(`^${base}/onboarding/[0-9a-f-]{36}\\?theme=LIGHT$`));
    expect(body.signupPageByTheme.DARK).toBe(body.signupPageByTheme.LIGHT.replace('LIGHT', 'DARK'));
    expect(await subscriptions(accountId)).toEqual([]);
    expect(sim.state.credentialsOf(accountId)).toBeUndefined();

    const page = await call('GET', body.signupPageByTheme.DARK);
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.text).toContain('<form method="post"');
    expect(page.text).toContain('theme-dark');
    expect(page.text).toContain('nc@example.com');

    const submitted = await submitForm(body.signupPageByTheme.LIGHT);
    expect(submitted.status).toBe(200);
    expect(submitted.text).toContain('Thank you');
    const subs = await subscriptions(accountId);
    expect(subs.map((s) => [s.name, s.status])).toEqual([['CME', 'ACTIVE'], ['NYSE', 'ACTIVE']]);
    for (const s of subs) expectNear(s.expiresAt, Date.now() + period);
    expect(sim.state.credentialsOf(accountId)).toEqual({ login: accountId, password: expect.any(String) });
    expect(events.map((e) => e.type)).toEqual(['SUBSCRIPTION.ACTIVATED']);
    expect(events[0]!.subscriptions).toEqual(subs);
    // The order is complete: its link is spent.
    expect((await call('GET', body.signupPageByTheme.LIGHT)).status).toBe(404);
  });

  it('new user, confirmation needed: links and an id; form first, then confirm', async () => {
    const accountId = await newAccount({ email: 'form-first@example.com', metadata: {} });
    const { body } = await activateV1(accountId, ['OPRA', 'CME']);
    expect(body.confirmationId).toMatch(uuidPattern);
    expect(body.signupPageByTheme.LIGHT).toContain('/onboarding/');
    expect((await submitForm(body.signupPageByTheme.LIGHT)).status).toBe(200);
    expect(await subscriptions(accountId)).toEqual([]);
    expect(events).toEqual([]);
    const confirmed = await confirm(accountId, body.confirmationId);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toBe('');
    expect((await subscriptions(accountId)).map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(events.map((e) => e.type)).toEqual(['SUBSCRIPTION.ACTIVATED']);
    expectFailure(await confirm(accountId, body.confirmationId), 404, 'ORDER_NOT_FOUND', 'Order not found or expired.');
  });

  it('new user, confirmation needed: confirm first, then the form', async () => {
    const accountId = await newAccount({ email: 'confirm-first@example.com', metadata: {} });
    const { body } = await activateV1(accountId, ['OPRA']);
    expect((await confirm(accountId, body.confirmationId)).status).toBe(200);
    expect(await subscriptions(accountId)).toEqual([]);
    // Confirming again while the form is outstanding is harmless.
    expect((await confirm(accountId, body.confirmationId)).status).toBe(200);
    expect((await submitForm(body.signupPageByTheme.DARK)).status).toBe(200);
    expect(await subscriptions(accountId)).toEqual([{ name: 'OPRA', status: 'ACTIVE', expiresAt: expect.any(String) }]);
    expect(events).toHaveLength(1);
  });

  it('known user, no confirmation needed: both null, and the subscriptions are active at once', async () => {
    const account = seeded(1);
    const { status, body } = await activateV1(account.id, ['CBOT']);
    expect(status).toBe(200);
    expect(body).toEqual({ signupPageByTheme: null, confirmationId: null });
    const cbot = (await subscriptions(account.id)).find((s) => s.name === 'CBOT');
    expect(cbot.status).toBe('ACTIVE');
    expectNear(cbot.expiresAt, Date.now() + period);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'SUBSCRIPTION.ACTIVATED', accountId: account.id, subscriptions: [cbot] });
  });

  it('known user, confirmation needed: only a confirmation id; confirm activates', async () => {
    const account = seeded(1);
    const { body } = await activateV1(account.id, ['OPRA']);
    expect(body.signupPageByTheme).toBeNull();
    expect(body.confirmationId).toMatch(uuidPattern);
    expect((await subscriptions(account.id)).some((s) => s.name === 'OPRA')).toBe(false);
    await confirm(account.id, body.confirmationId);
    expect((await subscriptions(account.id)).find((s) => s.name === 'OPRA').status).toBe('ACTIVE');
  });

  it('a second activation replaces the pending order: new id and links, the old ones are gone', async () => {
    const accountId = await newAccount({ email: 'twice@example.com', metadata: {} });
    const first = (await activateV1(accountId, ['OPRA'])).body;
    const second = (await activateV1(accountId, ['OPRA', 'NYSE'])).body;
    expect(second.confirmationId).not.toBe(first.confirmationId);
    expect(second.signupPageByTheme.LIGHT).not.toBe(first.signupPageByTheme.LIGHT);
    expectFailure(await confirm(accountId, first.confirmationId), 404, 'ORDER_NOT_FOUND', 'Order not found or expired.');
    expect((await call('GET', first.signupPageByTheme.LIGHT)).status).toBe(404);
    expect((await submitForm(first.signupPageByTheme.LIGHT)).status).toBe(404);
    await confirm(accountId, second.confirmationId);
    await submitForm(second.signupPageByTheme.LIGHT);
    expect((await subscriptions(accountId)).map((s) => s.name)).toEqual(['OPRA', 'NYSE']);
  });

  it('reactivates an EXPIRED subscription in place: a feed appears once per account', async () => {
    const account = seeded(0);
    expect(account.subscriptions).toEqual([expect.objectContaining({ name: 'CME', status: 'EXPIRED' })]);
    expect((await activateV1(account.id, ['CME'])).body).toEqual({ signupPageByTheme: null, confirmationId: null });
    expect(await subscriptions(account.id)).toEqual([{ name: 'CME', status: 'ACTIVE', expiresAt: expect.any(String) }]);
  });

  it('an "Infinite" feed never ends, and a feed asked twice counts once', async () => {
    const account = seeded(1);
    await activateV1(account.id, ['ICE_US', 'ICE_US']);
    expect((await subscriptions(account.id)).filter((s) => s.name === 'ICE_US')).toEqual([{ name: 'ICE_US', status: 'ACTIVE', expiresAt: null }]);
  });

  it('redirects to successRedirectUrl after the form', async () => {
    const accountId = await newAccount({ email: 'redirect@example.com', metadata: {} });
    const { body } = await activateV1(accountId, ['CME'], { successRedirectUrl: 'https://partner.example.com/done?x=1&y=2' });
    const submitted = await submitForm(body.signupPageByTheme.LIGHT);
    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe('https://partner.example.com/done?x=1&y=2');
    expect(submitted.text).toContain('href="https://partner.example.com/done?x=1&#38;y=2"');
    expect((await subscriptions(accountId))[0].status).toBe('ACTIVE');
  });

  it('answers 400 BAD_REQUEST for missing subscriptions, unknown feeds and a bad redirect URL', async () => {
    const id = seeded(1).id;
    for (const body of [{}, { subscriptions: [] }, { subscriptions: 'CME' }, { subscriptions: ['CME', ''] }, { subscriptions: [{ feedName: 'CME' }] }]) {
      expectFailure(await post(`/api/v1/accounts/${id}/subscriptions`, body), 400, 'BAD_REQUEST', 'Subscriptions should be specified');
    }
    expectFailure(await post(`/api/v1/accounts/${id}/subscriptions`, 'nonsense'), 400, 'BAD_REQUEST', 'Subscriptions should be specified');
    expectFailure(await activateV1(id, ['CME', 'NOPE', 'ALSO_NOPE']), 400, 'BAD_REQUEST', 'Requested feeds [NOPE, ALSO_NOPE] are not found');
    expectFailure(await activateV1(id, ['CBOT'], { successRedirectUrl: 'not a url' }), 400, 'BAD_REQUEST', 'Invalid value for successRedirectUrl provided');
    expectFailure(await activateV1(id, ['CBOT'], { successRedirectUrl: 'javascript:alert(1)' }), 400, 'BAD_REQUEST');
    expect(events).toEqual([]);
  });

  it('answers 404 ACCOUNT_NOT_FOUND and 422 ACCOUNT_IS_BLOCKED', async () => {
    expectFailure(await activateV1('nope', ['CME']), 404, 'ACCOUNT_NOT_FOUND', 'Account nope is not found');
    expectFailure(await activateV1(seeded(7).id, ['CME']), 422, 'ACCOUNT_IS_BLOCKED', `Account ${seeded(7).id} is blocked`);
  });

  it('answers 409 SUBSCRIPTION_ALREADY_ACTIVE and SINGLE_USE_FEED_ACTIVATED_BEFORE', async () => {
    expectFailure(await activateV1(seeded(1).id, ['CBOT', 'CME']), 409, 'SUBSCRIPTION_ALREADY_ACTIVE', 'Subscription CME is already active');
    expect(seeded(5).subscriptions.find((s) => s.name === 'EUREX')?.status).toBe('EXPIRED');
    expectFailure(await activateV1(seeded(5).id, ['EUREX']), 409, 'SINGLE_USE_FEED_ACTIVATED_BEFORE', 'Single-use subscription has been already activated');
    expect(sim.state.pendingOrder(seeded(1).id)).toBeUndefined();
  });

  it('a single-use feed activates once, and then never again', async () => {
    const account = seeded(1);
    expect((await activateV1(account.id, ['EUREX'])).status).toBe(200);
    await post(`/api/v1/accounts/${account.id}/subscriptions/cancel`, { subscriptions: ['EUREX'] });
    expectFailure(await activateV1(account.id, ['EUREX']), 409, 'SINGLE_USE_FEED_ACTIVATED_BEFORE');
  });
});

describe('Retail writes: the signup form', () => {
  async function orderFor(body: Record<string, unknown>): Promise<{ accountId: string; link: string }> {
    const accountId = await newAccount(body);
    const answer = await activateV1(accountId, ['CME']);
    return { accountId, link: answer.body.signupPageByTheme.LIGHT };
  }

  it('requires the agreements, and an email when the account has none', async () => {
    const { accountId, link } = await orderFor({ metadata: { firstName: 'Ann' } });
    const page = await call('GET', link);
    expect(page.text).toContain('value="Ann"');
    expect(page.text).toContain('theme-light');
    const noAgreement = await submitForm(link, 'email=ann@example.com&subscriberStatus=NON_PROFESSIONAL');
    expect(noAgreement.status).toBe(400);
    expect(noAgreement.text).toContain('The agreements must be signed.');
    const noEmail = await submitForm(link, 'agree=on&subscriberStatus=NON_PROFESSIONAL');
    expect(noEmail.status).toBe(400);
    expect(noEmail.text).toContain('Email should be specified');
    expect((await submitForm(link, 'agree=on&email=bad&subscriberStatus=NON_PROFESSIONAL')).status).toBe(400);
    expect((await submitForm(link, `agree=on&email=${encodeURIComponent(seeded(0).email!)}&subscriberStatus=NON_PROFESSIONAL`)).status).toBe(400);
    expect(await subscriptions(accountId)).toEqual([]);
    const ok = await submitForm(link, 'agree=on&email=Ann.Lee%40Example.com&lastName=Lee&subscriberStatus=PROFESSIONAL');
    expect(ok.status).toBe(200);
    const account = (await get(`/api/v1/accounts/${accountId}`)).body;
    expect(account).toMatchObject({ email: 'ann.lee@example.com', subscriberStatus: 'PROFESSIONAL' });
    expect(sim.state.getAccount(accountId)!.metadata).toEqual({ firstName: 'Ann', lastName: 'Lee' });
    expect((await subscriptions(accountId))[0].status).toBe('ACTIVE');
  });

  it('offers only the subscriber statuses allowedStatuses permits', async () => {
    const { link } = await orderFor({ email: 'nonpro@example.com', metadata: {}, allowedStatuses: 'NON_PROFESSIONAL' });
    const page = await call('GET', link);
    expect(page.text).toContain('<option value="NON_PROFESSIONAL">');
    expect(page.text).not.toContain('<option value="PROFESSIONAL">');
    const refused = await submitForm(link, 'agree=on&subscriberStatus=PROFESSIONAL');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('not allowed');
  });

  it('escapes what it echoes, and answers 404 for an unknown link', async () => {
    const { link } = await orderFor({ email: 'esc@example.com', metadata: { firstName: '<script>x</script>' } });
    expect((await call('GET', link)).text).not.toContain('<script>');
    const unknown = await call('GET', `${base}/onboarding/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toMatch(/^text\/html/);
  });
});

describe('Retail writes: activate v2', () => {
  it('honours endDate per feed, else the default period, else no end for an "Infinite" feed', async () => {
    const account = seeded(1);
    const endDate = new Date(Date.now() + 90 * day).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const { status, body } = await activateV2(account.id, [{ feedName: 'CBOT', endDate }, { feedName: 'NYSE' }, { feedName: 'ICE_US' }, { feedName: 'EUREX', endDate: null }]);
    expect(status).toBe(200);
    expect(body).toEqual({ signupPageByTheme: null, confirmationId: null });
    const byName = Object.fromEntries((await subscriptions(account.id)).map((s) => [s.name, s]));
    expect(byName.CBOT.expiresAt).toBe(new Date(endDate).toISOString());
    expectNear(byName.NYSE.expiresAt, Date.now() + period);
    expect(byName.ICE_US.expiresAt).toBeNull();
    expectNear(byName.EUREX.expiresAt, Date.now() + period);
  });

  it('an endDate wins over an "Infinite" feed', async () => {
    const endDate = new Date(Date.now() + 5 * day).toISOString();
    await activateV2(seeded(1).id, [{ feedName: 'ICE_US', endDate }]);
    expect((await subscriptions(seeded(1).id)).find((s) => s.name === 'ICE_US').expiresAt).toBe(endDate);
  });

  it('answers 400 with the documented messages', async () => {
    const id = seeded(1).id;
    expectFailure(await post(`/api/v2/accounts/${id}/subscriptions`, {}), 400, 'BAD_REQUEST', 'Subscriptions should be specified');
    expectFailure(await activateV2(id, []), 400, 'BAD_REQUEST', 'Subscriptions should be specified');
    for (const entry of [{}, { feedName: '' }, { feedName: 3 }, 'CME', null]) {
      expectFailure(await activateV2(id, [entry]), 400, 'BAD_REQUEST', 'feedName should be specified');
    }
    for (const endDate of ['tomorrow', '2030-01-01', '2030-13-45T00:00:00Z', 1893456000000, '2030-01-01T00:00:00']) {
      expectFailure(await activateV2(id, [{ feedName: 'CBOT', endDate }]), 400, 'BAD_REQUEST', 'Invalid value for endDate provided');
    }
    expectFailure(await activateV2(id, [{ feedName: 'CBOT', endDate: new Date(Date.now() - 1000).toISOString() }]), 400, 'BAD_REQUEST', 'End date should be set in the future');
    expectFailure(await activateV2(id, [{ feedName: 'NOPE' }]), 400, 'BAD_REQUEST', 'Requested feeds [NOPE] are not found');
  });

  it('answers 404, 422 and 409 as v1 does', async () => {
    expectFailure(await activateV2('nope', [{ feedName: 'CME' }]), 404, 'ACCOUNT_NOT_FOUND');
    expectFailure(await activateV2(seeded(7).id, [{ feedName: 'CME' }]), 422, 'ACCOUNT_IS_BLOCKED');
    expectFailure(await activateV2(seeded(1).id, [{ feedName: 'CME' }]), 409, 'SUBSCRIPTION_ALREADY_ACTIVE');
    expectFailure(await activateV2(seeded(5).id, [{ feedName: 'EUREX' }]), 409, 'SINGLE_USE_FEED_ACTIVATED_BEFORE');
  });

  it('is confirmed under /api/v2 only: the confirm URL follows the activation version', async () => {
    const account = seeded(1);
    const { body } = await activateV2(account.id, [{ feedName: 'OPRA' }]);
    expectFailure(await confirm(account.id, body.confirmationId, 'v1'), 404, 'ORDER_NOT_FOUND');
    expect((await confirm(account.id, body.confirmationId, 'v2')).status).toBe(200);
    expect((await subscriptions(account.id)).find((s) => s.name === 'OPRA').status).toBe('ACTIVE');
  });
});

describe('Retail writes: confirm subscription', () => {
  it('answers 400 "Confirmation ID must be specified." for a missing or blank id', async () => {
    const id = seeded(1).id;
    for (const body of [{}, { confirmationId: '' }, { confirmationId: null }, { confirmationId: 5 }, undefined]) {
      expectFailure(await post(`/api/v1/accounts/${id}/subscriptions/confirm`, body), 400, 'BAD_REQUEST', 'Confirmation ID must be specified.');
    }
  });

  it('answers 404 ORDER_NOT_FOUND, 404 ACCOUNT_NOT_FOUND and 422 ACCOUNT_IS_BLOCKED', async () => {
    expectFailure(await confirm(seeded(1).id, 'no-such-order'), 404, 'ORDER_NOT_FOUND', 'Order not found or expired.');
    const plain = await activateV1(await newAccount(), ['CME']);
    expect(plain.body.confirmationId).toBeNull();
    expectFailure(await confirm('nope', 'x'), 404, 'ACCOUNT_NOT_FOUND');
    expectFailure(await confirm(seeded(7).id, 'x'), 422, 'ACCOUNT_IS_BLOCKED');
  });

  it("answers ORDER_NOT_FOUND for another account's order", async () => {
    const { body } = await activateV1(seeded(1).id, ['OPRA']);
    expectFailure(await confirm(seeded(2).id, body.confirmationId), 404, 'ORDER_NOT_FOUND');
  });

  it('answers 401 "No Authorization header." and for a wrong key', async () => {
    expectFailure(await post(`/api/v1/accounts/${seeded(1).id}/subscriptions/confirm`, { confirmationId: 'x' }, {}), 401, 'AUTHENTICATION FAILED', 'No Authorization header.');
    expectFailure(await post(`/api/v1/accounts/${seeded(1).id}/subscriptions/confirm`, { confirmationId: 'x' }, { authorization: 'Bearer no' }), 401, 'AUTHENTICATION FAILED');
  });
});

describe('Retail writes: cancel subscription', () => {
  it('ends the subscriptions at once: EXPIRED with expiresAt now, one DEACTIVATED event', async () => {
    const account = seeded(13);
    const { status, text } = await post(`/api/v1/accounts/${account.id}/subscriptions/cancel`, { subscriptions: ['NASDAQ_BASIC', 'CMEGROUP'] });
    expect(status).toBe(200);
    expect(text).toBe('');
    const subs = await subscriptions(account.id);
    expect(subs.map((s) => s.status)).toEqual(['EXPIRED', 'EXPIRED']);
    for (const s of subs) expectNear(s.expiresAt, Date.now());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'SUBSCRIPTION.DEACTIVATED', accountId: account.id, subscriptions: subs });
    expect((await post('/api/v1/token', { accountId: account.id })).body.reason).toBe('NO_ACTIVE_SUBSCRIPTIONS');
  });

  it('answers 404 SUBSCRIPTION_NOT_FOUND and 409 SUBSCRIPTION_IS_EXPIRED, changing nothing', async () => {
    const account = seeded(2);
    expectFailure(await post(`/api/v1/accounts/${account.id}/subscriptions/cancel`, { subscriptions: ['NYMEX', 'OPRA'] }), 404, 'SUBSCRIPTION_NOT_FOUND', 'Subscription OPRA is not found');
    expectFailure(await post(`/api/v1/accounts/${account.id}/subscriptions/cancel`, { subscriptions: ['NYMEX', 'CME'] }), 409, 'SUBSCRIPTION_IS_EXPIRED', 'Subscription CME is expired');
    expect(await subscriptions(account.id)).toEqual(account.subscriptions);
    expect(events).toEqual([]);
  });

  it('answers 404 ACCOUNT_NOT_FOUND and 400 without subscriptions', async () => {
    expectFailure(await post('/api/v2/accounts/nope/subscriptions/cancel', { subscriptions: ['CME'] }), 404, 'ACCOUNT_NOT_FOUND');
    expectFailure(await post(`/api/v1/accounts/${seeded(2).id}/subscriptions/cancel`, {}), 400, 'BAD_REQUEST', 'Subscriptions should be specified');
  });
});

describe('Retail writes: extend subscription', () => {
  it('adds one default period, once per period', async () => {
    const account = seeded(1);
    const before = Date.parse(account.subscriptions[0]!.expiresAt!);
    const path = `/api/v1/accounts/${account.id}/subscriptions/extend`;
    const { status, text } = await post(path, { subscriptions: ['CME'] });
    expect(status).toBe(200);
    expect(text).toBe('');
    const [cme] = await subscriptions(account.id);
    expect(cme).toEqual({ name: 'CME', status: 'ACTIVE', expiresAt: new Date(before + period).toISOString() });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'SUBSCRIPTION.EXTENDED', accountId: account.id, subscriptions: [cme] });
    expectFailure(await post(path, { subscriptions: ['CME'] }), 409, 'SUBSCRIPTION_ALREADY_EXTENDED', 'Subscription CME is already extended');
    // Once the extended period has begun, it may be extended by one more.
    sim.state.now = () => before + 1000;
    expect((await post(path, { subscriptions: ['CME'] })).status).toBe(200);
    expect((await subscriptions(account.id))[0].expiresAt).toBe(new Date(before + 2 * period).toISOString());
  });

  it('answers 422 SUBSCRIPTION_SETTINGS_ARE_INVALID for "Infinite", single-use and endless subscriptions', async () => {
    expect(seeded(9).subscriptions.find((s) => s.name === 'ICE_US')?.status).toBe('ACTIVE');
    expectFailure(await post(`/api/v1/accounts/${seeded(9).id}/subscriptions/extend`, { subscriptions: ['ICE_US'] }), 422, 'SUBSCRIPTION_SETTINGS_ARE_INVALID');
    expectFailure(await post(`/api/v1/accounts/${seeded(29).id}/subscriptions/extend`, { subscriptions: ['EUREX'] }), 422, 'SUBSCRIPTION_SETTINGS_ARE_INVALID');
    expect(seeded(5).subscriptions.find((s) => s.name === 'NASDAQ_BASIC')?.expiresAt).toBeNull();
    expectFailure(await post(`/api/v1/accounts/${seeded(5).id}/subscriptions/extend`, { subscriptions: ['CMEGROUP', 'NASDAQ_BASIC'] }), 422, 'SUBSCRIPTION_SETTINGS_ARE_INVALID', /NASDAQ_BASIC/);
    expect(await subscriptions(seeded(5).id)).toEqual(seeded(5).subscriptions);
  });

  it('answers 404 ACCOUNT_NOT_FOUND, 404 SUBSCRIPTION_NOT_FOUND and 409 SUBSCRIPTION_IS_EXPIRED', async () => {
    expectFailure(await post('/api/v1/accounts/nope/subscriptions/extend', { subscriptions: ['CME'] }), 404, 'ACCOUNT_NOT_FOUND');
    expectFailure(await post(`/api/v1/accounts/${seeded(2).id}/subscriptions/extend`, { subscriptions: ['OPRA'] }), 404, 'SUBSCRIPTION_NOT_FOUND');
    expectFailure(await post(`/api/v1/accounts/${seeded(2).id}/subscriptions/extend`, { subscriptions: ['CME'] }), 409, 'SUBSCRIPTION_IS_EXPIRED');
    expectFailure(await post(`/api/v1/accounts/${seeded(2).id}/subscriptions/extend`, { subscriptions: [] }), 400, 'BAD_REQUEST');
  });
});

describe('Retail writes: request token', () => {
  it('by account id: a token, and the active feeds as details when asked', async () => {
    const account = seeded(10);
    const plain = await post('/api/v1/token', { accountId: account.id });
    expect(plain.status).toBe(200);
    expect(Object.keys(plain.body)).toEqual(['status', 'reason', 'token']);
    expect(plain.body).toMatchObject({ status: 'OK', reason: null });
    expect(plain.body.token).toMatch(/^[\w-]+\.[\w-]+$/);
    const detailed = await post('/api/v1/token', { accountId: account.id, withDetails: true });
    expect(detailed.body).toEqual({ status: 'OK', reason: null, token: expect.any(String), details: ['ICE_US', 'NYMEX'] });
    expect(Object.keys((await post('/api/v1/token', { accountId: account.id, withDetails: false })).body)).toEqual(['status', 'reason', 'token']);
  });

  it('by credentials: the generated login and password', async () => {
    const account = seeded(10);
    const credentials = sim.state.credentialsOf(account.id)!;
    const { status, body } = await post('/api/v1/token', { ...credentials, withDetails: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'OK', reason: null, details: ['ICE_US', 'NYMEX'] });
    const wrong = await post('/api/v1/token', { login: credentials.login, password: 'wrong' });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({ status: 'ERROR', reason: 'INVALID_CREDENTIALS', token: null });
    expect((await post('/api/v1/token', { login: 'x', password: 'y', withDetails: true })).body).toEqual({ status: 'ERROR', reason: 'INVALID_CREDENTIALS', token: null, details: [] });
  });

  it('answers 200 ERROR for an unknown account, no active subscriptions and suspended data access', async () => {
    expect((await post('/api/v1/token', { accountId: 'nope' })).body).toEqual({ status: 'ERROR', reason: 'ACCOUNT_NOT_FOUND', token: null });
    const none = await post('/api/v1/token', { accountId: seeded(3).id, withDetails: true });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ status: 'ERROR', reason: 'NO_ACTIVE_SUBSCRIPTIONS', token: null, details: [] });
    expect((await post('/api/v1/token', { accountId: seeded(11).id })).body.reason).toBe('DATA_ACCESS_SUSPENDED');
    const account = seeded(10);
    sim.state.setDataAccessSuspended(account.id, true);
    expect((await get(`/api/v1/accounts/${account.id}`)).body.dataAccessStatus).toBe('SUSPENDED');
    expect((await post('/api/v1/token', { accountId: account.id })).body).toEqual({ status: 'ERROR', reason: 'DATA_ACCESS_SUSPENDED', token: null });
    expect((await post('/api/v1/token', sim.state.credentialsOf(account.id))).body.reason).toBe('DATA_ACCESS_SUSPENDED');
    sim.state.setDataAccessSuspended(account.id, false);
    expect((await post('/api/v1/token', { accountId: account.id })).body.status).toBe('OK');
  });

  it('answers 400 BAD_REQUEST in the token shape', async () => {
    for (const body of [{ accountId: '' }, { accountId: null }, { accountId: 5 }, {}, { login: 'x' }, { login: '', password: 'y' }, { accountId: seeded(10).id, withDetails: 'yes' }, [], 'garbage']) {
      const answer = await post('/api/v1/token', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toEqual({ status: 'ERROR', reason: 'BAD_REQUEST', token: null });
    }
  });

  it('answers 401 AUTHENTICATION_FAILED, with an underscore, in the token shape', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const answer = await post('/api/v1/token', { accountId: seeded(10).id }, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ status: 'ERROR', reason: 'AUTHENTICATION_FAILED', token: null });
    }
  });

  it('answers under /api/v2 as well', async () => {
    expect((await post('/api/v2/token', { accountId: seeded(10).id })).body.status).toBe('OK');
  });
});

describe('Retail writes: profile link and trial tracking', () => {
  it('answers profile page links that open while valid', async () => {
    const account = seeded(10);
    const { status, body } = await post(`/api/v1/accounts/${account.id}/profile-link`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['profilePageByTheme', 'expiresAt']);
    expect(Object.keys(body.profilePageByTheme)).toEqual(['LIGHT', 'DARK']);
    expect(body.profilePageByTheme.DARK).toMatch(new RegExp(`^${base}/profile/[0-9a-f-]{36}\\?theme=DARK$`));
    expectNear(body.expiresAt, Date.now() + retailProfileLinkTtlMs);
    const page = await call('GET', body.profilePageByTheme.LIGHT);
    expect(page.status).toBe(200);
    expect(page.text).toContain(account.email!);
    expect(page.text).toContain('ICE_US');
    sim.state.now = () => Date.parse(body.expiresAt) + 1;
    expect((await call('GET', body.profilePageByTheme.LIGHT)).status).toBe(404);
  });

  it('answers 404 ACCOUNT_NOT_FOUND, and 401 spelled AUTHENTICATION_FAILED', async () => {
    expectFailure(await post('/api/v1/accounts/nope/profile-link'), 404, 'ACCOUNT_NOT_FOUND');
    expectFailure(await post(`/api/v1/accounts/${seeded(10).id}/profile-link`, undefined, {}), 401, 'AUTHENTICATION_FAILED', 'No Authorization header.');
  });

  it('tracks any JSON object, the empty one included', async () => {
    for (const body of [{ macAddress: '00:11:22:33:44:55' }, { email: 'user@example.com', firstName: 'John' }, {}]) {
      const answer = await post('/api/v1/track', body);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('');
    }
    expect(sim.state.trials).toEqual([{ macAddress: '00:11:22:33:44:55' }, { email: 'user@example.com', firstName: 'John' }, {}]);
  });

  it('answers 400 BAD_REQUEST for anything but a JSON object', async () => {
    for (const body of [[], 'text', '{broken', 5, undefined]) {
      expectFailure(await post('/api/v1/track', body), 400, 'BAD_REQUEST', 'Request body should be a JSON object');
    }
    expect(sim.state.trials).toEqual([]);
  });
});

describe('Retail writes: authentication on every write path', () => {
  const paths = () => {
    const id = seeded(1).id;
    return [
      '/api/v1/accounts',
      `/api/v1/accounts/${id}/reset-password`,
      `/api/v1/accounts/${id}/change-email`,
      `/api/v1/accounts/${id}/subscriptions`,
      `/api/v2/accounts/${id}/subscriptions`,
      `/api/v1/accounts/${id}/subscriptions/confirm`,
      `/api/v1/accounts/${id}/subscriptions/cancel`,
      `/api/v1/accounts/${id}/subscriptions/extend`,
      '/api/v1/track',
    ];
  };

  it('answers 401 AUTHENTICATION FAILED before reading the body', async () => {
    for (const path of paths()) {
      expectFailure(await post(path, {}, {}), 401, 'AUTHENTICATION FAILED', 'No Authorization header.');
      expectFailure(await post(path, {}, { authorization: 'Bearer wrong' }), 401, 'AUTHENTICATION FAILED', 'Authentication has failed due to wrong API key');
    }
    expect(sim.state.accounts.size).toBe(seed.accounts.length);
  });

  it('logs the write routes by pattern', async () => {
    sim.server.clearCalls();
    const id = seeded(1).id;
    await activateV2(id, [{ feedName: 'CBOT' }]);
    await post(`/api/v1/accounts/${id}/subscriptions/cancel`, { subscriptions: ['CBOT'] });
    await post('/api/v1/token', { accountId: id });
    expect(sim.server.calls.map((c) => `${c.route} ${c.status}`)).toEqual([
      'POST /api/v2/accounts/:accountId/subscriptions 200',
      'POST /api/v1/accounts/:accountId/subscriptions/cancel 200',
      'POST /api/v1/token 200',
    ]);
  });
});

describe('Retail writes: hooks for tests and dxCore, and the events', () => {
  it('cancelAllSubscriptions cancels every ACTIVE subscription and reports them', async () => {
    const account = seeded(5);
    const cancelled = sim.state.cancelAllSubscriptions(account.id);
    expect(cancelled.map((s) => s.name)).toEqual(['CMEGROUP', 'NASDAQ_BASIC']);
    expect(cancelled.every((s) => s.status === 'EXPIRED')).toBe(true);
    expect((await subscriptions(account.id)).every((s) => s.status === 'EXPIRED')).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'SUBSCRIPTION.DEACTIVATED', accountId: account.id, subscriptions: cancelled });
    expect(sim.state.cancelAllSubscriptions(account.id)).toEqual([]);
    expect(sim.state.cancelAllSubscriptions('nope')).toEqual([]);
    expect(events).toHaveLength(1);
  });

  it('blockAccount disables the pending order and terminates the subscriptions', async () => {
    const account = seeded(1);
    const { body } = await activateV1(account.id, ['OPRA']);
    sim.state.blockAccount(account.id);
    expect((await get(`/api/v1/accounts/${account.id}`)).body.status).toBe('BLOCKED');
    expect(sim.state.pendingOrder(account.id)).toBeUndefined();
    expect((await subscriptions(account.id)).map((s) => s.status)).toEqual(['EXPIRED']);
    expectFailure(await confirm(account.id, body.confirmationId), 422, 'ACCOUNT_IS_BLOCKED');
    expect(events.map((e) => e.type)).toEqual(['SUBSCRIPTION.DEACTIVATED']);
  });

  it('sweepExpired reports each passed end once, as DEACTIVATED', async () => {
    const account = seeded(1);
    const end = Date.parse(account.subscriptions[0]!.expiresAt!);
    expect(sim.state.sweepExpired()).toEqual([]);
    sim.state.now = () => end + 1;
    const swept = sim.state.sweepExpired();
    expect(swept.find((e) => e.accountId === account.id)).toMatchObject({
      type: 'SUBSCRIPTION.DEACTIVATED',
      subscriptions: [{ name: 'CME', status: 'EXPIRED', expiresAt: account.subscriptions[0]!.expiresAt }],
    });
    expect(events).toEqual(swept);
    expect(sim.state.sweepExpired()).toEqual([]);
  });

  it('addSubscription and removeSubscription report ADDED and REMOVED', async () => {
    const account = seeded(3);
    sim.state.addSubscription(account.id, 'NYSE', null);
    expect(await subscriptions(account.id)).toEqual([{ name: 'NYSE', status: 'ACTIVE', expiresAt: null }]);
    sim.state.removeSubscription(account.id, 'NYSE');
    expect(await subscriptions(account.id)).toEqual([]);
    expect(events.map((e) => [e.type, e.subscriptions])).toEqual([
      ['SUBSCRIPTION.ADDED', [{ name: 'NYSE', status: 'ACTIVE', expiresAt: null }]],
      ['SUBSCRIPTION.REMOVED', [{ name: 'NYSE', status: 'ACTIVE', expiresAt: null }]],
    ]);
  });

  it('shapes every event as the dxFeed callback of the seeds README', async () => {
    await activateV1(seeded(1).id, ['CBOT']);
    const [event] = events;
    expect(Object.keys(event!)).toEqual(['id', 'type', 'createdAt', 'accountId', 'subscriptions']);
    expect(event!.id).toMatch(uuidPattern);
    expectNear(event!.createdAt, Date.now());
    for (const s of event!.subscriptions) expect(Object.keys(s)).toEqual(['name', 'status', 'expiresAt']);
  });
});
