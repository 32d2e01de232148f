import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { z } from 'zod';
import { quoteCallerText } from '../caller-text.ts';
import { platformAccountStatuses } from '../readings.ts';
import { optional } from '../upstreams/decode.ts';
import { platformAccountTypes } from '../upstreams/platform.ts';
import { retailSubscriptionStatuses } from '../upstreams/retail.ts';
import type { EventHub } from './hub.ts';
import type { GatewayEvent } from './log.ts';

/** The two webhook endpoints of the contract: `/webhooks/platform` and `/webhooks/dxfeed`. */
export const webhookSources = ['platform', 'dxfeed'] as const;
export type WebhookSource = (typeof webhookSources)[number];

export const platformEventTypes = ['ACCOUNT.CREATED', 'ACCOUNT.ACTIVATED', 'ACCOUNT.CLOSING_INITIATED', 'ACCOUNT.CLOSED', 'ACCOUNT.LOCKED', 'ACCOUNT.UPDATED'] as const;
export const dxFeedEventTypes = ['SUBSCRIPTION.ACTIVATED', 'SUBSCRIPTION.DEACTIVATED', 'SUBSCRIPTION.ADDED', 'SUBSCRIPTION.REMOVED', 'SUBSCRIPTION.EXTENDED'] as const;

const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time');
const text = z.string().trim().min(1, 'must not be empty');
/**
 * An upstream id (an event's, an account's, a user's): what subscribers get as a GraphQL ID and an SSE
 * `id:` line, what `after` names and log lines show. Bounded and printable, so that none of those can
 * be stretched or broken by what a sender puts there.
 */
const upstreamId = z.string().regex(/^[\x21-\x7e]{1,256}$/, 'must be 1-256 visible ASCII characters');

/**
 * Document 004's account as an event carries it: every field the snapshot shows is checked as GraphQL
 * will show it (enum values, a 32-bit Int, date-times), so that what is acknowledged can be delivered;
 * fields the gateway does not show are kept as sent.
 */
const accountSnapshot = z.looseObject({
  id: upstreamId,
  name: optional(z.string()),
  status: optional(z.enum(platformAccountStatuses)),
  type: optional(z.enum(platformAccountTypes)),
  account_number: optional(z.int32()),
  account_group_id: optional(z.string()),
  created_at: optional(timestamp),
  updated_at: optional(timestamp),
  users: optional(z.array(z.object({ id: upstreamId, type: optional(z.string()) }))),
});

/** Document 004's account event. Only what the gateway relies on is required; the snapshot keeps every field. */
const platformBody = z.object({
  id: upstreamId,
  created_at: timestamp,
  type: z.enum(platformEventTypes),
  object: accountSnapshot,
  webhook_id: z.string().optional(),
});

/** The dxFeed subscription callback as the seeds README reads it; a status is one `MarketDataSubscriptionStatus` can show. */
const dxFeedBody = z.object({
  id: upstreamId,
  type: z.enum(dxFeedEventTypes),
  createdAt: timestamp,
  accountId: upstreamId,
  subscriptions: z.array(z.object({ name: text, status: z.enum(retailSubscriptionStatuses), expiresAt: timestamp.nullable().optional() })),
});

/** A dxFeed callback's payload in the log. */
export interface DxFeedEventData {
  accountId: string;
  subscriptions: { name: string; status: string; expiresAt: string | undefined }[];
}

function toEvent(source: WebhookSource, body: unknown): GatewayEvent | z.ZodError {
  if (source === 'platform') {
    const parsed = platformBody.safeParse(body);
    if (!parsed.success) return parsed.error;
    const { id, type, created_at, object } = parsed.data;
    return { id, stream: 'account', type, createdAt: new Date(created_at).toISOString(), data: object };
  }
  const parsed = dxFeedBody.safeParse(body);
  if (!parsed.success) return parsed.error;
  const { id, type, createdAt, accountId, subscriptions } = parsed.data;
  const data: DxFeedEventData = { accountId, subscriptions: subscriptions.map((s) => ({ name: s.name, status: s.status, expiresAt: s.expiresAt ?? undefined })) };
  return { id, stream: 'market-data', type, createdAt: new Date(createdAt).toISOString(), data };
}

export interface WebhookAnswer {
  status: number;
  body: { accepted: boolean; duplicate?: boolean; error?: string };
}

export interface WebhookIntakeOptions {
  /** `whsec_<base64>`; without it every webhook is refused (503), never accepted unverified. */
  secret: string | undefined;
  hub: EventHub;
  /** Runs after an event was newly logged (not for duplicates): what the event changes in the gateway. */
  onLogged?: (event: GatewayEvent) => Promise<void>;
  /** Reports failures the caller does not see in full: the log refusing an append, an effect failing. */
  report?: (message: string, error: unknown) => void;
}

const refuse = (status: number, error: string): WebhookAnswer => ({ status, body: { accepted: false, error } });

/** Problems a refusal lists at most: enough to fix a sender, bounded however many a body has. */
const listedIssues = 5;

const issuesOf = (error: z.ZodError) => {
  const listed = error.issues.slice(0, listedIssues).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  const more = error.issues.length - listed.length;
  return [...listed, ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
};

/**
 * Verifies, parses and logs one webhook. The answer is 2xx only once the event is in the log; a
 * repeated `webhook-id` (or event id) is acknowledged without being logged again.
 */
export class WebhookIntake {
  private readonly verifier: Webhook | undefined;
  private readonly options: WebhookIntakeOptions;

  constructor(options: WebhookIntakeOptions) {
    this.options = options;
    this.verifier = options.secret ? new Webhook(options.secret) : undefined;
  }

  async handle(source: WebhookSource, headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<WebhookAnswer> {
    if (!this.verifier) return refuse(503, 'Webhooks are not accepted: WEBHOOK_SECRET is not configured');
    const single = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    try {
      this.verifier.verify(rawBody, single, { jsonParse: false });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return refuse(401, `Webhook signature refused: ${error.message}`);
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return refuse(400, 'Webhook body is not JSON');
    }
    const event = toEvent(source, body);
    if (event instanceof z.ZodError) return refuse(400, `Webhook body is not a ${source} event: ${issuesOf(event)}`);
    return this.log(event, single['webhook-id'] as string);
  }

  private async log(event: GatewayEvent, webhookId: string): Promise<WebhookAnswer> {
    let duplicate: boolean;
    try {
      ({ duplicate } = await this.options.hub.publish(event, webhookId));
    } catch (error) {
      this.options.report?.(`webhook ${quoteCallerText(webhookId)}: the event log refused event ${event.id}`, error);
      return refuse(503, 'The event log is unavailable; send the webhook again later');
    }
    if (!duplicate && this.options.onLogged) {
      // The event is safe in the log; what it changes in the gateway must not decide the answer.
      this.options.onLogged(event).catch((error: unknown) => this.options.report?.(`event ${event.id}: its effect failed`, error));
    }
    return { status: 200, body: { accepted: true, duplicate } };
  }
}
