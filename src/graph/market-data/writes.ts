import { normalizeRetailReason } from '../../readings.ts';
import { UpstreamError } from '../../upstreams/http.ts';
import { activationVersion, type RetailApiVersion } from '../../upstreams/retail.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { credentialScopeNote, credentialScopes } from '../credential-scopes.ts';
import { typedUpstreamError } from '../errors.ts';
import { optionalText, optionalUrl, requireEmail, requireText } from '../validation.ts';
import { grantOwnIf } from '../record-scopes.ts';
import { AccessDeniedError, InvalidCredentialsError, UpstreamUnavailableError, ValidationError } from '../typed-errors.ts';
import { mutation, naming, recordPayload } from '../mutations.ts';
import { LoginThrottledError, passwordTry } from '../session/password-tries.ts';
import { MarketDataAccountInput, MarketDataFeedInput, requireAccountId, requireFeedNames, requireFeeds } from './inputs.ts';
import { MarketDataAccountNode, refreshedMarketDataAccount, type MarketDataAccountRef } from './market-data.ts';
import { ownMarketDataAccount } from './own.ts';

/**
 * Writes of the Retail Services Platform (document 001): accounts, subscriptions, tokens, profile links,
 * trial tracking. dxCore's market-data paths are in entitlements.ts.
 */

const isOrderNotFound = (error: unknown) => error instanceof UpstreamError && error.upstream === 'retail' && error.code === 'ORDER_NOT_FOUND';

export const MarketDataApiVersion = builder.enumType('MarketDataApiVersion', {
  description: 'The Retail Services Platform API version a call used: V2 only for an activation with end dates.',
  values: { V1: { value: 'v1' }, V2: { value: 'v2' } } as const,
});

interface ThemedLinksShape {
  LIGHT?: string | undefined;
  DARK?: string | undefined;
}

export const ThemedLinks = builder.objectRef<ThemedLinksShape>('ThemedLinks').implement({
  description: 'A page of the Retail Services Platform in its light and dark themes.',
  fields: (t) => ({
    light: t.string({ nullable: true, resolve: (l) => l.LIGHT }),
    dark: t.string({ nullable: true, resolve: (l) => l.DARK }),
  }),
});

const afterWrite = 'The market-data account as the Retail Services Platform has it after the write (read afresh when selected).';

// --- accounts ------------------------------------------------------------------------------------

export const MarketDataAllowedStatuses = builder.enumType('MarketDataAllowedStatuses', {
  description: 'Which subscriber statuses the user may choose in the onboarding wizard (Retail `allowedStatuses`); no restriction when omitted.',
  values: ['ALL', 'PROFESSIONAL', 'NON_PROFESSIONAL'] as const,
});

const personalDataFields = ['firstName', 'lastName', 'country', 'state', 'address', 'city', 'zip', 'phone', 'companyName', 'jobTitle'] as const;

const MarketDataPersonalDataInput = builder.inputType('MarketDataPersonalDataInput', {
  description: "Prefills the onboarding wizard and the profile page (Retail's `metadata`); every field is optional.",
  fields: (t) => Object.fromEntries(personalDataFields.map((name) => [name, t.string()])) as Record<(typeof personalDataFields)[number], ReturnType<typeof t.string>>,
});

const CreateMarketDataAccountInput = builder.inputType('CreateMarketDataAccountInput', {
  fields: (t) => ({
    email: t.string({ description: 'Saved in lower case. Without it the user enters and confirms one in the onboarding wizard.' }),
    personalData: t.field({ type: MarketDataPersonalDataInput }),
    allowedStatuses: t.field({ type: MarketDataAllowedStatuses }),
  }),
});

const MarketDataAccountCreated = recordPayload('MarketDataAccountCreated', 'account', MarketDataAccountNode, {
  payload: 'A new Retail Services Platform account.',
  record: afterWrite,
});

mutation('createMarketDataAccount', {
  description: 'Creates a Retail Services Platform (dxFeed) account. An email already taken is MARKET_DATA_ACCOUNT_ALREADY_EXISTS.',
  args: (arg) => ({ input: arg({ type: CreateMarketDataAccountInput, required: true }) }),
  scope: { write: true },
  success: MarketDataAccountCreated,
  resolve: async ({ input }, ctx) => {
    const email = input.email === null || input.email === undefined ? undefined : requireEmail('input.email', input.email);
    const metadata: Record<string, string> = {};
    for (const name of personalDataFields) {
      const value = optionalText(`input.personalData.${name}`, input.personalData?.[name]);
      if (value !== undefined) metadata[name] = value;
    }
    const body = { ...(email === undefined ? {} : { email }), metadata, ...(input.allowedStatuses ? { allowedStatuses: input.allowedStatuses } : {}) };
    const { accountId } = await naming('input.email', () => ctx.upstreams.retail.createAccount(body));
    return { account: refreshedMarketDataAccount(ctx, accountId, false) };
  },
});

const MarketDataPasswordReset = recordPayload('MarketDataPasswordReset', 'account', MarketDataAccountNode, {
  payload: 'The password was regenerated (or there was none yet to regenerate); it goes to the user by email or the callback, never in this answer.',
  record: afterWrite,
});

mutation('resetMarketDataPassword', {
  description: `Regenerates the market-data password, if one was generated before. ${credentialScopeNote}`,
  args: (arg) => ({ input: arg({ type: MarketDataAccountInput, required: true }) }),
  scope: credentialScopes,
  success: MarketDataPasswordReset,
  resolve: async ({ input }, ctx) => {
    const accountId = requireAccountId(input.accountId);
    await naming('input.accountId', () => ctx.upstreams.retail.resetPassword(accountId));
    return { account: refreshedMarketDataAccount(ctx, accountId, false) };
  },
});

const ChangeMarketDataEmailInput = builder.inputType('ChangeMarketDataEmailInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'The Retail account id.' }),
    email: t.string({ required: true, description: 'The new email; saved in lower case.' }),
  }),
});

const MarketDataEmailChanged = recordPayload('MarketDataEmailChanged', 'account', MarketDataAccountNode, {
  payload: "The account's email was changed.",
  record: afterWrite,
});

mutation('changeMarketDataEmail', {
  description: `Changes a market-data account's email, where a new password is sent. ${credentialScopeNote}`,
  args: (arg) => ({ input: arg({ type: ChangeMarketDataEmailInput, required: true }) }),
  scope: credentialScopes,
  success: MarketDataEmailChanged,
  resolve: async ({ input }, ctx) => {
    const accountId = requireAccountId(input.accountId);
    const email = requireEmail('input.email', input.email);
    await naming('input.email', () => ctx.upstreams.retail.changeEmail(accountId, email));
    return { account: refreshedMarketDataAccount(ctx, accountId, false) };
  },
});

// --- subscriptions -------------------------------------------------------------------------------

const ActivateSubscriptionsInput = builder.inputType('ActivateSubscriptionsInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'The Retail account id.' }),
    subscriptions: t.field({ type: [MarketDataFeedInput], required: true, description: 'The feeds to activate; any end date sends the order as API v2.' }),
    successRedirectUrl: t.string({ description: "Where the signup page sends the user after the form; the application's setting when omitted." }),
  }),
});

interface ActivationShape {
  confirmationId: string | undefined;
  signupPage: ThemedLinksShape | undefined;
  apiVersion: RetailApiVersion;
  account: MarketDataAccountRef;
}

const SubscriptionActivation = builder.objectRef<ActivationShape>('SubscriptionActivation').implement({
  description:
    'An accepted activation order. With a `signupPage`, the user must first fill in personal data there; with a `confirmationId`, the order waits for `confirmSubscriptions`. With neither, the subscriptions are active.',
  fields: (t) => ({
    confirmationId: t.string({ nullable: true, description: 'For `confirmSubscriptions`; null when no feed of the order needs confirmation. A new activation replaces it.', resolve: (s) => s.confirmationId }),
    signupPage: t.field({ type: ThemedLinks, nullable: true, description: 'The page to send the user to; null when they provided their data before.', resolve: (s) => s.signupPage }),
    confirmationRequired: t.boolean({ resolve: (s) => s.confirmationId !== undefined }),
    apiVersion: t.field({ type: MarketDataApiVersion, description: 'V2 when any feed had an end date; `confirmSubscriptions` uses the same.', resolve: (s) => s.apiVersion }),
    account: t.field({ type: MarketDataAccountNode, description: afterWrite, resolve: (s) => s.account }),
  }),
});

mutation('activateSubscriptions', {
  description: 'Activates market-data subscriptions of a Retail account (API v1, or v2 when any feed has an end date). Refused with SUBSCRIPTION_ALREADY_ACTIVE, SINGLE_USE_FEED_ACTIVATED_BEFORE, MARKET_DATA_ACCOUNT_BLOCKED, MARKET_DATA_ACCOUNT_NOT_FOUND or VALIDATION (an unknown feed).',
  args: (arg) => ({ input: arg({ type: ActivateSubscriptionsInput, required: true }) }),
  scope: { write: true },
  success: SubscriptionActivation,
  resolve: async ({ input }, ctx) => {
    const accountId = requireAccountId(input.accountId);
    const feeds = requireFeeds('input.subscriptions', input.subscriptions);
    const successRedirectUrl = optionalUrl('input.successRedirectUrl', input.successRedirectUrl);
    const apiVersion = activationVersion(feeds);
    const answer = await naming('input.subscriptions', () => ctx.upstreams.retail.activate(accountId, feeds, successRedirectUrl));
    if (answer.confirmationId !== undefined) await ctx.confirmations.remember(accountId, answer.confirmationId, apiVersion);
    return { confirmationId: answer.confirmationId, signupPage: answer.signupPageByTheme, apiVersion, account: refreshedMarketDataAccount(ctx, accountId, true) };
  },
});

const ConfirmSubscriptionsInput = builder.inputType('ConfirmSubscriptionsInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'The Retail account id.' }),
    confirmationId: t.string({ required: true, description: "The activation's `confirmationId` (the latest one: a new activation replaces it)." }),
  }),
});

const SubscriptionsConfirmed = builder.objectRef<{ apiVersion: RetailApiVersion; account: MarketDataAccountRef }>('SubscriptionsConfirmed').implement({
  description: 'The order was confirmed; its subscriptions are active once the user has also submitted the signup form.',
  fields: (t) => ({
    apiVersion: t.field({ type: MarketDataApiVersion, description: 'The version the order was activated and confirmed under.', resolve: (s) => s.apiVersion }),
    account: t.field({ type: MarketDataAccountNode, description: afterWrite, resolve: (s) => s.account }),
  }),
});

/** Confirms under the activation's version; one this gateway did not see is tried as v1, then v2. */
async function confirm(ctx: Context, accountId: string, confirmationId: string): Promise<RetailApiVersion> {
  const retail = ctx.upstreams.retail;
  let version = await ctx.confirmations.versionOf(accountId, confirmationId);
  if (version !== undefined) {
    await retail.confirm(accountId, confirmationId, version);
  } else {
    try {
      version = 'v1';
      await retail.confirm(accountId, confirmationId, version);
    } catch (error) {
      if (!isOrderNotFound(error)) throw error;
      version = 'v2';
      await retail.confirm(accountId, confirmationId, version);
    }
  }
  await ctx.confirmations.forget(accountId, confirmationId);
  return version;
}

mutation('confirmSubscriptions', {
  description: 'Confirms an activation order that needs confirmation. ORDER_NOT_FOUND when the id is unknown, expired or replaced.',
  args: (arg) => ({ input: arg({ type: ConfirmSubscriptionsInput, required: true }) }),
  scope: { write: true },
  success: SubscriptionsConfirmed,
  resolve: async ({ input }, ctx) => {
    const accountId = requireAccountId(input.accountId);
    const confirmationId = requireText('input.confirmationId', input.confirmationId);
    const apiVersion = await naming('input.confirmationId', () => confirm(ctx, accountId, confirmationId));
    return { apiVersion, account: refreshedMarketDataAccount(ctx, accountId, true) };
  },
});

const feedNamesInput = (verb: string) =>
  builder.inputType(`${verb}SubscriptionsInput`, {
    fields: (t) => ({
      accountId: t.id({ required: true, description: 'The Retail account id.' }),
      feedNames: t.stringList({ required: true, description: `The subscriptions to ${verb.toLowerCase()}, by feed name.` }),
    }),
  });

/** Cancels or extends the named feeds of an account; its subscriptions are read afresh when selected. */
async function changeFeeds(ctx: Context, input: { accountId: string | number; feedNames: readonly string[] }, call: (accountId: string, names: string[]) => Promise<unknown>) {
  const accountId = requireAccountId(input.accountId);
  const names = requireFeedNames('input.feedNames', input.feedNames);
  await naming('input.feedNames', () => call(accountId, names));
  return { account: refreshedMarketDataAccount(ctx, accountId, true) };
}

const CancelSubscriptionsInput = feedNamesInput('Cancel');
const SubscriptionsCancelled = recordPayload('SubscriptionsCancelled', 'account', MarketDataAccountNode, {
  payload: "The subscriptions were cancelled under the application's rule (on the simulator: EXPIRED at once).",
  record: afterWrite,
});

mutation('cancelSubscriptions', {
  description: 'Cancels active subscriptions. SUBSCRIPTION_NOT_FOUND for a feed the account never had, SUBSCRIPTION_EXPIRED for one already ended.',
  args: (arg) => ({ input: arg({ type: CancelSubscriptionsInput, required: true }) }),
  scope: { write: true },
  success: SubscriptionsCancelled,
  resolve: ({ input }, ctx) => changeFeeds(ctx, input, (accountId, names) => ctx.upstreams.retail.cancel(accountId, names)),
});

const ExtendSubscriptionsInput = feedNamesInput('Extend');
const SubscriptionsExtended = recordPayload('SubscriptionsExtended', 'account', MarketDataAccountNode, {
  payload: 'The subscriptions were extended by one default period.',
  record: afterWrite,
});

mutation('extendSubscriptions', {
  description: 'Extends active subscriptions by one period, once per period: SUBSCRIPTION_ALREADY_EXTENDED after that, SUBSCRIPTION_NOT_EXTENDABLE for an infinite or single-use feed.',
  args: (arg) => ({ input: arg({ type: ExtendSubscriptionsInput, required: true }) }),
  scope: { write: true },
  success: SubscriptionsExtended,
  resolve: ({ input }, ctx) => changeFeeds(ctx, input, (accountId, names) => ctx.upstreams.retail.extend(accountId, names)),
});

// --- tokens, profile page, trial tracking --------------------------------------------------------

const MarketDataTokenInput = builder.inputType('MarketDataTokenInput', {
  description: 'Either `accountId`, or `login` and `password` (the market-data credentials).',
  fields: (t) => ({
    accountId: t.id({ description: 'The Retail account id (`MarketDataAccount.id`); for an end user, their own by default.' }),
    login: t.string(),
    password: t.string(),
    withDetails: t.boolean({ description: 'Also return the QD filters enabled for the user (`details`).', defaultValue: false }),
  }),
});

const MarketDataToken = builder.objectRef<{ token: string; details: string[] | undefined }>('MarketDataToken').implement({
  description: 'A dxFeed token: the key for market data.',
  fields: (t) => ({
    token: t.exposeString('token'),
    details: t.stringList({ nullable: true, description: 'The QD filters enabled for the user; only with `withDetails`.', resolve: (s) => s.details }),
  }),
});

/** Document 001's descriptions of the token reasons, which the answer itself does not carry. */
const tokenReasonMessages: Record<string, string> = {
  ACCOUNT_NOT_FOUND: 'The specified account does not exist',
  NO_ACTIVE_SUBSCRIPTIONS: 'There are no active subscriptions associated with the account',
  DATA_ACCESS_SUSPENDED: 'Data access is suspended for the account: no data is returned via active subscriptions',
  INVALID_CREDENTIALS: 'These credentials have not been granted to any account for this application',
};

type TokenArgs = typeof MarketDataTokenInput.$inferInput;

function tokenRequest(input: TokenArgs): { field: string; request: { accountId: string } | { login: string; password: string } } {
  const hasAccount = input.accountId !== null && input.accountId !== undefined;
  const hasLogin = (input.login ?? null) !== null || (input.password ?? null) !== null;
  if (hasAccount === hasLogin) throw new ValidationError('input', 'Give either input.accountId, or input.login and input.password');
  if (hasAccount) return { field: 'input.accountId', request: { accountId: requireAccountId(input.accountId!) } };
  const login = requireText('input.login', input.login ?? '');
  const password = input.password ?? '';
  if (password === '') throw new ValidationError('input.password', 'input.password must not be empty');
  return { field: 'input.login', request: { login, password } };
}

/** An end user's token: for their own market-data account only (the default), never by market-data credentials. */
async function ownTokenRequest(ctx: Context, input: TokenArgs): Promise<ReturnType<typeof tokenRequest>> {
  if ((input.login ?? null) !== null || (input.password ?? null) !== null) {
    throw new AccessDeniedError('FORBIDDEN', 'An end user gets a token for their own market-data account only: give input.accountId, or nothing');
  }
  const requested = input.accountId === null || input.accountId === undefined ? undefined : requireAccountId(input.accountId);
  return { field: 'input.accountId', request: { accountId: await ownMarketDataAccount(ctx, requested) } };
}

/**
 * Market-data logins have no domain: their tries are counted under the empty one, which no dxCore
 * login or checkLogin can name (a blank domain is refused before any try), so the two never share a count.
 */
const marketDataLogins = '';

/**
 * Token answers say ERROR with HTTP 200 (document 001): the same typed error as any other refusal. A
 * password is a guess like a login's: a try is taken first, and given back unless Retail refused the
 * credentials themselves.
 */
async function token(ctx: Context, input: TokenArgs) {
  const { field, request } = ctx.caller.kind === 'user' ? await ownTokenRequest(ctx, input) : tokenRequest(input);
  const attempt = 'password' in request ? await passwordTry(ctx, marketDataLogins, request.login) : undefined;
  const withDetails = input.withDetails ?? false;
  const answer = await naming(field, () => ctx.upstreams.retail.token(request, withDetails)).catch(async (error: unknown) => {
    await attempt?.undecided();
    throw error;
  });
  const code = answer.reason ? normalizeRetailReason(answer.reason) : undefined;
  // A token, or a refusal about the account (no active subscription, suspended), means the password was right.
  if (answer.status === 'OK' && !answer.token) await attempt?.undecided();
  else if (code !== 'INVALID_CREDENTIALS') await attempt?.succeeded();
  if (answer.status === 'OK' && answer.token) return { token: answer.token, details: withDetails ? (answer.details ?? []) : undefined };
  const route = 'POST /api/v1/token';
  if (answer.status === 'OK') {
    throw new UpstreamUnavailableError('UPSTREAM_BAD_RESPONSE', 'Retail Services Platform answered status OK without a token', { name: 'retail', status: 200, code: null, message: 'no token' });
  }
  const message = (code && tokenReasonMessages[code]) ?? `token refused (status ${answer.status})`;
  throw typedUpstreamError(new UpstreamError({ upstream: 'retail', route, failure: 'http', status: 200, code, message }), field);
}

mutation('marketDataToken', {
  description:
    'Issues a dxFeed token by account id or by market-data credentials. Refusals: MARKET_DATA_ACCOUNT_NOT_FOUND, INVALID_CREDENTIALS, NO_ACTIVE_SUBSCRIPTIONS, DATA_ACCESS_SUSPENDED, VALIDATION; ' +
    'failed password tries are counted like logins (LOGIN_THROTTLED), and a request holds one credential check. ' +
    'Needs `write`, or an end user\'s session: then for their own linked account only (the default; another is FORBIDDEN).',
  args: (arg) => ({ input: arg({ type: MarketDataTokenInput, required: true }) }),
  scope: { write: true, endUser: true },
  success: MarketDataToken,
  errors: [InvalidCredentialsError, LoginThrottledError],
  resolve: ({ input }, ctx) => token(ctx, input),
});

const MarketDataProfileLink = builder.objectRef<{ profilePage: ThemedLinksShape; expiresAt: string | undefined; account: MarketDataAccountRef }>('MarketDataProfileLink').implement({
  description: "Links to the user's personal profile page.",
  fields: (t) => ({
    profilePage: t.field({ type: ThemedLinks, resolve: (s) => s.profilePage }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the links stop working.', resolve: (s) => s.expiresAt }),
    account: t.field({
      type: MarketDataAccountNode,
      // An end user's link is for their own account (checked by the mutation).
      grantScopes: (_, __, ctx) => grantOwnIf(ctx.caller.kind === 'user'),
      resolve: (s) => s.account,
    }),
  }),
});

mutation('marketDataProfileLink', {
  description:
    "Makes links to the user's personal profile page (each call a new pair, with an expiry). Needs `write`, or an end user's session: then for their own linked account only (another is FORBIDDEN).",
  args: (arg) => ({ input: arg({ type: MarketDataAccountInput, required: true }) }),
  scope: { write: true, endUser: true },
  success: MarketDataProfileLink,
  resolve: async ({ input }, ctx) => {
    const requested = requireAccountId(input.accountId);
    const accountId = ctx.caller.kind === 'user' ? await ownMarketDataAccount(ctx, requested) : requested;
    const link = await naming('input.accountId', () => ctx.upstreams.retail.profileLink(accountId));
    return { profilePage: link.profilePageByTheme, expiresAt: link.expiresAt, account: { key: accountId } };
  },
});

const trialFields = ['macAddress', 'email', 'firstName', 'lastName', 'phone'] as const;

const TrackTrialInput = builder.inputType('TrackTrialInput', {
  description: 'What is known about the trial user; every field is optional.',
  fields: (t) => Object.fromEntries(trialFields.map((name) => [name, t.string()])) as Record<(typeof trialFields)[number], ReturnType<typeof t.string>>,
});

const TrialTracked = builder.objectRef<{ recorded: true }>('TrialTracked').implement({
  description: 'The trial was saved for tracking and reporting.',
  fields: (t) => ({ recorded: t.boolean({ resolve: (s) => s.recorded }) }),
});

const macPattern = /^[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$/;

mutation('trackTrial', {
  description: 'Records a trial subscription for tracking and reporting.',
  args: (arg) => ({ input: arg({ type: TrackTrialInput, required: true }) }),
  scope: { write: true },
  success: TrialTracked,
  resolve: async ({ input }, ctx) => {
    const body: Record<string, string> = {};
    for (const name of trialFields) {
      const value = optionalText(`input.${name}`, input[name]);
      if (value !== undefined) body[name] = value;
    }
    if (body.macAddress !== undefined && !macPattern.test(body.macAddress)) throw new ValidationError('input.macAddress', 'input.macAddress must be six hex pairs, e.g. 00:11:22:33:44:55');
    if (body.email !== undefined) body.email = requireEmail('input.email', body.email);
    await naming('input', () => ctx.upstreams.retail.track(body));
    return { recorded: true as const };
  },
});

