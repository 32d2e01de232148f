import { z } from 'zod';

/** Limits on `/webhooks/*`, checked before a body is read wherever they can be. */
export interface WebhookLimits {
  /** Refused webhooks (bad, stale or missing signature, body too large or too slow) one address may send per window; past that, its webhooks answer 429 unread. @default 60 */
  refused: number;
  /** The window of `refused`, in seconds. @default 60 */
  perSeconds: number;
  /** Webhooks being read, verified and logged at once; more answer 503 at once. @default 16 */
  concurrent: number;
  /** Time to receive a webhook's body. @default 5000 */
  bodyTimeoutMs: number;
}

export const defaultWebhookLimits: WebhookLimits = { refused: 60, perSeconds: 60, concurrent: 16, bodyTimeoutMs: 5_000 };

/** WEBHOOK_LIMITS: JSON overriding some of `defaultWebhookLimits`; unknown keys are refused. */
export const webhookLimitsSetting = z
  .strictObject({
    refused: z.number().int().positive().optional(),
    perSeconds: z.number().int().positive().optional(),
    concurrent: z.number().int().positive().optional(),
    bodyTimeoutMs: z.number().int().min(100).optional(),
  })
  .transform((given): WebhookLimits => ({ ...defaultWebhookLimits, ...given }));
