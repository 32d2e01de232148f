import { z } from 'zod';
import { optional } from './decode.ts';
import { normalizeRetailReason } from '../readings.ts';
import { UpstreamHttp, type UpstreamHttpOptions } from './http.ts';


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

const seg = encodeURIComponent;

/** Retail Services Platform reads (document 001), with the gateway's `Bearer` key. */
export class RetailUpstream {
  readonly http: UpstreamHttp;
  private readonly authorization: string;

  constructor(url: URL, apiKey: string, options: Omit<UpstreamHttpOptions, 'parseError'> = {}) {
    this.http = new UpstreamHttp('retail', url, { ...options, parseError: parseRetailError });
    this.authorization = `Bearer ${apiKey}`;
  }

  account(accountId: string) {
    return this.http.request({ method: 'GET', route: 'GET /api/v1/accounts/:accountId', path: `/api/v1/accounts/${seg(accountId)}`, authorization: this.authorization, schema: retailAccount });
  }

  accountByEmail(email: string) {
    return this.http.request({ method: 'GET', route: 'GET /api/v1/accounts/by-email/:email', path: `/api/v1/accounts/by-email/${seg(email)}`, authorization: this.authorization, schema: retailAccount });
  }

  async subscriptions(accountId: string): Promise<RetailSubscription[]> {
    const list = await this.http.request({
      method: 'GET',
      route: 'GET /api/v1/accounts/:accountId/subscriptions',
      path: `/api/v1/accounts/${seg(accountId)}/subscriptions`,
      authorization: this.authorization,
      schema: subscriptionList,
    });
    return list.subscriptions;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
