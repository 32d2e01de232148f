import type { UserIdentity } from '../../auth/sessions.ts';
import { quoteCallerText } from '../../caller-text.ts';
import { versionOf } from '../../upstreams/dxcore-writes.ts';
import { activationVersion, type RetailActivation, type RetailSubscription } from '../../upstreams/retail.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { asTypedError } from '../errors.ts';
import { publishClientEvent } from '../events.ts';
import { loaded, pairKey } from '../loading.ts';
import { linkingOnce } from '../market-data/links.ts';
import { optionalText, optionalUrl, requireEmail, requireText } from '../validation.ts';
import { Workflow, WorkflowStepError, notInMode, type StepReport } from './workflow.ts';
import { AccountNode, accountKey, type AccountRef } from '../account/account.ts';
import { AccountAccess, accountBody, accountWriteScopes, moneyScopeNote, NewAccountInput, refreshedAccount } from '../account/writes.ts';
import { ClientNode, ClientStatus, type ClientRef } from '../client/client.ts';
import { createClientBody, endSessionsOf, forgetClient, writtenClient } from '../client/writes.ts';
import { ErrorInterface, UpstreamDetailType } from '../error-types.ts';
import { ConflictError, NotFoundError, RejectedError, ValidationError, type UpstreamDetail } from '../typed-errors.ts';
import { mutation } from '../mutations.ts';
import { MarketDataAccountNode, type MarketDataAccountRef } from '../market-data/market-data.ts';
import { requireFeeds } from '../market-data/inputs.ts';
import { ThemedLinks } from '../market-data/writes.ts';

// --- step reports -------------------------------------------------------------------------------

const StepOutcome = builder.enumType('WorkflowStepOutcome', {
  values: {
    COMPLETED: { description: 'Done, and still in place.' },
    FAILED: { description: 'The step that failed.' },
    UNDONE: { description: 'Done, then reversed after the failure.' },
    UNDO_FAILED: { description: 'Done; reversing it failed, so it is still in place.' },
    LEFT_IN_PLACE: { description: 'Done, and cannot be reversed through the upstream API (e.g. a market-data account).' },
    NOT_RUN: { description: 'Not started, because an earlier step failed.' },
  } as const,
});

const WorkflowStep = builder.objectRef<StepReport>('WorkflowStep').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    outcome: t.field({ type: StepOutcome, resolve: (s) => s.outcome }),
    detail: t.string({ nullable: true, resolve: (s) => s.detail }),
  }),
});

/** A plain copy: GraphQL treats an Error instance returned by a resolver as a thrown error. */
const WorkflowCause = builder.objectRef<{ code: string; message: string; upstream: UpstreamDetail | undefined }>('WorkflowCause').implement({
  description: 'Why the failed step failed: its own stable code (as the single mutation would return it) and what the upstream said.',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
    upstream: t.field({ type: UpstreamDetailType, nullable: true, resolve: (c) => c.upstream }),
  }),
});

builder.objectType(WorkflowStepError, {
  name: 'WorkflowStepError',
  description: 'A DxTradeXT workflow stopped at one step. `steps` says what each step came to: what was undone and what is left.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    failedStep: t.exposeString('failedStep'),
    cause: t.field({ type: WorkflowCause, resolve: ({ cause }) => ({ code: cause.code, message: cause.message, upstream: cause.upstream }) }),
    steps: t.field({ type: [WorkflowStep], resolve: (e) => e.steps }),
  }),
});

// --- onboardClient ----------------------------------------------------------------------------

const FeedInput = builder.inputType('OnboardingFeedInput', {
  fields: (t) => ({ feedName: t.string({ required: true }), endDate: t.field({ type: 'DateTime' }) }),
});

const OnboardClientInput = builder.inputType('OnboardClientInput', {
  description: 'A new DxTradeXT user: the dxCore client with its accounts and, in CRM mode, its dxFeed account and feeds.',
  fields: (t) => ({
    domain: t.string(),
    login: t.string({ required: true }),
    email: t.string({ required: true }),
    fullName: t.string(),
    firstName: t.string({ description: 'For the dxFeed onboarding form (CRM mode).' }),
    lastName: t.string({ description: 'For the dxFeed onboarding form (CRM mode).' }),
    password: t.string(),
    brokerCode: t.string(),
    accounts: t.field({ type: [NewAccountInput] }),
    accountAccess: t.field({ type: AccountAccess }),
    feeds: t.field({ type: [FeedInput], description: 'CRM mode: feeds to activate on the new dxFeed account.' }),
    successRedirectUrl: t.string({ description: 'CRM mode: where dxFeed sends the user after its onboarding form.' }),
    marketDataAccountId: t.string({ description: 'CRM mode: link this existing dxFeed account instead of creating one (e.g. the one a failed onboarding left); one linked to another client is MARKET_DATA_ACCOUNT_ALREADY_LINKED.' }),
  }),
});

interface OnboardedShape {
  client: ClientRef;
  marketDataAccount: MarketDataAccountRef | null;
  activation: RetailActivation | null;
  steps: StepReport[];
}

const ClientOnboarded = builder.objectRef<OnboardedShape>('ClientOnboarded').implement({
  fields: (t) => ({
    client: t.field({ type: ClientNode, resolve: (s) => s.client }),
    marketDataAccount: t.field({ type: MarketDataAccountNode, nullable: true, description: 'CRM mode: the linked dxFeed account.', resolve: (s) => s.marketDataAccount }),
    confirmationId: t.string({ nullable: true, description: 'CRM mode: confirm the feed order with this (confirmSubscriptions) when dxFeed needs it.', resolve: (s) => s.activation?.confirmationId }),
    signupPage: t.field({ type: ThemedLinks, nullable: true, description: "CRM mode: the dxFeed form the user fills in before the feeds start.", resolve: (s) => s.activation?.signupPageByTheme }),
    steps: t.field({ type: [WorkflowStep], resolve: (s) => s.steps }),
  }),
});

type OnboardArgs = typeof OnboardClientInput.$inferInput;

/** Checks the input against the mode before any call: each mode manages a different part of dxFeed. */
function checkMode(ctx: Context, input: OnboardArgs): void {
  const crmOnly = (['feeds', 'marketDataAccountId', 'successRedirectUrl'] as const).find((f) => input[f] !== null && input[f] !== undefined);
  if (ctx.mode !== 'crm' && crmOnly) throw notInMode(`input.${crmOnly} is for CRM mode; this gateway runs in ${ctx.mode} mode, where dxFeed accounts are not managed through it`);
}

async function onboard(ctx: Context, input: OnboardArgs): Promise<OnboardedShape> {
  checkMode(ctx, input);
  const email = requireEmail('input.email', input.email);
  const feeds = input.feeds ? requireFeeds('input.feeds', input.feeds) : [];
  const successRedirectUrl = optionalUrl('input.successRedirectUrl', input.successRedirectUrl);
  const { feeds: _f, successRedirectUrl: _s, marketDataAccountId: _m, firstName: _fn, lastName: _ln, ...clientInput } = input;
  const body = createClientBody({ ...clientInput, email });
  const existing = optionalText('input.marketDataAccountId', input.marketDataAccountId);
  // A dxFeed account made first cannot be deleted again: the client must be new before it is made.
  if (ctx.mode === 'crm' && existing === undefined) await requireNewClient(ctx, optionalText('input.domain', input.domain), requireText('input.login', input.login));
  const workflow = new Workflow(['create market-data account', 'create client', 'activate feeds'], { input });
  const marketDataId =
    ctx.mode !== 'crm' ? undefined : (existing ?? (await workflow.step('create market-data account', () => createMarketDataAccount(ctx, input, email), { detail: (id) => `dxFeed account ${id}` })));
  // An existing dxFeed account may be linked to another client already; a new one cannot be.
  const created = await linkingOnce(ctx, existing, undefined, () =>
    workflow.step(
      'create client',
      () => ctx.dxcore.writes.createClient(marketDataId ? { ...body, dxFeedAccountId: marketDataId } : body, input.accountAccess ?? undefined),
      { undo: (answer) => ctx.dxcore.writes.deleteClient(answer.data.domain, answer.data.login), detail: (answer) => `client ${answer.data.domain}/${answer.data.login}` },
    ),
  );
  const activation =
    marketDataId && feeds.length > 0
      ? await workflow.step('activate feeds', () => ctx.upstreams.retail.activate(marketDataId, feeds, successRedirectUrl))
      : null;
  if (marketDataId && activation?.confirmationId) await ctx.confirmations.remember(marketDataId, activation.confirmationId, activationVersion(feeds));
  await publishClientEvent(ctx, 'CLIENT.CREATED', { client: { domain: created.data.domain, login: created.data.login } });
  return { client: writtenClient(ctx, created.data), marketDataAccount: marketDataId ? { key: marketDataId } : null, activation, steps: workflow.reports() };
}

/** Refuses (CLIENT_ALREADY_EXISTS) a login dxCore already has; without a domain, in the one dxCore would create it in. */
async function requireNewClient(ctx: Context, domain: string | undefined, login: string): Promise<void> {
  const where = domain ?? ctx.upstreams.dxcore.serviceDomain;
  try {
    await ctx.dxcore.client(where, login, 'login');
  } catch (error) {
    const typed = asTypedError(error);
    if (typed instanceof NotFoundError && typed.code === 'CLIENT_NOT_FOUND') return;
    throw typed;
  }
  throw new ConflictError('CLIENT_ALREADY_EXISTS', `Client ${quoteCallerText(login)} already exists in domain ${quoteCallerText(where)}: nothing was created`);
}

async function createMarketDataAccount(ctx: Context, input: OnboardArgs, email: string): Promise<string> {
  const metadata = { firstName: optionalText('input.firstName', input.firstName) ?? null, lastName: optionalText('input.lastName', input.lastName) ?? null };
  const { accountId } = await ctx.upstreams.retail.createAccount({ email, metadata });
  return accountId;
}

// --- login (document 003, "User Login") ---------------------------------------------------------

/**
 * XT and CRM modes: a user with a linked dxFeed account logs in only while a subscription is active,
 * and gets the synced set; otherwise the login fails (and `login` ends dxCore's new session again). In
 * CRM mode a user without a linked account is refused too (the CRM creates it first); in XT mode
 * DxTradeXT creates it at the first login, so the login goes on.
 */
export async function loginRule(ctx: Context, token: string, user: UserIdentity): Promise<RetailSubscription[] | undefined> {
  if (ctx.mode === 'single-feed') return undefined;
  const { dxFeedAccountId } = await ctx.upstreams.dxcore.as({ kind: 'user', token }).client(user.domain, user.login, 'dxFeedAccountId');
  if (!dxFeedAccountId) {
    if (ctx.mode === 'crm') throw new RejectedError('MARKET_DATA_ACCOUNT_NOT_LINKED', 'No dxFeed account is linked to this user yet (CRM mode: onboard it first)');
    return undefined;
  }
  const subscriptions = await ctx.upstreams.retail.subscriptions(dxFeedAccountId);
  if (!subscriptions.some((s) => s.status === 'ACTIVE')) {
    throw new RejectedError('NO_ACTIVE_SUBSCRIPTIONS', `dxFeed account ${dxFeedAccountId} has no active subscription, so the login is refused (document 003)`);
  }
  return subscriptions;
}

// --- deactivateClient / reactivateClient --------------------------------------------------------

const ClientIdentityInput = builder.inputType('DeactivateClientInput', {
  fields: (t) => ({ domain: t.string({ required: true }), login: t.string({ required: true }) }),
});

interface DeactivatedShape {
  client: ClientRef;
  cancelledSubscriptions: string[];
  steps: StepReport[];
}

const ClientDeactivated = builder.objectRef<DeactivatedShape>('ClientDeactivated').implement({
  fields: (t) => ({
    client: t.field({ type: ClientNode, resolve: (s) => s.client }),
    cancelledSubscriptions: t.stringList({ description: 'Feeds the gateway had to cancel itself because dxCore left them active.', resolve: (s) => s.cancelledSubscriptions }),
    steps: t.field({ type: [WorkflowStep], resolve: (s) => s.steps }),
  }),
});

/**
 * Document 003, "User Deactivation": one dxCore call disables the user, terminates the accounts and
 * (outside single-feed mode) cancels the dxFeed subscriptions; the gateway then checks that no feed
 * is left active and cancels any that is.
 */
async function deactivate(ctx: Context, domain: string, login: string): Promise<DeactivatedShape> {
  const workflow = new Workflow(['read client', 'disable client and terminate accounts', 'cancel remaining feeds'], { input: { domain, login } });
  const { client } = await workflow.step('read client', () => ctx.dxcore.clientVersion(domain, login), { readOnly: true });
  const feedAccount = ctx.mode === 'single-feed' ? undefined : client.dxFeedAccountId;
  await workflow.step('disable client and terminate accounts', () => ctx.dxcore.writes.disableAndTerminate(domain, login, feedAccount !== undefined));
  await endSessionsOf(ctx, domain, login);
  // Published now: the client stays disabled even if cancelling the feeds fails next.
  await publishClientEvent(ctx, 'CLIENT.STATUS_CHANGED', { client: { domain, login }, status: 'DISABLED' });
  const cancelled = feedAccount ? await workflow.step('cancel remaining feeds', () => cancelRemaining(ctx, feedAccount), { detail: (names) => names.join(', ') || 'none left' }) : [];
  return { client: forgetClient(ctx, domain, login), cancelledSubscriptions: cancelled, steps: workflow.reports() };
}

async function cancelRemaining(ctx: Context, accountId: string): Promise<string[]> {
  const active = (await ctx.upstreams.retail.subscriptions(accountId)).filter((s) => s.status === 'ACTIVE').map((s) => s.name);
  if (active.length > 0) await ctx.upstreams.retail.cancel(accountId, active);
  return active;
}

const ReactivateClientInput = builder.inputType('ReactivateClientInput', {
  fields: (t) => ({
    domain: t.string({ required: true }),
    login: t.string({ required: true }),
    status: t.field({ type: ClientStatus, description: 'The status to restore; OFFLINE as document 003 shows.' }),
    account: t.field({ type: NewAccountInput, required: true, description: 'The new trading account (the old ones stay terminated).' }),
    accountAccess: t.field({ type: AccountAccess }),
    feeds: t.field({
      type: [FeedInput],
      description:
        "CRM mode: feeds to activate on the client's linked dxFeed account, after the new account. Deactivation cancelled the feeds, and login needs an active one: without feeds here the user cannot log in until a feed is active again (activateSubscriptions).",
    }),
  }),
});

interface ReactivatedShape {
  client: ClientRef;
  account: AccountRef;
  activation: RetailActivation | null;
  steps: StepReport[];
}

const ClientReactivated = builder.objectRef<ReactivatedShape>('ClientReactivated').implement({
  fields: (t) => ({
    client: t.field({ type: ClientNode, resolve: (s) => s.client }),
    account: t.field({ type: AccountNode, resolve: (s) => s.account }),
    confirmationId: t.string({ nullable: true, description: 'CRM mode, with feeds: confirm the feed order with this (confirmSubscriptions) when dxFeed needs it.', resolve: (s) => s.activation?.confirmationId }),
    signupPage: t.field({ type: ThemedLinks, nullable: true, description: 'CRM mode, with feeds: the dxFeed form the user fills in before the feeds start, while dxFeed has not got it.', resolve: (s) => s.activation?.signupPageByTheme }),
    steps: t.field({ type: [WorkflowStep], resolve: (s) => s.steps }),
  }),
});

type ReactivateArgs = typeof ReactivateClientInput.$inferInput;

/** The dxFeed account a reactivation's feeds go to, checked before any write. */
function linkedFeedAccount(client: { dxFeedAccountId?: string | undefined }): string {
  if (!client.dxFeedAccountId) throw new RejectedError('MARKET_DATA_ACCOUNT_NOT_LINKED', 'No dxFeed account is linked to this client: its feeds cannot be activated; nothing was changed');
  return client.dxFeedAccountId;
}

/**
 * Document 003, "User Reactivation": the status first, then a new account; a failed account puts the
 * status back. Only a DISABLED client is reactivated: the client is read first, and the status write
 * names the version read, so that it cannot overwrite a change made since. Document 003 says nothing of
 * the feeds deactivation cancelled: in CRM mode `feeds` activates them last, and should that fail the
 * new account is terminated and the status put back.
 */
async function reactivate(ctx: Context, input: ReactivateArgs): Promise<ReactivatedShape> {
  if (ctx.mode !== 'crm' && input.feeds) throw notInMode(`input.feeds is for CRM mode; this gateway runs in ${ctx.mode} mode, where dxFeed accounts are not managed through it`);
  const [domain, login] = [requireText('input.domain', input.domain), requireText('input.login', input.login)];
  const status = input.status ?? 'OFFLINE';
  if (status === 'DISABLED') throw new ValidationError('input.status', 'input.status must be ONLINE or OFFLINE to reactivate');
  const account = accountBody('input.account', input.account);
  const feeds = input.feeds ? requireFeeds('input.feeds', input.feeds) : undefined;
  const before = await ctx.dxcore.clientVersion(domain, login);
  if (before.client.status !== 'DISABLED') {
    throw new RejectedError('CLIENT_NOT_DISABLED', `Client ${quoteCallerText(login)} is ${before.client.status ?? 'not DISABLED'}: only a DISABLED client is reactivated; nothing was changed`);
  }
  const restore = feeds && { accountId: linkedFeedAccount(before.client), feeds };
  const workflow = new Workflow(['restore client status', 'open account', ...(restore ? ['activate feeds'] : [])], { input });
  const updated = await workflow.step('restore client status', () => ctx.dxcore.writes.updateClient(domain, login, { status }, before.version), {
    // Puts back the status read before, unless the client changed again since the step.
    undo: (answer) => ctx.dxcore.writes.updateClient(domain, login, { status: before.client.status }, versionOf(answer)),
    detail: () => `status ${status}`,
  });
  const opened = await workflow.step('open account', () => ctx.dxcore.writes.createAccount(domain, login, account, input.accountAccess ?? undefined), {
    // dxCore deletes no account: a reactivation that fails later leaves it terminated, as deactivation leaves the others.
    undo: (answer) => ctx.dxcore.writes.updateAccount(answer.data.clearingCode, answer.data.accountCode, { status: 'TERMINATED' }),
    detail: (answer) => `account ${answer.data.clearingCode}/${answer.data.accountCode}`,
  });
  const activation = restore ? await workflow.step('activate feeds', () => ctx.upstreams.retail.activate(restore.accountId, restore.feeds)) : null;
  if (restore && activation?.confirmationId) await ctx.confirmations.remember(restore.accountId, activation.confirmationId, activationVersion(restore.feeds));
  forgetClient(ctx, domain, login);
  await publishClientEvent(ctx, 'CLIENT.STATUS_CHANGED', { client: { domain, login }, status });
  await publishClientEvent(ctx, 'ACCOUNT.CREATED', { client: { domain, login }, account: { clearingCode: opened.data.clearingCode, accountCode: opened.data.accountCode } });
  return { client: loaded(pairKey(domain, login), updated.data), account: refreshedAccount(ctx, opened.data, accountKey(opened.data)), activation, steps: workflow.reports() };
}

mutation('onboardClient', {
  description: `Document 003, "User Creation". CRM mode: the dxFeed account, then the dxCore client linked to it, then the feeds; a login that exists is CLIENT_ALREADY_EXISTS before anything is created. XT and single-feed modes: the client with its email. ${moneyScopeNote}`,
  args: (arg) => ({ input: arg({ type: OnboardClientInput, required: true }) }),
  scope: ({ input }) => accountWriteScopes(input.accounts ?? []),
  success: ClientOnboarded,
  errors: [WorkflowStepError],
  resolve: ({ input }, ctx) => onboard(ctx, input),
});

mutation('deactivateClient', {
  description: 'Document 003, "User Deactivation": disables the client, terminates the accounts and cancels the linked feeds.',
  args: (arg) => ({ input: arg({ type: ClientIdentityInput, required: true }) }),
  scope: { write: true },
  success: ClientDeactivated,
  errors: [WorkflowStepError],
  resolve: ({ input }, ctx) => deactivate(ctx, requireText('input.domain', input.domain), requireText('input.login', input.login)),
});

mutation('reactivateClient', {
  description: `Document 003, "User Reactivation": restores the status, then opens a new account, then (CRM mode, \`feeds\`) activates the feeds deactivation cancelled; a client that is not DISABLED is CLIENT_NOT_DISABLED, with nothing changed. ${moneyScopeNote}`,
  args: (arg) => ({ input: arg({ type: ReactivateClientInput, required: true }) }),
  scope: ({ input }) => accountWriteScopes([input.account]),
  success: ClientReactivated,
  errors: [WorkflowStepError],
  resolve: ({ input }, ctx) => reactivate(ctx, input),
});
