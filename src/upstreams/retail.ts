import { z } from 'zod';
import { optional } from './decode.ts';
import { normalizeRetailReason } from '../readings.ts';
import { UpstreamHttp, type UpstreamHttpOptions } from './http.ts';
import { endpoint, type Endpoint } from './parameters.ts';

/**
 * A market-data account. Document 002 (the older API) answers `{id, email}` only; document 001 adds
 * the three statuses, so they are optional here, and any added field is dropped.
 */
export const retailAccount = z.object({
  id: z.string(),
  email: optional(z.string()),
  status: optional(z.string()),
  subscriberStatus: optional(z.string()),
  dataAccessStatus: optional(z.string()),
});
export type RetailAccount = z.infer<typeof retailAccount>;

/** A subscription's status, as document 001 lists them. */
export const retailSubscriptionStatuses = ['ACTIVE', 'EXPIRED'] as const;

export const retailSubscription = z.object({
  name: z.string(),
  status: z.string(),
  expiresAt: optional(z.string()),
});
export type RetailSubscription = z.infer<typeof retailSubscription>;

const subscriptionList = z.object({ subscriptions: z.array(retailSubscription) });

const retailErrorBody = z.object({ reason: optional(z.string()), message: optional(z.string()), errorCode: optional(z.union([z.number(), z.string()])) });

export function parseRetailError(body: unknown): { code?: string; message?: string } {
  const parsed = retailErrorBody.safeParse(body);
  if (!parsed.success) return {};
  return { code: parsed.data.reason ? normalizeRetailReason(parsed.data.reason) : undefined, message: parsed.data.message };
}

const signupLinks = z.object({ LIGHT: optional(z.string()), DARK: optional(z.string()) });

/** Activate v1/v2: signup links and/or a confirmation id, each null when not needed (document 001). */
export const retailActivation = z.object({ signupPageByTheme: optional(signupLinks), confirmationId: optional(z.string()) });
export type RetailActivation = z.infer<typeof retailActivation>;

/** Token answers are 200 with `status: ERROR` for some failures (document 001). */
export const retailToken = z.object({ status: z.string(), reason: optional(z.string()), token: optional(z.string()), details: optional(z.array(z.string())) });

export const retailProfileLink = z.object({ profilePageByTheme: signupLinks, expiresAt: optional(z.string()) });

const created = z.object({ accountId: z.string() });
const ignored = z.unknown();

export interface RetailFeedRequest {
  feedName: string;
  endDate?: string | undefined;
}

export type RetailApiVersion = 'v1' | 'v2';

/** Retail Services Platform (document 001), with the gateway's `Bearer` key. */
export class RetailUpstream {
  readonly http: UpstreamHttp;
  private readonly authorization: string;

  constructor(url: URL, apiKey: string, options: Omit<UpstreamHttpOptions, 'parseError'> = {}) {
    this.http = new UpstreamHttp('retail', url, { ...options, parseError: parseRetailError });
    this.authorization = `Bearer ${apiKey}`;
  }

  account(accountId: string) {
    return this.http.request({ ...endpoint('GET', '/api/v1/accounts/:accountId', { accountId }), authorization: this.authorization, schema: retailAccount });
  }

  accountByEmail(email: string) {
    return this.http.request({ ...endpoint('GET', '/api/v1/accounts/by-email/:email', { email }), authorization: this.authorization, schema: retailAccount });
  }

  async subscriptions(accountId: string): Promise<RetailSubscription[]> {
    const list = await this.http.request({ ...endpoint('GET', '/api/v1/accounts/:accountId/subscriptions', { accountId }), authorization: this.authorization, schema: subscriptionList });
    return list.subscriptions;
  }

  createAccount(body: { email?: string | undefined; metadata: Record<string, string | null>; allowedStatuses?: string | undefined }) {
    return this.post(endpoint('POST', '/api/v1/accounts'), body, created);
  }

  resetPassword(accountId: string) {
    return this.post(endpoint('POST', '/api/v1/accounts/:accountId/reset-password', { accountId }), undefined, ignored);
  }

  changeEmail(accountId: string, email: string) {
    return this.post(endpoint('POST', '/api/v1/accounts/:accountId/change-email', { accountId }), { email }, ignored);
  }

  /** v2 when any feed has an end date (document 001: v2 adds `endDate`); v1 otherwise, as older servers know it. */
  activate(accountId: string, feeds: RetailFeedRequest[], successRedirectUrl?: string) {
    const version = activationVersion(feeds);
    const subscriptions = version === 'v2' ? feeds.map((f) => (f.endDate ? f : { feedName: f.feedName })) : feeds.map((f) => f.feedName);
    return this.post(endpoint('POST', `/api/${version}/accounts/:accountId/subscriptions`, { accountId }), { subscriptions, successRedirectUrl }, retailActivation);
  }

  /** Confirm under the activation's version (document 001). */
  confirm(accountId: string, confirmationId: string, version: RetailApiVersion) {
    return this.post(endpoint('POST', `/api/${version}/accounts/:accountId/subscriptions/confirm`, { accountId }), { confirmationId }, ignored);
  }

  cancel(accountId: string, subscriptions: string[]) {
    return this.post(endpoint('POST', '/api/v1/accounts/:accountId/subscriptions/cancel', { accountId }), { subscriptions }, ignored);
  }

  extend(accountId: string, subscriptions: string[]) {
    return this.post(endpoint('POST', '/api/v1/accounts/:accountId/subscriptions/extend', { accountId }), { subscriptions }, ignored);
  }

  token(request: { accountId: string } | { login: string; password: string }, withDetails: boolean) {
    return this.post(endpoint('POST', '/api/v1/token'), { ...request, withDetails }, retailToken);
  }

  profileLink(accountId: string) {
    return this.post(endpoint('POST', '/api/v1/accounts/:accountId/profile-link', { accountId }), undefined, retailProfileLink);
  }

  track(body: Record<string, string>) {
    return this.post(endpoint('POST', '/api/v1/track'), body, ignored);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private post<T>(at: Endpoint<'POST'>, json: unknown, schema: z.ZodType<T>): Promise<T> {
    return this.http.request({ ...at, json, authorization: this.authorization, schema });
  }
}

export const activationVersion = (feeds: RetailFeedRequest[]): RetailApiVersion => (feeds.some((f) => f.endDate) ? 'v2' : 'v1');
